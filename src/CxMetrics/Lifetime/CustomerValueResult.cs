using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;

namespace CxMetrics.Lifetime;

/// <summary>
/// Predicted customer values (<see cref="CustomerValue.Of"/>, <see cref="CustomerValue.Top"/>): one row per customer, with
/// the horizon, the discount rate and the time unit they were computed with.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CustomerValueResult : IReportable
{
    /// <summary>The rows: every customer in the summary's order (<see cref="CustomerValue.Of"/>), or the top customers highest value first (<see cref="CustomerValue.Top"/>).</summary>
    public required IReadOnlyList<CustomerValueRow> Rows { get; init; }

    /// <summary>Whether <see cref="Rows"/> are the top customers, highest value first (ties by id, ordinal).</summary>
    public required bool IsRanked { get; init; }

    /// <summary>Customers in the summary (all of them, also when <see cref="Rows"/> holds only the top ones).</summary>
    public required int Customers { get; init; }

    /// <summary>The horizon in months.</summary>
    public required int Months { get; init; }

    /// <summary>The discount rate per month d.</summary>
    public required double MonthlyDiscountRate { get; init; }

    /// <summary>The summary's time unit (t_x and T are in it).</summary>
    public required TimeUnit TimeUnit { get; init; }

    /// <summary>Model time units per month used to cut the horizon (4.345 for weeks, as lifetimes).</summary>
    public required double TimeUnitsPerMonth { get; init; }

    /// <summary>The sum of <see cref="CustomerValueRow.Value"/> over <see cref="Rows"/>.</summary>
    public double TotalValue
    {
        get
        {
            double total = 0;
            foreach (var row in Rows)
            {
                total += row.Value;
            }

            return total;
        }
    }

    /// <summary>Formats as <c>CLV over 12 months (d = 0.01): 2,357 customers, total 123,456.78</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CLV over {Months} months (d = {MonthlyDiscountRate:0.###}): {(IsRanked ? $"top {Rows.Count:N0} of {Customers:N0}" : $"{Rows.Count:N0}")} customers, total {TotalValue:N2}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(Table());

    private ResultGrid Table()
    {
        string title = IsRanked
            ? string.Create(CultureInfo.InvariantCulture, $"Top {Rows.Count:N0} customers by predicted {Months}-month value")
            : string.Create(CultureInfo.InvariantCulture, $"Predicted {Months}-month value per customer");
        var grid = new ResultGrid(title, "<customer", "x", "t_x", "T", "P(alive)", ExpectedPurchasesLabel(Months), "E[spend]", "CLV") { MaxRows = IsRanked ? 0 : 50 };
        foreach (var r in Rows)
        {
            grid.Row(r.CustomerId, new CountCell(r.Frequency), new NumberCell(r.Recency, 2), new NumberCell(r.Age, 2), new NumberCell(r.ProbabilityAlive, 3),
                new NumberCell(r.ExpectedPurchases, 2), new NumberCell(r.ExpectedSpend, 2), new NumberCell(r.Value, 2));
        }

        return grid.Note(string.Create(CultureInfo.InvariantCulture,
            $"CLV = Σ_m E[spend] × (E[purchases to month m] − E[purchases to month m−1]) / (1 + d)^m, d = {MonthlyDiscountRate:0.###} a month, {TimeUnitsPerMonth:0.###} {TimeUnit.Name}s per month (lifetimes' customer_lifetime_value)"));
    }

    /// <summary>The one label of the expected purchases over a horizon of <paramref name="months"/> months, e.g. <c>E[purchases 12 mo]</c>.</summary>
    internal static string ExpectedPurchasesLabel(int months) => string.Create(CultureInfo.InvariantCulture, $"E[purchases {months} mo]");
}
