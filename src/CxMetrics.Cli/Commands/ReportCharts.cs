using System.Globalization;
using CxMetrics.Charts;
using CxMetrics.Cli.Output;
using CxMetrics.Breakdowns;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The charts of the HTML report (CxMetrics.Charts, inline SVG): NPS trend with its band, cohort retention heat map,
/// survival curves with their bands, the cart funnel, the P(alive) histogram, the MRR bridge and the CLV
/// calibration/holdout check — from what a shop's folder holds (the bundled sample is such a folder): NPS from the per-period tallies of nps.csv's tables; cohorts,
/// P(alive) and the holdout check from orders.csv; the MRR bridge from the subscriptions.csv movements the report
/// computed; survival and the funnel through <see cref="FolderCharts"/>. A chart that cannot be drawn from the
/// data at hand is named in <see cref="ReportDocument"/>'s chart notes, never left out silently.
/// </summary>
internal static class ReportCharts
{
    /// <summary>The width of the report's column, so charts are drawn at the size they are shown.</summary>
    internal const int Width = 940;

    /// <summary>
    /// Charts for a shop's folder: the NPS trend when there are survey answers; cohorts, P(alive) and the holdout check
    /// when there are orders; the MRR bridge when subscription events were judged; survival and the funnel through
    /// <paramref name="more"/>. Each chart is drawn with the settings of the file it comes from (<paramref name="settings"/>:
    /// zone, as-of, calibration end).
    /// </summary>
    public static void Folder(ReportDocument doc, bool npsRead, OrderCharts? orders, CliSettings s, Func<string?, CliSettings> settings, FolderCharts more)
    {
        if (doc.Results.GetValueOrDefault("npsByPeriod") is IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> npsCells)
        {
            var n = settings(Input.ShopData.NpsFile);
            NpsTrend(doc, npsCells, n, $"nps.csv; periods in {n.PeriodZone.Id}.");
        }
        else
        {
            doc.ChartNotes.Add(npsRead ? "NPS trend: nps.csv was read but its data could not be judged (see its table)." : "NPS trend: needs nps.csv.");
        }

        // The orders file's tallies hold one currency (a second one fails its tables, and then there are no tallies).
        var o = settings(Input.ShopData.OrdersFile);
        if (orders is not { Cohorts: { } cohortTally, Customers: { } customers, Orders: > 0 })
        {
            doc.ChartNotes.Add("Cohort heat map and P(alive) histogram: need orders.csv with orders.");
            doc.ChartNotes.Add("Calibration/holdout check: needs orders.csv with orders.");
        }
        else
        {
            var asOf = AsOfRule.Resolve(o.AsOf, orders.Latest);
            var zone = o.PeriodZone;
            var matrix = CxMetrics.Retention.Cohorts.From(cohortTally, asOf, new PeriodGrid(zone, o.Period), new CohortOptions { ConfidenceLevel = o.ConfidenceLevel });
            Cohorts(doc, matrix, string.Create(CultureInfo.InvariantCulture, $"orders.csv as of {asOf}; periods in {zone.Id}."), o);

            // Fitted as the CLV tables fit it: on the orders to --calibration-end when one is given, else to the as-of day.
            var end = asOf.InZone(zone).Date;
            var calibrationEnd = o.Family.CalibrationEnd is { } c && c < end ? c : end;
            var summary = CustomerBase.From(customers, new CustomerSummaryOptions { CalibrationEnd = calibrationEnd, TimeUnit = TimeUnit.Week });
            Alive(doc, summary, string.Create(CultureInfo.InvariantCulture, $"orders.csv: BG/NBD fitted on orders to {calibrationEnd:yyyy-MM-dd}, weeks as the time unit."), o);
            FolderHoldout(doc, customers, orders.Latest, o);
        }

        var u = settings(Input.ShopData.SubscriptionsFile);
        MrrBridge(doc, u, u.PeriodZone, Input.ShopData.SubscriptionsFile, more.SubscriptionsRead);
        more.Draw(doc, s);
        HelpdeskBacklog(doc, s);
        ReviewBands(doc, settings(Input.ShopData.ReviewsFile));
    }

