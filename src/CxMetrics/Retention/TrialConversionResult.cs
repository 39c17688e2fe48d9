using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Trial-to-paid conversion at an as-of instant: of the free trials started (<see cref="SubscriptionEventKind.TrialStart"/>),
/// how many became paying subscriptions. A trial still running at the as-of cannot be judged yet and is
/// <see cref="Pending"/>, never counted as lost.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record TrialConversionResult : Reporting.IReportable
{
    /// <summary>The as-of instant: events after it are not used.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>Trials started at or before the as-of.</summary>
    public required long Trials { get; init; }

    /// <summary>Trials that converted (a start of the same subscription) at or before the as-of.</summary>
    public required long Converted { get; init; }

    /// <summary>Trials that ended unpaid (a cancel while on trial) at or before the as-of.</summary>
    public required long Expired { get; init; }

    /// <summary>Trials still running at the as-of: not judged.</summary>
    public required long Pending { get; init; }

    /// <summary>
    /// The trial-to-paid conversion rate <c>converted / (converted + expired)</c> with its interval (Wilson by default) — the
    /// judged trials only (ChartMogul, "Trial-to-paid conversion rate": trials that became paying customers over the trials
    /// that ended; Baremetrics, "Trial conversion").
    /// </summary>
    public required ProportionEstimate Rate { get; init; }

    /// <summary>Formats as <c>trial-to-paid 42.0% (…) of 50 judged; 7 pending</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"trial-to-paid {Rate}; {Pending} pending; as of {AsOf}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable("Trial-to-paid conversion")
        .Row("as of", ResultTable.When(AsOf))
        .Row("conversion", StatisticsCells.Proportion(Rate))
        .Row("trials", ResultTable.Count(Trials))
        .Row("converted", ResultTable.Count(Converted))
        .Row("expired unpaid", ResultTable.Count(Expired))
        .Row("pending (still on trial)", ResultTable.Count(Pending));
}
