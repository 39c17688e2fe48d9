using CxMetrics.Statistics;

namespace CxMetrics.Experiments;

/// <summary>One arm against the control in one segment.</summary>
public sealed record ArmComparison
{
    /// <summary>The treatment arm.</summary>
    public required string Arm { get; init; }

    /// <summary>The control arm.</summary>
    public required string Control { get; init; }

    /// <summary>Absolute difference in conversion (treatment − control): Newcombe interval and two-proportion z-test.</summary>
    public required ProportionComparison Difference { get; init; }

    /// <summary>Relative uplift (treatment/control − 1) with the log-ratio interval.</summary>
    public required ProportionRatio Uplift { get; init; }

    /// <summary>
    /// The conversion p-value the design asks for, adjusted across all segments × arms by the design's method: the
    /// z-test's; CUPED's (<see cref="CupedConversion"/>) when <see cref="ExperimentDesign.Cuped"/>; the always-valid
    /// <see cref="SequentialPValue"/> when <see cref="ExperimentDesign.Sequential"/>.
    /// </summary>
    public required double? AdjustedPValue { get; init; }

    /// <summary>Whether the adjusted p-value is below the design's alpha.</summary>
    public bool IsSignificant => AdjustedPValue is { } p && p < Alpha;

    /// <summary>The alpha the significance flag uses.</summary>
    public required double Alpha { get; init; }

    /// <summary>Revenue per customer compared by Welch's t-test.</summary>
    public required MeanComparison Revenue { get; init; }

    /// <summary>
    /// The revenue p-value the design asks for (Welch's; CUPED's with <see cref="ExperimentDesign.Cuped"/>; the always-valid
    /// one with <see cref="ExperimentDesign.Sequential"/>), adjusted across segments × arms (revenue is its own family).
    /// </summary>
    public required double? RevenueAdjustedPValue { get; init; }

    /// <summary>Percentile bootstrap interval for the revenue difference, when the design asks for resamples.</summary>
    public required ConfidenceInterval? RevenueBootstrapInterval { get; init; }

    /// <summary>BCa bootstrap interval (Efron 1987) for the revenue difference from the same resamples, when the design asks for resamples.</summary>
    public ConfidenceInterval? RevenueBcaInterval { get; init; }

    /// <summary>Conversion (0/1 per customer) compared with CUPED on the pre-period covariate, when <see cref="ExperimentDesign.Cuped"/>.</summary>
    public CupedComparison? CupedConversion { get; init; }

    /// <summary>Revenue per customer compared with CUPED on the pre-period covariate, when <see cref="ExperimentDesign.Cuped"/>.</summary>
    public CupedComparison? CupedRevenue { get; init; }

    /// <summary>
    /// The confidence sequence of the conversion difference (CUPED-adjusted when the design uses CUPED), valid at every
    /// look at once, when <see cref="ExperimentDesign.Sequential"/>.
    /// </summary>
    public ConfidenceInterval? SequentialInterval { get; init; }

    /// <summary>The always-valid p-value of the conversion difference, when <see cref="ExperimentDesign.Sequential"/> (before adjustment).</summary>
    public double? SequentialPValue { get; init; }

    /// <summary>The confidence sequence of the revenue difference, when <see cref="ExperimentDesign.Sequential"/>.</summary>
    public ConfidenceInterval? RevenueSequentialInterval { get; init; }

    /// <summary>The always-valid p-value of the revenue difference, when <see cref="ExperimentDesign.Sequential"/> (before adjustment).</summary>
    public double? RevenueSequentialPValue { get; init; }
}
