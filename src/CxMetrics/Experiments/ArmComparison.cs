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

    /// <summary>The z-test p-value adjusted across all segments × arms by the design's method.</summary>
    public required double? AdjustedPValue { get; init; }

    /// <summary>Whether the adjusted p-value is below the design's alpha.</summary>
    public bool IsSignificant => AdjustedPValue is { } p && p < Alpha;

    /// <summary>The alpha the significance flag uses.</summary>
    public required double Alpha { get; init; }

    /// <summary>Revenue per customer compared by Welch's t-test.</summary>
    public required MeanComparison Revenue { get; init; }

    /// <summary>Welch p-value for revenue adjusted across segments × arms (revenue is its own family).</summary>
    public required double? RevenueAdjustedPValue { get; init; }

    /// <summary>Percentile bootstrap interval for the revenue difference, when the design asks for resamples.</summary>
    public required ConfidenceInterval? RevenueBootstrapInterval { get; init; }
}
