using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// An estimated event rate (events per unit of exposure, scaled by <see cref="Per"/>), e.g. tickets per 1,000 active-user
/// hours, with an exact Poisson confidence interval.
/// </summary>
/// <remarks>Without exposure there is no estimate: <see cref="Value"/>, <see cref="StandardError"/> and <see cref="Interval"/> are <see langword="null"/>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record RateEstimate : Reporting.IReportable
{
    /// <summary>The number of events counted.</summary>
    public required long Events { get; init; }

    /// <summary>The exposure the events happened in (hours, users, …), in its own unit.</summary>
    public required double Exposure { get; init; }

    /// <summary>The scale of the rate: 1,000 for "per 1,000 hours"; 1 for "per hour".</summary>
    public required double Per { get; init; }

    /// <summary>The rate <c>Per × Events / Exposure</c>.</summary>
    public required double? Value { get; init; }

    /// <summary>The standard error <c>Per × √Events / Exposure</c>.</summary>
    public required double? StandardError { get; init; }

    /// <summary>The exact (Garwood) interval of the rate.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>Formats as <c>25.00 per 1000 (95% CI [16.87, 35.69]; 30 events in 1200)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value is { } v && Interval is { } ci
        ? string.Create(CultureInfo.InvariantCulture, $"{v:0.00} per {Per:0.##} ({ci.Level * 100:0.##}% CI [{ci.Lower:0.00}, {ci.Upper:0.00}]; {Events} events in {Exposure:0.##})")
        : "no estimate (no exposure)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Rate")
        .Row("rate per " + ResultTable.Number(Per, "0.##"), ResultTable.Number(Value, "0.00"))
        .Row(Interval is { } ci ? ResultTable.Level(ci.Level) : "CI", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.00"))
        .Row("standard error", ResultTable.Number(StandardError, "0.00"))
        .Row("events", ResultTable.Count(Events))
        .Row("exposure", ResultTable.Number(Exposure, "0.##"));
}
