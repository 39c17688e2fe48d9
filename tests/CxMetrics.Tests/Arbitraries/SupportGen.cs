using CxMetrics.Support;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Interval = NodaTime.Interval;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>FsCheck generators for support data: zones with clock changes, business calendars (split shifts, night shifts, holidays) and spans.</summary>
public static class SupportGen
{
    private static readonly Instant Origin = Instant.FromUtc(2023, 12, 25, 0, 0);

    /// <summary>UTC and zones with daylight saving time in both hemispheres, and a half-hour offset.</summary>
    public static Gen<DateTimeZone> Zones { get; } = Gen.Elements("Etc/UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Australia/Lord_Howe")
        .Select(id => DateTimeZoneProviders.Tzdb[id]);

    /// <summary>Calendars on minute-aligned, non-overlapping opening intervals (some crossing midnight) with holidays in 2024.</summary>
    public static Gen<BusinessCalendar> Calendars { get; } =
        from zone in Zones
        from perDay in Gen.Choose(0, 2).ArrayOf(7)
        from cuts in Gen.Choose(0, 24 * 4).ArrayOf(28)
        from holidays in Gen.Choose(0, 365).ArrayOf().Select(a => a.Take(20).ToArray())
        select Build(zone, perDay, cuts, holidays);

    /// <summary>Spans starting in 2024 of up to about 40 days, at minute resolution.</summary>
    public static Gen<(Instant Start, Instant End)> Spans { get; } =
        from start in Gen.Choose(0, 366 * 24 * 60)
        from length in Gen.Frequency((3, Gen.Choose(0, 3 * 24 * 60)), (1, Gen.Choose(0, 40 * 24 * 60)))
        select (Origin + Duration.FromMinutes(start), Origin + Duration.FromMinutes(start + length));

    /// <summary>Spans of up to four days (for the minute-by-minute reference).</summary>
    public static Gen<(Instant Start, Instant End)> ShortSpans { get; } =
        from start in Gen.Choose(0, 366 * 24 * 60)
        from length in Gen.Choose(0, 4 * 24 * 60)
        select (Origin + Duration.FromMinutes(start), Origin + Duration.FromMinutes(start + length));

    private static BusinessCalendar Build(DateTimeZone zone, int[] perDay, int[] cuts, int[] holidays)
    {
        // Each open day gets up to two intervals between sorted quarter-hour cut points in [00:00, 24:00], so they cannot
        // overlap; a closed day followed by a closed day may get a night shift 20:00 → 04:00–05:36 the next day.
        var hours = new List<WeeklyOpening>();
        for (int d = 0; d < 7; d++)
        {
            var c = cuts.Skip(d * 4).Take(2 * perDay[d]).Order().ToArray();
            for (int i = 0; i + 1 < c.Length; i += 2)
            {
                if (c[i] == c[i + 1])
                {
                    continue;
                }

                var start = LocalTime.Midnight.PlusMinutes(c[i] * 15);
                var end = c[i + 1] == 96 ? LocalTime.Midnight : LocalTime.Midnight.PlusMinutes(c[i + 1] * 15);
                hours.Add(new WeeklyOpening((IsoDayOfWeek)(d + 1), start, end));
            }
        }

        // A night shift on a day whose next day is closed.
        for (int d = 0; d < 7; d++)
        {
            if (perDay[d] == 0 && perDay[(d + 1) % 7] == 0 && cuts[d] % 3 == 0)
            {
                hours.Add(new WeeklyOpening((IsoDayOfWeek)(d + 1), new LocalTime(20, 0), new LocalTime(4, 0).PlusMinutes(cuts[d])));
            }
        }

        var dates = holidays.Select(h => new LocalDate(2024, 1, 1).PlusDays(h));
        return new BusinessCalendar(zone, hours, dates);
    }

    /// <summary>Valid tickets (replies, solve/reopen/close sequences, work intervals) judged on a Berlin office calendar as of mid-2024.</summary>
    public static Gen<TicketTimes> TicketTimes { get; } =
        from created in Gen.Choose(0, 90 * 24 * 60)
        from replies in Gen.Choose(0, 20 * 24 * 60).ArrayOf().Select(a => a.Take(3).Order().ToArray())
        from steps in Gen.Choose(1, 5 * 24 * 60).ArrayOf().Select(a => a.Take(4).ToArray())
        from closes in Gen.Elements(true, false)
        from work in Gen.Choose(1, 120).ArrayOf().Select(a => a.Take(3).ToArray())
        from channel in Gen.Elements("chat", "email", "phone")
        from priority in Gen.Elements<string?>("high", "low", null)
        select Make(created, replies, steps, closes, work, channel, priority);

    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(
        DateTimeZoneProviders.Tzdb["Europe/Berlin"], new LocalTime(9, 0), new LocalTime(17, 0), [new LocalDate(2024, 4, 1)]);

