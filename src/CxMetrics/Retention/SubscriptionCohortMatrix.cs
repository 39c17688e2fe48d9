using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Logo and MRR retention cohorts of paying customers (ChartMogul's "Customer retention" and "Net MRR retention" cohort
/// charts): one row per cohort (customers whose first paid MRR — their <see cref="MrrMovementKind.New"/> movement — fell in
/// the same local period), one column per offset (periods since the cohort's, offset 0 the cohort's own), each cell measured
/// at the end of its period.
/// </summary>
/// <remarks>
/// <para><b>Logo retention</b> of a cell: cohort customers still paying (MRR above 0) at the end of the period / cohort
/// size. <b>MRR retention</b>: the cohort's MRR at the end of the period / its starting MRR (the sum of each customer's first
/// paid MRR); expansion and reactivation within the cohort count, so it may exceed 1 (net MRR retention).</para>
/// <para>A cell whose period has not ended at the as-of is <see langword="null"/> (not known yet, never 0); rows cover every
/// period from the first cohort to the last ended one, empty ones included (size 0, cells <see langword="null"/>).</para>
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record SubscriptionCohortMatrix : Reporting.IReportable
{
    /// <summary>The cohort period unit.</summary>
    public required PeriodUnit Period { get; init; }

    /// <summary>The zone (TZDB id) the periods are local to.</summary>
    public required string Zone { get; init; }

    /// <summary>The as-of instant: later movements are not used.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>Currency of the MRR; <see langword="null"/> without priced events.</summary>
    public required string? Currency { get; init; }

    /// <summary>The cohorts (rows), in time order.</summary>
    public required IReadOnlyList<CalendarPeriod> Cohorts { get; init; }

    /// <summary>Customers per cohort.</summary>
    public required IReadOnlyList<long> Sizes { get; init; }

    /// <summary>Each cohort's starting MRR: the sum of its customers' first paid MRR.</summary>
    public required IReadOnlyList<decimal> StartingMrr { get; init; }

    /// <summary>Cohort customers paying at the end of each offset's period (<see langword="null"/> where not ended at the as-of).</summary>
    public required IReadOnlyList<IReadOnlyList<long?>> PayingCustomers { get; init; }

    /// <summary>The cohort's MRR at the end of each offset's period (<see langword="null"/> where not ended at the as-of).</summary>
    public required IReadOnlyList<IReadOnlyList<decimal?>> Mrr { get; init; }

    /// <summary>The number of offsets (columns).</summary>
    public int Columns => PayingCustomers.Count == 0 ? 0 : PayingCustomers[0].Count;

    /// <summary>Logo retention of a cell: paying customers / cohort size; <see langword="null"/> when not observable or the cohort is empty.</summary>
    /// <param name="cohort">The row.</param>
    /// <param name="offset">The column.</param>
    /// <returns>The share.</returns>
    public double? LogoRetention(int cohort, int offset) =>
        PayingCustomers[cohort][offset] is { } n && Sizes[cohort] > 0 ? (double)n / Sizes[cohort] : null;

    /// <summary>MRR retention of a cell: MRR / starting MRR; <see langword="null"/> when not observable or the starting MRR is 0.</summary>
    /// <param name="cohort">The row.</param>
    /// <param name="offset">The column.</param>
    /// <returns>The ratio (may exceed 1).</returns>
    public double? MrrRetention(int cohort, int offset) =>
        Mrr[cohort][offset] is { } m && StartingMrr[cohort] > 0 ? (double)(m / StartingMrr[cohort]) : null;

    /// <summary>Formats as <c>12 monthly cohorts, 340 customers, 14,200.00 EUR starting MRR, as of …</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{Cohorts.Count} {Period} cohorts of paying customers, {Sizes.Sum()} customers, {StartingMrr.Sum():0.00} {Currency} starting MRR, as of {AsOf}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Grid(logo: true), Grid(logo: false));

    private ResultGrid Grid(bool logo)
    {
        const int MaxShownColumns = 36;
        int shown = Math.Min(Columns, MaxShownColumns);
        var columns = new string[shown + 2];
        columns[0] = "<cohort";
        columns[1] = logo ? "customers" : "starting MRR";
        for (int k = 0; k < shown; k++)
        {
            columns[k + 2] = "+" + k.ToString(CultureInfo.InvariantCulture);
        }

        var grid = new ResultGrid(logo ? "Logo retention: share of the cohort paying at the end of each period" : "MRR retention: the cohort's MRR at the end of each period over its starting MRR", columns);
        for (int c = 0; c < Cohorts.Count; c++)
        {
            var cells = new Reporting.ReportCell[shown + 2];
            cells[0] = Cohorts[c].ToString();
            cells[1] = logo ? ResultTable.Count(Sizes[c]) : ResultTable.Money(StartingMrr[c], Currency);
            for (int k = 0; k < shown; k++)
            {
                cells[k + 2] = ResultTable.Percent(logo ? LogoRetention(c, k) : MrrRetention(c, k));
            }

            grid.Row(cells);
        }

        grid.Note("— = not observable yet at the as-of instant (or an empty cohort).");
        if (Columns > shown)
        {
            grid.Note(string.Create(CultureInfo.InvariantCulture, $"… offsets {shown}–{Columns - 1} not shown ({Columns} in all)."));
        }

        return grid;
    }
}
