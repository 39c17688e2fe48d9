using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Conversion;

/// <summary>A conversion rate with its unit, counts and Wilson interval.</summary>
/// <param name="Unit">What was counted.</param>
/// <param name="Rate">Converted units over all units.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ConversionResult(ConversionUnit Unit, ProportionEstimate Rate) : IRichResult
{
    /// <summary>Formats as <c>15.47% of sessions converted (95% CI [14.84%, 16.12%]; 1908 of 12330)</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => Rate.Value is null
        ? string.Create(CultureInfo.InvariantCulture, $"conversion per {Unit.ToString().ToLowerInvariant()}: no estimate (n = 0)")
        : string.Create(CultureInfo.InvariantCulture, $"{Rate.Value * 100:0.00}% of {Unit.ToString().ToLowerInvariant()}s converted ({Rate.Interval!.Value.Level * 100:0.##}% CI [{Rate.Interval.Value.Lower * 100:0.00}%, {Rate.Interval.Value.Upper * 100:0.00}%]; {Rate.Successes} of {Rate.Count})");

    /// <summary>
    /// The result as a Markdown table (rate with its interval, converted and total units), for reports and notebooks; numbers in invariant culture, <c>—</c> where there is no estimate.
    /// </summary>
    /// <returns>GitHub-flavoured Markdown.</returns>
    public string ToMarkdown() => Table().ToMarkdown();

    /// <summary>The same content as <see cref="ToMarkdown"/> as one self-contained, escaped HTML fragment (what notebooks display).</summary>
    /// <returns>An HTML fragment.</returns>
    public string ToHtml() => Table().ToHtml();

    private ResultTable Table() => new ResultTable(string.Create(CultureInfo.InvariantCulture, $"Conversion per {Unit.ToString().ToLowerInvariant()}"))
        .Row("conversion rate", ResultTable.Percent(Rate.Value, "0.00"))
        .Row(Rate.Interval is { } ci ? string.Create(CultureInfo.InvariantCulture, $"{ResultTable.Level(ci.Level)} ({Rate.Method})") : "CI", ResultTable.Interval(Rate.Interval, "0.00", 100, "%"))
        .Row("converted", ResultTable.Count(Rate.Successes))
        .Row(Unit.ToString().ToLowerInvariant() + "s", ResultTable.Count(Rate.Count));
}
