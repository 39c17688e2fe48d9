using System.Globalization;
using CxMetrics.Breakdowns;
using CxMetrics.Internal;
using CxMetrics.Reporting;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Acquisition;

/// <summary>
/// Are we converting the customers we acquire? Acquisition cohorts (source × period of acquisition) with the share
/// making a first purchase within k days, revenue per acquired customer at fixed horizons, spend, cost per acquired
/// customer and buyer and LTV:CAC; the same per source and in total; and the time to first purchase per source as a
/// Kaplan–Meier curve in days (customers who have not bought censored at the as-of).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record AcquisitionResult : IReportable
{
    /// <summary>The as-of instant.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>k: the first-purchase window in days.</summary>
    public required int ConversionWindowDays { get; init; }

    /// <summary>The horizon in days of the revenue used as LTV in LTV:CAC.</summary>
    public required int LtvHorizonDays { get; init; }

    /// <summary>The currency of revenue and spend, or <see langword="null"/> without orders and spend.</summary>
    public required string? Currency { get; init; }

    /// <summary>Every acquired customer: the line with <see cref="AcquisitionCohort.Source"/> and <see cref="AcquisitionCohort.Period"/> both <see langword="null"/>.</summary>
    public required AcquisitionCohort Total { get; init; }

    /// <summary>One line per source over all periods, ordered by source (customers without a source first).</summary>
    public required IReadOnlyList<AcquisitionCohort> Sources { get; init; }

    /// <summary>One line per acquisition cohort (source × period with customers or spend), ordered by source, then period.</summary>
    public required IReadOnlyList<AcquisitionCohort> Cohorts { get; init; }

    /// <summary>
    /// Time from acquisition to first purchase in days per source, Kaplan–Meier: a first order is the event, a customer
    /// without one is censored at the as-of; 1 − S(t) is the share that has bought within t days.
    /// </summary>
    public required IReadOnlyList<BreakdownCell<string?, KaplanMeierResult>> TimeToFirstPurchase { get; init; }

    /// <summary>Customers acquired after the as-of: left out (counted, never dropped silently).</summary>
    public required long AcquiredAfterAsOf { get; init; }

    /// <summary>Orders placed after the as-of: left out.</summary>
    public required long OrdersAfterAsOf { get; init; }

    /// <summary>Orders (at or before the as-of) of customers who were never acquired: left out.</summary>
    public required long OrdersWithoutAcquisition { get; init; }

    /// <summary>Formats as <c>1,200 acquired as of …: first purchase within 30 days 12.40% (…), 40 pending</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Total.Acquired:N0} acquired as of {AsOf}: first purchase within {ConversionWindowDays} days {Total.FirstPurchase}, {Total.Pending:N0} pending");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(Lines("Acquisition by source", [.. Sources, Total], false), Lines("Acquisition cohorts", Cohorts, true), SurvivalTable());

    private ResultGrid Lines(string title, IReadOnlyList<AcquisitionCohort> lines, bool withPeriod)
    {
        var horizons = Total.Revenue.Select(r => r.HorizonDays).ToArray();
        string[] columns =
        [
            "<source", .. withPeriod ? ["<period"] : Array.Empty<string>(), "acquired", "pending", string.Create(CultureInfo.InvariantCulture, $"first purchase ≤ {ConversionWindowDays} d"),
            ResultTable.Level(lines.Select(l => l.FirstPurchase.Interval?.Level).FirstOrDefault(l => l is not null) ?? 0.95), "buyers", .. horizons.Select(h => string.Create(CultureInfo.InvariantCulture, $"revenue/customer {h} d")), "spend", "CAC", "cost per buyer", "LTV:CAC",
        ];
        var grid = new ResultGrid(title, columns) { MaxRows = withPeriod ? 60 : 0 };
        foreach (var line in lines)
        {
            var rate = line.FirstPurchase;
            ReportCell[] cells =
            [
                ReferenceEquals(line, Total) ? "all" : line.Source ?? "(no source)",
                .. withPeriod ? [(ReportCell)(line.Period?.ToString() ?? ResultTable.Missing)] : Array.Empty<ReportCell>(),
                ResultTable.Count(line.Acquired), ResultTable.Count(line.Pending), ResultTable.Percent(rate.Value, "0.0"),
                CxMetrics.Statistics.StatisticsCells.Interval(rate.Interval, "0.0", 100, "%"), ResultTable.Count(line.Buyers),
                .. line.Revenue.Select(r => ResultTable.Money(r.PerCustomer, Currency)),
                ResultTable.Money(line.Spend, Currency), ResultTable.Money(line.CostPerAcquiredCustomer, Currency), ResultTable.Money(line.CostPerBuyer, Currency),
                ResultTable.Number(line.LtvToCac, "0.00"),
            ];
            grid.Row(cells);
        }

        grid.Note(string.Create(
            CultureInfo.InvariantCulture,
            $"As of {ResultTable.When(AsOf)}. First purchase ≤ {ConversionWindowDays} d: share of the customers acquired at least {ConversionWindowDays} days before the as-of whose first order came within {ConversionWindowDays} days (Wilson interval); pending customers (window still open) are not in the denominator. Revenue/customer h d: revenue in the first h days per acquired customer, only over cohorts whose period ended at least h days before the as-of (— = no cohort old enough). CAC = spend / acquired; cost per buyer = spend / buyers by the as-of; LTV:CAC = revenue in the first {LtvHorizonDays} days / spend, over cohorts with spend old enough (historical revenue, not margin)."));
        if (AcquiredAfterAsOf + OrdersAfterAsOf + OrdersWithoutAcquisition > 0)
        {
            grid.Note(string.Create(CultureInfo.InvariantCulture, $"Left out: {AcquiredAfterAsOf:N0} customers acquired after the as-of, {OrdersAfterAsOf:N0} orders after the as-of, {OrdersWithoutAcquisition:N0} orders of customers never acquired."));
        }

        return grid;
    }

    private ResultGrid SurvivalTable()
    {
        var grid = new ResultGrid("Time to first purchase by source (Kaplan–Meier, days; no purchase yet = censored at the as-of)", "<source", "customers", "buyers", "censored", "median days", string.Create(CultureInfo.InvariantCulture, $"bought ≤ {ConversionWindowDays} d"), "<flag");
        foreach (var cell in TimeToFirstPurchase)
        {
            var km = cell.Result;
            grid.Row(cell.Key ?? "(no source)", ResultTable.Count(km.Count), ResultTable.Count(km.Events), ResultTable.Count(km.Censored), ResultTable.Number(km.Median, "0.#"),
                ResultTable.Percent(km.Count == 0 ? null : 1 - km.SurvivalAt(ConversionWindowDays), "0.0"), cell.IsSmallCell ? "small n" : string.Empty);
        }

        return grid;
    }
}
