using CxMetrics.Reporting;
using CxMetrics.Statistics;
using CxMetrics.Internal;

namespace CxMetrics.Tests.Internal;

public class ResultTableTests
{
    [Theory]
    [InlineData(double.NaN, "—")]
    [InlineData(double.PositiveInfinity, "∞")]
    [InlineData(double.NegativeInfinity, "−∞")]
    [InlineData(1234.5, "1,234.5")]
    public void Number_never_prints_NaN(double value, string expected) => Assert.Equal(expected, ResultTable.Number(value).ToString());

    [Fact]
    public void Missing_values_print_a_dash()
    {
        Assert.Equal("—", ResultTable.Number(null).ToString());
        Assert.Equal("—", ResultTable.Percent(null).ToString());
        Assert.Equal("—", ResultTable.Percent(double.NaN).ToString());
        Assert.Equal("—", StatisticsCells.Interval(null).ToString());
        Assert.Equal("— (n = 0)", StatisticsCells.Proportion(Proportion.FromCounts(0, 0)).ToString());
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_thread_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = CommaCulture();
            Assert.Equal("1,234.50 EUR", ResultTable.Money(1234.5m, "EUR").ToString());
            Assert.Equal("12.3%", ResultTable.Percent(0.123).ToString());
            Assert.Equal("12,345", ResultTable.Count(12345).ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    /// <summary>A culture that writes 1.234,5 (the test host runs in globalization-invariant mode, so no named culture exists).</summary>
    internal static System.Globalization.CultureInfo CommaCulture()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.PercentDecimalSeparator = ",";
        return culture;
    }

    [Fact]
    public void Proportion_prints_share_interval_and_counts()
    {
        var p = Proportion.FromCounts(81, 263);
        Assert.Equal($"30.8% [{p.Interval!.Value.Lower * 100:0.0}%, {p.Interval!.Value.Upper * 100:0.0}%] (81 of 263)", StatisticsCells.Proportion(p).ToString());
    }

    [Theory]
    [InlineData(0.00001, "< 0.0001")]
    [InlineData(0.0421, "0.0421")]
    public void PValues_below_the_printed_precision_say_so(double p, string expected) => Assert.Equal(expected, ResultTable.PValue(p).ToString());

    [Fact]
    public void Markdown_escapes_pipes_backslashes_and_line_breaks()
    {
        string md = Report.Of(new ResultTable("a|b").Row("x\\y", "line1\nline2|z")).ToMarkdown();
        Assert.Equal("| a\\|b | |\n| --- | ---: |\n| x\\\\y | line1\\nline2\\|z |\n", md); // a line break shows escaped, as in the text writer
    }

    [Fact]
    public void Html_escapes_markup_in_captions_names_and_values()
    {
        string html = Report.Of(new ResultTable("<b>caption</b>").Row("<script>alert(1)</script>", "a & b")).ToHtml();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_has_a_header_alignment_row_and_escaped_cells()
    {
        var grid = new ResultGrid("Groups", "<name", "n").Row("a|b", "1").Row("<i>c</i>", "2");
        string md = Report.Of(grid).ToMarkdown();
        Assert.Equal("**Groups**\n\n| name | n |\n| --- | ---: |\n| a\\|b | 1 |\n| <i>c</i> | 2 |\n", md);
        string html = Report.Of(grid).ToHtml();
        Assert.Contains("<thead><tr><th scope=\"col\" style=\"text-align:left\">name</th><th scope=\"col\" style=\"text-align:right\">n</th></tr></thead>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;c&lt;/i&gt;", html, StringComparison.Ordinal);
        RenderingAssert.WellFormed(md, html);
    }

    [Fact]
    public void Grid_beyond_its_row_limit_counts_the_rows_it_leaves_out()
    {
        var grid = new ResultGrid("Steps", "t") { MaxRows = 2 };
        for (int i = 0; i < 5; i++)
        {
            grid.Row(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        string md = Report.Of(grid).ToMarkdown();
        Assert.Contains("| 1 |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("| 2 |", md, StringComparison.Ordinal);
        Assert.Contains("… 3 more rows not shown (5 in all).", md, StringComparison.Ordinal);
        Assert.Contains("<tfoot><tr><td colspan=\"1\">… 3 more rows not shown (5 in all).</td></tr></tfoot>", Report.Of(grid).ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_rejects_a_row_of_the_wrong_width() =>
        Assert.Throws<ArgumentException>("cells", () => new ResultGrid("x", "a", "b").Row("1"));
}
