using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>
/// An experiment read-out: the honesty checks first (sample ratio, pending outcomes, planned sample size), then the
/// results per segment. <see cref="Warnings"/> says in words what must be read before any effect.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ExperimentReadout : Reporting.IReportable
{
    /// <summary>The design it was read against.</summary>
    public required ExperimentDesign Design { get; init; }

    /// <summary>The sample-ratio-mismatch check over all assigned customers.</summary>
    public required SampleRatioCheck SampleRatio { get; init; }

    /// <summary>Customers whose outcome could be judged.</summary>
    public required long Observed { get; init; }

    /// <summary>Customers whose outcome window was still open.</summary>
    public required long Pending { get; init; }

    /// <summary>Results per segment, ordered by segment (customers without a segment last).</summary>
    public required IReadOnlyList<SegmentReadout> Segments { get; init; }

    /// <summary>Warnings to read before the results: sample-ratio mismatch, reading before the planned size, pending outcomes.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>
    /// Whether the tests are sequential (always valid: the read-out may be looked at daily and stopped at the first
    /// significant look) rather than fixed-horizon (valid when read once, at the planned sample size).
    /// </summary>
    public bool IsSequential => Design.Sequential;

    /// <summary>Whether the results can be trusted at all: false when the sample ratio does not match the plan.</summary>
    public bool IsTrustworthy => !SampleRatio.IsMismatch;

    /// <summary>The as-of instant outcomes were judged at, when the read-out was built from raw events.</summary>
    public Instant? AsOf { get; init; }

    /// <summary>Outcome events of customers without an assignment (not counted), when built from raw events.</summary>
    public long? EventsWithoutAssignment { get; init; }

    /// <summary>Outcome events before assignment or after the window closed (not counted), when built from raw events.</summary>
    public long? EventsOutsideWindow { get; init; }

    /// <summary>
    /// Formats as <c>Experiment read-out (control 'control'): trustworthy; 4,000 observed, 0 pending; (all): winner 'B'; 0 warnings</c>.
    /// </summary>
    /// <returns>The read-out as text.</returns>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append("Experiment read-out (control '").Append(Design.ControlArm).Append("'): ")
            .Append(IsTrustworthy ? "trustworthy" : $"NOT trustworthy (sample-ratio mismatch, p = {ResultTable.PValue(SampleRatio.Test.PValue)})")
            .Append("; ").Append(ResultTable.Count(Observed)).Append(" observed, ").Append(ResultTable.Count(Pending)).Append(" pending");
        foreach (var segment in Segments)
        {
            text.Append("; ").Append(segment.Segment ?? "(all)").Append(": ")
                .Append(segment.Winner is { } winner ? $"winner '{winner}'" : "no clear winner");
        }

        return text.Append("; ").Append(Warnings.Count.ToString(CultureInfo.InvariantCulture)).Append(Warnings.Count == 1 ? " warning" : " warnings").ToString();
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Design.Cuped || Design.Sequential
        ? Reporting.Report.Of(Checks(), ArmTable(), ComparisonTable(), DailyTable())
        : Reporting.Report.Of(Checks(), ArmTable(), ComparisonTable());

    private ResultTable Checks()
    {
        var test = SampleRatio.Test;
        var table = new ResultTable("Experiment read-out")
            .Row("trustworthy (sample ratio matches the plan)", IsTrustworthy ? "yes" : "NO")
            .Row("sample-ratio χ²", string.Create(CultureInfo.InvariantCulture, $"{ResultTable.Number(test.Statistic, "0.000")} on {test.DegreesOfFreedom} df, p = {ResultTable.PValue(test.PValue)}"))
            .Row("control", Design.ControlArm)
            .Row("tests", IsSequential
                ? string.Create(CultureInfo.InvariantCulture, $"sequential, always valid (tuned for {ResultTable.Count((long)Design.SequentialTuningParameter)} units)")
                : "fixed horizon (valid when read once, at the planned size)")
            .Row("observed customers", ResultTable.Count(Observed))
            .Row("pending (window still open)", ResultTable.Count(Pending));
        if (Design.Cuped)
        {
            table.Row("variance reduction", "CUPED on each customer's pre-period covariate (missing counted as 0)");
        }

        if (AsOf is { } asOf)
        {
            table.Row("as of", ResultTable.When(asOf));
        }

        if (EventsWithoutAssignment is { } orphan)
        {
            table.Row("events without assignment (not counted)", ResultTable.Count(orphan));
        }

        if (EventsOutsideWindow is { } outside)
        {
            table.Row("events outside the window (not counted)", ResultTable.Count(outside));
        }

        foreach (string warning in Warnings)
        {
            table.Row("warning", warning);
        }

        return table;
    }

    private ResultGrid ArmTable()
    {
        var grid = new ResultGrid("Arms", "<segment", "<arm", "assigned", "pending", "conversion", "revenue per customer");
        foreach (var segment in Segments)
        {
            foreach (var arm in segment.Arms)
            {
                grid.Row(segment.Segment ?? "(all)", arm.Arm, ResultTable.Count(arm.Assigned), ResultTable.Count(arm.Pending),
                    CxMetrics.Statistics.StatisticsCells.Proportion(arm.Conversion), CxMetrics.Statistics.StatisticsCells.Mean(arm.RevenuePerCustomer));
            }
        }

        return grid;
    }

    private ResultGrid ComparisonTable()
    {
        // With resamples, the percentile and BCa bootstrap intervals of the revenue difference sit beside Welch's.
        bool boot = Design.BootstrapResamples > 0;
        string[] columns = ["<segment", "<arm", "difference (pp)", "uplift", "adjusted p", "<significant", "revenue difference", "revenue adjusted p",
            .. boot ? (string[])["revenue bootstrap (percentile)", "revenue bootstrap (BCa)"] : []];
        var grid = new ResultGrid(string.Create(CultureInfo.InvariantCulture, $"Against the control ({Design.Adjustment} adjusted p-values)"), columns);
        foreach (var segment in Segments)
        {
            foreach (var c in segment.Comparisons)
            {
                Reporting.ReportCell[] row = [
                    segment.Segment ?? "(all)",
                    c.Arm,
                    $"{ResultTable.Number(c.Difference.Difference * 100, "+0.00;-0.00;0.00")} {CxMetrics.Statistics.StatisticsCells.Interval(c.Difference.Interval, "0.00", 100)}",
                    $"{ResultTable.Percent(c.Uplift.Uplift)} {CxMetrics.Statistics.StatisticsCells.Interval(c.Uplift.Interval is { } ri ? new ConfidenceInterval(ri.Lower - 1, ri.Upper - 1, ri.Level) : null, "0.0", 100, "%")}",
                    ResultTable.PValue(c.AdjustedPValue),
                    c.IsSignificant ? "yes" : "no",
                    $"{ResultTable.Number(c.Revenue.Difference, "+0.00;-0.00;0.00")} {CxMetrics.Statistics.StatisticsCells.Interval(c.Revenue.Interval, "0.00")}",
                    ResultTable.PValue(c.RevenueAdjustedPValue),
                    .. boot ? (Reporting.ReportCell[])[CxMetrics.Statistics.StatisticsCells.Interval(c.RevenueBootstrapInterval, "0.00"), CxMetrics.Statistics.StatisticsCells.Interval(c.RevenueBcaInterval, "0.00")] : []];
                grid.Row(row);
            }

            grid.Note(segment.Winner is { } winner
                ? $"{segment.Segment ?? "(all)"}: {winner} is best and distinguishable from the runner-up."
                : $"{segment.Segment ?? "(all)"}: no arm is distinguishably best.");
        }

        if (boot)
        {
            grid.Note(string.Create(CultureInfo.InvariantCulture, $"Bootstrap intervals of the revenue difference from {ResultTable.Count(Design.BootstrapResamples)} resamples (seed {Design.BootstrapSeed}): percentile, and BCa (Efron 1987), which corrects the percentile interval's bias and skew."));
        }

        return grid;
    }

    private ResultGrid DailyTable()
    {
        var grid = new ResultGrid(
            string.Create(CultureInfo.InvariantCulture, $"Against the control: {(Design.Cuped ? "CUPED" : "unadjusted")}{(Design.Sequential ? ", confidence sequences" : string.Empty)}"),
            "<segment", "<arm", "difference (pp)", "p", "variance left", "revenue difference", "revenue p", "revenue variance left");
        foreach (var segment in Segments)
        {
            foreach (var c in segment.Comparisons)
            {
                double? difference = c.CupedConversion?.Adjusted.Difference ?? c.Difference.Difference;
                var interval = Design.Sequential ? c.SequentialInterval : c.CupedConversion?.Adjusted.Interval ?? c.Difference.Interval;
                double? revenue = c.CupedRevenue?.Adjusted.Difference ?? c.Revenue.Difference;
                var revenueInterval = Design.Sequential ? c.RevenueSequentialInterval : c.CupedRevenue?.Adjusted.Interval ?? c.Revenue.Interval;
                grid.Row(
                    segment.Segment ?? "(all)",
                    c.Arm,
                    $"{ResultTable.Number(difference * 100, "+0.00;-0.00;0.00")} {CxMetrics.Statistics.StatisticsCells.Interval(interval, "0.00", 100)}",
                    ResultTable.PValue(Design.Sequential ? c.SequentialPValue : c.CupedConversion?.Adjusted.PValue ?? c.Difference.PValue),
                    ResultTable.Percent(c.CupedConversion?.VarianceRatio),
                    $"{ResultTable.Number(revenue, "+0.00;-0.00;0.00")} {CxMetrics.Statistics.StatisticsCells.Interval(revenueInterval, "0.00")}",
                    ResultTable.PValue(Design.Sequential ? c.RevenueSequentialPValue : c.CupedRevenue?.Adjusted.PValue ?? c.Revenue.PValue),
                    ResultTable.Percent(c.CupedRevenue?.VarianceRatio));
            }
        }

        grid.Note(Design.Sequential
            ? "Intervals are confidence sequences and p-values always valid (Waudby-Smith et al. 2021, as GrowthBook): the test may be read daily and stopped at the first look with p below alpha."
            : "Fixed-horizon intervals: read once, at the planned sample size.");
        if (Design.Cuped)
        {
            grid.Note("CUPED (Deng et al. 2013): variance left = 1 - rho^2 of outcome and pre-period covariate; customers without a covariate count as 0.");
        }

        return grid;
    }
}
