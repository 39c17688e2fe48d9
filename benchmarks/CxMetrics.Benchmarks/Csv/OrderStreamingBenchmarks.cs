using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxMetrics.Benchmarks.Tool;
using CxMetrics.Csv;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Csv;

/// <summary>
/// Issue 17 §3: validated orders of the tool's <c>orders.csv</c> layout (10,000,000 rows of 1,000,000 customers, ISO
/// timestamps with <c>Z</c>, EUR, channel and segment; written by <see cref="ToolWorkloads.WriteOrders"/> in GlobalSetup)
/// folded into a per-customer summary (orders, total, first and last order). <c>stream</c>: the current path
/// (<see cref="OrderCsv.Read(string, OrderColumns?, CsvReadOptions?)"/>: an <c>Order</c> record per row and a dictionary keyed by
/// the id string; baseline) against <see cref="OrderCsv.ReadRows(string, OrderColumns?, CsvReadOptions?)"/> (span parsing, ids
/// dictionary-encoded: the summary is an array indexed by <see cref="OrderRow.CustomerIndex"/>). <c>keep</c>: holding every
/// order, as a <see cref="List{T}"/> of records (baseline) or as an <see cref="OrderTable"/>. Both paths read and validate the
/// same rows with the same accounting (OrderRowsTests proves it). <c>summary tally</c> and <c>cohort tally</c>: the same
/// read folded into the core's <see cref="CustomerSummaryTally"/> (what <c>clv</c> keeps) and a month-bound
/// <see cref="CohortTally"/> (what <c>cohorts</c> keeps), by <c>Order</c> record (baseline) or by the reader's customer
/// code, one order per call or a reader's batch per call (<c>AddRange</c>, the tool's path). rows/s = Rows / mean; bytes/row = Allocated / Rows (for the tallies this includes the rows they keep).
/// The workload's customer ids are numbered (<c>c0000000</c>–<c>c0999999</c>), so the reader finds them by number (see
/// <see cref="IdTable"/>); ids it cannot number take its hash path, as every id did before that path existed.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OrderStreamingBenchmarks
{
    private static readonly PeriodGrid Months = new(DateTimeZone.Utc, PeriodUnit.Month);
    private string? folder;
    private string path = string.Empty;

    /// <summary>10,000,000 rows (100,000 in CI's smoke run); CXMETRICS_STREAM_ROWS overrides.</summary>
    public static IEnumerable<int> RowCounts => [BenchmarkSize.FromEnvironment("CXMETRICS_STREAM_ROWS") ?? BenchmarkSize.Of(10_000_000)];

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    /// <summary>
    /// Writes the file, unless CXMETRICS_ORDERS_FILE names an existing one (such as the <c>orders.csv</c> of
    /// <c>generate-tool-workloads DIR 1000 10000000 1000000</c>), which is read as it is and kept: writing 10 M rows takes
    /// minutes on a loaded machine, once per benchmark case.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Environment.GetEnvironmentVariable("CXMETRICS_ORDERS_FILE") is { } existing && File.Exists(existing))
        {
            path = existing;
            return;
        }

        folder = Path.Combine(Path.GetTempPath(), "cxmetrics-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        path = Path.Combine(folder, "orders.csv");
        ToolWorkloads.WriteOrders(path, Rows, Math.Max(1, Rows / 10));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "OrderCsv.Read: Order records, summary by id string (current)")]
    [BenchmarkCategory("stream")]
    public decimal Records()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var summaries = new List<Summary>();
        foreach (var order in OrderCsv.Read(path))
        {
            ref int i = ref CollectionsMarshal.GetValueRefOrAddDefault(index, order.CustomerId, out bool exists);
            if (!exists)
            {
                i = summaries.Count;
                summaries.Add(new Summary(order.PlacedAt));
            }

            CollectionsMarshal.AsSpan(summaries)[i].Add(order.PlacedAt, order.Amount);
        }

        return Checksum(CollectionsMarshal.AsSpan(summaries));
    }

    [Benchmark(Description = "OrderCsv.ReadRows: spans, summary by customer index")]
    [BenchmarkCategory("stream")]
    public decimal IndexedRows()
    {
        var rows = OrderCsv.ReadRows(path);
        var summaries = new Summary[1024];
        int customers = 0;
        foreach (var row in rows)
        {
            int i = row.CustomerIndex;
            if (i == customers)
            {
                if (i == summaries.Length)
                {
                    Array.Resize(ref summaries, i * 2);
                }

                summaries[i] = new Summary(row.PlacedAt);
                customers++;
            }

            summaries[i].Add(row.PlacedAt, row.Amount);
        }

        return Checksum(summaries.AsSpan(0, customers));
    }

    /// <summary>
    /// The same summary fed a reader's batch at a time (<see cref="OrderRows.Enumerator.MoveNextBatch"/>): the batch's
    /// summary slots are loaded in one tight loop before the rows are added, so their cache misses overlap (the software
    /// pipelining the tallies' batch <c>AddRange</c> does).
    /// </summary>
    [Benchmark(Description = "OrderCsv.ReadRows by batches: summary by customer index, slots loaded per batch")]
    [BenchmarkCategory("stream")]
    public decimal IndexedBatches() => FoldBatches(OrderCsv.ReadRows(path));

    /// <summary>
    /// The same read with <see cref="CsvReadOptions.ParseInBackground"/> off: tokenising, parsing, id lookups and the fold all
    /// on one thread (what <see cref="IndexedBatches"/> measured before the parsing moved to a second thread).
    /// </summary>
    [Benchmark(Description = "same, parsed on the caller's thread (ParseInBackground = false)")]
    [BenchmarkCategory("stream")]
    public decimal IndexedBatchesOneThread() => FoldBatches(OrderCsv.ReadRows(path, null, new CsvReadOptions { ParseInBackground = false }));

    private static decimal FoldBatches(OrderRows rows)
    {
        var summaries = new Summary[1024];
        int customers = 0;
        int loaded = 0;
        using var reader = rows.GetEnumerator();
        while (reader.MoveNextBatch())
        {
            var batch = reader.Batch;
            var indexes = batch.CustomerIndexes;
            int top = customers;
            foreach (int i in indexes)
            {
                top = Math.Max(top, i + 1);
            }

            if (top > summaries.Length)
            {
                Array.Resize(ref summaries, Math.Max(top, summaries.Length * 2));
            }

            foreach (int i in indexes)
            {
                loaded += summaries[i].Orders; // the loads overlap; the sum is only kept
            }

            for (int k = 0; k < indexes.Length; k++)
            {
                int i = indexes[k];
                if (i == customers)
                {
                    summaries[i] = new Summary(batch.PlacedAt[k]);
                    customers++;
                }

                summaries[i].Add(batch.PlacedAt[k], batch.Amounts[k]);
            }
        }

        return Checksum(summaries.AsSpan(0, customers)) + (loaded & 1);
    }

    /// <summary>The floor: CsvHelper with the options OrderCsv reads with (line numbers tracked), only touching each cell's bytes; no parsing, no validation.</summary>
    [Benchmark(Description = "CsvHelper 34 alone, same options, cell spans only (floor)")]
    [BenchmarkCategory("stream")]
    public long CsvHelperFloor()
    {
        long n = 0;
        var o = new CsvHelper.CsvReaderOptions
        {
            Separator = ',', Mode = CsvHelper.CsvMode.Rfc4180, HasHeader = true, TrackLineNumbers = true, SkipEmptyLines = true,
            FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Allow, MissingField = CsvHelper.CsvMissingFieldHandling.ReturnEmpty, MalformedData = CsvHelper.CsvMalformedDataHandling.Throw,
        };
        using var csv = CsvHelper.CsvReader.FromFile(path, o, FileOptions.SequentialScan);
        csv.ReadHeader();
        while (csv.Read())
        {
            n += csv.FieldCount + csv.LineNumber;
            for (int i = 0; i < 7; i++)
            {
                n += csv.GetSpan(i).Length;
            }
        }

        return n;
    }

    /// <summary>Our scanner (what <see cref="OrderCsv.ReadRows(string, OrderColumns?, CsvReadOptions?)"/> splits plain lines with) over the same cells as <see cref="CsvHelperFloor"/>: line numbers, field counts, each cell's bytes.</summary>
    [Benchmark(Description = "Utf8LineScanner alone, cell spans only (our floor)")]
    [BenchmarkCategory("stream")]
    public long ScannerFloor()
    {
        long n = 0;
        using var scanner = new Utf8LineScanner(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), (byte)',');
        _ = scanner.ReadHeader();
        while (scanner.Next() == Utf8LineScanner.Scan.Row)
        {
            n += scanner.FieldCount + scanner.Line;
            for (int i = 0; i < 7; i++)
            {
                n += scanner.Field(i).Length;
            }
        }

        return n;
    }

    [Benchmark(Baseline = true, Description = "OrderCsv.Read(...).ToList(): records kept (current)")]
    [BenchmarkCategory("keep")]
    public int KeepRecords() => OrderCsv.Read(path).ToList().Count;

    [Benchmark(Description = "OrderTable.Of(OrderCsv.ReadRows(...)): columns kept")]
    [BenchmarkCategory("keep")]
    public int KeepTable() => OrderTable.Of(OrderCsv.ReadRows(path)).Count;

    [Benchmark(Baseline = true, Description = "OrderCsv.Read -> CustomerSummaryTally.Add(Order) (records)")]
    [BenchmarkCategory("summary tally")]
    public long SummaryTallyOfRecords()
    {
        var tally = new CustomerSummaryTally(DateTimeZone.Utc);
        foreach (var order in OrderCsv.Read(path))
        {
            tally.Add(order);
        }

        return tally.OrderCount + tally.CustomerCount;
    }

    [Benchmark(Description = "OrderCsv.ReadRows -> CustomerSummaryTally.Add(ids, code, ...) (no string per row)")]
    [BenchmarkCategory("summary tally")]
    public long SummaryTallyOfRows()
    {
        var tally = new CustomerSummaryTally(DateTimeZone.Utc);
        var rows = OrderCsv.ReadRows(path);
        var ids = rows.CustomerIds;
        foreach (var row in rows)
        {
            tally.Add(ids, row.CustomerIndex, row.PlacedAt, row.Amount, rows.Currency!);
        }

        return tally.OrderCount + tally.CustomerCount;
    }

    [Benchmark(Description = "OrderCsv.ReadRows by batches -> CustomerSummaryTally.AddRange(ids, codes, ...) (batch fold)")]
    [BenchmarkCategory("summary tally")]
    public long SummaryTallyOfBatches()
    {
        var tally = new CustomerSummaryTally(DateTimeZone.Utc);
        var rows = OrderCsv.ReadRows(path);
        using var reader = rows.GetEnumerator();
        while (reader.MoveNextBatch())
        {
            var batch = reader.Batch;
            tally.AddRange(rows.CustomerIds, batch.CustomerIndexes, batch.PlacedAt, batch.Amounts, rows.Currency!);
        }

        return tally.OrderCount + tally.CustomerCount;
    }

    [Benchmark(Baseline = true, Description = "OrderCsv.Read -> CohortTally(month grid).Add(Order) (records)")]
    [BenchmarkCategory("cohort tally")]
    public int CohortTallyOfRecords()
    {
        var tally = new CohortTally(Months);
        foreach (var order in OrderCsv.Read(path))
        {
            tally.Add(order);
        }

        return tally.CustomerCount;
    }

    [Benchmark(Description = "OrderCsv.ReadRows -> CohortTally(month grid).Add(ids, code, ...) (no string per row)")]
    [BenchmarkCategory("cohort tally")]
    public int CohortTallyOfRows()
    {
        var tally = new CohortTally(Months);
        var rows = OrderCsv.ReadRows(path);
        var ids = rows.CustomerIds;
        foreach (var row in rows)
        {
            tally.Add(ids, row.CustomerIndex, row.PlacedAt, row.Amount, rows.Currency!);
        }

        return tally.CustomerCount;
    }

    [Benchmark(Description = "OrderCsv.ReadRows by batches -> CohortTally(month grid).AddRange(ids, codes, ...) (batch fold)")]
    [BenchmarkCategory("cohort tally")]
    public int CohortTallyOfBatches()
    {
        var tally = new CohortTally(Months);
        var rows = OrderCsv.ReadRows(path);
        using var reader = rows.GetEnumerator();
        while (reader.MoveNextBatch())
        {
            var batch = reader.Batch;
            tally.AddRange(rows.CustomerIds, batch.CustomerIndexes, batch.PlacedAt, batch.Amounts, rows.Currency!);
        }

        return tally.CustomerCount;
    }

    private static decimal Checksum(ReadOnlySpan<Summary> summaries)
    {
        decimal total = 0;
        long orders = 0;
        long span = 0;
        foreach (var s in summaries)
        {
            total += s.Total;
            orders += s.Orders;
            span += (s.Last - s.First).BclCompatibleTicks;
        }

        return total + orders + (span / TimeSpan.TicksPerDay);
    }

    /// <summary>One customer's orders, total, first and last order (the naive per-customer state; also <see cref="TallyFoldBenchmarks"/>' baseline).</summary>
    internal struct Summary(Instant first)
    {
        public int Orders;
        public decimal Total;
        public Instant First = first;
        public Instant Last = first;

        public void Add(Instant at, decimal amount)
        {
            Orders++;
            Total += amount;
            First = at < First ? at : First;
            Last = at > Last ? at : Last;
        }
    }
}
