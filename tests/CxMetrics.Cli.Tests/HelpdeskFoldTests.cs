using System.Text.Json;
using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// The report's help-desk section folds the ticket log in two passes (as-of and first week, then every tally) and keeps no
/// ticket: its results equal those the library computes from the list of tickets judged at the same as-of instant.
/// </summary>
public sealed class HelpdeskFoldTests
{
    public static TheoryData<bool, bool> Cases => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    private static string Json(object value) => JsonSerializer.Serialize(value, CxMetrics.Json.CxMetricsJson.Options);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_two_pass_fold_gives_the_results_of_the_ticket_list(bool givenAsOf, bool businessHours)
    {
        var tickets = SupportFoldTests.Tickets();
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var s = new CliSettings
        {
            Zone = zone,
            Period = PeriodUnit.Week,
            AsOf = givenAsOf ? Instant.FromUtc(2025, 3, 20, 12, 0) : null,
            Hours = businessHours ? (new LocalTime(9, 0), new LocalTime(17, 0)) : null,
        };
        var doc = new ReportDocument("report", "test");
        HelpdeskSection.Tables(doc, RecordStream<SupportTicket>.InMemory(tickets), RecordStream<SupportTicket>.InMemory(tickets), s);

        // The list the section kept before it folded: tickets created by as-of, judged at as-of.
        var calendar = businessHours ? BusinessCalendar.Weekdays(zone, new LocalTime(9, 0), new LocalTime(17, 0)) : BusinessCalendar.AlwaysOpen(zone);
        var asOf = s.AsOf ?? tickets.Max(SupportFold.LatestOf);
        var judged = tickets.Where(t => t.CreatedAt <= asOf).ToList();
        Assert.Equal(givenAsOf, judged.Count < tickets.Length);
        var times = judged.Select(t => SupportTimes.Of(t, calendar, asOf)).ToList();
        var options = new SupportOptions { ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize, Basis = businessHours ? TimeBasis.Business : TimeBasis.Calendar };
        var weeks = new PeriodGrid(zone, PeriodUnit.Week);
        var last = weeks.Containing(asOf);
        last = last.ToInterval(zone).Start >= asOf ? last.Previous() : last;

        Assert.Equal(Json(Sla.ByPeriod(times, HelpdeskSection.Targets, s.Grid, byPriority: false, options)), Json(doc.Results["helpdesk-sla-by-period"]));
        Assert.Equal(Json(Sla.Of(times, HelpdeskSection.Targets, byPriority: false, options)), Json(doc.Results["helpdesk-sla"]));
        Assert.Equal(Json(TicketResolution.Of(times, options)), Json(doc.Results["helpdesk-resolution"]));
        Assert.Equal(Json(Backlog.Of(judged, null, asOf, weeks, weeks.Containing(judged.Min(t => t.CreatedAt)), last, options)), Json(doc.Results["backlog"]));

        // The paused clocks and resolution tables from the support summary of the list.
        var expected = new ReportDocument("report", "test");
        string clock = businessHours ? "business hours Mon–Fri 09:00–17:00" : "calendar hours";
        FamilyTables.HelpDesk(expected, SupportMetrics.Of(times, options), TicketResolution.Of(times, options), clock, s, "Help desk");
        var actualTables = Tables(doc);
        foreach (var table in Tables(expected))
        {
            Assert.Equal(table.Value.GetProperty("rows").GetRawText(), actualTables[table.Key].GetProperty("rows").GetRawText());
        }

        var byChannel = actualTables["Help desk: first-contact resolution by channel"].GetProperty("rows").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(c => c.GetProperty("text").GetString()).ToArray()).ToArray();
        var cells = TicketResolution.By(times, t => t.Ticket.Channel, options);
        Assert.Equal(cells.Select(c => c.Key), byChannel.Select(r => r[0]));
        Assert.Equal(cells.Select(c => c.Result.Solved.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), byChannel.Select(r => r[6]));
        Assert.Contains($"{judged.Count:N0} tickets of ticket_events.csv judged as of {asOf}", Note(doc, "Help desk: paused clocks"), StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Tables(ReportDocument doc) =>
        JsonDocument.Parse(Renderer.ToJson(doc)).RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("title").GetString()!);

    private static string Note(ReportDocument doc, string titleStart) => doc.Tables.First(t => t.Title.StartsWith(titleStart, StringComparison.Ordinal)).Note ?? string.Empty;
}
