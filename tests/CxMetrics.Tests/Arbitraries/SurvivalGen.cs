using FsCheck;
using FsCheck.Fluent;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>FsCheck generators for right-censored lifetimes: whole-number durations (many ties) or fractional ones, with event flags.</summary>
public static class SurvivalGen
{
    /// <summary>A lifetime: duration (often tied) and whether the event was observed.</summary>
    public static Gen<(double Duration, bool Event)> Observation { get; } =
        Gen.Frequency(
            (3, Gen.Choose(0, 30).Select(i => (double)i)),
            (1, Gen.Choose(0, 100_000).Select(i => i / 1000.0)))
        .Zip(Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))));

    /// <summary>Arrays of lifetimes, sometimes long enough for the radix-sort path.</summary>
    public static Arbitrary<(double Duration, bool Event)[]> Observations { get; } = Gen.Frequency(
        (4, Observation.ArrayOf()),
        (1, Gen.Choose(0, 3000).SelectMany(n => Observation.ArrayOf(n))))
        .ToArbitrary();

    /// <summary>
    /// A lifetime with delayed entry (entry, exit, event): about half observed from the start (entry 0), the others entering
    /// at a whole or fractional time strictly below the exit, often tied with other entries and exits.
    /// </summary>
    public static Gen<(double Entry, double Duration, bool Event)> DelayedObservation { get; } =
        Observation.Zip(Gen.Choose(0, 9)).Select(x =>
        {
            var (duration, happened) = x.Item1;
            double entry = x.Item2 < 5 || duration == 0 ? 0 : x.Item2 < 8 ? Math.Floor(duration * (x.Item2 - 4) / 4) : duration * (x.Item2 - 7) / 3;
            return (entry < duration ? entry : 0, duration, happened);
        });

    /// <summary>Arrays of lifetimes with delayed entries, sometimes long enough for the radix-sort path.</summary>
    public static Arbitrary<(double Entry, double Duration, bool Event)[]> DelayedObservations { get; } = Gen.Frequency(
        (4, DelayedObservation.ArrayOf()),
        (1, Gen.Choose(0, 3000).SelectMany(n => DelayedObservation.ArrayOf(n))))
        .ToArbitrary();

    /// <summary>Uncensored durations.</summary>
    public static Arbitrary<double[]> Uncensored { get; } = Gen.Choose(0, 40).Select(i => (double)i).ArrayOf().ToArbitrary();

    /// <summary>Lifetimes with a group code 0..3.</summary>
    public static Arbitrary<(double Duration, bool Event, int Group)[]> Grouped { get; } =
        Observation.Zip(Gen.Choose(0, 3)).Select(x => (x.Item1.Duration, x.Item1.Event, x.Item2)).ArrayOf().ToArbitrary();
}
