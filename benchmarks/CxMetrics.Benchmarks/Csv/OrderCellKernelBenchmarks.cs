using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxMetrics.Benchmarks.Tool;
using CxMetrics.Csv;

namespace CxMetrics.Benchmarks.Csv;

/// <summary>
/// Issue 17 §3: the per-cell byte kernels of <c>OrderCsv.ReadRows</c>, each on the cells of a real <c>orders.csv</c> (the
/// tool's layout from <see cref="ToolWorkloads.WriteOrders"/>, 1,000,000 orders of 100,000 customers, read in file order)
/// and doing what the reader does with them, against the BCL doing the same with the same cells. <c>amount</c>:
/// <see cref="Utf8Parser.TryParse(ReadOnlySpan{byte}, out decimal, out int, char)"/> on the same bytes (baseline) against
/// <c>Utf8Cells.TryPlainDecimal</c> (<see cref="CellParsingBenchmarks"/> has <c>decimal.Parse</c> of strings).
/// <c>time</c>: <see cref="DateTimeOffset.Parse(string, IFormatProvider)"/> (baseline) against the reader's way — the date
/// parsed once per distinct date (<c>Utf8Cells.TryIsoDate</c>), the time of every cell (<c>Utf8Cells.TryIsoTime</c>).
/// <c>id</c>: the customer id trimmed, checked for UTF-8 and hashed — by the BCL's span trim, <see cref="Utf8.IsValid"/>
/// and <see cref="HashCode.AddBytes"/> (baseline), against <c>Utf8Cells.TryTrimUtf8</c> and <c>IdTable.Hash</c>.
/// <c>text</c>: the optional order id, channel and segment checked for UTF-8 (<see cref="Utf8.IsValid"/>, baseline,
/// against <c>Utf8Cells.IsValidUtf8</c>). The timestamp baseline's strings are made in GlobalSetup, so it does not pay for
/// decoding the cell, which a reader would. Results are identical (Utf8CellBytesTests).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OrderCellKernelBenchmarks
{
    private static readonly byte[] WhiteSpace = " \t\n\v\f\r"u8.ToArray();
    private readonly IdTable table = new();
    private byte[] bytes = [];
    private int[] starts = []; // per row, seven cells: starts[7 * row + k] .. starts[7 * row + k + 1] - 1 (a comma between)
    private string[] times = [];

    public static IEnumerable<int> RowCounts => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cxmetrics-cells-{Environment.ProcessId}.csv");
        try
        {
            ToolWorkloads.WriteOrders(path, Rows, Math.Max(1, Rows / 10));
            bytes = File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }

        var cellStarts = new List<int>(Rows * 8);
        int at = Array.IndexOf(bytes, (byte)'\n') + 1; // past the header
        while (at < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', at);
            cellStarts.Add(at);
            for (int i = at; i < end; i++)
            {
                if (bytes[i] == ',')
                {
                    cellStarts.Add(i + 1);
                }
            }

            at = end + 1;
        }

        cellStarts.Add(bytes.Length);
        starts = [.. cellStarts];
        times = [.. Enumerable.Range(0, Rows).Select(r => Encoding.UTF8.GetString(Cell(r, 2)))];
    }

    /// <summary>Cell <paramref name="k"/> of row <paramref name="row"/>: order_id, customer_id, placed_at, amount, currency, channel, segment.</summary>
    private ReadOnlySpan<byte> Cell(int row, int k)
    {
        int i = (7 * row) + k;
        return bytes.AsSpan(starts[i], starts[i + 1] - starts[i] - 1);
    }

    [Benchmark(Baseline = true, Description = "Utf8Parser.TryParse(bytes, out decimal)")]
    [BenchmarkCategory("amount")]
    public decimal Utf8ParserDecimal()
    {
        decimal sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            sum += Utf8Parser.TryParse(Cell(r, 3), out decimal value, out int used) && used == Cell(r, 3).Length ? value : 0;
        }

        return sum;
    }

    [Benchmark(Description = "Utf8Cells.TryPlainDecimal(bytes)")]
    [BenchmarkCategory("amount")]
    public decimal PlainDecimal()
    {
        decimal sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            sum += Utf8Cells.TryPlainDecimal(Cell(r, 3), (byte)'.', out decimal value) ? value : 0;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "DateTimeOffset.Parse(string, invariant)")]
    [BenchmarkCategory("time")]
    public long DateTimeOffsetParse()
    {
        long sum = 0;
        foreach (string t in times)
        {
            sum += DateTimeOffset.Parse(t, CultureInfo.InvariantCulture).UtcTicks;
        }

        return sum;
    }

    [Benchmark(Description = "Utf8Cells.TryIsoDate per distinct date + TryIsoTime(bytes)")]
    [BenchmarkCategory("time")]
    public long IsoTime()
    {
        long sum = 0;
        long days = 0;
        ulong head = 0;
        ushort tail = 0;
        bool have = false;
        for (int r = 0; r < Rows; r++)
        {
            var cell = Cell(r, 2);
            ulong h = BitConverter.ToUInt64(cell);
            ushort t = BitConverter.ToUInt16(cell[8..]);
            if (!have || h != head || t != tail)
            {
                have = Utf8Cells.TryIsoDate(cell, out days);
                (head, tail) = (h, t);
            }

            sum += have && Utf8Cells.TryIsoTime(cell, days, out var at) ? at.ToUnixTimeTicks() : 0;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "span Trim + Utf8.IsValid + HashCode.AddBytes")]
    [BenchmarkCategory("id")]
    public long BclId()
    {
        long sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            var id = Cell(r, 1).Trim(WhiteSpace);
            if (Utf8.IsValid(id))
            {
                var hash = default(HashCode);
                hash.AddBytes(id);
                sum += hash.ToHashCode();
            }
        }

        return sum;
    }

    [Benchmark(Description = "Utf8Cells.TryTrimUtf8 + IdTable.Hash")]
    [BenchmarkCategory("id")]
    public long KernelId()
    {
        long sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            if (Utf8Cells.TryTrimUtf8(Cell(r, 1), out var id))
            {
                sum += table.Hash(id);
            }
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "Utf8.IsValid × 3 (order id, channel, segment)")]
    [BenchmarkCategory("text")]
    public int BclText()
    {
        int valid = 0;
        for (int r = 0; r < Rows; r++)
        {
            valid += Utf8.IsValid(Cell(r, 0)) && Utf8.IsValid(Cell(r, 5)) && Utf8.IsValid(Cell(r, 6)) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(Description = "Utf8Cells.IsValidUtf8 × 3")]
    [BenchmarkCategory("text")]
    public int KernelText()
    {
        int valid = 0;
        for (int r = 0; r < Rows; r++)
        {
            valid += Utf8Cells.IsValidUtf8(Cell(r, 0)) && Utf8Cells.IsValidUtf8(Cell(r, 5)) && Utf8Cells.IsValidUtf8(Cell(r, 6)) ? 1 : 0;
        }

        return valid;
    }
}
