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
/// Issue 17 §3, the consumer's half of a streamed read: the tool's <c>orders.csv</c> (10,000,000 orders of 1,000,000
/// customers; <see cref="ToolWorkloads.WriteOrders"/>) read once in GlobalSetup into the reader's columns (customer codes
/// into its id table, instants, amounts), then only the fold timed: a reader's batches of 64 handed to
/// <see cref="CustomerSummaryTally.AddRange(IReadOnlyList{string}, ReadOnlySpan{int}, ReadOnlySpan{Instant}, ReadOnlySpan{decimal}, string)"/>
/// (what <c>clv</c> keeps) and to a month-bound <see cref="CohortTally"/> (what <c>cohorts</c> keeps). Baseline: the naive
/// fold of the same rows into a per-customer struct array (orders, total, first and last order; the
/// <c>OrderStreamingBenchmarks.IndexedRows</c> summary), one row at a time. CXMETRICS_ORDERS_FILE reads an existing file
/// instead of writing one (as in <see cref="OrderStreamingBenchmarks"/>); CXMETRICS_STREAM_ROWS sets the size written.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class TallyFoldBenchmarks
{
    private const int BatchRows = 64; // OrderCsv.ReadRows' batch
    private static readonly PeriodGrid Months = new(DateTimeZone.Utc, PeriodUnit.Month);
    private IReadOnlyList<string> ids = [];
    private int[] codes = [];
    private Instant[] placedAt = [];
    private decimal[] amounts = [];
    private string currency = "EUR";

    public static IEnumerable<int> RowCounts => OrderStreamingBenchmarks.RowCounts;

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string? folder = null;
        string path;
        if (Environment.GetEnvironmentVariable("CXMETRICS_ORDERS_FILE") is { } existing && File.Exists(existing))
        {
            path = existing;
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), "cxmetrics-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            path = Path.Combine(folder, "orders.csv");
            ToolWorkloads.WriteOrders(path, Rows, Math.Max(1, Rows / 10));
        }

        var rows = OrderCsv.ReadRows(path);
        var codeList = new List<int>();
        var instantList = new List<Instant>();
        var amountList = new List<decimal>();
        using (var reader = rows.GetEnumerator())
        {
            while (reader.MoveNextBatch())
            {
                var batch = reader.Batch;
                codeList.AddRange(batch.CustomerIndexes);
                instantList.AddRange(batch.PlacedAt);
                amountList.AddRange(batch.Amounts);
            }
        }

        (ids, currency) = (rows.CustomerIds, rows.Currency ?? "EUR");
        (codes, placedAt, amounts) = ([.. codeList], [.. instantList], [.. amountList]);
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "per-customer struct array, row by row (naive)")]
    public decimal StructArray()
    {
        var summaries = new OrderStreamingBenchmarks.Summary[1024];
        int customers = 0;
        for (int k = 0; k < codes.Length; k++)
        {
            int i = codes[k];
            if (i >= customers)
            {
                if (i >= summaries.Length)
                {
                    Array.Resize(ref summaries, Math.Max(i + 1, summaries.Length * 2));
                }

                summaries[i] = new OrderStreamingBenchmarks.Summary(placedAt[k]);
                customers = i + 1;
            }

            summaries[i].Add(placedAt[k], amounts[k]);
        }

        decimal total = 0;
        foreach (var s in summaries.AsSpan(0, customers))
        {
            total += s.Total + s.Orders;
        }

        return total;
    }

    [Benchmark(Description = "CustomerSummaryTally.AddRange, batches of 64")]
    public long SummaryTallyFold()
    {
        var tally = new CustomerSummaryTally(DateTimeZone.Utc);
        for (int from = 0; from < codes.Length; from += BatchRows)
        {
            int n = Math.Min(BatchRows, codes.Length - from);
            tally.AddRange(ids, codes.AsSpan(from, n), placedAt.AsSpan(from, n), amounts.AsSpan(from, n), currency);
        }

        return tally.OrderCount + tally.CustomerCount;
    }

    [Benchmark(Description = "CohortTally(month grid).AddRange, batches of 64")]
    public int CohortTallyFold()
    {
        var tally = new CohortTally(Months);
        for (int from = 0; from < codes.Length; from += BatchRows)
        {
            int n = Math.Min(BatchRows, codes.Length - from);
            tally.AddRange(ids, codes.AsSpan(from, n), placedAt.AsSpan(from, n), amounts.AsSpan(from, n), currency);
        }

        return tally.OrderCount + tally.CustomerCount;
    }
}
