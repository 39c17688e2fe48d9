using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CxMetrics.Reporting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Reporting;

public class ReportWritersTests
{
    private static Report Counts(params long[] counts)
    {
        var rows = counts.Select(n => (IReadOnlyList<ReportCell>)[new TextCell("segment " + n), new CountCell(n), new ShareCell(n / 100.0)]).ToArray();
        return new Report("Counts", [new ReportTable("Counts", [new ReportColumn("segment", false), new ReportColumn("n"), new ReportColumn("share")], rows)]);
    }

    public static TheoryData<ReportCell, string> Cells() => new()
    {
        { new NumberCell(double.NaN), "—" },
        { new NumberCell(null), "—" },
        { new NumberCell(double.PositiveInfinity), "∞" },
        { new NumberCell(double.NegativeInfinity), "−∞" },
        { new ShareCell(double.NaN), "—" },
        { new CountCell(1234567), "1,234,567" },
        { new CountCell(1234.5), "1,234.5" },
        { new MoneyCell(1234567.5m, "EUR"), "1,234,567.50 EUR" },
        { new NumberCell(12345.678, 2), "12,345.68" },
        { new NumberCell(1.5, 3, Trim: true), "1.5" },
        { new NumberCell(2, 1, ShowSign: true), "+2.0" },
        { new NumberCell(0.00001234, Significant: 4), "1.234E-05" },
        { new ShareCell(0.1234), "12.3%" },
        { new IntervalCell(0.1, 0.2, 1, Share: true), "[10.0%, 20.0%]" },
        { new IntervalCell(double.NaN, 3), "[—, 3.0]" },
        { new PValueCell(0.00001), "< 0.0001" },
        { new PValueCell(0.0421), "0.0421" },
        { new ChangeCell(new NumberCell(2, 1, ShowSign: true), new IntervalCell(-0.5, 4.5), 0.12), "+2.0 [-0.5, 4.5], p = 0.1200" },
        { new MissingCell(), "—" },
        { new MissingCell(MissingReason.NotObservable), "not observable" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Every_cell_kind_follows_the_one_number_style_and_missing_value_policy(ReportCell cell, string expected) =>
        Assert.Equal(expected, cell.ToString());

    [Fact]
    public void Small_counts_are_flagged_by_default_when_a_minimum_is_set()
    {
        var options = new SuppressionOptions { MinimumCount = 10 };
        Report report = Counts(3, 12);
        string md = report.ToMarkdown(options);
        Assert.Contains("| segment 3 | 3* | 3.0% |", md, StringComparison.Ordinal);
        Assert.Contains("| segment 12 | 12 | 12.0% |", md, StringComparison.Ordinal);
        Assert.Contains("* a count below 10 (small cell).", md, StringComparison.Ordinal);
        Assert.Contains("3*", report.ToText(options), StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:right\">3*</td>", report.ToHtml(options), StringComparison.Ordinal);
        Assert.Contains("| segment 3 | 3 |", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_suppression_leaves_no_trace_of_the_count_in_any_format()
    {
        var options = new SuppressionOptions { MinimumCount = 10, Mode = SuppressionMode.Blank };
        Report report = Counts(3, 12);
        Assert.Contains("| segment 3 |  | 3.0% |", report.ToMarkdown(options), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(report.ToJson(options));
        JsonElement cell = json.RootElement.GetProperty("tables")[0].GetProperty("rows")[0][1];
        Assert.Equal(JsonValueKind.Null, cell.GetProperty("value").ValueKind);
        Assert.True(cell.GetProperty("suppressed").GetBoolean());
        Assert.Equal(string.Empty, cell.GetProperty("text").GetString());
        Assert.Equal(12, json.RootElement.GetProperty("tables")[0].GetProperty("rows")[1][1].GetProperty("value").GetDouble());
    }

    [Fact]
    public void Rounding_rounds_every_count_to_the_base()
    {
        var options = new SuppressionOptions { Mode = SuppressionMode.Round, RoundingBase = 5 };
        string md = Counts(3, 12, 0).ToMarkdown(options);
        Assert.Contains("| segment 3 | 5 |", md, StringComparison.Ordinal);
        Assert.Contains("| segment 12 | 10 |", md, StringComparison.Ordinal);
        Assert.Contains("| segment 0 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("Counts are rounded to a multiple of 5.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_count_is_hidden_rounded_or_shown_by_the_one_policy()
    {
        var flag = new SuppressionOptions { MinimumCount = 10 };
        Assert.True(flag.Hides(3));
        Assert.False(flag.Hides(0));
        Assert.False(flag.Hides(10));
        Assert.Null(flag.Publish(3));
        Assert.Equal(1234, flag.Publish(1234));
        Assert.Equal("3*", flag.Show(3));
        Assert.Equal("1,234", flag.Show(1234));
        Assert.Equal(string.Empty, (flag with { Mode = SuppressionMode.Blank }).Show(3));

        var round = new SuppressionOptions { Mode = SuppressionMode.Round };
        Assert.False(round.Hides(3));
        Assert.Equal(5, round.Publish(3));
        Assert.Equal(0, round.Publish(0));
        Assert.Equal("1,235", round.Show(1234));
        Assert.False(SuppressionOptions.None.IsActive);
        Assert.True(round.IsActive);
    }

    [Property(MaxTest = 200)]
    public bool A_count_shows_in_a_table_as_the_policy_shows_it_alone(NonNegativeInt count, PositiveInt minimum, bool blank, bool round)
    {
        var options = new SuppressionOptions
        {
            MinimumCount = minimum.Get % 50,
            Mode = round ? SuppressionMode.Round : blank ? SuppressionMode.Blank : SuppressionMode.Flag,
            RoundingBase = 1 + (minimum.Get % 7),
        };
        var report = new Report("t", [new ReportTable("t", [new ReportColumn("k", false), new ReportColumn("n")], [["a", new CountCell(count.Get)]])]);
        string text = report.ToMarkdown(options).Split('\n').First(l => l.StartsWith("| a |", StringComparison.Ordinal));
        return text == $"| a | {options.Show(count.Get)} |" && (options.Publish(count.Get) is null) == options.Hides(count.Get);
    }

    [Fact]
    public void Suppression_options_reject_impossible_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>("MinimumCount", () => new SuppressionOptions { MinimumCount = -1 });
        Assert.Throws<ArgumentOutOfRangeException>("RoundingBase", () => new SuppressionOptions { RoundingBase = 0 });
    }

    [Fact]
    public void Characters_xml_forbids_never_reach_html_or_json()
    {
        var report = new Report("bad \u0001 title", [new ReportTable("caption \uFFFF", [new ReportColumn("<a>", false)], [[new TextCell("x\u0007\uD800y")]])]);
        string html = report.ToHtml();
        XElement.Parse("<root>" + html + "</root>");
        Assert.Contains("x\uFFFD\uFFFDy", html, StringComparison.Ordinal);
        Assert.Contains("&lt;a&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", report.ToJson(), StringComparison.Ordinal);
    }

    [Property]
    public Property XmlText_safe_output_is_always_legal_xml(string text) =>
        Prop.ToProperty(IsLegal(XmlCharacters.Safe(text)) && (text is null || XmlCharacters.Safe(text).Length == text.Length));

    private static bool IsLegal(string text)
    {
        try
        {
            XmlConvert.VerifyXmlChars(text);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    [Fact]
    public void Rows_beyond_the_limit_are_counted_in_text_markdown_and_html_but_all_written_to_json()
    {
        var rows = Enumerable.Range(0, 5).Select(i => (IReadOnlyList<ReportCell>)[new CountCell(i)]).ToArray();
        var report = new Report("Steps", [new ReportTable("Steps", [new ReportColumn("t")], rows) { MaxRows = 2 }]);
        foreach (string output in new[] { report.ToText(), report.ToMarkdown(), report.ToHtml() })
        {
            Assert.Contains("… 3 more rows not shown (5 in all).", output, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(5, json.RootElement.GetProperty("tables")[0].GetProperty("rows").GetArrayLength());
    }
}
