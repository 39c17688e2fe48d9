using System.Globalization;

namespace CxMetrics.Surveys;

/// <summary>
/// An integer rating scale (CSAT, CES) with the band of scores counted as favourable ("top-2-box" for satisfaction).
/// Presets live in <see cref="CsatScale"/> and <see cref="CesScale"/>; <see cref="Create"/> makes any other.
/// </summary>
public sealed record RatingScale
{
    /// <summary>The largest scale supported (0–100 covers every survey scale seen in practice).</summary>
    public const int MaxSupportedScore = 100;

    private RatingScale(string metric, int min, int max, int favourableMin, int favourableMax, ScaleDirection direction, string favourableLabel)
    {
        Metric = metric;
        Min = min;
        Max = max;
        FavourableMin = favourableMin;
        FavourableMax = favourableMax;
        Direction = direction;
        FavourableLabel = favourableLabel;
    }

    /// <summary>The metric the scale measures, e.g. <c>CSAT</c> or <c>CES</c>.</summary>
    public string Metric { get; }

    /// <summary>The lowest score.</summary>
    public int Min { get; }

    /// <summary>The highest score.</summary>
    public int Max { get; }

    /// <summary>The lowest favourable score.</summary>
    public int FavourableMin { get; }

    /// <summary>The highest favourable score.</summary>
    public int FavourableMax { get; }

    /// <summary>Which end of the scale is good.</summary>
    public ScaleDirection Direction { get; }

    /// <summary>What a favourable answer means, e.g. <c>satisfied</c>, <c>agree</c>, <c>low effort</c>.</summary>
    public string FavourableLabel { get; }

    /// <summary>The number of points on the scale.</summary>
    public int Points => Max - Min + 1;

    /// <summary>
    /// Creates a scale. The favourable band must sit at the good end: it ends at <paramref name="max"/> when higher is better
    /// and starts at <paramref name="min"/> when lower is better.
    /// </summary>
    /// <param name="metric">Metric name, e.g. <c>CSAT</c>.</param>
    /// <param name="min">Lowest score, 0 ≤ min.</param>
    /// <param name="max">Highest score, min &lt; max ≤ 100.</param>
    /// <param name="favourableMin">Lowest favourable score.</param>
    /// <param name="favourableMax">Highest favourable score.</param>
    /// <param name="direction">Which end is good.</param>
    /// <param name="favourableLabel">What a favourable answer means.</param>
    /// <returns>The scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are inconsistent.</exception>
    public static RatingScale Create(string metric, int min, int max, int favourableMin, int favourableMax, ScaleDirection direction, string favourableLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentException.ThrowIfNullOrWhiteSpace(favourableLabel);
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxSupportedScore);
        if (max <= min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"the highest score {max} must exceed the lowest {min}.");
        }

        if (favourableMin < min || favourableMax > max || favourableMin > favourableMax)
        {
            throw new ArgumentOutOfRangeException(nameof(favourableMin), favourableMin, $"the favourable band {favourableMin}–{favourableMax} must lie within the scale {min}–{max}.");
        }

        if (direction == ScaleDirection.HigherIsBetter ? favourableMax != max : favourableMin != min)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, $"the favourable band {favourableMin}–{favourableMax} must include the good end of the scale {min}–{max} ({direction}).");
        }

        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "unknown scale direction.");
        }

        return new RatingScale(metric, min, max, favourableMin, favourableMax, direction, favourableLabel);
    }

    /// <summary>Whether <paramref name="score"/> is on the scale.</summary>
    /// <param name="score">The score.</param>
    /// <returns><see langword="true"/> when <c>Min ≤ score ≤ Max</c>.</returns>
    public bool Contains(int score) => score >= Min && score <= Max;

    /// <summary>Whether <paramref name="score"/> is in the favourable band.</summary>
    /// <param name="score">The score.</param>
    /// <returns><see langword="true"/> when <c>FavourableMin ≤ score ≤ FavourableMax</c>.</returns>
    public bool IsFavourable(int score) => score >= FavourableMin && score <= FavourableMax;

    /// <summary>Formats as <c>CSAT 1–5 (satisfied = 4–5)</c>.</summary>
    /// <returns>The scale as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric} {Min}–{Max} ({FavourableLabel} = {Band})");

    /// <summary>The favourable band as text, e.g. <c>4–5</c>.</summary>
    internal string Band => FavourableMin == FavourableMax
        ? FavourableMin.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{FavourableMin}–{FavourableMax}");
}
