using System.Globalization;
using CxMetrics.Breakdowns;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Time;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>report</c> on the bundled samples: the survey metrics (overall NPS, CSAT per touchpoint and CES, breakdowns by
/// channel, segment and period with period-over-period tests), then one section per family (conversion and experiments,
/// support, cart, retention, survival, lifetime value). A shop's own CSV files go through <c>report DIR</c>.
/// </summary>
internal static class ReportCommand
{
    public static string Run(ReportSettings settings)
    {
        var data = SurveySample.Generate();
        var options = new SurveyOptions { ConfidenceLevel = settings.ConfidenceLevel, MinimumCellSize = settings.MinimumCellSize };
        string level = Format.Level(settings.ConfidenceLevel);
        var output = new List<string>
        {
            $"CxMetrics survey report — bundled sample (synthetic, seed {SurveySample.Seed}), zone {SurveySample.Zone.Id}, {level}\n",
        };

        var overall = new TextTable("Headline", "metric", "score", level, "n", "unanswered", "definition");
        var nps = Nps.Of(data.Nps, options);
        overall.Row("NPS", Format.Number(nps.Score), Format.Interval(nps.Interval), Format.Count(nps.Count), Format.Count(nps.Unanswered), "%promoters (9–10) − %detractors (0–6), adjusted-Wald CI");
        foreach (var cell in Csat.By(data.Csat, r => r.Touchpoint, options: options))
        {
            overall.Row($"CSAT {cell.Key}", Format.Number(cell.Result.Score), Format.Interval(cell.Result.Favourable.Interval, 100), Format.Count(cell.Count), Format.Count(cell.Result.Unanswered), "% satisfied (4–5 of 1–5), Wilson CI");
        }

        var ces = Ces.Of(data.Ces, options: options);
        overall.Row("CES 2.0 agree", Format.Number(ces.Score), Format.Interval(ces.Favourable.Interval, 100), Format.Count(ces.Count), Format.Count(ces.Unanswered), "% agreeing it was easy (5–7 of 1–7), Wilson CI");
        overall.Row("CES 2.0 mean", Format.Number(ces.Mean.Value, "0.00"), Format.Interval(ces.Mean.Interval, 1, "0.00"), Format.Count(ces.Count), Format.Count(ces.Unanswered), "mean of 1–7, Student-t CI");
        output.Add(overall.ToString());

        output.Add(NpsTable("NPS by channel", Nps.By(data.Nps, r => r.Channel, options), level));
        output.Add(NpsTable("NPS by segment", Nps.By(data.Nps, r => r.Segment, options), level));

        var monthly = new TextTable($"NPS by {settings.Period.ToString().ToLowerInvariant()}", "period", "NPS", level, "n", "change", "p", "flag");
        foreach (var cell in Nps.ByPeriod(data.Nps, SurveySample.Zone, settings.Period, options))
        {
            monthly.Row(cell.Period.ToString(), Format.Number(cell.Result.Score), Format.Interval(cell.Result.Interval), Format.Count(cell.Count),
                Format.Signed(cell.ChangeFromPrevious?.Difference), Format.PValue(cell.ChangeFromPrevious?.PValue), Format.Flag(cell.IsSmallCell));
        }

        output.Add(monthly.ToString());
        output.Add(SegmentGrid(data, options));

        var delivery = data.Csat.Where(r => r.Touchpoint == "delivery");
        output.Add(RatingByPeriod($"CSAT delivery by {settings.Period.ToString().ToLowerInvariant()}", Csat.ByPeriod(delivery, SurveySample.Zone, settings.Period, options: options), level));

        var cesTable = new TextTable("CES 2.0 by support channel", "channel", "% agree", level, "mean", "n", "flag");
        foreach (var cell in Ces.By(data.Ces, r => r.Channel, options: options))
        {
            cesTable.Row(cell.Key ?? "(none)", Format.Number(cell.Result.Score), Format.Interval(cell.Result.Favourable.Interval, 100), Format.Number(cell.Result.Mean.Value, "0.00"), Format.Count(cell.Count), Format.Flag(cell.IsSmallCell));
        }

        output.Add(cesTable.ToString());
        output.Add(ConversionSection.Render(settings.ConfidenceLevel));
        output.Add(SupportSection.Render(settings));
        output.Add(CartSection.Render(settings));
        output.Add(RetentionSection.Render(settings.ConfidenceLevel));
        output.Add(SubscriptionChurnSection.Render(settings));
        output.Add(SurvivalSection.Render(settings.ConfidenceLevel));
        output.Add(ClvSection.Render());
        return string.Join('\n', output);
    }

    private static string SegmentGrid(SurveySet data, SurveyOptions options)
    {
        var grid = Nps.ByKeyAndPeriod(data.Nps, r => r.Segment, SurveySample.Zone, PeriodUnit.Quarter, options);
        var quarters = grid.Count == 0 ? [] : grid[0].Periods.Select(c => c.Period.ToString()).ToArray();
        var table = new TextTable("NPS by segment and quarter (^ / v: change from the previous quarter significant at 5%)", ["segment", .. quarters]);
        foreach (var series in grid)
        {
            table.Row([series.Key ?? "(none)", .. series.Periods.Select(c => Format.Number(c.Result.Score) + Arrow(c.ChangeFromPrevious))]);
        }

        return table.ToString();
    }

    private static string Arrow(NpsComparison? change) => change switch
    {
        { Difference: > 0 } when change.IsSignificantAt(0.05) => " ^",
        { Difference: < 0 } when change.IsSignificantAt(0.05) => " v",
        _ => "  ",
    };

    private static string NpsTable(string title, IReadOnlyList<BreakdownCell<string?, NpsResult>> cells, string level)
    {
        var table = new TextTable(title, "key", "NPS", level, "promoters", "passives", "detractors", "n", "flag");
        foreach (var cell in cells)
        {
            var r = cell.Result;
            table.Row(cell.Key ?? "(none)", Format.Number(r.Score), Format.Interval(r.Interval), Format.Number(r.PromoterShare * 100, "0.0'%'"),
                Format.Number(r.PassiveShare * 100, "0.0'%'"), Format.Number(r.DetractorShare * 100, "0.0'%'"), Format.Count(cell.Count), Format.Flag(cell.IsSmallCell));
        }

        return table.ToString();
    }

    private static string RatingByPeriod(string title, IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> cells, string level)
    {
        var table = new TextTable(title, "period", "CSAT %", level, "mean", "n", "change (pp)", "p", "flag");
        foreach (var cell in cells)
        {
            table.Row(cell.Period.ToString(), Format.Number(cell.Result.Score), Format.Interval(cell.Result.Favourable.Interval, 100), Format.Number(cell.Result.Mean.Value, "0.00"),
                Format.Count(cell.Count), Format.Signed(cell.ChangeFromPrevious?.Difference * 100), Format.PValue(cell.ChangeFromPrevious?.PValue), Format.Flag(cell.IsSmallCell));
        }

        return table.ToString();
    }
}

/// <summary>Settings of the report command.</summary>
internal sealed record ReportSettings(PeriodUnit Period = PeriodUnit.Month, double ConfidenceLevel = 0.95, int MinimumCellSize = 30);
