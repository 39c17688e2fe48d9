using System.Text;

namespace CxMetrics.Csv.Tests;

public class CsvRowTests
{
    private const string Header = "customer_id,placed_at,amount,currency\n";

    private static (IReadOnlyList<Commerce.Order> Orders, CsvReport Report) ReadFile(byte[] bytes, CsvReadOptions? options = null)
    {
        string path = Path.Combine(Path.GetTempPath(), $"encoding-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            var records = OrderCsv.Read(path, options: options);
            return (records.ToList(), records.Report);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Latin1File() =>
        [.. Encoding.ASCII.GetBytes(Header), .. Encoding.Latin1.GetBytes("M\u00fcller,2025-01-02T10:00:00Z,10,EUR\nM\u00f6ller,2025-01-02T11:00:00Z,12,EUR\nok,2025-01-02T12:00:00Z,1,EUR\n")];

    [Fact]
    public void Bytes_that_are_not_utf8_reject_their_row_instead_of_merging_ids()
    {
        var (orders, report) = ReadFile(Latin1File());

        Assert.Equal(["ok"], orders.Select(o => o.CustomerId));
        Assert.Equal((3L, 1L, 2L), (report.RowsRead, report.RowsAccepted, report.RowsRejected));
        Assert.Equal([2L, 3L], report.Rejections.Select(r => r.Line));
        Assert.All(report.Rejections, r => Assert.Equal("customer_id", r.Column));
        Assert.Contains("0xFC at byte 2", report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not UTF-8", report.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chosen_encoding_reads_a_latin1_export_as_distinct_names()
    {
        var (orders, report) = ReadFile(Latin1File(), new CsvReadOptions { Encoding = Encoding.Latin1 });

        Assert.Equal(["M\u00fcller", "M\u00f6ller", "ok"], orders.Select(o => o.CustomerId));
        Assert.Empty(report.Rejections);
    }

    [Fact]
    public void A_replacement_character_the_file_really_holds_is_kept()
    {
        var (orders, report) = ReadFile(Encoding.UTF8.GetBytes(Header + "M\uFFFDller,2025-01-02T10:00:00Z,10,EUR\n"));

        Assert.Equal("M\uFFFDller", Assert.Single(orders).CustomerId);
        Assert.Empty(report.Rejections);
    }
}
