using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Conversion;
using CxMetrics.Experiments;

namespace CxMetrics.Cli.Commands;

/// <summary>Conversion rates of the UCI online shoppers sample and the read-out of the synthetic retention-offer experiment.</summary>
internal static class ConversionSection
{
    public static string Render(double level)
    {
        var sessions = OnlineShoppersSample.Load();
        var options = new ConversionOptions { ConfidenceLevel = level };
        string ci = Format.Level(level);
        var overall = ConversionRate.Of(sessions, ConversionUnit.Session, options);
        var byVisitor = new TextTable($"Conversion per session — UCI online shoppers (12,330 sessions; overall {Format.Number(overall.Rate.Value * 100, "0.00")}%)", "visitor type", "conversion %", ci, "sessions", "flag");
        foreach (var cell in ConversionRate.By(sessions, s => s.VisitorType, ConversionUnit.Session, options))
        {
            byVisitor.Row(cell.Key ?? "(none)", Format.Number(cell.Result.Rate.Value * 100, "0.00"), Format.Interval(cell.Result.Rate.Interval, 100, "0.00"), Format.Count(cell.Count), Format.Flag(cell.IsSmallCell));
        }

        var byMonth = new TextTable("Conversion per session by month (the data set names no year)", "month", "conversion %", ci, "sessions", "vs previous month (pp)", "p", "flag");
        var months = ConversionRate.By(sessions, s => s.StartedAt.InUtc().Month, ConversionUnit.Session, options);
        for (int i = 0; i < months.Count; i++)
        {
            var cell = months[i];
            var change = i == 0 ? null : ConversionRate.Compare(cell.Result, months[i - 1].Result, options);
            byMonth.Row(OnlineShoppersSample.MonthOrder[cell.Key - 1], Format.Number(cell.Result.Rate.Value * 100, "0.00"), Format.Interval(cell.Result.Rate.Interval, 100, "0.00"),
                Format.Count(cell.Count), Format.Signed(change?.Difference * 100, "+0.00;-0.00;0.00"), Format.PValue(change?.PValue), Format.Flag(cell.IsSmallCell));
        }

        return string.Join('\n', byVisitor.ToString(), byMonth.ToString(), Experiment(level));
    }

    private static string Experiment(double level)
    {
        var (assignments, events) = ExperimentSample.Generate();
        var design = ExperimentSample.Design with { Alpha = 1 - level };
        var readout = Experiments.Experiment.Read(assignments, events, design, ExperimentSample.AsOf);
        var lines = new List<string>
        {
            $"Retention-offer experiment (synthetic, seeded) — read {ExperimentSample.AsOf:yyyy-MM-dd}: {readout.Observed:N0} customers observed, {readout.Pending:N0} pending; "
            + $"sample ratio chi-square {readout.SampleRatio.Test.Statistic:#,##0.00}, p = {Format.PValue(readout.SampleRatio.Test.PValue)} ({(readout.SampleRatio.IsMismatch ? "MISMATCH" : "ok")}); p-values Holm-adjusted over segments x arms",
        };
        lines.AddRange(readout.Warnings.Select(w => "  ! " + w));
        var table = new TextTable(string.Empty, "segment", "arm", "observed", "order within 30 d %", Format.Level(level), "uplift", "adj. p", "revenue/customer", "revenue adj. p");
        foreach (var segment in readout.Segments)
        {
            foreach (var arm in segment.Arms)
            {
                var cmp = segment.Comparisons.FirstOrDefault(c => c.Arm == arm.Arm);
                table.Row(segment.Segment ?? "(none)", arm.Arm, Format.Count(arm.Assigned - arm.Pending), Format.Number(arm.Conversion.Value * 100),
                    Format.Interval(arm.Conversion.Interval, 100), cmp is null ? "control" : Format.Signed(cmp.Uplift.Uplift * 100, "+0.0'%';-0.0'%'"),
                    Format.PValue(cmp?.AdjustedPValue), Format.Number(arm.RevenuePerCustomer.Value, "0.00"), Format.PValue(cmp?.RevenueAdjustedPValue));
            }
        }

        lines.Add(table.ToString().TrimStart('\n'));
        lines.AddRange(readout.Segments.Select(s => s.Winner is { } w
            ? $"  {s.Segment}: best offer '{w}', distinguishable from runner-up '{s.RunnerUp}' (adj. p = {Format.PValue(s.BestVersusRunnerUpAdjustedPValue)})"
            : $"  {s.Segment}: no clear winner — best '{s.BestArm}' is not distinguishable from '{s.RunnerUp}' (adj. p = {Format.PValue(s.BestVersusRunnerUpAdjustedPValue)})"));
        return string.Join('\n', lines) + "\n";
    }
}
