using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Commerce;

/// <summary>
/// Effort to buy: for purchased units, the number of customer events and the elapsed time from the first cart event to
/// the purchase, as distributions. A behavioural companion to the survey-based Customer Effort Score.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record EffortResult : Reporting.IReportable
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

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table()
    {
        var table = new ResultTable(string.Create(CultureInfo.InvariantCulture, $"Effort to buy by {Unit.ToString().ToLowerInvariant()}"))
            .Row("purchases", ResultTable.Count(Purchases));
        AddQuantiles(table, "events", Events, "0.#");
        AddQuantiles(table, "seconds", Seconds, "0");
        return table;
    }

    private static void AddQuantiles(ResultTable table, string what, QuantileSummary q, string format) => table
        .Row($"{what}: n", ResultTable.Count(q.Count))
        .Row($"{what}: mean", ResultTable.Number(q.Mean, format))
        .Row($"{what}: median", ResultTable.Number(q.Median, format))
        .Row($"{what}: p10 – p90", $"{ResultTable.Number(q.P10, format)} – {ResultTable.Number(q.P90, format)}")
        .Row($"{what}: min – max", $"{ResultTable.Number(q.Min, format)} – {ResultTable.Number(q.Max, format)}");
}
