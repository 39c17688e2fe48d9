using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxMetrics.Csv;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Benchmarks.Csv;

/// <summary>
/// Issue 17 §3: the per-cell kernels of the span readers (<c>OrderCsv.ReadRows</c>, <c>CsvRow.GetInstant</c>) against what
/// they stand in for, over 1,000,000 cells of the tool's <c>orders.csv</c> shapes. <c>timestamp</c>: NodaTime's
/// <see cref="OffsetDateTimePattern.ExtendedIso"/> on the cell's string (baseline), the string reader's own ISO parser,
/// and <c>Utf8Cells.TryIsoWithOffset</c> on the cell's UTF-8 bytes (<c>2024-03-01T10:15:00Z</c> and <c>+01:00</c> forms).
/// <c>amount</c>: <see cref="decimal.Parse(string, NumberStyles, IFormatProvider)"/> on the string (baseline) against
/// <c>Utf8Cells.TryPlainDecimal</c> on the bytes. Results are identical (Utf8CellsTests); the strings are made in
/// GlobalSetup, so the baselines do not pay for decoding the cell, which the readers would.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CellParsingBenchmarks
{
    private static readonly TimestampReader Strings = new(new CsvReadOptions());
    private string[] times = [];
    private byte[][] timeBytes = [];
    private string[] amounts = [];
    private byte[][] amountBytes = [];

    public static IEnumerable<int> CellCounts => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CellCounts))]
    public int Cells { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(17);
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        times = new string[Cells];
        amounts = new string[Cells];
        for (int i = 0; i < Cells; i++)
        {
            var at = start.Plus(Duration.FromSeconds(random.NextInt64(2L * 365 * 86_400)));
            times[i] = i % 4 == 0
                ? at.WithOffset(Offset.FromHours(1)).ToString("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>", CultureInfo.InvariantCulture)
                : at.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
            amounts[i] = (random.Next(100, 50_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        }

        timeBytes = [.. times.Select(Encoding.UTF8.GetBytes)];
        amountBytes = [.. amounts.Select(Encoding.UTF8.GetBytes)];
    }

    [Benchmark(Baseline = true, Description = "NodaTime OffsetDateTimePattern.ExtendedIso.Parse(string)")]
    [BenchmarkCategory("timestamp")]
    public long NodaTimePattern()
    {
        long sum = 0;
        foreach (string t in times)
        {
            sum += OffsetDateTimePattern.ExtendedIso.Parse(t).Value.ToInstant().ToUnixTimeTicks();
        }

        return sum;
    }

    [Benchmark(Description = "TimestampReader.Read(string) (string path)")]
    [BenchmarkCategory("timestamp")]
    public long StringReader()
    {
        long sum = 0;
        foreach (string t in times)
        {
            sum += Strings.Read(t, "placed_at").ToUnixTimeTicks();
        }

        return sum;
    }

    [Benchmark(Description = "Utf8Cells.TryIsoWithOffset(bytes)")]
    [BenchmarkCategory("timestamp")]
    public long Utf8Kernel()
    {
        long sum = 0;
        foreach (byte[] t in timeBytes)
        {
            sum += Utf8Cells.TryIsoWithOffset(t, out var at) ? at.ToUnixTimeTicks() : 0;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "decimal.Parse(string, invariant)")]
    [BenchmarkCategory("amount")]
    public decimal DecimalParse()
    {
        decimal sum = 0;
        foreach (string a in amounts)
        {
            sum += decimal.Parse(a, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    [Benchmark(Description = "Utf8Cells.TryPlainDecimal(bytes)")]
    [BenchmarkCategory("amount")]
    public decimal PlainDecimalKernel()
    {
        decimal sum = 0;
        foreach (byte[] a in amountBytes)
        {
            sum += Utf8Cells.TryPlainDecimal(a, (byte)'.', out decimal value) ? value : 0;
        }

        return sum;
    }
}