    /// <summary>The negative, neutral and positive shares per source of the reviews the report's tables judged (kept in <c>doc.Results["reviews"]</c>).</summary>
    private static void ReviewBands(ReportDocument doc, CliSettings s)
    {
        if (doc.Results.GetValueOrDefault("reviews") is not Reviews.ReviewResult reviews)
        {
            doc.ChartNotes.Add($"Review bands by source: need {Input.ShopData.ReviewsFile} with reviews that could be judged.");
            return;
        }

        doc.Charts.Add(new ReportChart(
            "Reviews by source",
            reviews.ToSvg(new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 150 + (40 * (reviews.Sources.Count + 1)) }),
            "one bar per site and one for all of them: the red-orange part is the share of negative reviews (the ones to answer first), grey the neutral ones, green the positive ones, each judged on the site's own scale (1–2 of 5 stars negative, 4–5 positive; other scales mapped linearly).",
            string.Create(CultureInfo.InvariantCulture, $"{Input.ShopData.ReviewsFile}: {reviews.Count:N0} reviews{(s.AsOf is { } asOf ? $" posted up to {asOf}" : string.Empty)}.")));
    }

    /// <summary>The help-desk backlog by week (kept in <c>doc.Results["backlog"]</c> by the help-desk tables).</summary>
    private static void HelpdeskBacklog(ReportDocument doc, CliSettings s)
    {
        if (doc.Results.GetValueOrDefault("backlog") is not CxMetrics.Support.BacklogResult backlog || backlog.Cells.Count == 0)
        {
            doc.ChartNotes.Add($"Help-desk backlog: needs {HelpdeskSection.File} with tickets created before the as-of instant.");
            return;
        }

        doc.Charts.Add(new ReportChart(
            "Help-desk backlog by week",
            backlog.ToSvg(new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 420 }),
            "each bar is the tickets still open at the end of a week, split by how long they had been open (darker = older); the orange line is the tickets created that week. A bar that grows while the line stays flat means tickets are being solved more slowly than they arrive; a growing dark part means old tickets are being left behind.",
            $"{HelpdeskSection.File}: {s.Suppression.Show(backlog.Tickets)} tickets, weeks ending at local midnight before Monday."));
    }

    /// <summary>The MRR bridge over the periods the report's subscription tables judged (kept in <c>doc.Results["revenueChurn"]</c>).</summary>
    private static void MrrBridge(ReportDocument doc, CliSettings s, DateTimeZone zone, string sourceName, bool subscriptionsPresent)
    {
        if (doc.Results.GetValueOrDefault("revenueChurn") is not IReadOnlyList<RevenueChurnResult> periods)
        {
            doc.ChartNotes.Add(subscriptionsPresent
                ? $"MRR bridge: {Input.ShopData.SubscriptionsFile} was read but its data could not be judged (see its table)."
                : $"MRR bridge: needs {Input.ShopData.SubscriptionsFile}; the folder has none.");
            return;
        }

        string period = s.Period.ToString().ToLowerInvariant();
        if (periods.Count == 0)
        {
            doc.ChartNotes.Add($"MRR bridge: no {period} of {Input.ShopData.SubscriptionsFile} is over at the as-of instant yet, so there are no movements to bridge.");
            return;
        }

        string from = periods[0].Period.Start.InZone(zone).Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        string to = periods[^1].Period.End.InZone(zone).Date.PlusDays(-1).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        doc.Charts.Add(new ReportChart(
            "MRR bridge",
            periods.ToSvg(new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 420 }),
            $"the first bar is the monthly recurring revenue at the start, the last the MRR at the end; between them each bar is one kind of movement summed over the {periods.Count} complete {period}(s): green adds (new customers, upgrades, returning customers), red-orange subtracts (downgrades, cancellations). Each bar starts where the one before ended, so they add up from the first total to the last.",
            string.Create(CultureInfo.InvariantCulture, $"{sourceName}: MRR movements (customer-level, ChartMogul's classification), {from} to {to} in {zone.Id}; the {period} running at the as-of instant is left out.")));
    }

    /// <summary>The holdout check for a folder: calibration to --calibration-end, holdout to the latest order at or before the as-of, as the CLV tables split them.</summary>
    private static void FolderHoldout(ReportDocument doc, CustomerSummaryTally customers, Instant? latestOrder, CliSettings s)
    {
        var zone = s.PeriodZone;
        if (customers.OrderCount == 0 || latestOrder is not { } latestInstant)
        {
            doc.ChartNotes.Add("Calibration/holdout check: no order at or before the as-of instant.");
            return;
        }

        var latest = latestInstant.InZone(zone).Date;
        if (s.Family.CalibrationEnd is not { } calibrationEnd || calibrationEnd >= latest)
        {
            doc.ChartNotes.Add(string.Create(CultureInfo.InvariantCulture, $"Calibration/holdout check: the CLV fit has no holdout: it is calibrated on every order to the latest order day ({latest:yyyy-MM-dd}). A calibration end before that day (cxmetrics report DIR --calibration-end DATE) leaves the later orders as the holdout the model is checked against."));
            return;
        }

        var summary = CustomerBase.From(customers, new CustomerSummaryOptions { CalibrationEnd = calibrationEnd, HoldoutEnd = latest, TimeUnit = TimeUnit.Week });
        Holdout(doc, summary, customers, s.Family.Model, string.Create(CultureInfo.InvariantCulture, $"orders.csv: calibration to {calibrationEnd:yyyy-MM-dd}, holdout to {latest:yyyy-MM-dd} in {zone.Id}; weeks as the time unit."), s);
    }

    private static void Holdout(ReportDocument doc, CustomerBaseSummary summary, CustomerSummaryTally customers, string modelName, string source, CliSettings s)
    {
        var data = summary.ToRfmData();
        if (data.Count == 0)
        {
            doc.ChartNotes.Add("Calibration/holdout check: no customer ordered by the calibration end.");
            return;
        }

        var model = PurchaseModelChoice.Fit(modelName, data);
        if (!model.Diagnostics.IsConverged)
        {
            doc.ChartNotes.Add($"Calibration/holdout check: the {model.Name} fit ended with status {model.Diagnostics.Status}, so it is not checked.");
            return;
        }

        doc.Charts.Add(new ReportChart(
            "Holdout check: does the purchase model predict?",
            CalibrationHoldout.Of(summary, model.Model).ToSvg(new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 400 }),
            $"customers are grouped by how many repeat purchases they made in the calibration period (7+ = seven or more); for each group the orange line is the mean number of purchases they actually made in the holdout period after it, the blue line the mean the {model.Name} model fitted on the calibration period expected. Where the lines run close, the model's forecasts can be trusted for customers like these.",
            source));
        doc.Charts.Add(new ReportChart(
            "Does the model reproduce the purchase counts?",
            RepeatPurchaseHistogram.Of(summary, model.Model).ToSvg(new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 400 }),
            $"how many customers made 0, 1, 2, … repeat purchases in the calibration period (orange) beside how many the {model.Name} model expects (blue; Fader, Hardie & Lee's fit histogram). Bars of the same height mean the model captures how often customers come back.",
            source));
        doc.Charts.Add(new ReportChart(
            "Tracking: repeat purchases over time",
            PurchaseTracking.From(customers, model.Model, summary.Options).ToSvg(cumulative: true, new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 400 }),
            $"the running total of repeat purchases week by week (orange) against what the {model.Name} model expects (blue), through the calibration period and on through the holdout after the dotted line. A gap opening after the line is the forecast error a CLV figure inherits.",
            source));
    }

    /// <summary>The NPS trend from the period cells the NPS tables computed from their per-period tallies (kept in <c>doc.Results["npsByPeriod"]</c>).</summary>
    private static void NpsTrend(ReportDocument doc, IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> cells, CliSettings s, string source)
    {
        string period = s.Period.ToString().ToLowerInvariant();
        doc.Charts.Add(new ReportChart(
            $"NPS by {period}",
            cells.ToSvg(new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 420 }),
            $"each dot is one {period}'s NPS (% promoters − % detractors, from −100 to +100); the shaded band is its {Format.Level(s.ConfidenceLevel)}. Where the bands of two {period}s overlap widely, the change between them may be noise. Ringed dots rest on fewer than {s.MinimumCellSize} answers.",
            source));
    }

    private static void Cohorts(ReportDocument doc, CohortMatrix matrix, string source, CliSettings s)
    {
        string period = matrix.Period.ToString().ToLowerInvariant();
        doc.Charts.Add(new ReportChart(
            "Cohort retention",
            matrix.ToSvg(new ChartOptions { Suppression = s.Suppression, Width = Width, Height = Math.Clamp(150 + (34 * matrix.Cohorts.Count), 280, 1200) }),
            $"each row is the customers whose first order fell in that {period}; each cell the share of them who ordered again k {period}s later (brighter = more). Read along a row to see a cohort fade, down a column to compare cohorts at the same age. Grey cells cannot be observed yet — they are not zero.",
            source));
    }

    private static void Alive(ReportDocument doc, CustomerBaseSummary summary, string source, CliSettings s)
    {
        var data = summary.ToRfmData();
        if (data.Count == 0)
        {
            doc.ChartNotes.Add("P(alive) histogram: no customers before the calibration end.");
            return;
        }

        var model = BetaGeoNbd.Fit(data);
        if (!model.Diagnostics.IsConverged)
        {
            doc.ChartNotes.Add($"P(alive) histogram: the BG/NBD fit ended with status {model.Diagnostics.Status}, so it is not drawn.");
            return;
        }

        doc.Charts.Add(new ReportChart(
            "Which customers are still active? P(alive)",
            model.ToAliveHistogramSvg(data, new ChartOptions { Suppression = s.Suppression, Width = Width, Height = 400 }),
            "each bar is the share of repeat buyers whose probability of still being an active buyer (BG/NBD model of their purchase count and timing) falls in that range; bars near 0 are customers who have probably lapsed. Customers who bought only once are counted in the panel beside it: under BG/NBD a customer who never bought again cannot have dropped out yet, so they all sit at 1, and kept apart they do not flatten the bars of the others.",
            source));
        var table = new ReportTable("BG/NBD fit behind P(alive)", "parameter", "estimate (SE)");
        foreach (var estimate in new[] { model.R, model.Alpha, model.A, model.B })
        {
            table.Row(estimate.Name, estimate.ToString());
        }

        table.Note = string.Create(CultureInfo.InvariantCulture, $"maximum likelihood on {data.TotalWeight:N0} customers; log-likelihood {model.Diagnostics.LogLikelihood:0.0}; status {model.Diagnostics.Status}");
        doc.Tables.Add(table);
    }
}
