using CxMetrics.Reporting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Reporting;

/// <summary>The text writer's one table style (ASCII borders, alignment, wrapping to a width) and the escaping of text from the data in text and Markdown.</summary>
public class TextAndMarkdownWriterTests
{
    private static Report Segments(params (string Name, long N)[] rows) => new("Segments", [new ReportTable(
        "Segments",
        [new ReportColumn("segment", false), new ReportColumn("n"), new ReportColumn("share")],
        [.. rows.Select(r => (IReadOnlyList<ReportCell>)[new TextCell(r.Name), new CountCell(r.N), new ShareCell(r.N / 2000.0)])])
    {
        Notes = ["a note"],
    }]);

    [Fact]
    public void A_table_is_drawn_with_ascii_borders_text_left_and_figures_right()
    {
        string text = Segments(("email", 1234), ("sms", 5)).ToText();
        Assert.Equal(
            """
            Segments
            +---------+-------+-------+
            | segment |     n | share |
            |---------+-------+-------|
            | email   | 1,234 | 61.7% |
            | sms     |     5 |  0.3% |
            +---------+-------+-------+
            a note

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Named_values_have_no_header_row_and_an_empty_table_only_its_header()
    {
        var named = new Report("Fit", [new ReportTable("Fit", [new ReportColumn(""), new ReportColumn("")], [["r", new NumberCell(0.25, 2)], ["alpha", new NumberCell(10.5, 2)]])]);
        Assert.Equal("Fit\n+-------+-------+\n| r     |  0.25 |\n| alpha | 10.50 |\n+-------+-------+\n", named.ToText());
        Assert.Equal("Segments\n+---------+---+-------+\n| segment | n | share |\n+---------+---+-------+\na note\n", Segments().ToText());
    }

    [Fact]
    public void A_narrow_width_wraps_the_widest_cells_inside_their_column()
    {
        Report report = Segments(("a segment with a rather long name", 3));
        string wide = report.ToText();
        string narrow = report.ToText(width: 30);
        Assert.Contains("| a segment with a rather long name |", wide, StringComparison.Ordinal);
        string[] table = [.. narrow.Split('\n').Where(l => l.StartsWith('|') || l.StartsWith('+'))];
        Assert.All(table, line => Assert.True(line.Length <= 30, line));
        Assert.Single(table.Select(l => l.Length).Distinct());
        Assert.Contains("| a segment with |", narrow, StringComparison.Ordinal);
        Assert.Contains("| a rather long  |", narrow, StringComparison.Ordinal);
        Assert.EndsWith("+\na note\n", narrow, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public bool A_wrapped_table_stays_aligned_keeps_every_word_whole_and_fits_when_its_words_do(NonEmptyString[] words, PositiveInt seed)
    {
        string cell = string.Join(' ', words.Select(w => new string([.. w.Get.Where(char.IsAsciiLetterOrDigit)]))).Trim();
        int width = 20 + (seed.Get % 60);
        var report = new Report("t", [new ReportTable("t", [new ReportColumn("name", false), new ReportColumn("n")], [[new TextCell(cell), new CountCell(seed.Get)]])]);
        string[] lines = [.. report.ToText(width: width).Split('\n').Where(l => l.StartsWith('|') || l.StartsWith('+'))];
        string[] pieces = [.. lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).Select(l => l.Split('|')[1])];
        static string Words(IEnumerable<string> parts) => string.Join(' ', parts.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        int longest = cell.Split(' ').Max(w => w.Length);
        bool fits = Math.Max(4, longest) + new CountCell(seed.Get).ToString().Length + 7 <= width;
        return lines.Select(l => l.Length).Distinct().Count() == 1
            && Words(pieces) == Words([cell])
            && (!fits || lines.All(l => l.Length <= width));
    }

    [Fact]
    public void A_table_whose_words_cannot_fit_stays_wider_and_never_breaks_a_figure()
    {
        string text = Segments(("email", 1234)).ToText(width: 10);
        Assert.Contains("| email   | 1,234 | 61.7% |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_characters_take_two_columns_so_borders_stay_aligned()
    {
        string text = Segments(("東京", 1), ("😀x", 2), ("abcd", 3)).ToText();
        string[] lines = [.. text.Split('\n').Where(l => l.StartsWith('|') || l.StartsWith('+'))];
        Assert.Contains("| 東京    |", text, StringComparison.Ordinal);
        Assert.Contains("| 😀x     |", text, StringComparison.Ordinal);
        Assert.Contains("| abcd    |", text, StringComparison.Ordinal);
        Assert.Equal(lines[0].Length, lines[^1].Length);
    }

    [Fact]
    public void Control_characters_from_the_data_are_escaped_in_text_and_markdown()
    {
        var report = new Report("title\u001b[31m", [new ReportTable(
            "caption\r\nnext",
            [new ReportColumn("key\u0007", false), new ReportColumn("n")],
            [[new TextCell("evil\u001b]0;x\u0007|\u202Ename\ttab\0"), new CountCell(1)]])
        {
            Notes = ["note\nline"],
        }]);
        foreach (string output in new[] { report.ToText(), report.ToText(width: 40), report.ToMarkdown(), report.ToMarkdown(headingLevel: 3) })
        {
            Assert.DoesNotContain(output, c => c is < ' ' and not '\n' || c is '\u007F' or '\u202E');
            Assert.Contains("\\x1B", output, StringComparison.Ordinal);
            Assert.Contains("\\r\\n", output, StringComparison.Ordinal);
            Assert.Contains("note\\nline", output, StringComparison.Ordinal);
        }

        Assert.Contains("| evil\\x1B]0;x\\x07|\\u202Ename\\ttab\\x00 |", report.ToText(), StringComparison.Ordinal);
        Assert.Contains("| evil\\x1B]0;x\\x07\\|\\u202Ename\\ttab\\x00 | 1 |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("### caption\\r\\nnext\n", report.ToMarkdown(headingLevel: 3), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_cells_are_cut_with_their_size_in_text_and_markdown_but_not_in_json()
    {
        string name = new('x', 5_000);
        Report report = Segments((name, 1));
        string cut = new string('x', ControlCharacters.MaxCell) + "… (5,000 characters)";
        Assert.Contains("| " + cut + " |", report.ToText(), StringComparison.Ordinal);
        Assert.Contains("| " + cut + " |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains(name, report.ToJson(), StringComparison.Ordinal);
        Assert.Contains(name, report.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_character_escape_keeps_plain_text_and_cuts_at_the_limit()
    {
        Assert.Equal("plain – text", ControlCharacters.Escape("plain – text"));
        Assert.Equal(string.Empty, ControlCharacters.Escape(null));
        Assert.Equal("a\\x1Bb\\x9Bc\\uD800", ControlCharacters.Escape("a\u001bb\u009bc\ud800"));
        Assert.Equal("abc… (6 characters)", ControlCharacters.Escape("abcdef", 3));
        Assert.Equal("😀… (3 characters)", ControlCharacters.Escape("😀x", 2));
        Assert.Throws<ArgumentOutOfRangeException>("maxLength", () => ControlCharacters.Escape("a", 0));
    }

    [Fact]
    public void Markdown_titles_are_bold_lines_or_headings_of_the_level_asked()
    {
        Report report = Segments(("email", 1));
        Assert.StartsWith("**Segments**\n\n| segment | n | share |\n| --- | ---: | ---: |\n| email | 1 | 0.1% |\n", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.StartsWith("## Segments\n\n| segment | n | share |\n", report.ToMarkdown(headingLevel: 2), StringComparison.Ordinal);
        var named = new Report("Fit", [new ReportTable("Fit", [new ReportColumn(""), new ReportColumn("")], [["r", new NumberCell(0.25, 2)]])]);
        Assert.StartsWith("| Fit | |\n| --- | ---: |\n| r | 0.25 |", named.ToMarkdown(), StringComparison.Ordinal);
        Assert.StartsWith("# Fit\n\n|  | |\n| --- | ---: |\n| r | 0.25 |", named.ToMarkdown(headingLevel: 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_options_reject_impossible_values()
    {
        Report report = Segments();
        Assert.Throws<ArgumentOutOfRangeException>("width", () => report.ToText(width: -1));
        Assert.Throws<ArgumentOutOfRangeException>("headingLevel", () => report.ToMarkdown(headingLevel: -1));
        Assert.Throws<ArgumentOutOfRangeException>("headingLevel", () => report.ToMarkdown(headingLevel: 7));
    }
}
