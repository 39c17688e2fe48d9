using CxMetrics.Commerce;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>
/// FsCheck generators for cart events: a handful of units, every kind, times on a minute grid over ten hours (so ties,
/// duplicates, gaps longer than a 30-minute time-out and steps out of sequence all happen), values in one currency.
/// </summary>
public static class CartGen
{
    /// <summary>The start of the generated timeline.</summary>
    public static readonly Instant T0 = Instant.FromUtc(2024, 5, 6, 8, 0);

    private static readonly string?[] Devices = [null, "desktop", "mobile"];

    /// <summary>One event: unit 0–7, any kind (checkout steps more often), minute 0–600, sometimes a value.</summary>
    public static Gen<CartEvent> Event { get; } =
        Gen.Choose(0, 7).Zip(Gen.Frequency((3, Gen.Choose(0, 5)), (1, Gen.Choose(6, 7))), (unit, kind) => (Unit: unit, Kind: kind))
            .Zip(Gen.Choose(0, 600), (a, minute) => (a.Unit, a.Kind, Minute: minute))
            .Zip(Gen.Choose(-20_000, 50_000), (a, cents) => (a.Unit, a.Kind, a.Minute, Cents: cents))
            .Zip(Gen.Choose(0, 2), (a, device) =>
            {
                decimal? value = a.Cents < 0 ? null : a.Cents / 100m;
                return new CartEvent($"u{a.Unit}", (CartEventKind)a.Kind, T0.Plus(Duration.FromMinutes(a.Minute)), value, value is null ? null : "EUR")
                {
                    Device = Devices[device],
                };
            });

    /// <summary>
    /// <see cref="Event"/> with sometimes an item, a channel or a segment (and a value scale that is kept, e.g. 1.50), so
    /// that every stored field of a unit varies.
    /// </summary>
    public static Gen<CartEvent> RichEvent { get; } =
        Event.Zip(Gen.Choose(0, 11), (e, k) => e with
        {
            ItemId = k % 3 == 0 ? null : $"i{k % 3}",
            Channel = k % 4 == 0 ? "app" : k % 4 == 1 ? "web" : null,
            Segment = k == 11 ? "vip" : null,
        });

    /// <summary>Arrays of events.</summary>
    public static Arbitrary<CartEvent[]> Events { get; } = Event.ArrayOf().ToArbitrary();

    /// <summary>As-of instants around and after the generated timeline (minute 0–700).</summary>
    public static Arbitrary<int> AsOfMinute { get; } = Gen.Choose(0, 700).ToArbitrary();

    /// <summary>Funnel step counts: a first count and step-to-step completion shares, non-increasing.</summary>
    public static Arbitrary<long[]> ClosedCounts { get; } =
        Gen.Choose(0, 100_000).Zip(Gen.Choose(0, 1000).ArrayOf().Where(a => a.Length is >= 1 and <= 8), (first, shares) =>
            {
                var counts = new long[shares.Length + 1];
                counts[0] = first;
                for (int i = 0; i < shares.Length; i++)
                {
                    counts[i + 1] = counts[i] * shares[i] / 1000;
                }

                return counts;
            })
            .ToArbitrary();

    /// <summary>The instant <paramref name="minute"/> minutes after <see cref="T0"/>.</summary>
    public static Instant At(int minute) => T0.Plus(Duration.FromMinutes(minute));

    /// <summary>Shuffles a copy deterministically.</summary>
    public static T[] Shuffle<T>(T[] items, int seed)
    {
        var copy = (T[])items.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}
