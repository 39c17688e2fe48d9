using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>How RFM scores and segments are made (<see cref="RfmSegments"/>): the number of score bins and the segment map.</summary>
public sealed record RfmOptions : EstimateOptions
{
    private readonly int bins = 5;
    private readonly IReadOnlyList<RfmSegmentRule> segments = RfmSegments.DefaultMap;

    /// <summary>n: scores run from 1 to n (default 5, quintiles); between 2 and 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2 or above 100.</exception>
    public int Bins
    {
        get => bins;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2, nameof(Bins));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100, nameof(Bins));
            bins = value;
        }
    }

    /// <summary>The segment map, first match wins (default <see cref="RfmSegments.DefaultMap"/>, written for 5 bins).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<RfmSegmentRule> Segments
    {
        get => segments;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Segments));
            segments = value;
        }
    }

    /// <summary>The name of the customers no rule matches (default <c>Others</c>, as R <c>rfm</c>).</summary>
    public string Unmatched { get; init; } = "Others";
}
