using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// <see cref="OrderRows.Enumerator.MoveNextBatch"/> against <see cref="OrderRows.Enumerator.MoveNext"/>: the same orders
/// (customer, instant, amount with its scale), indices, report and error whichever way a read is stepped, batches and
/// single rows mixed at random, on files whose rows go through the byte path, the string path (accepted or rejected) and
/// strict mode's stop, longer than a batch.
/// </summary>
public class OrderBatchTests
{
    private static readonly string[] Customers = ["c1", "c2", "c0000003", " c1 ", "\"c,4\"", "", "Müller", "c\u0001", "c00000000005"];

    private static readonly string[] Times = ["2024-01-15T10:23:45Z", "2024-01-15 10:23:45+01:00", "2024-01-15T10:23:45.5Z", "2024-01-15 10:23:45", "junk", "2024-02-30T00:00:00Z"];

    private static readonly string[] Amounts = ["12.50", "0", "-1", "1e3", " 7.25 ", "+5", "100"];

    private static readonly string[] Currencies = ["EUR", "EUR", "EUR", "USD", ""];

    [Property(MaxTest = 200)]
    public Property Batches_and_rows_give_the_same_read() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 400)).Zip(Gen.Elements(false, true)).ToArbitrary(),
            x =>
            {
                var ((seed, count), strict) = x;
                var random = new Random(seed);
                var text = new StringBuilder("order_id,customer_id,placed_at,amount,currency\n");
                for (int i = 0; i < count; i++)
                {
                    // Mostly good rows, so batches fill; a bad cell in one row of ten.
                    bool bad = random.Next(10) == 0;
                    string customer = bad ? Pick(random, Customers) : $"c{random.Next(50)}";
                    string time = bad ? Pick(random, Times) : $"2024-0{1 + random.Next(9)}-1{random.Next(10)}T10:{10 + random.Next(50)}:00Z";
                    string amount = bad ? Pick(random, Amounts) : $"{random.Next(1000)}.{random.Next(100):D2}";
                    string currency = bad ? Pick(random, Currencies) : "EUR";
                    text.Append($"o{i},{customer},{time},{amount},{currency}\n");
                }

                byte[] data = Encoding.UTF8.GetBytes(text.ToString());
                var options = new CsvReadOptions { Strict = strict };
                var byRow = Read(data, options, _ => false);
                var stepper = new Random(seed ^ 0x5EED);
                var mixed = Read(data, options, _ => stepper.Next(3) > 0);
                var byBatch = Read(data, options, _ => true);
                return (byRow == mixed && byRow == byBatch).Label($"rows:\n{byRow}\nmixed:\n{mixed}\nbatches:\n{byBatch}");
            });

    [Fact]
    public void Json_lines_are_handed_out_in_batches_too()
    {
        var lines = new StringBuilder();
        for (int i = 0; i < 150; i++)
        {
            lines.Append($$"""{"order_id":"o{{i}}","customer_id":"c{{i % 7}}","placed_at":"2024-01-{{10 + (i % 9)}}T10:00:00Z","amount":{{i}}.5,"currency":"EUR"}""").Append('\n');
        }

        byte[] data = Encoding.UTF8.GetBytes(lines.ToString());
        var options = new CsvReadOptions { Format = CsvInputFormat.JsonLines };
        var sizes = new List<int>();
        string byBatch = Read(data, options, _ => true, sizes);
        Assert.Equal(Read(data, options, _ => false), byBatch);
        Assert.Equal(150, sizes.Sum());
        Assert.True(sizes.Count < 150, "the rows should come in batches, not one by one");
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>Every accepted order (id, instant, amount with its scale, index), then the report and any error.</summary>
    internal static string Read(byte[] data, CsvReadOptions options, Func<int, bool> batch, List<int>? sizes = null)
    {
        var rows = OrderCsv.ReadRows(new MemoryStream(data), null, options);
        var read = new StringBuilder();
        string? error = null;
        var e = rows.GetEnumerator();
        try
        {
            for (int step = 0; ; step++)
            {
                if (batch(step))
                {
                    if (!e.MoveNextBatch())
                    {
                        break;
                    }

                    var b = e.Batch;
                    sizes?.Add(b.Count);
                    Assert.Equal(b[b.Count - 1], e.Current);
                    for (int i = 0; i < b.Count; i++)
                    {
                        Describe(read, rows, b[i]);
                    }
                }
                else
                {
                    if (!e.MoveNext())
                    {
                        break;
                    }

                    Describe(read, rows, e.Current);
                }
            }
        }
        catch (CsvDataException ex)
        {
            error = ex.Message;
        }
        finally
        {
            e.Dispose();
        }

        var report = rows.Report;
        read.Append(FormattableString.Invariant($"{report.RowsRead}/{report.RowsAccepted}/{report.RowsRejected}/{report.IsComplete}|{error}\n"));
        foreach (var r in report.Rejections)
        {
            read.Append(FormattableString.Invariant($"{r.Line}|{r.Column}|{r.Reason}|{r.Rows}\n"));
        }

        return read.ToString();
    }

    private static void Describe(StringBuilder read, OrderRows rows, OrderRow row) =>
        read.Append(FormattableString.Invariant($"{row.CustomerIndex}|{rows.CustomerIds[row.CustomerIndex]}|{row.PlacedAt.ToUnixTimeTicks()}|{row.Amount}|{string.Join(',', decimal.GetBits(row.Amount))}|{rows.Currency}\n"));
}
