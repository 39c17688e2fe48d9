using System.Text.Json;
using System.Xml.Linq;
using CxMetrics.Reporting;

namespace CxMetrics.Tests.Reporting;

/// <summary>
/// Every result family's description in all four formats, compared with approved files (one table of expected outputs:
/// <c>Approved/&lt;family&gt;.txt|md|html|json</c>), and the same content checked across the formats.
/// </summary>
public class ReportSnapshotTests
{
    public static TheoryData<string, string> FamiliesAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (string family in ReportFixtures.Families.Keys)
        {
            foreach (string format in new[] { "txt", "md", "html", "json" })
            {
                data.Add(family, format);
            }
        }

        return data;
    }

    public static TheoryData<string> Families() => [.. ReportFixtures.Families.Keys];

    private static string Write(Report report, string format) => format switch
    {
        "txt" => report.ToText(),
        "md" => report.ToMarkdown(),
        "html" => report.ToHtml() + "\n",
        _ => report.ToJson(),
    };

    [Theory]
    [MemberData(nameof(FamiliesAndFormats))]
    public void Description_matches_its_approved_file(string family, string format) =>
        ApprovedFile.Verify($"{family}.{format}", Write(ReportFixtures.Families[family](), format));

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_format_shows_the_same_titles_and_cells(string family)
    {
        Report report = ReportFixtures.Families[family]();
        string text = report.ToText();
        string md = report.ToMarkdown();
        string html = report.ToHtml();
        using var json = JsonDocument.Parse(report.ToJson());
        JsonElement tables = json.RootElement.GetProperty("tables");
        Assert.Equal(report.Tables.Count, tables.GetArrayLength());
        Assert.NotEmpty(report.Tables);

        for (int t = 0; t < report.Tables.Count; t++)
        {
            ReportTable table = report.Tables[t];
            JsonElement jsonTable = tables[t];
            Assert.Contains(table.Title, text, StringComparison.Ordinal);
            Assert.Contains(ReportWriters.EscapeMarkdown(table.Title), md, StringComparison.Ordinal);
            Assert.Contains(XmlCharacters.Escape(table.Title), html, StringComparison.Ordinal);
            Assert.Equal(table.Title, jsonTable.GetProperty("title").GetString());

            JsonElement rows = jsonTable.GetProperty("rows");
            Assert.Equal(table.Rows.Count, rows.GetArrayLength());
            int shown = table.MaxRows > 0 ? Math.Min(table.MaxRows, table.Rows.Count) : table.Rows.Count;
            for (int r = 0; r < table.Rows.Count; r++)
            {
                for (int c = 0; c < table.Rows[r].Count; c++)
                {
                    string cell = table.Rows[r][c].ToString();
                    Assert.Equal(cell, rows[r][c].GetProperty("text").GetString());
                    if (r >= shown || cell.Length == 0)
                    {
                        continue;
                    }

                    Assert.Contains(cell, text, StringComparison.Ordinal);
                    Assert.Contains("| " + ReportWriters.EscapeMarkdown(cell) + " |", md, StringComparison.Ordinal);
                    Assert.Contains(">" + XmlCharacters.Escape(cell) + "</t", html, StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Html_is_well_formed_xml_and_text_has_no_raw_special_values(string family)
    {
        Report report = ReportFixtures.Families[family]();
        string html = report.ToHtml();
        XElement root = XElement.Parse("<root>" + html + "</root>");
        Assert.Equal(report.Tables.Count, root.Descendants("table").Count());
        foreach (string output in new[] { report.ToText(), report.ToMarkdown(), html, report.ToJson() })
        {
            Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", output, StringComparison.Ordinal);
        }
    }
}
