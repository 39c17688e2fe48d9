namespace CxMetrics.Csv.Tests;

public class CsvRejectionTests
{
    private const string Header = "customer_id,placed_at,amount,currency\n";

    [Fact]
    public void A_huge_bad_value_is_echoed_cut_with_its_size()
    {
        string huge = new string('9', 1_000_000) + "x";
        var records = OrderCsv.Read(new StringReader(Header + $"c1,2025-01-02T10:00:00Z,{huge},EUR\n"));
        _ = records.ToList();

        string reason = Assert.Single(records.Report.Rejections).Reason;
        Assert.True(reason.Length < 300, reason[..Math.Min(reason.Length, 400)]);
        Assert.Contains("…' (1000001 chars) is not a number", reason, StringComparison.Ordinal);
        Assert.StartsWith("'" + new string('9', CsvText.MaxEchoLength) + "…'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_a_bad_value_are_shown_escaped()
    {
        var records = OrderCsv.Read(new StringReader(Header + "c1,2025-01-02T10:00:00Z,\"1\u0001\u001b[31m\n2\",EUR\n"));
        _ = records.ToList();

        string reason = Assert.Single(records.Report.Rejections).Reason;
        Assert.Contains(@"'1\x01\x1B[31m\n2'", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, c => char.IsControl(c));
    }

    [Fact]
    public void A_reason_from_a_custom_mapper_is_one_line_and_bounded()
    {
        var rejection = new CsvRejection(7, "x", "first\nsecond" + new string('z', 5000));

        Assert.DoesNotContain('\n', rejection.Reason);
        Assert.StartsWith(@"first\nsecond", rejection.Reason, StringComparison.Ordinal);
        Assert.True(rejection.Reason.Length <= CsvText.MaxReasonLength + 40);
        Assert.Contains("(reason of 5012 chars cut)", rejection.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', (rejection with { Reason = "a\rb" }).Reason);
    }

    [Fact]
    public void Short_printable_values_are_echoed_unchanged()
    {
        Assert.Equal("'EUR'", CsvText.Quote("EUR"));
        Assert.Equal(@"'C:\data'", CsvText.Quote(@"C:\data"));
        Assert.Equal(@"'a\\b\tc'", CsvText.Quote("a\\b\tc"));
    }
}
