using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

/// <summary>The splitter behind <see cref="CsvReadOptions.WhitespaceSeparated"/>: the same output whatever the read sizes.</summary>
public class WhitespaceFieldsTests
{
    private static string Expected(string text) =>
        string.Join('\n', text.Split('\n').Select(line => string.Join('\t', line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))));

    private static string ReadStream(string text, int chunk)
    {
        using var stream = new WhitespaceFieldStream(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var output = new List<byte>();
        var buffer = new byte[chunk];
        int read;
        while ((read = stream.Read(buffer, 0, chunk)) > 0)
        {
            output.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        return Encoding.UTF8.GetString([.. output]);
    }

    private static string ReadText(string text, int chunk)
    {
        using var reader = new WhitespaceFieldReader(new StringReader(text));
        var output = new StringBuilder();
        var buffer = new char[chunk];
        int read;
        while ((read = reader.Read(buffer, 0, chunk)) > 0)
        {
            output.Append(buffer, 0, read);
        }

        return output.ToString();
    }

    [Fact]
    public void A_cdnow_line_becomes_tab_separated() =>
        Assert.Equal("00001\t19970101\t1\t11.77\n", ReadStream(" 00001 19970101  1   11.77  \n", 4096));

    [Property(MaxTest = 200)]
    public Property Any_read_size_gives_the_same_fields()
    {
        var piece = Gen.Elements(" ", "  ", "\t", "\n", "ab", "x", "ü", "\"q\"", "12.5");
        var gen =
            from pieces in Gen.ListOf(piece)
            from chunk in Gen.Choose(1, 9)
            select (Text: string.Concat(pieces), Chunk: chunk);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            string expected = Expected(t.Text);
            return ReadStream(t.Text, t.Chunk) == expected && ReadStream(t.Text, 4096) == expected
                && ReadText(t.Text, t.Chunk) == expected && ReadText(t.Text, 4096) == expected;
        });
    }

    [Fact]
    public async Task A_whitespace_file_reads_asynchronously_with_the_same_account()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ws-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, " customer_id  date  dollar_value\n 00001 19970101   11.77\n 00002 1997011  12.00\n", TestContext.Current.CancellationToken);
        try
        {
            var orders = OrderCsv.Read(path, new OrderColumns { PlacedAt = "date", Amount = "dollar_value", Currency = null }, new CsvReadOptions { WhitespaceSeparated = true, TimestampPattern = "uuuuMMdd", Zone = NodaTime.DateTimeZone.Utc, Currency = "USD" });
            var ids = new List<string>();
            await foreach (var order in orders.WithCancellation(TestContext.Current.CancellationToken))
            {
                ids.Add(order.CustomerId);
            }

            Assert.Equal(["00001"], ids);
            Assert.Equal((2L, 1L, 1L), (orders.Report.RowsRead, orders.Report.RowsAccepted, orders.Report.RowsRejected));
            Assert.Equal((3L, "date"), (orders.Report.Rejections[0].Line, orders.Report.Rejections[0].Column!));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
