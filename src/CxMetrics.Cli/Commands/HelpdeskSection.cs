using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The report's help-desk section, from a shop folder's <c>ticket_events.csv</c> (a help-desk audit log: the conversation
/// and the paused statuses, read as a ticket event log): paused clocks and resolution rates, first-contact resolution by
/// channel, SLA attainment per channel against illustrative help-desk targets, the same by period with the score test of
/// each channel's attainment against the goal share, and the backlog at each week's end. The backlog's weeks run from the
/// first ticket's to the as-of instant's, so the file is read twice: a first pass finds the as-of instant (the latest event
/// unless <c>--as-of</c>) and the first creation, a second folds every ticket judged at that instant into tallies — support
/// times, resolution counts overall and per channel, SLA counts overall and per period, the weekly backlog. No ticket is
/// kept.
/// </summary>
internal static class HelpdeskSection
{
    /// <summary>The conventional file name.</summary>
    public const string File = "ticket_events.csv";

    /// <summary>The section's name in its table titles.</summary>
    private const string Section = "Help desk";

    /// <summary>The illustrative help-desk targets of the report (business hours with <c>--hours</c>).</summary>
    internal static readonly SlaTarget[] Targets =
    [
        new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(8), Goal = 0.9 },
        new() { Metric = SlaMetric.FirstResponse, Channel = "chat", Target = Duration.FromHours(1), Goal = 0.9 },
        new() { Metric = SlaMetric.NextReply, Target = Duration.FromHours(8), Goal = 0.8 },
        new() { Metric = SlaMetric.NextReply, Channel = "chat", Target = Duration.FromHours(2), Goal = 0.8 },
        new() { Metric = SlaMetric.PeriodicUpdate, Target = Duration.FromHours(24), Goal = 0.8 },
        new() { Metric = SlaMetric.PausableUpdate, Target = Duration.FromHours(10), Goal = 0.8 },
        new() { Metric = SlaMetric.Resolution, Target = Duration.FromHours(40), Goal = 0.8 },
    ];

    /// <summary>The section's tables.</summary>
    /// <param name="first">The file's tickets, first pass (its account is the report's).</param>
    /// <param name="second">The same tickets read again (<see cref="ShopData.TicketEventsAgain"/>).</param>
    public static void Tables(ReportDocument doc, RecordStream<SupportTicket> first, RecordStream<SupportTicket> second, CliSettings s)
    {
        long read = 0;
        var latest = Instant.MinValue;
        Instant? earliest = null;
        first.ForEach(t =>
        {
            read++;
            latest = Instant.Max(latest, SupportFold.LatestOf(t));
            if ((s.AsOf is not { } given || t.CreatedAt <= given) && !(earliest <= t.CreatedAt))
            {
                earliest = t.CreatedAt;
            }
        });

        var zone = s.PeriodZone;
        var calendar = s.Hours is { } h ? BusinessCalendar.Weekdays(zone, h.Open, h.Close) : BusinessCalendar.AlwaysOpen(zone);
        var asOf = AsOfRule.Resolve(s.AsOf, read == 0 ? null : latest);
        var options = new SupportOptions { ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize, Basis = s.Hours is null ? TimeBasis.Calendar : TimeBasis.Business };
        var weeks = earliest is { } e ? Weeks(e, asOf, zone) : ((PeriodGrid Grid, CalendarPeriod First, CalendarPeriod Last)?)null;
        var fold = new HelpdeskFold(calendar, asOf, weeks is { } w && w.First <= w.Last ? new BacklogTally(asOf, w.Grid, w.First, w.Last, options.BacklogAgeEdges) : null, s.Grid);
        second.ForEach(fold.Add);

        string clock = s.Hours is { } o ? string.Create(CultureInfo.InvariantCulture, $"business hours Mon–Fri {o.Open:HH:mm}–{o.Close:HH:mm}") : "calendar hours";
        string level = Format.Level(s.ConfidenceLevel);
        string left = fold.Later > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {Format.Count(fold.Later)} tickets created after the as-of instant are left out") : string.Empty;

        var support = SupportMetrics.From(fold.Support, options);
        FamilyTables.HelpDesk(doc, support, TicketResolution.From(fold.Resolution, options), clock, s, Section);
        doc.Tables[^2].Note += string.Create(CultureInfo.InvariantCulture, $"; {Format.Count(fold.Judged)} tickets of {File} judged as of {asOf}{left}");

        var byChannel = new ReportTable($"{Section}: first-contact resolution by channel", "channel", "first contact", level, "one-touch", "reopen", "solved with reply", "solved", "flag");
        foreach (var cell in TicketResolution.By(fold.ResolutionByChannel, options))
        {
            var r = cell.Result;
            byChannel.Row(cell.Key, new ShareCell(r.FirstContactResolution.Value), Cells.Interval(r.FirstContactResolution.Interval, share: true), new ShareCell(r.OneTouch.Value),
                new ShareCell(r.ReopenRate.Value), Format.Count(r.FirstContactResolution.Count), Format.Count(r.Solved), Format.Flag(cell.IsSmallCell));
        }

        byChannel.Note = "first contact: one public reply and never reopened, over solved tickets with a public reply (Wilson interval); reopen: over tickets solved at least once";
        doc.Tables.Add(byChannel);

        SlaCommand.Tables(doc, fold.Sla, Targets, byPriority: false, s, Section);
        GoalByPeriod(doc, Sla.ByPeriod(fold.SlaByPeriod, s.Grid, options), s, level);
        if (weeks is { } range)
        {
            // A reversed range (every judged ticket created at an as-of on a week's start) fails here as it always did.
            BacklogTable(doc, fold.Backlog ?? new BacklogTally(asOf, range.Grid, range.First, range.Last, options.BacklogAgeEdges), zone, options);
        }
    }

    /// <summary>The backlog's weeks (local midnight before Monday): from the first judged ticket's to the last that starts before as-of.</summary>
    private static (PeriodGrid Grid, CalendarPeriod First, CalendarPeriod Last) Weeks(Instant earliest, Instant asOf, DateTimeZone zone)
    {
        var grid = new PeriodGrid(zone, PeriodUnit.Week);
        var last = grid.Containing(asOf);
        if (last.ToInterval(zone).Start >= asOf)
        {
            last = last.Previous();
        }

        return (grid, grid.Containing(earliest), last);
    }

    /// <summary>Each channel's attainment per period (the report's --period) with the score test against the goal share.</summary>
    private static void GoalByPeriod(ReportDocument doc, IReadOnlyList<SlaPeriod> periods, CliSettings s, string level)
    {
        doc.Results["helpdesk-sla-by-period"] = periods;
        var table = new ReportTable($"{Section}: targets by channel and {s.Period.ToString().ToLowerInvariant()} against the goal",
            "period", "channel", "metric", "target h", "goal %", "attainment", level, "judged", "z", "p below goal", "verdict");
        foreach (var period in periods)
        {
            foreach (var cell in period.Cells.Where(c => c.Target is not null && (c.Attainment.Count > 0 || c.PendingWithinTarget > 0)))
            {
                var test = cell.GoalTest;
                string verdict = test?.PValueBelow is not { } p ? "no verdict"
                    : p < (1 - s.ConfidenceLevel) / 2 ? "below goal (significant)"
                    : cell.MissesGoal == true ? "below goal (within noise)"
                    : "meets goal";
                table.Row(period.Period.ToString(), cell.Channel, SlaCommand.Metric(cell.Metric), new NumberCell(cell.Target!.Target.TotalHours, 2, Trim: true),
                    new NumberCell(cell.Target.Goal * 100, 1, Trim: true), new ShareCell(cell.Attainment.Value), Cells.Interval(cell.Attainment.Interval, share: true),
                    Format.Count(cell.Attainment.Count), new NumberCell(test?.Z, 2), new PValueCell(test?.PValueBelow), cell.Attainment.Count < s.MinimumCellSize && verdict != "no verdict" ? verdict + ", small n" : verdict);
            }
        }

        table.Note = "tickets by the period they were created in (cells without a judged or pending ticket left out); attainment = met / (met + breached + pending breached); z = (p̂ − goal) / √(goal (1 − goal) / n), the one-sample score test; "
            + string.Create(CultureInfo.InvariantCulture, $"p below goal: one-sided p of 'at least the goal'; significant when p < {(1 - s.ConfidenceLevel) / 2:0.###} (the goal is above the whole {Format.Level(s.ConfidenceLevel)} Wilson interval)");
        doc.Tables.Add(table);
    }

    /// <summary>Open tickets at each week's end (local midnight before Monday) and their ages, created and solved per week.</summary>
    private static void BacklogTable(ReportDocument doc, BacklogTally tally, DateTimeZone zone, SupportOptions options)
    {
        var backlog = Backlog.From(tally, null, options);
        doc.Results["backlog"] = backlog;
        string[] bands = [.. Bands(backlog.AgeEdges)];
        var table = new ReportTable($"{Section}: backlog by week (open tickets at each week's end)", ["week", "counted at", "created", "solved", "reopened", "open", .. bands.Select(b => "age " + b)]);
        foreach (var cell in backlog.Cells)
        {
            table.Row([cell.Period.ToString(), cell.CountedAt.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture) + (cell.IsComplete ? string.Empty : " (as of)"),
                Format.Count(cell.Created), Format.Count(cell.Solved), Format.Count(cell.Reopened), Format.Count(cell.Open), .. cell.OpenByAge.Select(n => (ReportCell)Format.Count(n))]);
        }

        table.Note = "open: created before the week's end and not solved then (an event at the end belongs to the next week); open = open the week before + created + reopened − solved; ages are wall-clock time since creation";
        doc.Tables.Add(table);
    }

    private static IEnumerable<string> Bands(IReadOnlyList<Duration> edges)
    {
        string previous = "0";
        foreach (var edge in edges)
        {
            string e = Text(edge);
            yield return $"{previous}–{e}";
            previous = e;
        }

        yield return $"> {previous}";
    }

    private static string Text(Duration d) => d.TotalDays >= 1 && d.TotalDays == Math.Floor(d.TotalDays)
        ? d.TotalDays.ToString("0", CultureInfo.InvariantCulture) + " d"
        : d.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + " h";
}
