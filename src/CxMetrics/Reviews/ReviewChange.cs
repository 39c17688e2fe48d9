using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Reviews;

/// <summary>The change of reviews between two results (a period against the one before): the negative share and the five-star mean.</summary>
public sealed record ReviewChange
{
    /// <summary>The negative shares compared: Newcombe's interval for the difference and the two-proportion z-test.</summary>
    public required ProportionComparison Negative { get; init; }

    /// <summary>The five-star means compared: Welch's t-test and interval.</summary>
    public required MeanComparison Stars { get; init; }

    /// <summary>Formats both comparisons.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"negative {Negative}; stars {Stars}");
}
