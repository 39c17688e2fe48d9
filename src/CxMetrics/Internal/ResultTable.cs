using System.Globalization;
using System.Net;
using System.Text;

namespace CxMetrics.Internal;

/// <summary>
/// A two-column (quantity, value) table that results render as Markdown or as a self-contained HTML table, for notebooks,
/// reports and e-mails. Cells are formatted with the invariant culture; HTML is escaped.
/// </summary>
internal sealed class ResultTable(string caption)
{
    private readonly List<(string Name, string Value)> rows = [];

    public ResultTable Row(string name, string value)
    {
        rows.Add((name, value));
        return this;
    }

    public static string Number(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").Append(EscapeMarkdown(caption)).Append(" | |\n| --- | ---: |\n");
        foreach (var (name, value) in rows)
        {
            text.Append("| ").Append(EscapeMarkdown(name)).Append(" | ").Append(EscapeMarkdown(value)).Append(" |\n");
        }

        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<table class=\"cxmetrics-result\"><caption>").Append(WebUtility.HtmlEncode(caption)).Append("</caption><tbody>");
        foreach (var (name, value) in rows)
        {
            html.Append("<tr><th scope=\"row\" style=\"text-align:left\">").Append(WebUtility.HtmlEncode(name))
                .Append("</th><td style=\"text-align:right\">").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string EscapeMarkdown(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
