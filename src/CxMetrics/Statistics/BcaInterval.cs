using System.Globalization;

namespace CxMetrics.Statistics;

/// <summary>
/// A bias-corrected and accelerated bootstrap interval (Efron 1987) beside the percentile interval of the same resamples,
/// with the two corrections it applied (<see cref="Bootstrap.MeanDifferenceBca"/>).
/// </summary>
public sealed record BcaInterval
{
    /// <summary>The estimate on the original samples (the difference of means).</summary>
    public required double Estimate { get; init; }

    /// <summary>The BCa interval, or <see langword="null"/> when the bias correction is infinite (every resample on one side of the estimate).</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>The percentile interval of the same resamples (type-7 quantiles), as <see cref="Bootstrap.MeanDifference"/>.</summary>
    public required ConfidenceInterval Percentile { get; init; }

    /// <summary>The bias correction z₀ = Φ⁻¹(share of resamples below the estimate); 0 when the resamples are centred on it.</summary>
    public required double BiasCorrection { get; init; }

    /// <summary>The acceleration a from the jackknife influence values; 0 for a symmetric sample.</summary>
    public required double Acceleration { get; init; }

    /// <summary>The number of resamples.</summary>
    public required int Resamples { get; init; }

    /// <summary>Formats as <c>BCa 95% CI [..] (percentile [..]), z₀ = 0.012, a = 0.087</c>.</summary>
    /// <returns>The intervals as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BCa {(Interval is { } ci ? ci.ToString("0.00") : "—")} (percentile {Percentile.ToString("0.00")}), z₀ = {BiasCorrection:0.###}, a = {Acceleration:0.###}");
}
