using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using CxMetrics.Csv;

namespace CxMetrics.Benchmarks.Csv;

/// <summary>
/// Reading an order export (order_id, customer_id, placed_at with offset, amount, currency, channel) of 1,000,000 rows
/// (~60 MB, written to a temp folder in GlobalSetup): a naive line split (baseline), Sylvan.Data.Csv and CsvHelper doing the
/// same work (customer id as a string, amount parsed as decimal, summed; CsvHelper 34 is the UTF-8 rewrite and parses from bytes), and CxMetrics.Csv's <see cref="OrderCsv"/> end to end (timestamps,
/// validation, <c>Order</c> records, rejection accounting). rows/s = 1,000,000 / mean.
/// </summary>
[MemoryDiagnoser]
public class OrderCsvBenchmarks
{
    private string folder = string.Empty;
    private string path = string.Empty;

    /// <summary>1,000,000 rows by default (10,000 in CI's smoke run); set CXMETRICS_CSV_ROWS (e.g. 10000000) for the 10 M-row figures.</summary>
    public static IEnumerable<int> RowCounts =>
        [BenchmarkSize.FromEnvironment("CXMETRICS_CSV_ROWS") ?? BenchmarkSize.Of(1_000_000)];

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "cxmetrics-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        path = Path.Combine(folder, "orders.csv");
        WriteOrders(path, Rows);
    }

    /// <summary>The input file: <paramref name="rows"/> orders of 200,000 customers, 30 s apart, seed 11 (also exported for the peer scripts).</summary>
    internal static void WriteOrders(string path, int rows)
    {
        var random = new Random(11);
        string[] channels = ["web", "app", "marketplace", "phone"];
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("order_id,customer_id,placed_at,amount,currency,channel\n");
        for (int i = 0; i < rows; i++)
        {
            var at = start.AddSeconds(i * 30L + random.Next(30));
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"o{i},c{random.Next(200_000)},{at:yyyy-MM-dd'T'HH:mm:ss}+01:00,{random.Next(100, 50_000) / 100m},EUR,{channels[random.Next(channels.Length)]}\n"));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(Baseline = true, Description = "File.ReadLines + Split (naive)")]
    public decimal NaiveSplit()
    {
        decimal sum = 0;
        bool header = true;
        foreach (string line in File.ReadLines(path))
        {
            if (header)
            {
                header = false;
                continue;
            }

            var f = line.Split(',');
            _ = f[1];
            sum += decimal.Parse(f[3], CultureInfo.InvariantCulture);
        }

        return sum;
    }

    [Benchmark(Description = "Sylvan.Data.Csv 1.4.4")]
    public decimal SylvanReader()
    {
        decimal sum = 0;
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(path, new Sylvan.Data.Csv.CsvDataReaderOptions { Delimiter = ',', BufferSize = 1 << 16 });
        while (reader.Read())
        {
            _ = reader.GetString(1);
            sum += decimal.Parse(reader.GetFieldSpan(3), NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    [Benchmark(Description = "CsvHelper 34.0.0")]
    public decimal CsvHelperReader()
    {
        decimal sum = 0;
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',' }, FileOptions.SequentialScan);
        while (csv.Read())
        {
            _ = csv.GetString(1);
            sum += decimal.Parse(csv.GetSpan(3), NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    [Benchmark(Description = "OrderCsv.Read (Order records, end to end)")]
    public decimal CxMetricsOrders()
    {
        decimal sum = 0;
        foreach (var order in OrderCsv.Read(path))
        {
            sum += order.Amount;
        }

        return sum;
    }

    [Benchmark(Description = "OrderCsv.Read with await foreach (async I/O, end to end)")]
    public async Task<decimal> CxMetricsOrdersAsync()
    {
        decimal sum = 0;
        await foreach (var order in OrderCsv.Read(path).ConfigureAwait(false))
        {
            sum += order.Amount;
        }

        return sum;
    }
}
