using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>sla [PATH]</c>: SLA attainment of a ticket event log against <c>--target</c>s (repeatable), per channel × priority
/// (default) or per channel (<c>--segment channel</c>), as <see cref="Sla.Of"/> judges it: pending tickets past
/// their target are breaches, pending tickets within it are reported apart, tickets closed without reply have no first
/// response. Times count in business hours with <c>--hours</c>, else in calendar time. Without PATH: the bundled
/// ServiceNow incidents (Mon–Fri 08:00–18:00) against the report's illustrative targets.
/// </summary>
internal static class SlaCommand
{
    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        bool byPriority = s.Segment switch
        {
            null or "priority" => true,
            "channel" => false,
            var key => throw new UsageException($"segment key '{key}' is not one of priority, channel for SLA attainment."),
        };
        var data = new ShopData();
        ReportDocument doc;
        RecordStream<SupportTicket> tickets;
        BusinessCalendar calendar;
        Instant? asOf;
        IReadOnlyList<SlaTarget> targets;
        if (path is null)
        {
            doc = new ReportDocument("sla", "bundled ServiceNow incident log excerpt (UCI, CC BY 4.0), Mon–Fri 08:00–18:00 assumed");
            tickets = RecordStream<SupportTicket>.InMemory(ServiceNowSample.Load().Tickets);
            calendar = s.Hours is { } h ? BusinessCalendar.Weekdays(ServiceNowSample.Zone, h.Open, h.Close) : ServiceNowSample.Calendar;
            asOf = s.AsOf ?? ServiceNowSample.AsOf;
            targets = s.Family.Targets ?? SupportSection.Targets;
            s = s with { Hours = s.Hours ?? (new LocalTime(8, 0), new LocalTime(18, 0)) };
        }
        else
        {
            targets = s.Family.Targets ?? throw new UsageException("sla needs at least one --target, e.g. --target first_response=4h@90% (there is no neutral default).");
            string file = ShopData.Require(path, ShopData.TicketsFile);
            doc = new ReportDocument("sla", Path.GetFullPath(file));
            tickets = data.TicketStream(file, s);
            calendar = s.Hours is { } h ? BusinessCalendar.Weekdays(s.PeriodZone, h.Open, h.Close) : BusinessCalendar.AlwaysOpen(s.PeriodZone);
            asOf = s.AsOf; // else the file's latest instant, known when it has been read
        }

        Tables(doc, tickets, calendar, asOf, targets, byPriority, s);
        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    /// <summary>
    /// The SLA tables, judging the tickets as they are read (<see cref="SlaFold"/>); without <paramref name="given"/>, as of
    /// the file's latest instant. Tickets created after as-of do not exist yet at the moment of judgement.
    /// </summary>
    /// <param name="section">Null for the sla command's tables; else the name of the report section they head (titles and result keys say it).</param>
    public static void Tables(ReportDocument doc, RecordStream<SupportTicket> tickets, BusinessCalendar calendar, Instant? given, IReadOnlyList<SlaTarget> targets, bool byPriority, CliSettings s, string? section = null)
    {
        var fold = new SlaFold(targets, byPriority, calendar, given);
        tickets.ForEach(fold.Add);
        Tables(doc, fold, targets, byPriority, s, section);
    }

    /// <summary>The SLA tables of tickets already folded (<paramref name="fold"/> is finished here).</summary>
    /// <param name="section">Null for the sla command's tables; else the name of the report section they head (titles and result keys say it).</param>
    public static void Tables(ReportDocument doc, SlaFold fold, IReadOnlyList<SlaTarget> targets, bool byPriority, CliSettings s, string? section = null)
    {
        long later = fold.Later;
        var asOf = fold.AsOf;
        var options = new SupportOptions { ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize };
        var cells = Sla.From(fold.Finish(), options);
        string prefix = section is null ? string.Empty : "helpdesk-";
        doc.Results[prefix + "sla"] = cells;
        doc.Results[prefix + "targets"] = targets;
        string clock = s.Hours is { } h ? string.Create(CultureInfo.InvariantCulture, $"business hours Mon–Fri {h.Open:HH:mm}–{h.Close:HH:mm}") : "calendar time";
        string level = Format.Level(s.ConfidenceLevel);
        var table = new ReportTable($"{(section is null ? string.Empty : section + ": ")}SLA attainment by channel{(byPriority ? " × priority" : string.Empty)} ({clock}, as of {asOf})",
            "channel", "priority", "metric", "target h", "goal %", "attainment", level, "met", "breached", "pending breached", "pending within", "closed w/o reply", "no target", "z", "p below goal", "flag");
        foreach (var cell in cells)
        {
            table.Row(cell.Channel, byPriority ? cell.Priority ?? "(none)" : "(all)", Metric(cell.Metric), new NumberCell(cell.Target?.Target.TotalHours, 2, Trim: true),
                new NumberCell(cell.Target?.Goal * 100, 1, Trim: true), new ShareCell(cell.Attainment.Value), Cells.Interval(cell.Attainment.Interval, share: true),
                Format.Count(cell.Met), Format.Count(cell.Breached), Format.Count(cell.PendingBreached), Format.Count(cell.PendingWithinTarget), Format.Count(cell.ClosedWithoutReply),
                Format.Count(cell.WithoutTarget), new NumberCell(cell.GoalTest?.Z, 2), new PValueCell(cell.GoalTest?.PValueBelow), cell.ClearlyMissesGoal == true ? "misses goal" : cell.MissesGoal == true ? "below goal" : cell.Attainment.Count < s.MinimumCellSize ? "small n" : string.Empty);
        }

        table.Note = "met % = met / (met + breached + pending breached), Wilson interval; pending past target = breach (Zendesk, Freshdesk), pending within target reported apart, never met; "
            + "a ticket is judged by its most specific target (channel and priority, channel, priority, default); 'below goal': the estimate is under the goal, 'misses goal': the whole interval is; "
            + "z and p below goal: the one-sample score test of attainment against the goal share, z = (p̂ − goal) / √(goal (1 − goal) / n), one-sided p of 'at least the goal' (it rejects at α exactly when the goal is above the Wilson interval at level 1 − 2α)"
            + (later > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {Format.Count(later)} tickets created after the as-of instant are left out") : string.Empty);
        doc.Tables.Add(table);

        var list = new ReportTable(section is null ? "SLA targets" : $"{section}: SLA targets", "metric", "target h", "goal %", "channel", "priority");
        foreach (var t in targets)
        {
            list.Row(Metric(t.Metric), new NumberCell(t.Target.TotalHours, 2, Trim: true), new NumberCell(t.Goal * 100, 1, Trim: true), t.Channel ?? "(all)", t.Priority ?? "(all)");
        }

        doc.Tables.Add(list);
    }

    internal static string Metric(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => "first_response",
        SlaMetric.Resolution => "resolution",
        SlaMetric.NextReply => "next_reply",
        SlaMetric.PeriodicUpdate => "periodic_update",
        SlaMetric.PausableUpdate => "pausable_update",
        SlaMetric.AgentWork => "agent_work",
        _ => "requester_wait",
    };
}
