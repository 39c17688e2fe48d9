using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// Choices for <see cref="CustomerValueIntervals"/>: the method, the number of draws, the seed and (inherited) the
/// confidence level of the percentile intervals (default 0.95).
/// </summary>
public sealed record CustomerValueIntervalOptions : EstimateOptions
{
    private readonly int draws = 200;

    /// <summary>The defaults: 200 parameter draws, seed 1, 95% intervals.</summary>
    public static CustomerValueIntervalOptions Default { get; } = new();

    /// <summary>Where the uncertainty comes from. Default <see cref="CustomerValueIntervalMethod.ParameterDraws"/>.</summary>
    public CustomerValueIntervalMethod Method { get; init; } = CustomerValueIntervalMethod.ParameterDraws;

    /// <summary>
    /// How many parameter draws (or bootstrap refits), at least 10. Default 200 (CLVTools' <c>predict</c> bootstraps 100 by default; the 2.5% and 97.5%
    /// percentiles of 200 draws rest on 5 draws in each tail, so ask for 1,000 or more for stable far tails).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 10.</exception>
    public int Draws
    {
        get => draws;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 10, nameof(Draws));
            draws = value;
        }
    }

    /// <summary>Seed of the deterministic generator: the same data, model, options and seed give identical intervals on every machine and any number of cores. Default 1.</summary>
    public ulong Seed { get; init; } = 1;
}
