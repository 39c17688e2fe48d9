using System.Collections;
using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;

namespace CxMetrics.Lifetime;

/// <summary>
/// Predicted customer values with intervals (<see cref="CustomerValueIntervals.Of"/>): one row per customer in the summary's
/// order, the base totals with their intervals, and how the draws were made. Points are plug-in predictions at the fitted
/// parameters; intervals are percentiles over the draws.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CustomerValueIntervalResult : IReportable
{
    /// <summary>Rows printed by <see cref="ToReport"/> (every row stays in <see cref="Rows"/> and the JSON).</summary>
    private const int PrintedRows = 50;

    /// <summary>Every customer, in the summary's order.</summary>
    public required IReadOnlyList<CustomerValueIntervalRow> Rows { get; init; }

    /// <summary>Customers in the summary.</summary>
    public required int Customers { get; init; }

    /// <summary>The horizon in months.</summary>
    public required int Months { get; init; }

    /// <summary>The discount rate per month d.</summary>
    public required double MonthlyDiscountRate { get; init; }

    /// <summary>The summary's time unit (t_x and T are in it).</summary>
    public required TimeUnit TimeUnit { get; init; }

    /// <summary>Model time units per month used to cut the horizon (4.345 for weeks, as lifetimes).</summary>
    public required double TimeUnitsPerMonth { get; init; }

    /// <summary>Where the draws came from.</summary>
    public required CustomerValueIntervalMethod Method { get; init; }

    /// <summary>Draws asked for.</summary>
    public required int Draws { get; init; }

    /// <summary>Draws whose predictions were all finite (and, for the bootstrap, whose refits converged); the percentiles are over these.</summary>
    public required int UsableDraws { get; init; }

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The confidence level of every interval.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>Σ of the customers' plug-in values: the total <see cref="CustomerValue.Of"/> gives.</summary>
    public required double TotalValue { get; init; }

    /// <summary>Lower end of the total value's interval: a percentile of the per-draw totals.</summary>
    public required double TotalValueLower { get; init; }

    /// <summary>Upper end of the total value's interval.</summary>
    public required double TotalValueUpper { get; init; }

    /// <summary>Σ of the customers' plug-in expected purchases over the horizon.</summary>
    public required double TotalExpectedPurchases { get; init; }

    /// <summary>Lower end of the total expected purchases' interval.</summary>
    public required double TotalExpectedPurchasesLower { get; init; }

    /// <summary>Upper end of the total expected purchases' interval.</summary>
    public required double TotalExpectedPurchasesUpper { get; init; }

    /// <summary>Formats as <c>CLV over 12 months: 2,357 customers, total 123,456.78 (95% interval 110,000.00–135,000.00, 200 parameter draws)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CLV over {Months} months (d = {MonthlyDiscountRate:0.###}): {Customers:N0} customers, total {TotalValue:N2} ({ConfidenceLevel:0.##%} interval {TotalValueLower:N2}–{TotalValueUpper:N2}, {UsableDraws:N0} {MethodName(Method)})");

    /// <summary>The description of this result: the totals, then the first 50 customers, for the writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(Totals(), Table(Rows.Take(PrintedRows)));

    /// <summary>The totals table: value and expected purchases with their intervals.</summary>
    internal ResultGrid Totals()
    {
        string level = string.Create(CultureInfo.InvariantCulture, $"{ConfidenceLevel:0.##%}");
        var grid = new ResultGrid(string.Create(CultureInfo.InvariantCulture, $"Customer base over {Months} months, with {level} intervals"), "<quantity", "estimate", "lower", "upper");
        grid.Row("total value (CLV)", new NumberCell(TotalValue, 2), new NumberCell(TotalValueLower, 2), new NumberCell(TotalValueUpper, 2));
        grid.Row(CustomerValueResult.ExpectedPurchasesLabel(Months), new NumberCell(TotalExpectedPurchases, 1), new NumberCell(TotalExpectedPurchasesLower, 1), new NumberCell(TotalExpectedPurchasesUpper, 1));
        return grid.Note(string.Create(CultureInfo.InvariantCulture,
            $"estimates at the fitted parameters; intervals are percentiles of the per-draw totals over {UsableDraws:N0} of {Draws:N0} {MethodName(Method)} (seed {Seed}), not sums of the customers' bounds"));
    }

    /// <summary>The per-customer table of the given rows.</summary>
    internal ResultGrid Table(IEnumerable<CustomerValueIntervalRow> rows, string? title = null)
    {
        var grid = new ResultGrid(title ?? string.Create(CultureInfo.InvariantCulture, $"Predicted {Months}-month value per customer, with intervals"),
            "<customer", "x", "P(alive)", "P(alive) low", "P(alive) high", CustomerValueResult.ExpectedPurchasesLabel(Months), "low", "high", "E[spend]", "CLV", "CLV low", "CLV high");
        int shown = 0;
        foreach (var r in rows)
        {
            grid.Row(r.CustomerId, new CountCell(r.Frequency), new NumberCell(r.ProbabilityAlive, 3), new NumberCell(r.ProbabilityAliveLower, 3), new NumberCell(r.ProbabilityAliveUpper, 3),
                new NumberCell(r.ExpectedPurchases, 2), new NumberCell(r.ExpectedPurchasesLower, 2), new NumberCell(r.ExpectedPurchasesUpper, 2),
                new NumberCell(r.ExpectedSpend, 2), new NumberCell(r.Value, 2), new NumberCell(r.ValueLower, 2), new NumberCell(r.ValueUpper, 2));
            shown++;
        }

        return grid.Note(string.Create(CultureInfo.InvariantCulture,
            $"{shown:N0} of {Customers:N0} customers; estimates at the fitted parameters, {ConfidenceLevel:0.##%} intervals are percentiles over {UsableDraws:N0} {MethodName(Method)}"));
    }

    private static string MethodName(CustomerValueIntervalMethod method) => method == CustomerValueIntervalMethod.Bootstrap ? "bootstrap refits" : "parameter draws";
}

/// <summary>The rows of a <see cref="CustomerValueIntervalResult"/>, built on access from the per-row columns (no record per customer is kept).</summary>
internal sealed class IntervalRowList(CustomerValueIntervals.Columns columns, CustomerValueIntervals.Rows rows,
    CustomerValueIntervals.Quantity alive, CustomerValueIntervals.Quantity expected, CustomerValueIntervals.Quantity spend, CustomerValueIntervals.Quantity value)
    : IReadOnlyList<CustomerValueIntervalRow>
{
    public int Count => columns.Count;

    public CustomerValueIntervalRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            int pair = rows.PairOf[index], row = rows.PairPurchase[pair], spendRow = rows.PairSpend[pair];
            return new CustomerValueIntervalRow(columns.Ids[index], columns.Frequency[index], columns.Recency[index], columns.Age[index],
                alive.Point[row], alive.Lower[row], alive.Upper[row],
                expected.Point[row], expected.Lower[row], expected.Upper[row],
                spend.Point[spendRow], spend.Lower[spendRow], spend.Upper[spendRow],
                value.Point[pair], value.Lower[pair], value.Upper[pair]);
        }
    }

    public IEnumerator<CustomerValueIntervalRow> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
