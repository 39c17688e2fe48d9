using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// <see cref="CsvReadOptions.ParseInBackground"/>: a read whose rows are parsed on a second thread gives the same orders,
/// indices, currency, report and error as one on the caller's thread, on files of several chunks (4,096 rows) with bad rows
/// and strict mode's stop; its report never lags the rows handed out; the id table, filled on the thread a chunk ahead,
/// shows every id handed out and at most a chunk more; disposing (or dropping) the enumerator stops the thread and closes
/// the source.
/// </summary>
public class OrderReadAheadTests
{
    private static readonly CsvReadOptions OnCaller = new() { ParseInBackground = false };

    [Property(MaxTest = 30)]
    public Property Background_and_caller_thread_parsing_give_the_same_read() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 13_000)).Zip(Gen.Elements(false, true)).Zip(LookUpSides).ToArbitrary(),
            x =>
            {
                var (((seed, count), strict), side) = x;
                byte[] data = Orders(new Random(seed), count, badEvery: strict ? 3_000 : 40);
                var stepper = new Random(seed);
                string inBackground = WithLookUps(side, () => OrderBatchTests.Read(data, new CsvReadOptions { Strict = strict }, _ => stepper.Next(4) > 0));
                string onCaller = OrderBatchTests.Read(data, OnCaller with { Strict = strict }, _ => true);
                return (inBackground == onCaller).Label($"ids looked up on the parsing thread: {side?.ToString() ?? "by the rule"}\nbackground:\n{inBackground}\ncaller:\n{onCaller}");
            });

    /// <summary>Where the ids are looked up: by <see cref="OrderReadAhead"/>'s rule, always on the parsing thread, always on the caller's.</summary>
    private static Gen<bool?> LookUpSides => Gen.Elements<bool?>(null, true, false);

    private static T WithLookUps<T>(bool? onParsingThread, Func<T> read)
    {
        OrderReadAhead.LookUpOnParsingThread = onParsingThread;
        try
        {
            return read();
        }
        finally
        {
            OrderReadAhead.LookUpOnParsingThread = null;
        }
    }

    [Fact]
    public void The_report_covers_at_least_the_rows_handed_out_and_is_complete_at_the_end()
    {
        byte[] data = Orders(new Random(5), 20_000, badEvery: 50);
        var rows = OrderCsv.ReadRows(new MemoryStream(data));
        long handedOut = 0;
        using (var e = rows.GetEnumerator())
        {
            while (e.MoveNextBatch())
            {
                handedOut += e.Batch.Count;
                Assert.True(rows.Report.RowsAccepted >= handedOut, $"{rows.Report.RowsAccepted} accepted < {handedOut} handed out");
                Assert.Equal(rows.Report.RowsRead, rows.Report.RowsAccepted + rows.Report.RowsRejected);
                Assert.False(rows.Report.IsComplete);
            }
        }

        Assert.True(rows.Report.IsComplete);
        Assert.Equal(handedOut, rows.Report.RowsAccepted);
        Assert.Equal(20_000, rows.Report.RowsRead);
        Assert.Equal(rows.Report.RowsRejected, rows.Report.Rejections.Count);
    }

    [Fact]
    public void A_strict_stop_after_several_chunks_comes_after_every_row_before_it()
    {
        var text = new StringBuilder("order_id,customer_id,placed_at,amount,currency\n");
        for (int i = 0; i < 10_000; i++)
        {
            text.Append($"o{i},c{i % 997},2024-03-0{1 + (i % 9)}T10:00:00Z,{i % 500}.25,EUR\n");
        }

        text.Append("o-bad,c1,junk,1.00,EUR\n");
        text.Append("o-after,c1,2024-03-01T10:00:00Z,1.00,EUR\n");
        foreach (var options in new[] { new CsvReadOptions { Strict = true }, OnCaller with { Strict = true } })
        {
            var rows = OrderCsv.ReadRows(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), null, options);
            long handedOut = 0;
            var e = rows.GetEnumerator();
            var error = Assert.Throws<CsvDataException>(() =>
            {
                while (e.MoveNextBatch())
                {
                    handedOut += e.Batch.Count;
                }
            });
            e.Dispose();
            Assert.Equal(10_000, handedOut);
            Assert.Equal(10_002, error.Line);
            Assert.Equal(1, rows.Report.RowsRejected);
        }
    }

    [Fact]
    public void The_parsing_runs_on_a_second_thread_only_when_asked_and_possible()
    {
        byte[] data = Orders(new Random(9), 30_000, badEvery: 100);
        foreach (bool background in new[] { true, false })
        {
            var source = new WatchedStream(data);
            var rows = OrderCsv.ReadRows(source, null, new CsvReadOptions { ParseInBackground = background });
            using (var e = rows.GetEnumerator())
            {
                while (e.MoveNextBatch())
                {
                }
            }

            bool elsewhere = source.ReaderThreads.Any(t => t != Environment.CurrentManagedThreadId);
            Assert.Equal(background && Environment.ProcessorCount > 1, elsewhere);
            Assert.True(source.Disposed, "the source is closed when the read ends");
        }
    }

    [Fact]
    public void Disposing_the_enumerator_mid_file_stops_the_thread_and_closes_the_source()
    {
        byte[] data = Orders(new Random(3), 60_000, badEvery: 0);
        var source = new WatchedStream(data);
        var rows = OrderCsv.ReadRows(source);
        using (var e = rows.GetEnumerator())
        {
            Assert.True(e.MoveNextBatch());
        }

        Assert.True(source.Disposed, "Dispose returns once the source is closed");
        long read = source.BytesRead;
        Thread.Sleep(50);
        Assert.Equal(read, source.BytesRead);
        Assert.True(read < data.Length, "the read stopped before the end of the file");
    }

    [Fact]
    public void An_enumerator_dropped_without_disposing_stops_its_thread_once_collected()
    {
        byte[] data = Orders(new Random(4), 60_000, badEvery: 0);
        var source = new WatchedStream(data);
        Start(source);
        for (int i = 0; i < 100 && !source.Disposed; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(20);
        }

        Assert.True(source.Disposed, "the finalizer stops the read-ahead thread, which closes the source");

        static void Start(Stream source)
        {
            var e = OrderCsv.ReadRows(source).GetEnumerator();
            Assert.True(e.MoveNext());
        }
    }

    [Property(MaxTest = 20)]
    public Property The_id_table_shows_every_id_handed_out_while_the_thread_adds_ahead() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(1, 30_000)).Zip(Gen.Choose(1, 20_000)).Zip(LookUpSides).ToArbitrary(),
            x =>
            {
                var (((seed, count), customers), side) = x;
                var (data, expected) = ManyCustomers(new Random(seed), count, customers);
                var rows = OrderCsv.ReadRows(new MemoryStream(data));
                var ids = rows.CustomerIds;
                int row = 0, highest = -1;
                using (var e = WithLookUps(side, rows.GetEnumerator))
                {
                    while (e.MoveNextBatch())
                    {
                        foreach (int index in e.Batch.CustomerIndexes)
                        {
                            string id = expected[row++];
                            if (index >= ids.Count || ids[index] != id || ids.IndexOf(id) != index)
                            {
                                return false.Label($"row {row}: index {index} of {ids.Count}, expected {id}");
                            }

                            highest = Math.Max(highest, index);
                        }

                        if (ids.Count - (highest + 1) > 4_096)
                        {
                            return false.Label($"{ids.Count} ids shown after index {highest}: more than a chunk ahead");
                        }
                    }
                }

                var firstSeen = expected.Distinct().ToList();
                return (row == count && ids.SequenceEqual(firstSeen)).Label($"{row} rows, {ids.Count} ids, {firstSeen.Count} distinct");
            });

    [Fact]
    public void A_slow_caller_has_its_ids_looked_up_on_the_parsing_thread()
    {
        if (Environment.ProcessorCount < 2)
        {
            return; // no second thread
        }

        var (data, expected) = ManyCustomers(new Random(7), 40_000, 30_000);
        var rows = OrderCsv.ReadRows(new MemoryStream(data));
        int row = 0;
        long here;
        using (var e = rows.GetEnumerator())
        {
            while (e.MoveNextBatch())
            {
                foreach (int index in e.Batch.CustomerIndexes)
                {
                    Assert.Equal(expected[row++], rows.CustomerIds[index]);
                }

                if (row % 4_096 < 64)
                {
                    Thread.Sleep(20); // a fold much slower than the parsing: the thread is ahead and takes the lookups on
                }
            }

            here = e.Reader.Ahead!.ChunksLookedUpHere;
        }

        Assert.Equal(expected.Length, row);
        Assert.InRange(here, 1, (40_000 / 4_096) + 1);
        Assert.Equal(expected.Distinct(), rows.CustomerIds);
    }

    [Fact]
    public void Disposing_mid_read_shows_every_id_the_thread_looked_up_in_first_seen_order()
    {
        var (data, expected) = ManyCustomers(new Random(6), 60_000, 50_000);
        var rows = OrderCsv.ReadRows(new MemoryStream(data));
        int handedOut;
        using (var e = rows.GetEnumerator())
        {
            Assert.True(e.MoveNextBatch());
            handedOut = e.Batch.Count;
        }

        var firstSeen = expected.Distinct().ToList();
        Assert.InRange(rows.CustomerIds.Count, expected.Take(handedOut).Distinct().Count(), firstSeen.Count);
        Assert.Equal(firstSeen.Take(rows.CustomerIds.Count), rows.CustomerIds);
        Assert.Equal(0, rows.CustomerIds.IndexOf(expected[0]));
    }

    [Fact]
    public void Two_reads_of_one_file_at_once_share_one_consistent_id_table()
    {
        var (data, expected) = ManyCustomers(new Random(8), 40_000, 15_000);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, data);
            var rows = OrderCsv.ReadRows(path);
            var ids = rows.CustomerIds;
            int[] rowOf = [0, 0];
            using (var first = rows.GetEnumerator())
            using (var second = rows.GetEnumerator())
            {
                bool more = true;
                while (more)
                {
                    more = false;
                    for (int k = 0; k < 2; k++)
                    {
                        var e = k == 0 ? first : second;
                        if (e.MoveNextBatch())
                        {
                            more = true;
                            foreach (int index in e.Batch.CustomerIndexes)
                            {
                                Assert.Equal(expected[rowOf[k]++], ids[index]);
                            }
                        }
                    }
                }
            }

            Assert.Equal([expected.Length, expected.Length], rowOf);
            Assert.Equal(expected.Distinct().Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Good orders of up to <paramref name="customers"/> customers, new ones arriving throughout; and each row's customer id.</summary>
    private static (byte[] Data, string[] Ids) ManyCustomers(Random random, int count, int customers)
    {
        var text = new StringBuilder("order_id,customer_id,placed_at,amount,currency\n");
        string[] ids = new string[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = random.Next(3) == 0 ? $"customer-with-a-longer-id-{random.Next(customers)}" : $"c{random.Next(customers)}";
            text.Append($"o{i},{ids[i]},2024-05-{1 + random.Next(28):D2}T12:00:00Z,{random.Next(1000)}.50,EUR\n");
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), ids);
    }

    /// <summary>Orders of 1,000 customers; every <paramref name="badEvery"/>-th row (0: none) has a bad timestamp, amount or currency.</summary>
    private static byte[] Orders(Random random, int count, int badEvery)
    {
        var text = new StringBuilder("order_id,customer_id,placed_at,amount,currency\n");
        for (int i = 0; i < count; i++)
        {
            bool bad = badEvery > 0 && random.Next(badEvery) == 0;
            string time = bad && random.Next(3) == 0 ? "2024-02-30T00:00:00Z" : $"2024-0{1 + random.Next(9)}-1{random.Next(10)}T1{random.Next(10)}:{10 + random.Next(50)}:00Z";
            string amount = bad && random.Next(2) == 0 ? "-1" : $"{random.Next(1000)}.{random.Next(100):D2}";
            string currency = bad && random.Next(2) == 0 ? "USD" : "EUR";
            string customer = random.Next(20) == 0 ? $" c{random.Next(1000)} " : $"c{random.Next(1000)}";
            text.Append($"o{i},{customer},{time},{amount},{currency}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A stream that records which threads read it, how much, and whether it was disposed.</summary>
    private sealed class WatchedStream(byte[] data) : MemoryStream(data)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<int> threads = [];
        private long bytesRead;
        private volatile bool disposed;

        public IEnumerable<int> ReaderThreads => threads;

        public long BytesRead => Interlocked.Read(ref bytesRead);

        public bool Disposed => disposed;

        public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        protected override void Dispose(bool disposing)
        {
            disposed = true;
            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            threads.Add(Environment.CurrentManagedThreadId);
            Interlocked.Add(ref bytesRead, read);
            return read;
        }
    }
}
