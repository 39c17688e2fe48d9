using System.Text;
using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class SubscriptionEventCsvTests
{
    private const string Header = "subscription_id,customer_id,event,at,mrr,currency\n";

    private static CsvRecords<SubscriptionEvent> Read(string text, CsvReadOptions? options = null, SubscriptionEventColumns? columns = null) =>
        SubscriptionEventCsv.Read(new StringReader(text), columns, options);

    [Fact]
    public void Every_kind_is_read_with_mrr_on_priced_events_only()
    {
        var events = Read(Header + """
            s1,c1,start,2025-01-01T00:00:00Z,30.00,EUR
            s1,c1,upgrade,2025-02-01T00:00:00Z,45.5,EUR
            s1,c1,pause,2025-03-01T00:00:00Z,,
            s1,c1,resume,2025-04-01T00:00:00Z,,
            s1,c1,skip,2025-05-01T00:00:00Z,,
            s1,c1,cancel,2025-06-01T00:00:00Z,0,
            s1,c1,Reactivate,2025-07-01T00:00:00Z,20,EUR
            """).ToList();
        Assert.Equal(
            [SubscriptionEventKind.Start, SubscriptionEventKind.PlanChange, SubscriptionEventKind.Pause, SubscriptionEventKind.Resume, SubscriptionEventKind.Skip, SubscriptionEventKind.Cancel, SubscriptionEventKind.Reactivate],
            events.Select(e => e.Kind));
        Assert.Equal([30.00m, 45.5m, null, null, null, null, 20m], events.Select(e => e.Mrr));
        Assert.Equal("EUR", events[0].Currency);
        Assert.Null(events[2].Currency);
        Assert.Equal(Instant.FromUtc(2025, 2, 1, 0, 0), events[1].At);
        var history = SubscriptionHistory.Replay(events);
        Assert.Equal(1, history.CustomerCount);
    }

    [Fact]
    public void Bad_rows_are_rejected_with_line_and_column_and_nothing_is_lost()
    {
        var records = Read(Header + """
            s1,c1,start,2025-01-01T00:00:00Z,30,EUR
            s2,c2,start,2025-01-01T00:00:00Z,1.234,5,EUR
            s3,c3,start,2025-01-01T00:00:00Z,"1,5",EUR
            s4,c4,start,2025-01-01T00:00:00Z,,EUR
            s5,c5,start,2025-01-01T00:00:00Z,-3,EUR
            s6,c6,pause,2025-01-01T00:00:00Z,30,EUR
            s7,c7,terminate,2025-01-01T00:00:00Z,,
            s8,,start,2025-01-01T00:00:00Z,30,EUR
            s9,c9,start,2025-01-01T00:00:00Z,30,USD
            s10,c10,start,2025-01-01T00:00:00Z,30,eur
            s11,c11,start,2025-01-01T00:00:00Z,30,EUR
            """);
        var events = records.ToList();
        var report = records.Report;
        Assert.Equal(["s1", "s11"], events.Select(e => e.SubscriptionId));
        Assert.Equal(11, report.RowsRead);
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected);
        Assert.Equal(
            [(3L, null), (4L, "mrr"), (5L, "mrr"), (6L, "mrr"), (7L, "mrr"), (8L, "event"), (9L, "customer_id"), (10L, "currency"), (11L, "currency")],
            report.Rejections.Select(r => (r.Line, r.Column)));
        Assert.Contains("'1,5' is not a number", report.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("only start, plan_change and reactivate carry MRR", report.Rejections[4].Reason, StringComparison.Ordinal);
        Assert.Contains("'terminate' is not a subscription event", report.Rejections[5].Reason, StringComparison.Ordinal);
        Assert.Contains("'USD' differs from 'EUR' (first seen on line 2)", report.Rejections[7].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_names_are_mapped_and_a_fixed_currency_replaces_the_column()
    {
        var columns = new SubscriptionEventColumns { SubscriptionId = "sub", CustomerId = "account", Kind = "type", At = "when", Mrr = "monthly", Currency = null };
        var events = Read("account,sub,type,when,monthly\nA,S,start,2025-01-01T00:00:00+02:00,9.99\n", new CsvReadOptions { Currency = "CHF" }, columns).ToList();
        var e = Assert.Single(events);
        Assert.Equal(("S", "A", "CHF", 9.99m), (e.SubscriptionId, e.CustomerId, e.Currency, e.Mrr!.Value));
        Assert.Equal(Instant.FromUtc(2024, 12, 31, 22, 0), e.At);
        Assert.Throws<ArgumentException>("columns", () => SubscriptionEventCsv.Read(new StringReader(string.Empty), new SubscriptionEventColumns { Currency = null }));
    }

    [Fact]
    public void Local_times_are_read_in_the_zone_and_clock_change_gaps_are_rejected()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var records = Read(Header + "s1,c1,start,2025-03-30 01:30,10,EUR\ns2,c2,start,2025-03-30 02:30,10,EUR\ns3,c3,start,2025-10-26 02:30,10,EUR\n", new CsvReadOptions { Zone = berlin });
        Assert.Equal(Instant.FromUtc(2025, 3, 30, 0, 30), Assert.Single(records.ToList()).At);
        Assert.Contains("does not exist", records.Report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("ambiguous", records.Report.Rejections[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_rejects_the_cut_row()
    {
        var records = Read(Header + "s1,c1,start,2025-01-01T00:00:00Z,30,EUR\ns2,c2,start,2025-01");
        Assert.Single(records.ToList());
        Assert.Equal((3L, "mrr"), (records.Report.Rejections[0].Line, records.Report.Rejections[0].Column));
    }

    [Fact]
    public void Byte_order_mark_is_skipped_and_quoted_newlines_count_as_lines()
    {
        string path = Path.Combine(Path.GetTempPath(), $"subs-bom-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Header + "\"s\n1\",c1,start,2025-01-01T00:00:00Z,30,EUR\ns2,c2,start,bad,30,EUR\n")]);
        try
        {
            var records = SubscriptionEventCsv.Read(path);
            Assert.Equal("s\n1", Assert.Single(records.ToList()).SubscriptionId);
            Assert.Equal(4, Assert.Single(records.Report.Rejections).Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Header_only_is_zero_rows_and_structural_faults_are_clear_errors()
    {
        var records = Read(Header);
        Assert.Empty(records.ToList());
        Assert.True(records.Report.IsComplete);
        Assert.Equal(0, records.Report.RowsRead);

        Assert.Contains("empty", Assert.Throws<CsvDataException>(() => Read(string.Empty).ToList()).Message, StringComparison.Ordinal);
        Assert.Contains("'mrr' appears twice", Assert.Throws<CsvDataException>(() => Read("subscription_id,customer_id,event,at,mrr,currency,mrr\n").ToList()).Message, StringComparison.Ordinal);
        Assert.Contains("delimiter", Assert.Throws<CsvDataException>(() => Read(Header.Replace(',', ';') + "s1;c1;start;2025-01-01T00:00:00Z;30;EUR\n").ToList()).Message, StringComparison.Ordinal);
        Assert.Single(Read(Header.Replace(',', ';') + "s1;c1;start;2025-01-01T00:00:00Z;30;EUR\n", new CsvReadOptions { Delimiter = ';' }).ToList());
        Assert.Equal("mrr", Assert.Throws<CsvDataException>(() => Read("subscription_id,customer_id,event,at,currency\n").ToList()).Column);
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_bad_row()
    {
        var ex = Assert.Throws<CsvDataException>(() => Read(Header + "s1,c1,start,2025-01-01T00:00:00Z,30,EUR\ns2,c2,start,2025-01-01T00:00:00Z,30,USD\n", new CsvReadOptions { Strict = true }).ToList());
        Assert.Equal((3L, "currency"), (ex.Line, ex.Column));
    }

    [Fact]
    public void A_path_source_read_twice_starts_its_currency_afresh()
    {
        string path = Path.Combine(Path.GetTempPath(), $"subs-twice-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Header + "s1,c1,start,2025-01-01T00:00:00Z,30,EUR\n");
        try
        {
            var records = SubscriptionEventCsv.Read(path);
            Assert.Single(records.ToList());
            Assert.Single(records.ToList());
            Assert.Empty(records.Report.Rejections);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(MaxTest = 200)]
    public Property Random_bytes_give_a_result_or_a_clear_error()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();
        var text = Gen.Elements(',', '\n', '"', 's', 'c', '1', ' ', '\r', '.', '-', ':', 'E').ArrayOf().Select(cs => Encoding.UTF8.GetBytes(Header + new string(cs)));
        var input = Gen.OneOf(bytes, text, bytes.Select(b => (byte[])[.. Encoding.UTF8.GetBytes(Header), .. b]));
        return Prop.ForAll(input.ToArbitrary(), data =>
        {
            try
            {
                var records = SubscriptionEventCsv.Read(new StreamReader(new MemoryStream(data), Encoding.UTF8));
                _ = records.ToList();
                return records.Report.RowsRead == records.Report.RowsAccepted + records.Report.RowsRejected;
            }
            catch (CsvDataException ex)
            {
                return ex.Message.Length > 0;
            }
        });
    }
}
