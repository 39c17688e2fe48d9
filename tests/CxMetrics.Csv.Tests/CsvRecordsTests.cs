using System.Text;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Csv.Tests;

[Collection(HeapMeasurements.Name)]
public class CsvRecordsTests
{
    private const string Header = "customer_id,placed_at,amount,currency\n";

    [Fact]
    public async Task Orders_read_asynchronously_give_the_same_records_and_account()
    {
        string text = Header + "c1,2025-01-02T10:00:00Z,10.50,EUR\nc2,2025-01-02T10:00:00Z,ten,EUR\nc3,2025-01-03T10:00:00+01:00,7,EUR\n";
        var sync = OrderCsv.Read(new StringReader(text));
        var expected = sync.ToList();
        var records = OrderCsv.Read(new StringReader(text));
        var actual = new List<Order>();
        await foreach (var order in records.WithCancellation(TestContext.Current.CancellationToken))
        {
            actual.Add(order);
        }

        Assert.Equal(expected, actual);
        Assert.Equal(sync.Report.ToString(), records.Report.ToString());
        Assert.Equal((3L, "amount"), (records.Report.Rejections[0].Line, records.Report.Rejections[0].Column));
        Assert.True(records.Report.IsComplete);
    }

    [Fact]
    public async Task Async_reading_reports_structural_errors_and_strict_mode_like_sync()
    {
        await Assert.ThrowsAsync<CsvDataException>(async () =>
        {
            await foreach (var _ in OrderCsv.Read(new StringReader("customer_id,placed_at\n")))
            {
            }
        });
        var ex = await Assert.ThrowsAsync<CsvDataException>(async () =>
        {
            await foreach (var _ in OrderCsv.Read(new StringReader(Header + "c1,x,1,EUR\n"), options: new CsvReadOptions { Strict = true }))
            {
            }
        });
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public async Task Grouping_readers_enumerate_under_the_async_interface_too()
    {
        var records = TicketCsv.Read(new StringReader("ticket_id,event,at,customer_id,channel\nT1,created,2025-01-06T09:00:00Z,c1,email\n"));
        int count = 0;
        await foreach (var _ in records)
        {
            count++;
        }

        Assert.Equal(1, count);
        Assert.True(records.Report.IsComplete);
    }

    [Fact]
    public async Task Streaming_a_long_file_asynchronously_keeps_memory_flat()
    {
        const int rows = 300_000;
        var records = OrderCsv.Read(new GeneratedOrders(rows));
        long count = 0, at10k = 0, atEnd = 0;
        await foreach (var _ in records)
        {
            count++;
            if (count == 10_000)
            {
                at10k = GC.GetTotalMemory(forceFullCollection: true);
            }
            else if (count == rows)
            {
                atEnd = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        Assert.Equal(rows, count);
        Assert.Equal(rows, records.Report.RowsAccepted);
        // 290,000 more orders of ~100 bytes each would be ~29 MB if they were kept; streaming keeps the heap flat.
        Assert.True(atEnd - at10k < 4_000_000, $"heap grew by {atEnd - at10k:N0} bytes while streaming");
    }

    /// <summary>A text reader that produces order rows on demand, so the file itself is never in memory.</summary>
    private sealed class GeneratedOrders(int rows) : TextReader
    {
        private readonly StringBuilder line = new();
        private string pending = Header;
        private int position;
        private int row;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int written = 0;
            while (written < buffer.Length)
            {
                if (position == pending.Length)
                {
                    if (row == rows)
                    {
                        break;
                    }

                    row++;
                    line.Clear().Append('c').Append(row % 5000).Append(",2025-01-02T10:00:00Z,").Append(row % 100).Append(".25,EUR\n");
                    pending = line.ToString();
                    position = 0;
                }

                int n = Math.Min(buffer.Length - written, pending.Length - position);
                pending.AsSpan(position, n).CopyTo(buffer[written..]);
                position += n;
                written += n;
            }

            return written;
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override int Peek() => position < pending.Length ? pending[position] : -1;

        public override int Read()
        {
            Span<char> one = stackalloc char[1];
            return Read(one) == 0 ? -1 : one[0];
        }
    }
}
