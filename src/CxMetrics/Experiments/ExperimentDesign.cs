using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>
/// What was planned before the experiment started: the control arm, the planned split, the outcome window, the
/// multiple-comparison policy (no default: choose it), and optionally the planned sample size.
/// </summary>
public sealed record ExperimentDesign
{
    private readonly double alpha = 0.05;
    private readonly double sampleRatioThreshold = 0.001;

    /// <summary>The control arm every other arm is compared with.</summary>
    public required string ControlArm { get; init; }

    /// <summary>Planned share of customers per arm (normalised if it does not sum to 1). Every assigned arm must be listed.</summary>
    public required IReadOnlyDictionary<string, double> PlannedSplit { get; init; }

    /// <summary>How long after assignment an outcome counts (e.g. 30 days for "repeat purchase within 30 days").</summary>
    public required Duration OutcomeWindow { get; init; }

    /// <summary>How p-values across segments × arms are adjusted: Holm (family-wise) or Benjamini–Hochberg (false discovery rate).</summary>
    public required MultipleComparisonMethod Adjustment { get; init; }

    /// <summary>The planned number of observed customers per arm; reading earlier raises a warning. Optional.</summary>
    public long? PlannedSampleSizePerArm { get; init; }

    /// <summary>Significance level of the tests (two-sided); intervals use 1 − alpha. Default 0.05.</summary>
    public double Alpha
    {
        get => alpha;
        init
        {
            Guard.ConfidenceLevel(1 - value, nameof(Alpha));
            alpha = value;
        }
    }

    /// <summary>
    /// P-value below which the sample-ratio-mismatch check fails. Default 0.001, the threshold commonly used by
    /// experimentation platforms (e.g. GrowthBook, Optimizely) so that the check itself rarely fires by chance.
    /// </summary>
    public double SampleRatioThreshold
    {
        get => sampleRatioThreshold;
        init
        {
            Guard.ConfidenceLevel(1 - value, nameof(SampleRatioThreshold));
            sampleRatioThreshold = value;
        }
    }

    /// <summary>Bootstrap resamples for the revenue interval; 0 (default) turns the bootstrap off, 2,000 is a common choice.</summary>
    public int BootstrapResamples { get; init; }

    /// <summary>Seed of the bootstrap, so the same data give the same interval. Default 1.</summary>
    public ulong BootstrapSeed { get; init; } = 1;
}
