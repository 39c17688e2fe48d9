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

    /// <summary>Uncensored durations.</summary>
    public static Arbitrary<double[]> Uncensored { get; } = Gen.Choose(0, 40).Select(i => (double)i).ArrayOf().ToArbitrary();

    /// <summary>Lifetimes with a group code 0..3.</summary>
    public static Arbitrary<(double Duration, bool Event, int Group)[]> Grouped { get; } =
        Observation.Zip(Gen.Choose(0, 3)).Select(x => (x.Item1.Duration, x.Item1.Event, x.Item2)).ArrayOf().ToArbitrary();
}
