using System.Globalization;
using System.Text;
using CxMetrics.Conversion;
using CxMetrics.Support;
using CxMetrics.Surveys;

namespace CxMetrics.Cli.Output;

/// <summary>
/// A <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, the charts as inline SVG, the tables, and
/// the account of every file read. No scripts and no external references (fonts, styles, images), so it opens offline
/// and can be mailed as it is. The markup is well-formed XML (XHTML-compatible), and the output is deterministic (no
/// timestamps).
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --band: #f6f8fa; --accent: #0072B2; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #eef1f4; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 32px 28px 48px; background: #fff; }
        header { border-bottom: 3px solid var(--accent); margin-bottom: 24px; padding-bottom: 12px; }
        h1 { font-size: 28px; margin: 0 0 4px; letter-spacing: -0.01em; }
        h2 { font-size: 21px; margin: 36px 0 6px; padding-top: 8px; border-top: 1px solid var(--line); }
        h3 { font-size: 16px; margin: 22px 0 6px; }
        table.cxmetrics-result caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        table.cxmetrics-result tfoot td { color: var(--muted); font-size: 13px; border: none; }
        .source { color: var(--muted); margin: 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 8px; }
        .card { flex: 1 1 170px; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--band); }
        .card .label { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; }
        .card .value { font-size: 28px; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; }
        .card .detail { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
        nav ol { columns: 2; margin: 6px 0 0; padding-left: 20px; color: var(--muted); }
        nav a { color: var(--accent); text-decoration: none; }
        .how { margin: 0 0 10px; color: var(--muted); }
        .how strong { color: var(--ink); font-weight: 600; }
        figure { margin: 0; }
        figure svg { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
        figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; min-width: 50%; }
        th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        thead th { background: var(--band); font-weight: 600; border-bottom: 2px solid var(--line); }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .note { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
        .inputs li { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--line); padding-top: 10px; }
        """;

    public static string Render(ReportDocument document, CxMetrics.Reporting.SuppressionOptions? suppression = null)
    {
        suppression ??= CxMetrics.Reporting.SuppressionOptions.None;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<title>cxmetrics ").Append(Escape(document.Command)).Append(" — ").Append(Escape(document.Source)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n");
        html.Append("<header>\n<h1>Customer-experience report</h1>\n<p class=\"source\">")
            .Append(Escape($"cxmetrics {document.Command} — {document.Source}")).Append("</p>\n</header>\n");

        Cards(html, document, suppression);

        if (document.Charts.Count + document.Tables.Count > 0)
        {
            html.Append("<nav>\n<h2>Contents</h2>\n<ol>\n");
            for (int i = 0; i < document.Charts.Count; i++)
            {
                html.Append("<li><a href=\"#chart-").Append(i + 1).Append("\">").Append(Escape(document.Charts[i].Title)).Append("</a></li>\n");
            }

            if (document.Tables.Count > 0)
            {
                html.Append("<li><a href=\"#tables\">Tables (").Append(document.Tables.Count).Append(")</a></li>\n");
            }

            if (document.Inputs.Count > 0)
            {
                html.Append("<li><a href=\"#inputs\">Files read</a></li>\n");
            }

            html.Append("</ol>\n</nav>\n");
        }

        foreach (var note in document.ChartNotes)
        {
            html.Append("<p class=\"note\">Not drawn — ").Append(Escape(note)).Append("</p>\n");
        }

        for (int i = 0; i < document.Charts.Count; i++)
        {
            var chart = document.Charts[i];
            html.Append("<section class=\"chart\" id=\"chart-").Append(i + 1).Append("\">\n<h2>").Append(Escape(chart.Title)).Append("</h2>\n")
                .Append("<p class=\"how\"><strong>How to read this:</strong> ").Append(Escape(chart.HowToRead)).Append("</p>\n<figure>\n")
                .Append(CxMetrics.Reporting.XmlCharacters.Safe(chart.Svg.Trim())).Append('\n')
                .Append("<figcaption>").Append(Escape(chart.Source)).Append("</figcaption>\n</figure>\n</section>\n");
        }

        if (document.Tables.Count > 0)
        {
            html.Append("<section id=\"tables\">\n<h2>Tables</h2>\n");
            foreach (var table in document.Tables)
            {
                Table(html, table, suppression);
            }

            html.Append("</section>\n");
        }

        if (document.Inputs.Count > 0)
        {
            html.Append("<section id=\"inputs\">\n<h2>Files read</h2>\n<ul class=\"inputs\">\n");
            foreach (var input in document.Inputs)
            {
                html.Append("<li>").Append(Escape(Format.Input(input)));
                if (input.Rejections.Count > 0)
                {
                    html.Append("\n<ul>\n");
                    foreach (var r in input.Rejections.Take(20))
                    {
                        html.Append("<li>rejected ").Append(Escape(r.ToString())).Append("</li>\n");
                    }

                    if (input.Rejections.Count > 20)
                    {
                        html.Append("<li>").Append(Escape(string.Create(CultureInfo.InvariantCulture, $"… and {input.Rejections.Count - 20:N0} more (--format json lists them all)"))).Append("</li>\n");
                    }

                    html.Append("</ul>\n");
                }

                html.Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("<footer>Made by cxmetrics. Intervals are confidence intervals at the level shown in each table; \"—\" means no estimate (no data, or not yet observable), never 0. Definitions and sources: docs/metrics in the CxMetrics repository.</footer>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Cards(StringBuilder html, ReportDocument document, CxMetrics.Reporting.SuppressionOptions suppression)
    {
        var cards = new List<(string Label, string Value, string Detail)>();
        foreach (var (key, value) in document.Results)
        {
            switch (value)
            {
                case NpsResult nps:
                    cards.Add(("NPS", new NumberCell(nps.Score, ShowSign: true).ToString(), $"{Cells.Interval(nps.Interval)} · n = {suppression.Show(nps.Count)}"));
                    break;
                case RatingResult rating:
                    cards.Add((key.ToUpperInvariant(), new NumberCell(rating.Score) + (rating.Score is null ? string.Empty : "%"), $"{Cells.Interval(rating.Favourable.Interval, share: true)} · n = {suppression.Show(rating.Count)}"));
                    break;
                case ConversionResult conversion:
                    cards.Add(("Conversion", new ShareCell(conversion.Rate.Value, 2).ToString(), $"{Cells.Interval(conversion.Rate.Interval, share: true, decimals: 2)} · n = {suppression.Show(conversion.Rate.Count)}"));
                    break;
                case SupportResult support:
                    cards.Add(("First response", new NumberCell(support.FirstResponse.Median) + (support.FirstResponse.Median is null ? string.Empty : " h"), $"median · {suppression.Show(support.Tickets)} tickets · {suppression.Show(support.ResponsePending)} pending · {suppression.Show(support.ClosedWithoutReply)} closed without reply"));
                    break;
                default:
                    break;
            }
        }

        if (cards.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"cards\">\n");
        foreach (var (label, value, detail) in cards)
        {
            html.Append("<div class=\"card\"><div class=\"label\">").Append(Escape(label)).Append("</div><div class=\"value\">").Append(Escape(value))
                .Append("</div><div class=\"detail\">").Append(Escape(detail)).Append("</div></div>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>A table through the core's HTML writer (its caption repeats the heading for screen readers; notes in its footer).</summary>
    private static void Table(StringBuilder html, ReportTable table, CxMetrics.Reporting.SuppressionOptions suppression)
    {
        html.Append("<h3>").Append(Escape(table.Title)).Append("</h3>\n<div class=\"scroll\">\n")
            .Append(new CxMetrics.Reporting.Report(table.Title, [table.ToCore()]).ToHtml(suppression))
            .Append("\n</div>\n");
    }

    /// <summary>Text for an element or an attribute: the characters XML forbids replaced (<see cref="CxMetrics.Reporting.XmlCharacters.Safe"/>), markup characters escaped.</summary>
    internal static string Escape(string text) => CxMetrics.Reporting.XmlCharacters.Safe(text)
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
