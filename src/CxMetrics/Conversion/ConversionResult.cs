using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Conversion;

/// <summary>A conversion rate with its unit, counts and Wilson interval.</summary>
/// <param name="Unit">What was counted.</param>
/// <param name="Rate">Converted units over all units.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ConversionResult(ConversionUnit Unit, ProportionEstimate Rate) : Reporting.IReportable
{
    /// <summary>Formats as <c>15.47% of sessions converted (95% CI [14.84%, 16.12%]; 1908 of 12330)</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => Rate.Value is null
        ? string.Create(CultureInfo.InvariantCulture, $"conversion per {Unit.ToString().ToLowerInvariant()}: no estimate (n = 0)")
        : string.Create(CultureInfo.InvariantCulture, $"{Rate.Value * 100:0.00}% of {Unit.ToString().ToLowerInvariant()}s converted ({Rate.Interval!.Value.Level * 100:0.##}% CI [{Rate.Interval.Value.Lower * 100:0.00}%, {Rate.Interval.Value.Upper * 100:0.00}%]; {Rate.Successes} of {Rate.Count})");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable(string.Create(CultureInfo.InvariantCulture, $"Conversion per {Unit.ToString().ToLowerInvariant()}"))
        .Row("conversion rate", ResultTable.Percent(Rate.Value, "0.00"))
        .Row(Rate.Interval is { } ci ? string.Create(CultureInfo.InvariantCulture, $"{ResultTable.Level(ci.Level)} ({Rate.Method})") : "CI", CxMetrics.Statistics.StatisticsCells.Interval(Rate.Interval, "0.00", 100, "%"))
        .Row("converted", ResultTable.Count(Rate.Successes))
        .Row(Unit.ToString().ToLowerInvariant() + "s", ResultTable.Count(Rate.Count));
}
