using System.Globalization;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// One customer's sufficient statistics for the buy-till-you-die models (Fader, Hardie &amp; Lee 2005): frequency x,
/// recency t_x, age T, mean repeat spend, and the holdout counts.
/// </summary>
/// <remarks>
/// Purchases in the same merge period (a local day by default) count as one transaction whose value is their sum; the
/// first transaction is not a repeat. x is the number of distinct later periods with a purchase up to the calibration
/// end; t_x is the time from the first to the last such period (0 when x = 0); T is the time from the first period to
/// the calibration end. This is the convention of lifetimes' <c>summary_data_from_transaction_data</c>, BTYD's
/// <c>dc.ElogToCbsCbt</c> and CLVTools' <c>clvdata</c>.
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CustomerSummary : Reporting.IReportable
{
    /// <summary>The customer.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The local start date of the customer's first purchase period.</summary>
    public required LocalDate FirstPurchase { get; init; }

    /// <summary>x: repeat transactions (distinct purchase periods after the first) in calibration.</summary>
    public required int Frequency { get; init; }

    /// <summary>t_x: time from the first to the last transaction in calibration, in the summary's time unit.</summary>
    public required double Recency { get; init; }

    /// <summary>T: time from the first transaction to the calibration end, in the summary's time unit.</summary>
    public required double Age { get; init; }

    /// <summary>
    /// z̄: mean value of the x repeat transactions (first excluded); <see langword="null"/> when x = 0 (undefined, not 0).
    /// </summary>
    public required double? MeanRepeatSpend { get; init; }

    /// <summary>Total value of all calibration transactions, first included.</summary>
    public required decimal CalibrationSpend { get; init; }

    /// <summary>Transactions (distinct merge periods) in the holdout; <see langword="null"/> without a holdout.</summary>
    public int? HoldoutFrequency { get; init; }

    /// <summary>Value of the holdout transactions; <see langword="null"/> without a holdout.</summary>
    public decimal? HoldoutSpend { get; init; }

    /// <summary>Formats as <c>c-1: x = 2, t_x = 30.43, T = 38.86</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{CustomerId}: x = {Frequency}, t_x = {Recency:0.##}, T = {Age:0.##}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Customer " + CustomerId)
        .Row("first purchase", FirstPurchase.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .Row("repeat transactions x", Frequency.ToString(CultureInfo.InvariantCulture))
        .Row("recency t_x", ResultTable.Number(Recency, "0.##"))
        .Row("age T", ResultTable.Number(Age, "0.##"))
        .Row("mean repeat spend", ResultTable.Number(MeanRepeatSpend, "0.00"))
        .Row("calibration spend", ResultTable.Money(CalibrationSpend, null))
        .Row("holdout transactions", HoldoutFrequency is { } h ? h.ToString(CultureInfo.InvariantCulture) : ResultTable.Missing)
        .Row("holdout spend", ResultTable.Money(HoldoutSpend, null));
}
