using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Churn by inactivity at an as-of instant: a customer who could have lapsed (first order at least a window before the
/// as-of) and has no order in the last window is churned. Customers first seen inside the window cannot be judged yet and
/// are reported as <see cref="Pending"/>, never as active or churned.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record InactivityChurnResult : Reporting.IReportable
{
    /// <summary>The as-of instant.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>The inactivity window N.</summary>
    public required Duration Window { get; init; }

    /// <summary>Customers with an order at or before the as-of.</summary>
    public required long Customers { get; init; }

    /// <summary>Customers whose first order is at least a window old and who ordered within the last window.</summary>
    public required long Active { get; init; }

    /// <summary>Customers whose first order is at least a window old and who did not order within the last window.</summary>
    public required long Churned { get; init; }

    /// <summary>Customers whose first order lies inside the last window: too new to be judged.</summary>
    public required long Pending { get; init; }

    /// <summary>Orders after the as-of instant: not used, counted so nothing is dropped silently.</summary>
    public required long OrdersAfterAsOf { get; init; }

    /// <summary>The churn rate <c>Churned / (Active + Churned)</c> with its interval.</summary>
    public required ProportionEstimate Rate { get; init; }

    /// <summary>Formats as <c>churn 61.20% (…) of 2,000 judged; 357 pending; window 90 days</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"inactivity churn {Rate}; {Pending} pending; window {Window.TotalDays:0.##} days, as of {AsOf}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable("Inactivity churn")
        .Row("as of", ResultTable.When(AsOf))
        .Row("inactivity window", ResultTable.Days(Window))
        .Row("churn rate", CxMetrics.Statistics.StatisticsCells.Proportion(Rate))
        .Row("customers", ResultTable.Count(Customers))
        .Row("active", ResultTable.Count(Active))
        .Row("churned", ResultTable.Count(Churned))
        .Row("pending (window still open)", ResultTable.Count(Pending))
        .Row("orders after as-of (ignored)", ResultTable.Count(OrdersAfterAsOf));
}
