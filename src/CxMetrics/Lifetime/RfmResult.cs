using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;

namespace CxMetrics.Lifetime;

/// <summary>RFM scores and named segments of a customer base (<see cref="RfmSegments.Of(CustomerBaseSummary, RfmOptions?)"/>).</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record RfmResult : IReportable
{
    /// <summary>One row per customer, in the summary's order.</summary>
    public required IReadOnlyList<RfmScore> Scores { get; init; }

    /// <summary>The segments in map order, then the unmatched; each listed also when empty.</summary>
    public required IReadOnlyList<RfmSegment> Segments { get; init; }

    /// <summary>n, the number of score bins.</summary>
    public required int Bins { get; init; }

    /// <summary>Whether <see cref="RfmSegment.MeanValue"/> and <see cref="RfmSegment.MeanProbabilityAlive"/> are filled.</summary>
    public required bool HasValues { get; init; }

    /// <summary>The cut points the scores were taken from (<see cref="RfmSegments.Of(CustomerBaseSummary, RfmCutPoints, CustomerValueResult?, RfmOptions?)"/>); <see langword="null"/> for exact ranks.</summary>
    public RfmCutPoints? CutPoints { get; init; }

    /// <summary>Formats as <c>RFM (5 bins): 2,357 customers in 12 segments; largest Lost (812)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var largest = Segments.OrderByDescending(s => s.Customers).FirstOrDefault();
        return string.Create(CultureInfo.InvariantCulture, $"RFM ({Bins} bins): {Scores.Count:N0} customers in {Segments.Count} segments{(largest is { Customers: > 0 } ? $"; largest {largest.Name} ({largest.Customers:N0})" : string.Empty)}");
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(Table());

    private ResultGrid Table()
    {
        var grid = HasValues
            ? new ResultGrid($"RFM segments ({Bins} score bins)", "<segment", "customers", "share", "revenue share", "mean CLV", "mean P(alive)")
            : new ResultGrid($"RFM segments ({Bins} score bins)", "<segment", "customers", "share", "revenue share");
        foreach (var s in Segments)
        {
            if (HasValues)
            {
                grid.Row(new TextCell(s.Name), new CountCell(s.Customers), new ShareCell(s.CustomerShare), new ShareCell(s.RevenueShare), new NumberCell(s.MeanValue, 2), new NumberCell(s.MeanProbabilityAlive, 3));
            }
            else
            {
                grid.Row(new TextCell(s.Name), new CountCell(s.Customers), new ShareCell(s.CustomerShare), new ShareCell(s.RevenueShare));
            }
        }

        string bins = CutPoints is null
            ? "equal-count bins with ties broken by customer order (pandas' qcut of rank(method='first'), as PyMC-Marketing)"
            : string.Create(CultureInfo.InvariantCulture, $"bins from the cut points of a quantile sketch of {CutPoints.Customers:N0} customers (α = {CutPoints.RelativeAccuracy}; ties share a score; a customer can be one bin off the exact score only inside a cut's sketch bucket)");
        return grid.Note($"R, F, M scores 1…n from days since the last purchase (recent = high), purchases and calibration revenue; {bins}; first matching rule of the segment map wins (R rfm vignette)");
    }
}
