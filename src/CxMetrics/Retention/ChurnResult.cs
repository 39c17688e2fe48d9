using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// A customer churn rate for one period with the parts it was built from. <see cref="Rate"/> is
/// <c>Numerator / Denominator</c> for every policy (for <see cref="ChurnDenominator.SumOfDailyRates"/> the denominator is
/// the one that makes this true, <c>Numerator / Rate</c>, or the mean daily base when nothing churned).
/// </summary>
/// <remarks>Without customers at risk there is no estimate: <see cref="Rate"/> and <see cref="Interval"/> are
/// <see langword="null"/>. The interval is null as well when the rate is not a share (a sum of daily rates above 1).</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ChurnResult : Reporting.IReportable
{
    /// <summary>The period, <c>[Start, End)</c>.</summary>
    public required Interval Period { get; init; }

    /// <summary>The denominator policy used.</summary>
    public required ChurnDenominator Denominator { get; init; }

    /// <summary>The same-period policy used.</summary>
    public required SamePeriodChurnPolicy SamePeriod { get; init; }

    /// <summary>Churned customers (churn events for <see cref="ChurnDenominator.CustomerDays"/>, daily churns summed for
    /// <see cref="ChurnDenominator.SumOfDailyRates"/>).</summary>
    public required long Numerator { get; init; }

    /// <summary>What the numerator is divided by (see the policy).</summary>
    public required double DenominatorValue { get; init; }

    /// <summary>The churn rate, or <see langword="null"/> without customers at risk.</summary>
    public required double? Rate { get; init; }

    /// <summary>The confidence interval (Wilson by default) treating <see cref="DenominatorValue"/> as the number of trials.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>Customers live just before the period started (S).</summary>
    public required long StartCustomers { get; init; }

    /// <summary>Customers who became live during the period without being live at its start (N; reactivated ones included).</summary>
    public required long NewCustomers { get; init; }

    /// <summary>Customers live at the end of the period.</summary>
    public required long EndCustomers { get; init; }

    /// <summary>Distinct customers who churned at least once in the period, all of them.</summary>
    public required long ChurnedCustomers { get; init; }

    /// <summary>New customers who also churned in the period (the ones the same-period policy is about).</summary>
    public required long JoinedAndChurned { get; init; }

    /// <summary>Customer-days at risk in the period (under the same-period policy).</summary>
    public required double CustomerDays { get; init; }

    /// <summary>Formats as <c>10.00% (95% CI [5.52%, 17.44%]; 10 / 100, StartOfPeriod, Exclude)</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => Rate is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0.00}% ({(Interval is { } ci ? $"{ci.Level * 100:0.##}% CI [{ci.Lower * 100:0.00}%, {ci.Upper * 100:0.00}%]" : "no interval")}; {Numerator} / {DenominatorValue:0.##}, {Denominator}, {SamePeriod})")
        : $"no estimate (no customers at risk; {Denominator}, {SamePeriod})";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable("Customer churn")
        .Row("period", ResultTable.When(Period))
        .Row("churn rate", ResultTable.Percent(Rate, "0.00"))
        .Row(Interval is { } ci ? ResultTable.Level(ci.Level) : "CI", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.00", 100, "%"))
        .Row("churned (numerator)", ResultTable.Count(Numerator))
        .Row(string.Create(CultureInfo.InvariantCulture, $"denominator ({Denominator})"), ResultTable.Number(DenominatorValue, "0.##"))
        .Row("same-period joiners", SamePeriod.ToString())
        .Row("customers at start", ResultTable.Count(StartCustomers))
        .Row("new customers", ResultTable.Count(NewCustomers))
        .Row("customers at end", ResultTable.Count(EndCustomers))
        .Row("churned customers", ResultTable.Count(ChurnedCustomers))
        .Row("joined and churned", ResultTable.Count(JoinedAndChurned))
        .Row("customer-days", ResultTable.Number(CustomerDays, "0.##"));
}
