using System.Globalization;
using System.Net;
using System.Text;
using CxMetrics.Statistics;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Internal;

/// <summary>
/// A two-column (quantity, value) table that results render as Markdown or as a self-contained HTML table, for notebooks,
/// reports and e-mails. Cells are formatted with the invariant culture; HTML is escaped. The static members are the
/// shared cell formatters: a missing or non-finite number prints as <c>—</c>, never as <c>NaN</c>.
/// </summary>
internal sealed class ResultTable(string caption)
{
    /// <summary>What a cell without a value shows.</summary>
    public const string Missing = "—";

    private readonly List<(string Name, string Value)> rows = [];

    public ResultTable Row(string name, string value)
    {
        rows.Add((name, value));
        return this;
    }

    public static string Number(double? value, string format = "0.0") => value switch
    {
        null => Missing,
        { } v when double.IsNaN(v) => Missing,
        { } v when double.IsPositiveInfinity(v) => "∞",
        { } v when double.IsNegativeInfinity(v) => "−∞",
        { } v => v.ToString(format, CultureInfo.InvariantCulture),
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(long? value) => value is { } v ? Count(v) : Missing;

    /// <summary>A share in [0, 1] as a percentage, e.g. <c>12.3%</c>.</summary>
    public static string Percent(double? share, string format = "0.0") => share is { } s && double.IsFinite(s) ? Number(s * 100, format) + "%" : Missing;

    /// <summary>An interval as <c>[lower, upper]</c>, its bounds multiplied by <paramref name="scale"/>.</summary>
    public static string Interval(ConfidenceInterval? interval, string format = "0.0", double scale = 1, string suffix = "") =>
        interval is { } ci ? $"[{Number(ci.Lower * scale, format)}{suffix}, {Number(ci.Upper * scale, format)}{suffix}]" : Missing;

    /// <summary>A confidence level as a label, e.g. <c>95% CI</c>.</summary>
    public static string Level(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% CI";

    /// <summary>A proportion as <c>12.3% [10.1%, 14.6%] (81 of 658)</c>.</summary>
    public static string Proportion(ProportionEstimate estimate) => estimate.Value is null
        ? $"{Missing} (n = 0)"
        : $"{Percent(estimate.Value)} {Interval(estimate.Interval, "0.0", 100, "%")} ({Count(estimate.Successes)} of {Count(estimate.Count)})";

    /// <summary>A mean as <c>12.34 [11.02, 13.66]</c>.</summary>
    public static string Mean(MeanEstimate estimate, string format = "0.00") =>
        estimate.Value is null ? Missing : $"{Number(estimate.Value, format)} {Interval(estimate.Interval, format)}";

    /// <summary>Money with its currency, e.g. <c>1,234.50 USD</c>.</summary>
    public static string Money(decimal amount, string? currency) =>
        amount.ToString("N2", CultureInfo.InvariantCulture) + (currency is null ? string.Empty : " " + currency);

    public static string Money(decimal? amount, string? currency) => amount is { } a ? Money(a, currency) : Missing;

    /// <summary>An instant in ISO 8601 UTC, e.g. <c>2024-03-01T00:00:00Z</c>.</summary>
    public static string When(Instant instant) => InstantPattern.General.Format(instant);

    /// <summary>A half-open interval of instants as <c>start – end</c>.</summary>
    public static string When(NodaTime.Interval interval) =>
        (interval.HasStart ? When(interval.Start) : "−∞") + " – " + (interval.HasEnd ? When(interval.End) : "∞");

    /// <summary>A duration in days, e.g. <c>90 days</c>.</summary>
    public static string Days(Duration? duration) => duration is { } d ? Number(d.TotalDays, "0.##") + " days" : Missing;

    /// <summary>A p-value, with very small values shown as <c>&lt; 0.0001</c>.</summary>
    public static string PValue(double? p) => p switch
    {
        null => Missing,
        < 0.0001 => "< 0.0001",
        { } v => Number(v, "0.0000"),
    };

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
        html.Append("<table class=\"cxmetrics-result\"><caption>").Append(ResultTable.EscapeHtml(caption)).Append("</caption><tbody>");
        foreach (var (name, value) in rows)
        {
            html.Append("<tr><th scope=\"row\" style=\"text-align:left\">").Append(ResultTable.EscapeHtml(name))
                .Append("</th><td style=\"text-align:right\">").Append(ResultTable.EscapeHtml(value)).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>Several Markdown tables, one after the other, separated by blank lines.</summary>
    public static string JoinMarkdown(params string[] parts) => string.Join("\n", parts);

    /// <summary>Several HTML tables in one <c>div</c>, so that a notebook cell shows them as one output.</summary>
    public static string JoinHtml(params string[] parts) => "<div class=\"cxmetrics-result\">" + string.Concat(parts) + "</div>";

    /// <summary>HTML-escapes text for a cell or caption, after replacing the characters XML forbids (<see cref="XmlSafe"/>).</summary>
    internal static string EscapeHtml(string? text) => WebUtility.HtmlEncode(XmlSafe(text ?? string.Empty));

    /// <summary>
    /// Text XML 1.0 can hold: the characters it forbids (C0 controls other than tab, line feed and carriage return; U+FFFE,
    /// U+FFFF; unpaired surrogates) become U+FFFD, the replacement character, so a page with such bytes in a segment or a
    /// rejected value stays well-formed.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        int i = 0;
        while (i < text.Length && IsXmlChar(text, i))
        {
            i += char.IsHighSurrogate(text[i]) ? 2 : 1;
        }

        if (i >= text.Length)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && IsXmlChar(text, i))
            {
                i++;
            }
            else if (!IsXmlChar(text, i))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static bool IsXmlChar(string text, int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        return c is '\t' or '\n' or '\r' or (>= '\u0020' and < '\uD800') or (>= '\uE000' and <= '\uFFFD');
    }

    /// <summary>Escapes the characters that would break a Markdown table cell: pipes, backslashes and line breaks.</summary>
    internal static string EscapeMarkdown(string text)
    {
        if (text.AsSpan().IndexOfAny('|', '\\', '\n') < 0 && !text.Contains('\r', StringComparison.Ordinal))
        {
            return text;
        }

        return text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
    }
}
