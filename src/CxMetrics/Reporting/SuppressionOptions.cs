namespace CxMetrics.Reporting;

/// <summary>
/// Privacy of small cells, applied by every writer to every count cell of every table: counts from 1 to
/// <see cref="MinimumCount"/> − 1 are flagged or blanked (<see cref="Mode"/>), or, in <see cref="SuppressionMode.Round"/>, every
/// count is rounded to a multiple of <see cref="RoundingBase"/> (a count above zero to at least the base). Zero is never
/// suppressed. The default, <see cref="None"/>, flags nothing.
/// </summary>
public sealed record SuppressionOptions
{
    /// <summary>No suppression: every count printed as it is.</summary>
    public static SuppressionOptions None { get; } = new();

    /// <summary>The smallest count shown as it is in <see cref="SuppressionMode.Flag"/> and <see cref="SuppressionMode.Blank"/>; 0 (the default) suppresses nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MinimumCount
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MinimumCount));
            field = value;
        }
    }

    /// <summary>What happens to a small count; <see cref="SuppressionMode.Flag"/> by default.</summary>
    public SuppressionMode Mode { get; init; } = SuppressionMode.Flag;

    /// <summary>The base counts are rounded to in <see cref="SuppressionMode.Round"/>; 5 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int RoundingBase
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(RoundingBase));
            field = value;
        }
    } = 5;
}
