using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class ReaderTests
{
    private static string Sample(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "samples", .. parts]);

    [Fact]
    public void Cdnow_sample_loads_every_purchase()
    {
        var records = CdnowCsv.Read(Sample("cdnow", "CDNOW_sample.txt"));
        var orders = records.ToList();
        Assert.Equal(6919, records.Report.RowsRead);
        Assert.Equal(6919, orders.Count);
        Assert.Empty(records.Report.Rejections);
        Assert.Equal(2357, orders.Select(o => o.CustomerId).Distinct().Count());
        Assert.Equal(Instant.FromUtc(1997, 1, 1, 0, 0), orders[0].PlacedAt);
        Assert.Equal(29.33m, orders[0].Amount);
        Assert.All(orders, o => Assert.Equal("USD", o.Currency));
    }

    [Fact]
    public void Cdnow_bad_line_is_rejected_with_its_column()
    {
        var records = CdnowCsv.Read(new StringReader(" 00004 0001 19970101  2   29.33\n 00004 0001 19971301  2   29.33\n"));
        Assert.Single(records.ToList());
        Assert.Equal((2L, "date"), (records.Report.Rejections[0].Line, records.Report.Rejections[0].Column));
    }

    [Fact]
    public void Online_shoppers_sessions_load_through_a_column_mapping()
    {
        string[] months = ["Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        var records = CsvTable.Read(Sample("online-shoppers", "sessions.csv"), ["Month", "VisitorType", "Revenue"], row =>
        {
            int month = Array.IndexOf(months, row.GetString("Month")) + 1;
            return month == 0
                ? throw new CsvFieldException("Month", "is not a month name.")
                : new Conversion.Session($"s{row.Line}", Instant.FromUtc(2000, month, 1, 0, 0), row.GetBoolean("Revenue")) { VisitorType = row.GetString("VisitorType") };
        });
        var sessions = records.ToList();
        Assert.Equal(12330, records.Report.RowsAccepted);
        Assert.Equal(1908, sessions.Count(s => s.Converted));
    }

    [Fact]
    public void Sessions_read_with_default_columns()
    {
        var sessions = SessionCsv.Read(new StringReader("visitor_id,started_at,converted,device\nv1,2025-01-01T00:00:00Z,yes,mobile\nv2,2025-01-01T00:00:00Z,0,\n")).ToList();
        Assert.Equal([true, false], sessions.Select(s => s.Converted));
        Assert.Equal("mobile", sessions[0].Device);
        Assert.Null(sessions[1].Device);
    }

    [Fact]
    public void Survey_scores_outside_the_scale_are_rejected_and_blank_is_unanswered()
    {
        var records = SurveyCsv.Read(new StringReader("customer_id,answered_at,score,channel\nc1,2025-01-01T00:00:00Z,9,web\nc2,2025-01-01T00:00:00Z,,web\nc3,2025-01-01T00:00:00Z,11,web\n"), 0, 10);
        var responses = records.ToList();
        Assert.Equal([9, null], responses.Select(r => r.Score));
        Assert.Equal("score", Assert.Single(records.Report.Rejections).Column);
        Assert.Contains("outside the scale 0–10", records.Report.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_assignments_and_outcomes_are_read()
    {
        var assignments = AssignmentCsv.Read(new StringReader("customer_id,arm,assigned_at\nc1,control,2025-01-01T00:00:00Z\n")).ToList();
        Assert.Equal("control", Assert.Single(assignments).Arm);
        var outcomes = OutcomeCsv.Read(new StringReader("customer_id,occurred_at,revenue\nc1,2025-01-02T00:00:00Z,12.5\n"), new CsvReadOptions { Currency = "EUR" }).ToList();
        Assert.Equal(12.5m, Assert.Single(outcomes).Revenue);
    }

    [Fact]
    public void Ticket_event_log_groups_rows_into_tickets_and_rejects_impossible_tickets_whole()
    {
        const string log = """
            ticket_id,event,at,customer_id,channel,priority
            T1,created,2025-01-06T09:00:00Z,c1,email,high
            T1,reply,2025-01-06T09:30:00Z,,,
            T1,solved,2025-01-06T10:00:00Z,,,
            T2,created,2025-01-06T09:00:00Z,c2,chat,
            T2,reopened,2025-01-06T09:10:00Z,,,
            T3,created,2025-01-06T09:00:00Z,c3,chat,
            T3,work_start,2025-01-06T09:05:00Z,,,
            T3,work_end,2025-01-06T09:25:00Z,,,
            T1,closed,2025-01-07T10:00:00Z,,,
            """;
        var records = TicketCsv.Read(new StringReader(log));
        var tickets = records.ToList();
        Assert.Equal(["T1", "T3"], tickets.Select(t => t.Id));
        Assert.Equal([Instant.FromUtc(2025, 1, 6, 9, 30)], tickets[0].Replies);
        Assert.Equal(TicketStatus.Solved, Assert.Single(tickets[0].StatusChanges).Status);
        Assert.Equal("high", tickets[0].Priority);
        Assert.Equal(Duration.FromMinutes(20), Assert.Single(tickets[1].WorkIntervals).Duration);
        var report = records.Report;
        Assert.Equal(9, report.RowsRead);
        Assert.Equal(6, report.RowsAccepted);
        Assert.Equal(3, report.RowsRejected);
        Assert.Equal(2, report.Records);
        Assert.Equal((5L, 2), (report.Rejections[0].Line, report.Rejections[0].Rows));
        Assert.Contains("reopened", report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("appears again", report.Rejections[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    public void Survey_weight_rejection_names_its_column_on_one_line(string weight)
    {
        var records = SurveyCsv.Read(new StringReader($"customer_id,answered_at,score,weight\nc1,2025-01-01T00:00:00Z,9,{weight}\nc2,2025-01-01T00:00:00Z,9,2\n"), 0, 10);

        Assert.Single(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal((2L, "weight"), (rejection.Line, rejection.Column));
        Assert.Contains($"weight {weight} must be greater than 0", rejection.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', rejection.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cdnow_line_with_bytes_that_are_not_utf8_is_rejected_alone(bool byteOrderMark)
    {
        byte[] bytes =
        [
            .. byteOrderMark ? System.Text.Encoding.UTF8.GetPreamble() : [],
            .. System.Text.Encoding.ASCII.GetBytes(" 00001 19970101  2   29.33\n"),
            .. System.Text.Encoding.Latin1.GetBytes(" 0000\u00fc 19970102  1   10.00\n"),
            .. System.Text.Encoding.ASCII.GetBytes(" 00003 19970103  1   11.00\n"),
        ];
        string path = Path.Combine(Path.GetTempPath(), $"cdnow-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, bytes);
        try
        {
            var records = CdnowCsv.Read(path);
            var orders = records.ToList();

            Assert.Equal(["00001", "00003"], orders.Select(o => o.CustomerId));
            Assert.Equal((3L, 2L, 1L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
            var rejection = Assert.Single(records.Report.Rejections);
            Assert.Equal(2L, rejection.Line);
            Assert.Contains("not UTF-8", rejection.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
