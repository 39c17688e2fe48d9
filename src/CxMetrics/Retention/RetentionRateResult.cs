using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Customer retention rate of a period for a repeat-purchase business, in two forms side by side: the textbook
/// <c>(E − N)/S</c> and the exact cohort form <c>|S ∩ E| / |S|</c>.
/// </summary>
/// <remarks>
/// <c>S</c> = customers active just before the period (an order within the window before its start), <c>E</c> = active
/// just before its end, <c>N</c> = customers whose first order falls in the period. <c>(E − N)/S</c> assumes every new
/// customer is still active at the end and every active customer at the end who is not new was active at the start: new
/// customers who lapse inside the period are subtracted without being in <c>E</c>, which biases it low (it can even be
/// negative), while lapsed customers who come back inflate <c>E</c>. The cohort form follows the <c>S</c> customers
/// themselves and has neither bias.
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record RetentionRateResult : Reporting.IReportable
{
    /// <summary>The period.</summary>
    public required Interval Period { get; init; }

    /// <summary>The activity window.</summary>
    public required Duration Window { get; init; }

    /// <summary>S: customers active at the start.</summary>
    public required long StartCustomers { get; init; }

    /// <summary>E: customers active at the end.</summary>
    public required long EndCustomers { get; init; }

    /// <summary>N: customers whose first order was in the period.</summary>
    public required long NewCustomers { get; init; }

    /// <summary>|S ∩ E|: customers active at both start and end.</summary>
    public required long Retained { get; init; }

    /// <summary>The textbook rate <c>(E − N)/S</c> (biased, see remarks); <see langword="null"/> when S = 0.</summary>
    public required double? Approximate { get; init; }

    /// <summary>The exact cohort rate <c>|S ∩ E| / |S|</c> with its interval.</summary>
    public required ProportionEstimate Exact { get; init; }

    /// <summary>Formats both forms.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"retention (E − N)/S = {ResultTable.Percent(Approximate, "0.00")}; cohort |S∩E|/|S| = {Exact} (S {StartCustomers}, E {EndCustomers}, N {NewCustomers})");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable("Customer retention")
        .Row("period", ResultTable.When(Period))
        .Row("activity window", ResultTable.Days(Window))
        .Row("retention (E − N)/S", ResultTable.Percent(Approximate, "0.00"))
        .Row("retention |S∩E|/|S|", CxMetrics.Statistics.StatisticsCells.Proportion(Exact))
        .Row("customers at start (S)", ResultTable.Count(StartCustomers))
        .Row("customers at end (E)", ResultTable.Count(EndCustomers))
        .Row("new customers (N)", ResultTable.Count(NewCustomers))
        .Row("retained", ResultTable.Count(Retained));
}
