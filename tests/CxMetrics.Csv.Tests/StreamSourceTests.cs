using System.Text;
using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary>Readers given a <see cref="Stream"/> (the tool's standard input): the same rules and account as a file.</summary>
public class StreamSourceTests
{
    private const string Orders = "customer_id,placed_at,amount,currency\nc1,2025-01-02T10:00:00Z,10,EUR\nc2,2025-01-02T11:00:00Z,12.5,EUR\n";

    /// <summary>A stream that cannot seek, as a pipe cannot.</summary>
    private sealed class PipeStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Length => throw new NotSupportedException();
    }

    [Fact]
    public void A_stream_is_read_like_a_file_and_named_stdin()
    {
        var records = OrderCsv.Read(new PipeStream(Encoding.UTF8.GetBytes(Orders)));

        Assert.Equal([10m, 12.5m], records.ToList().Select(o => o.Amount));
        Assert.Equal("stdin: 2 rows read, 2 accepted, 0 rejected", records.Report.ToString());
    }

    [Fact]
    public void Bytes_that_are_not_utf8_reject_their_row_as_in_a_file()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("customer_id,placed_at,amount,currency\n"), .. Encoding.Latin1.GetBytes("M\u00fcller,2025-01-02T10:00:00Z,10,EUR\nok,2025-01-02T12:00:00Z,1,EUR\n")];

        var strict = OrderCsv.Read(new PipeStream(bytes), source: "pipe");
        var latin1 = OrderCsv.Read(new PipeStream(bytes), options: new CsvReadOptions { Encoding = Encoding.Latin1 });

        Assert.Equal(["ok"], strict.ToList().Select(o => o.CustomerId));
        var rejection = Assert.Single(strict.Report.Rejections);
        Assert.Equal(("customer_id", 2L), (rejection.Column, rejection.Line));
        Assert.Contains("not UTF-8", rejection.Reason, StringComparison.Ordinal);
        Assert.StartsWith("pipe:", strict.Report.ToString(), StringComparison.Ordinal);
        Assert.Equal(["M\u00fcller", "ok"], latin1.ToList().Select(o => o.CustomerId));
    }

    [Fact]
    public async Task A_stream_reads_asynchronously_once()
    {
        var records = OrderCsv.Read(new PipeStream(Encoding.UTF8.GetBytes(Orders)));
        int count = 0;
        await foreach (var _ in records)
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.True(records.Report.IsComplete);
        Assert.Throws<InvalidOperationException>(() => records.ToList());
    }

    [Fact]
    public void Every_reader_takes_a_stream()
    {
        static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

        Assert.Single(SurveyCsv.Read(Bytes("customer_id,answered_at,score\nc1,2025-01-02T10:00:00Z,9\n"), 0, 10).ToList());
        Assert.Single(SessionCsv.Read(Bytes("visitor_id,started_at,converted\nv1,2025-01-02T10:00:00Z,Yes\n")).ToList());
        Assert.Single(CartEventCsv.Read(Bytes("cart_id,event,at\nk1,purchase,2025-01-02T10:00:00Z\n")).ToList());
        Assert.Single(SubscriptionEventCsv.Read(Bytes("subscription_id,customer_id,event,at,mrr,currency\ns1,c1,start,2025-01-02T10:00:00Z,10,EUR\n")).ToList());
        Assert.Single(AssignmentCsv.Read(Bytes("customer_id,arm,assigned_at\nc1,A,2025-01-02T10:00:00Z\n")).ToList());
        Assert.Single(OutcomeCsv.Read(Bytes("customer_id,occurred_at,revenue,currency\nc1,2025-01-02T10:00:00Z,5,EUR\n")).ToList());
        Assert.Single(TicketCsv.Read(Bytes("ticket_id,event,at,customer_id,channel\nt1,created,2025-01-02T10:00:00Z,c1,email\n")).ToList());
        Assert.Single(CdnowCsv.Read(Bytes(" 00001 19970101  1   11.77\n")).ToList());
        Assert.Equal([Instant.FromUtc(2025, 1, 2, 10, 0)], CsvTable.Read(Bytes("at\n2025-01-02T10:00:00Z\n"), ["at"], row => row.GetInstant("at")).ToList());
    }
}