    private static TicketTimes Make(int created, int[] replies, int[] steps, bool closes, int[] work, string channel, string? priority)
    {
        var start = Origin + Duration.FromMinutes(created);
        var changes = new List<TicketStatusChange>();
        var t = start;
        for (int i = 0; i < steps.Length; i++)
        {
            t += Duration.FromMinutes(steps[i]);
            changes.Add(new(t, i % 2 == 0 ? TicketStatus.Solved : TicketStatus.Reopened));
        }

        var lastReply = replies.Length == 0 ? start : start + Duration.FromMinutes(replies[^1]);
        if (closes)
        {
            var closeAt = t > lastReply ? t : lastReply;
            changes.Add(new(closeAt + Duration.FromMinutes(1), TicketStatus.Closed));
        }

        var intervals = new List<Interval>();
        var w = start;
        foreach (int minutes in work)
        {
            intervals.Add(new Interval(w, w + Duration.FromMinutes(minutes)));
            w += Duration.FromMinutes(minutes * 2);
        }

        var ticket = SupportTicket.Create(
            "g-" + created.ToString(System.Globalization.CultureInfo.InvariantCulture), "c", channel, start,
            replies.Select(r => start + Duration.FromMinutes(r)), changes, intervals, priority);
        return SupportTimes.Of(ticket, Office, Origin + Duration.FromDays(120));
    }

    /// <summary>
    /// Help-desk tickets with a full event history — customer and agent messages (public or internal), pending / on-hold /
    /// open, solve / reopen and sometimes a close — on a generated calendar, with an as-of instant anywhere in or after the
    /// history (so some clocks are still running).
    /// </summary>
    public static Gen<(SupportTicket Ticket, BusinessCalendar Calendar, Instant AsOf)> HelpdeskTickets { get; } =
        from calendar in Calendars
        from created in Gen.Choose(0, 300 * 24 * 60)
        from steps in Gen.Choose(0, 3 * 24 * 60).Zip(Gen.Choose(0, 7)).ArrayOf().Select(a => a.Take(14).ToArray())
        from closes in Gen.Elements(true, false)
        from asOfShare in Gen.Choose(0, 120)
        from channel in Gen.Elements("chat", "email", "phone")
        select Helpdesk(calendar, created, steps, closes, asOfShare, channel);

    private static (SupportTicket, BusinessCalendar, Instant) Helpdesk(BusinessCalendar calendar, int created, (int Minutes, int Kind)[] steps, bool closes, int asOfShare, string channel)
    {
        var start = Origin + Duration.FromMinutes(created);
        var t = start;
        bool solved = false;
        var changes = new List<TicketStatusChange>();
        var messages = new List<TicketMessage> { new(start, MessageAuthor.Customer) };
        foreach (var (minutes, kind) in steps)
        {
            t += Duration.FromMinutes(minutes);
            switch (kind)
            {
                case 0:
                    messages.Add(new(t, MessageAuthor.Customer));
                    break;
                case 1:
                case 2:
                    messages.Add(new(t, MessageAuthor.Agent));
                    break;
                case 3:
                    messages.Add(new(t, MessageAuthor.Agent, IsPublic: false));
                    break;
                case 4 when !solved:
                    changes.Add(new(t, TicketStatus.Pending));
                    break;
                case 5 when !solved:
                    changes.Add(new(t, TicketStatus.OnHold));
                    break;
                case 6 when !solved:
                    changes.Add(new(t, TicketStatus.Open));
                    break;
                case 7:
                    changes.Add(new(t, solved ? TicketStatus.Reopened : TicketStatus.Solved));
                    solved = !solved;
                    break;
                default:
                    // pending / on-hold / open while solved: the ticket is reopened instead
                    changes.Add(new(t, TicketStatus.Reopened));
                    solved = false;
                    break;
            }
        }

        if (closes)
        {
            t += Duration.FromMinutes(1);
            changes.Add(new(t, TicketStatus.Closed));
        }

        var ticket = SupportTicket.Create("h-" + created.ToString(System.Globalization.CultureInfo.InvariantCulture), "c", channel, start, statusChanges: changes, messages: messages);
        var asOf = start + Duration.FromTicks((t - start).BclCompatibleTicks * asOfShare / 100);
        return (ticket, calendar, asOf);
    }
}
