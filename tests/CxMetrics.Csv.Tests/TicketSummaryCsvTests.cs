using CxMetrics.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class TicketSummaryCsvTests
{
    // Column names of Zendesk Support's ticket CSV export (Reporting > Export); times are the account's local time without an offset.
    private const string ZendeskExport = """
        Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,On hold time in minutes,On hold time in minutes within business hours
        101,Ann,9001,,ann@example.com,example.com,Ann,Bo,Support,"Where is my order, please?",shipping,Solved,Normal,Web Form,Question,2024-03-01 09:00,2024-03-01 12:00,2024-03-01 09:10,,,2024-03-01 09:10,2024-03-01 12:00,0,Good,1,1,0,1,30,30,180,180,180,180,20,20,160,160,0,0
        102,Cy,9002,,cy@example.com,example.com,Cy,,Support,Refund,,Open,High,Email,Incident,2024-03-01 10:00,2024-03-01 10:00,,,,,,,Unoffered,1,0,0,0,,,,,,,,,,,,
        103,Di,9003,,di@example.com,example.com,Di,Bo,Billing,Invoice wrong,billing,Solved,Normal,Email,Problem,2024-03-02 08:00,2024-03-04 08:00,2024-03-02 08:05,,,2024-03-02 08:05,2024-03-04 08:00,48,Bad,1,1,2,4,60,60,120,120,2880,960,300,300,2580,660,0,0
        104,Ed,9004,,ed@example.com,example.com,Ed,Bo,Support,Thanks,,Closed,Low,Web Widget,Question,2024-03-02 09:00,2024-03-06 09:45,2024-03-02 09:01,,,2024-03-02 09:01,2024-03-02 09:45,0,Unoffered,1,1,0,0,,,45,45,45,45,0,0,45,45,0,0
        105,Fa,9005,,fa@example.com,example.com,Fa,Bo,Support,Clock skew,,Solved,Normal,Email,Question,2024-03-03 10:00,2024-03-03 09:00,,,,,2024-03-03 09:00,0,Unoffered,1,1,0,0,,,,,,,,,,,,
        106,Gu,9006,,gu@example.com,example.com,Gu,Bo,Support,Still broken,,Pending,Urgent,Chat,Incident,2024-03-03 11:00,2024-03-05 11:00,2024-03-03 11:02,,,2024-03-03 11:02,2024-03-04 11:00,24,Unoffered,1,1,1,2,5,5,1440,480,1440,480,0,0,1440,480,0,0
        107,Hu,9007,,hu@example.com,example.com,Hu,Bo,Support,Contradiction,,Open,Normal,Email,Question,2024-03-04 09:00,2024-03-04 10:00,,,,,2024-03-04 10:00,0,Unoffered,1,1,0,0,,,,,,,,,,,,
        """;

    // Column names of Freshdesk's ticket export (Tickets > Export, CSV).
    private const string FreshdeskExport = """
        Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product,Full name,Contact ID
        1,Cannot log in,Resolved,Medium,Email,Incident,Bo,Tier 1,2024-03-01 09:00:00,2024-03-02 09:00:00,2024-03-01 11:00:00,,2024-03-01 11:00:00,2024-03-01 09:20:00,00:10,0.33,2.0,1,1,Within SLA,Within SLA,,,,Ann,5001
        2,Where is my parcel,Open,Low,Portal,Question,,Tier 1,2024-03-01 10:00:00,2024-03-03 10:00:00,,,2024-03-01 10:00:00,,00:00,,,0,1,,,,,,Cy,5002
        3,Wrong size,Closed,High,Phone,Problem,Bo,Tier 2,2024-03-01 11:00:00,2024-03-01 19:00:00,2024-03-01 11:30:00,2024-03-04 11:30:00,2024-03-04 11:30:00,2024-03-01 11:05:00,00:25,0.08,0.5,2,1,Within SLA,Within SLA,,,,Di,5003
        4,Discount code,Waiting on Customer,Medium,Chat,Question,Bo,Tier 1,2024-03-02 08:00:00,2024-03-03 08:00:00,,,2024-03-02 08:10:00,2024-03-02 08:10:00,00:05,0.17,,1,1,,Within SLA,,,,Ed,5004
        """;

    private static readonly TicketSummaryColumns Zendesk = new()
    {
        TicketId = "Id", CreatedAt = "Created at", SolvedAt = "Solved at", FirstReplyAt = null, FirstReplyMinutes = "First reply time in minutes",
        Status = "Status", Channel = "Via", Priority = "Priority", AgentGroup = "Group", CustomerId = "Requester id", Reopens = "Reopens",
    };

    private static readonly TicketSummaryColumns Freshdesk = new()
    {
        TicketId = "Ticket ID", CreatedAt = "Created time", FirstReplyAt = "Initial response time", SolvedAt = "Resolved time", Status = "Status",
        Channel = "Source", Priority = "Priority", AgentGroup = "Group", CustomerId = "Contact ID", Reopens = null,
    };

    private static readonly CsvReadOptions Utc = new() { Zone = DateTimeZone.Utc };

    private static Instant At(int day, int hour, int minute) => Instant.FromUtc(2024, 3, day, hour, minute);

    [Fact]
    public void Zendesk_export_reads_one_ticket_per_row_with_the_documented_rules()
    {
        var records = TicketSummaryCsv.Read(new StringReader(ZendeskExport), Zendesk, Utc);
        var tickets = records.ToList();

        Assert.Equal(["101", "102", "103", "104", "106"], tickets.Select(t => t.Id));
        Assert.Equal((7L, 5L, 2L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal((6L, "Solved at"), (records.Report.Rejections[0].Line, records.Report.Rejections[0].Column));
        Assert.Contains("before the ticket was created", records.Report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal((8L, "Status"), (records.Report.Rejections[1].Line, records.Report.Rejections[1].Column));
        Assert.Equal(("9001", "Web Form", "Normal", "Support"), (tickets[0].CustomerId, tickets[0].Channel, tickets[0].Priority, tickets[0].AgentGroup));
        Assert.Equal([At(1, 9, 30)], tickets[0].Replies);
        Assert.Empty(tickets[1].Replies);
        Assert.Empty(tickets[1].StatusChanges);
    }

    [Fact]
    public void Zendesk_reopen_counts_feed_the_reopen_rate_and_full_resolution_is_exact()
    {
        var tickets = TicketSummaryCsv.Read(new StringReader(ZendeskExport), Zendesk, Utc).ToList();
        var asOf = At(10, 0, 0);
        var times = SupportTimes.Of(tickets, BusinessCalendar.AlwaysOpen(DateTimeZone.Utc), asOf);
        var result = SupportMetrics.Of(times);

        Assert.Equal([0, 0, 2, 0, 1], times.Select(t => t.Reopens));
        Assert.Equal(3, result.Reopens);
        Assert.Equal((2L, 4L), (result.ReopenRate.Successes, result.ReopenRate.Count));
        Assert.Equal(Duration.FromHours(48), times[2].FullResolution!.Value.Calendar);
        Assert.True(times[4].IsResolutionPending);
        Assert.Equal(Duration.FromMinutes(45), times[3].ClosedWithoutReply!.Value.Calendar);
        Assert.True(times[1].IsResponsePending);
        Assert.Equal(Duration.FromMinutes(60), times[2].FirstResponse!.Value.Calendar);
    }

    [Fact]
    public void Freshdesk_export_reads_with_its_initial_response_time_and_statuses()
    {
        var records = TicketSummaryCsv.Read(new StringReader(FreshdeskExport), Freshdesk, Utc);
        var tickets = records.ToList();

        Assert.Equal(4, tickets.Count);
        Assert.Empty(records.Report.Rejections);
        var times = SupportTimes.Of(tickets, BusinessCalendar.AlwaysOpen(DateTimeZone.Utc), At(10, 0, 0));
        Assert.Equal([Duration.FromMinutes(20), null, Duration.FromMinutes(5), Duration.FromMinutes(10)], times.Select(t => t.FirstResponse?.Calendar));
        Assert.Equal([Duration.FromHours(2), null, Duration.FromMinutes(30), null], times.Select(t => t.FullResolution?.Calendar));
        Assert.Equal(("Email", "Tier 1", "5001"), (tickets[0].Channel, tickets[0].AgentGroup, tickets[0].CustomerId));
    }

    [Fact]
    public void A_first_reply_timestamp_is_preferred_over_the_precomputed_minutes()
    {
        const string csv = "ticket_id,created_at,first_reply_at,first_reply_minutes,channel,customer_id\nt1,2024-03-01T09:00:00Z,2024-03-01T09:10:00Z,999,email,c1\nt2,2024-03-01T09:00:00Z,,15,email,c2\n";
        var tickets = TicketSummaryCsv.Read(new StringReader(csv), new TicketSummaryColumns { FirstReplyMinutes = "first_reply_minutes" }).ToList();

        Assert.Equal([At(1, 9, 10), At(1, 9, 15)], tickets.Select(t => t.Replies.Single()));
    }

    [Theory]
    [InlineData("solved,,0", "solved_at", "needs its solved time")]
    [InlineData("open,,2", "reopens", "no solved time")]
    [InlineData("escalated,,0", "status", "not known")]
    [InlineData("open,2024-03-01T10:00:00Z,0", "status", "one of the two is wrong")]
    [InlineData("solved,2024-03-01T10:00:00Z,-1", "reopens", "negative")]
    public void Contradictory_rows_are_rejected_naming_the_column(string statusSolvedReopens, string column, string reason)
    {
        string csv = $"ticket_id,created_at,channel,customer_id,status,solved_at,reopens\nt1,2024-03-01T09:00:00Z,email,c1,{statusSolvedReopens}\n";
        var records = TicketSummaryCsv.Read(new StringReader(csv));

        Assert.Empty(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal((2L, column), (rejection.Line, rejection.Column));
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_customer_column_each_ticket_is_its_own_customer_and_without_status_the_solved_time_decides()
    {
        const string csv = "Complaint ID,Date received,Submitted via,Company response to consumer,solved\n7,2024-03-01T00:00:00Z,Web,Closed with explanation,2024-03-02T00:00:00Z\n8,2024-03-01T00:00:00Z,Phone,In progress,\n";
        var columns = new TicketSummaryColumns { TicketId = "Complaint ID", CreatedAt = "Date received", Channel = "Submitted via", Status = "Company response to consumer", SolvedAt = "solved", CustomerId = null };
        var tickets = TicketSummaryCsv.Read(new StringReader(csv), columns).ToList();

        Assert.Equal(["7", "8"], tickets.Select(t => t.CustomerId));
        Assert.Equal([1, 0], tickets.Select(t => t.StatusChanges.Count));

        var noStatus = TicketSummaryCsv.Read(new StringReader(csv), columns with { Status = null }).ToList();
        Assert.Equal([1, 0], noStatus.Select(t => t.StatusChanges.Count));
    }

    [Property(MaxTest = 100)]
    public Property A_reopen_count_is_kept_and_the_solved_state_follows_the_status()
    {
        var gen = from r in Gen.Choose(0, 5) from s in Gen.Elements("solved", "open", "closed", "pending") from m in Gen.Choose(1, 10_000) select (r, s, m);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (reopens, status, minutes) = t;
            bool unsolved = status is "open" or "pending";
            string csv = $"ticket_id,created_at,channel,customer_id,status,solved_at,reopens\nt1,2024-03-01T09:00:00Z,email,c1,{status},{(At(1, 9, 0) + Duration.FromMinutes(minutes)).ToString()},{reopens}\n";
            var records = TicketSummaryCsv.Read(new StringReader(csv));
            var tickets = records.ToList();
            if (unsolved && reopens == 0)
            {
                return tickets.Count == 0 && records.Report.RowsRejected == 1;
            }

            var times = SupportTimes.Of(tickets[0], BusinessCalendar.AlwaysOpen(DateTimeZone.Utc), At(20, 0, 0));
            return times.Reopens == reopens
                && times.IsResolutionPending == unsolved
                && (unsolved || times.FullResolution!.Value.Calendar == Duration.FromMinutes(minutes));
        });
    }

    // A ServiceNow-shaped snapshot log: one row per update, incident fields repeated, '?' for a missing time.
    private const string SnapshotLog = """
        number,incident_state,reopen_count,caller_id,opened_at,sys_updated_at,contact_type,priority,assignment_group,resolved_at,closed_at
        INC1,New,0,Caller 1,01-03-2016 09:00,01-03-2016 09:05,Phone,3 - Moderate,?,?,?
        INC1,Active,0,Caller 1,01-03-2016 09:00,01-03-2016 09:40,Phone,3 - Moderate,Group 5,?,?
        INC1,Resolved,0,Caller 1,01-03-2016 09:00,01-03-2016 12:00,Phone,2 - High,Group 5,01-03-2016 12:00,?
        INC1,Closed,0,Caller 1,01-03-2016 09:00,06-03-2016 12:00,Phone,2 - High,Group 5,01-03-2016 12:00,06-03-2016 12:00
        INC2,Awaiting User Info,0,Caller 2,01-03-2016 10:00,01-03-2016 10:30,Phone,4 - Low,Group 6,?,?
        INC3,New,0,Caller 3,01-03-2016 11:00,01-03-2016 11:00,Phone,4 - Low,?,?,?
        INC3,Closed,0,Caller 3,01-03-2016 11:00,02-03-2016 11:00,Phone,4 - Low,Group 6,?,02-03-2016 11:00
        INC4,Resolved,1,Caller 4,01-03-2016 08:00,01-03-2016 09:00,Phone,4 - Low,Group 6,01-03-2016 09:00,?
        INC2,Closed,0,Caller 2,01-03-2016 10:00,03-03-2016 10:30,Phone,4 - Low,Group 6,02-03-2016 10:30,03-03-2016 10:30
        """;

    private static readonly TicketSummaryColumns ServiceNow = new()
    {
        TicketId = "number", CreatedAt = "opened_at", SolvedAt = "resolved_at", Status = "incident_state", Reopens = "reopen_count", Channel = "contact_type",
        Priority = "priority", AgentGroup = "assignment_group", CustomerId = "caller_id", FirstReplyAt = null, UpdatedAt = "sys_updated_at",
    };

    private static readonly CsvReadOptions ServiceNowOptions = new() { Zone = DateTimeZone.Utc, TimestampPattern = "dd-MM-uuuu HH:mm", MissingValues = ["?"] };

    [Fact]
    public void A_snapshot_log_keeps_the_last_row_per_ticket_and_counts_the_superseded_rows_as_skipped()
    {
        var records = TicketSummaryCsv.Read(new StringReader(SnapshotLog), ServiceNow, ServiceNowOptions);
        var tickets = records.ToList();

        Assert.Equal(["INC1", "INC2", "INC4"], tickets.Select(t => t.Id));
        var report = records.Report;
        Assert.Equal((9L, 3L, 3L, 3L), (report.RowsRead, report.RowsAccepted, report.RowsRejected, report.RowsSkipped));
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected + report.RowsSkipped);

        // INC1: the last row's priority wins; the first reply is the first update out of New; solved at resolved_at.
        var inc1 = tickets[0];
        Assert.Equal(("2 - High", "Group 5", "Caller 1"), (inc1.Priority, inc1.AgentGroup, inc1.CustomerId));
        Assert.Equal([Instant.FromUtc(2016, 3, 1, 9, 40)], inc1.Replies);
        Assert.Equal([new TicketStatusChange(Instant.FromUtc(2016, 3, 1, 12, 0), TicketStatus.Solved)], inc1.StatusChanges);

        // INC4 was reopened once and is resolved again: two solves and a reopen at the one resolved time; its first row is not New.
        Assert.Equal([Instant.FromUtc(2016, 3, 1, 9, 0)], tickets[2].Replies);
        Assert.Equal(3, tickets[2].StatusChanges.Count);

        // INC3 is closed without a resolved time ('?'); INC2's second appearance is not with its first row.
        Assert.Equal((7L, "resolved_at", 2), (report.Rejections[0].Line, report.Rejections[0].Column, report.Rejections[0].Rows));
        Assert.Contains("ticket 'INC3' rejected (at line 8)", report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal((10L, 1), (report.Rejections[1].Line, report.Rejections[1].Rows));
        Assert.Contains("appears again after other tickets' rows", report.Rejections[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_updated_at_the_same_file_is_one_ticket_per_row_and_a_question_mark_is_not_missing_unless_declared()
    {
        var perRow = TicketSummaryCsv.Read(new StringReader(SnapshotLog), ServiceNow with { UpdatedAt = null }, ServiceNowOptions);
        Assert.Equal(9, perRow.ToList().Count + perRow.Report.Rejections.Count);
        Assert.Equal(0L, perRow.Report.RowsSkipped);

        var noMarker = TicketSummaryCsv.Read(new StringReader(SnapshotLog), ServiceNow, ServiceNowOptions with { MissingValues = [] });
        Assert.Equal(["INC1", "INC4"], noMarker.ToList().Select(t => t.Id));
        Assert.Contains(noMarker.Report.Rejections, r => r.Reason.Contains("'?'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Active")]
    [InlineData("Awaiting Vendor")]
    [InlineData("awaiting_evidence")]
    public void ServiceNow_open_states_are_unsolved(string state)
    {
        string csv = $"ticket_id,created_at,channel,customer_id,status\nt1,2024-03-01T09:00:00Z,phone,c1,{state}\n";
        var tickets = TicketSummaryCsv.Read(new StringReader(csv)).ToList();
        Assert.Empty(Assert.Single(tickets).StatusChanges);
    }

    [Property(MaxTest = 50)]
    public Property A_snapshot_log_of_one_ticket_reads_as_its_last_row_alone(PositiveInt updates)
    {
        int n = updates.Get % 6 + 1;
        var lines = new List<string> { "ticket_id,created_at,channel,customer_id,status,solved_at,priority,updated_at" };
        for (int i = 0; i < n; i++)
        {
            string status = i == n - 1 ? "solved" : "new";
            string solved = i == n - 1 ? "2024-03-02T00:00:00Z" : string.Empty;
            lines.Add($"t1,2024-03-01T09:00:00Z,email,c1,{status},{solved},p{i},2024-03-01T{10 + i:00}:00:00Z");
        }

        var records = TicketSummaryCsv.Read(new StringReader(string.Join('\n', lines)), new TicketSummaryColumns { UpdatedAt = "updated_at" });
        var ticket = Assert.Single(records.ToList());
        return (ticket.Priority == $"p{n - 1}"
            && ticket.Replies.Single() == Instant.FromUtc(2024, 3, 1, 9 + n, 0)
            && records.Report.RowsSkipped == n - 1
            && records.Report.RowsAccepted == 1).ToProperty();
    }

    [Fact]
    public void A_solved_status_in_an_export_without_solved_times_is_rejected_naming_the_status_column()
    {
        const string csv = "Complaint ID,Date received,Submitted via,Company response to consumer\n7,2024-03-01T00:00:00Z,Web,Closed with explanation\n8,2024-03-01T00:00:00Z,Phone,In progress\n";
        var columns = new TicketSummaryColumns { TicketId = "Complaint ID", CreatedAt = "Date received", Channel = "Submitted via", Status = "Company response to consumer", SolvedAt = null, CustomerId = null };
        var records = TicketSummaryCsv.Read(new StringReader(csv), columns);

        Assert.Equal(["8"], records.ToList().Select(t => t.Id));
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal((2L, "Company response to consumer"), (rejection.Line, rejection.Column));
        Assert.Contains("no solved-time column", rejection.Reason, StringComparison.Ordinal);
    }
}
