using System.Globalization;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The support section of <c>report</c>: first response, resolution and reopens of the bundled ServiceNow incidents in
/// business and calendar hours, SLA attainment per priority against illustrative targets, and breakdowns by agent group
/// and day.
/// </summary>
internal static class SupportSection
{
    internal static readonly SlaTarget[] Targets =
    [
        new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(4) },
        new() { Metric = SlaMetric.FirstResponse, Priority = "1 - Critical", Target = Duration.FromHours(1) },
        new() { Metric = SlaMetric.Resolution, Target = Duration.FromHours(30) },
        new() { Metric = SlaMetric.Resolution, Priority = "1 - Critical", Target = Duration.FromHours(8) },
    ];

    public static string Render(ReportSettings settings)
    {
        var data = ServiceNowSample.Load();
        var times = SupportTimes.Of(data.Tickets, ServiceNowSample.Calendar, ServiceNowSample.AsOf);
        var business = new SupportOptions { ConfidenceLevel = settings.ConfidenceLevel, MinimumCellSize = settings.MinimumCellSize };
        var calendar = business with { Basis = TimeBasis.Calendar };
        string level = (settings.ConfidenceLevel * 100).ToString("#,##0.##", CultureInfo.InvariantCulture) + "% CI";
        var output = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Support responsiveness — bundled ServiceNow incident log (UCI, CC BY 4.0): {data.Rows:N0} update rows read as a snapshot log (samples/maps/servicenow.json), {data.Tickets.Count:N0} incidents accepted, {data.Rejected.Count:N0} rejected; hours Mon–Fri 08:00–18:00 (assumed, times read as {ServiceNowSample.Zone.Id}); as of {ServiceNowSample.AsOf}\n"),
        };

        foreach (var reason in data.Rejected.Take(3))
        {
            output[0] += "  rejected " + reason + "\n";
        }

        var headline = new TextTable("Headline (hours; closed without reply = solved or closed without any public reply: no first response, not pending)", "metric", "clock", "median", "p90", "mean", "n", "pending", "pending median so far", "closed without reply");
        foreach (var (options, name) in new[] { (business, "business"), (calendar, "calendar") })
        {
            var r = SupportMetrics.Of(times, options);
            headline.Row("first response", name, Format.Number(r.FirstResponse.Median, "0.00"), Format.Number(r.FirstResponse.Percentile(0.9), "0.00"),
                Format.Number(r.FirstResponse.Mean, "0.00"), Format.Count(r.FirstResponse.Count), Format.Count(r.ResponsePending), Format.Number(r.ResponsePendingFor.Median, "0.00"), Format.Count(r.ClosedWithoutReply));
            headline.Row("full resolution", name, Format.Number(r.FullResolution.Median, "0.00"), Format.Number(r.FullResolution.Percentile(0.9), "0.00"),
                Format.Number(r.FullResolution.Mean, "0.00"), Format.Count(r.FullResolution.Count), Format.Count(r.ResolutionPending), Format.Number(r.ResolutionPendingFor.Median, "0.00"), string.Empty);
        }

        var overall = SupportMetrics.Of(times, business);
        output.Add(headline + string.Create(CultureInfo.InvariantCulture,
            $"Reopen rate: {Format.Number(overall.ReopenRate.Value * 100)}% of {Format.Count(overall.ReopenRate.Count)} solved incidents, {level} {Format.Interval(overall.ReopenRate.Interval, 100)} (Wilson); {overall.Reopens} reopens.\n"));

        var sla = new TextTable("SLA attainment by channel × priority (business hours; pending past target = breach)", "channel", "priority", "metric", "target h", "met %", level, "met", "breached", "pending breached", "pending within", "closed w/o reply", "flag");
        foreach (var cell in Sla.Attainment(times, Targets, options: business))
        {
            sla.Row(cell.Channel, cell.Priority ?? "(none)", cell.Metric.ToString(), Format.Number(cell.Target?.Target.TotalHours, "0.#"),
                Format.Number(cell.Attainment.Value * 100), Format.Interval(cell.Attainment.Interval, 100), Format.Count(cell.Met), Format.Count(cell.Breached),
                Format.Count(cell.PendingBreached), Format.Count(cell.PendingWithinTarget), Format.Count(cell.ClosedWithoutReply),
                cell.ClearlyMissesGoal == true ? "misses goal" : cell.MissesGoal == true ? "below goal" : string.Empty);
        }

        output.Add(sla.ToString());

        var groups = new TextTable("By agent group (business hours; the 8 largest groups)", "group", "tickets", "FRT median", "resolution median", "resolution pending", "reopen %", "flag");
        foreach (var cell in SupportMetrics.By(times, t => t.Ticket.AgentGroup, business).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Take(8))
        {
            var r = cell.Result;
            groups.Row(cell.Key ?? "(none)", Format.Count(cell.Count), Format.Number(r.FirstResponse.Median, "0.00"), Format.Number(r.FullResolution.Median, "0.00"),
                Format.Count(r.ResolutionPending), Format.Number(r.ReopenRate.Value * 100), Format.Flag(cell.IsSmallCell));
        }

        output.Add(groups.ToString());

        var days = new TextTable("By day opened (business hours)", "day", "tickets", "FRT median", "change", "resolution median", "change", "flag");
        foreach (var cell in SupportMetrics.ByPeriod(times, ServiceNowSample.Zone, PeriodUnit.Day, business))
        {
            days.Row(cell.Period.ToString(), Format.Count(cell.Count), Format.Number(cell.Result.FirstResponse.Median, "0.00"), Format.Signed(cell.ChangeFromPrevious?.FirstResponseMedian, "+0.00;-0.00;0.00"),
                Format.Number(cell.Result.FullResolution.Median, "0.00"), Format.Signed(cell.ChangeFromPrevious?.FullResolutionMedian, "+0.00;-0.00;0.00"), Format.Flag(cell.IsSmallCell));
        }

        output.Add(days.ToString());
        return string.Join('\n', output);
    }
}
