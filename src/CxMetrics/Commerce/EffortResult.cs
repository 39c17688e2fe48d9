using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Commerce;

/// <summary>
/// Effort to buy: for purchased units, the number of customer events and the elapsed time from the first cart event to
/// the purchase, as distributions. A behavioural companion to the survey-based Customer Effort Score.
/// </summary>
public sealed record EffortResult
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>Purchased units measured.</summary>
    public required long Purchases { get; init; }

    /// <summary>Distinct customer events from the first cart event to the purchase, both included.</summary>
    public required QuantileSummary Events { get; init; }

    /// <summary>Seconds from the first cart event to the purchase.</summary>
    public required QuantileSummary Seconds { get; init; }

    /// <summary>Formats both distributions.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"effort to buy over {Purchases} purchases: events {Events}; seconds {Seconds}");
}
