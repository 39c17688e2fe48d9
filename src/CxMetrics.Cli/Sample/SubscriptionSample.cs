using NodaTime;

namespace CxMetrics.Cli.Sample;

/// <summary>
/// The bundled subscription events (<c>samples/subscriptions/subscription_events.csv</c>): two years (2024–2025) of a
/// fictional subscription box shop in Europe/Berlin, generated deterministically from <see cref="Seed"/> (the generator is
/// kept with the tests, which check that the bundled file is exactly its output). No open subscription event log
/// with plan changes, pauses and reactivations exists, so it is synthetic by design: 240 customers on three plans
/// (9, 19, 49 EUR MRR), about 3% monthly cancellation, upgrades and downgrades, pauses that resume, skipped boxes,
/// win-backs, and some customers with a second (add-on) subscription.
/// </summary>
internal static class SubscriptionSample
{
    public const ulong Seed = 20240101;

    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>The as-of instant of the sample: the start of 2026 in Berlin.</summary>
    public static Instant AsOf { get; } = new LocalDate(2026, 1, 1).AtStartOfDayInZone(Zone).ToInstant();

    public static string Path { get; } = SampleFiles.Path("subscriptions", "subscription_events.csv");
}
