using System.Globalization;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// MRR movements of one period and the revenue churn and retention rates built from them. Amounts are in
/// <see cref="Currency"/>; all movement totals are positive magnitudes.
/// <c>EndingMrr = StartingMrr + New + Expansion + Reactivation − Contraction − Churned</c>.
/// </summary>
/// <remarks>Rates are <see langword="null"/> when the starting MRR is 0.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record RevenueChurnResult : Reporting.IReportable
{
    /// <summary>The period, <c>[Start, End)</c>.</summary>
    public required Interval Period { get; init; }

    /// <summary>The currency; <see langword="null"/> when no event carried MRR.</summary>
    public required string? Currency { get; init; }

    /// <summary>MRR just before the period.</summary>
    public required decimal StartingMrr { get; init; }

    /// <summary>New-business MRR in the period.</summary>
    public required decimal NewMrr { get; init; }

    /// <summary>Expansion MRR in the period.</summary>
    public required decimal ExpansionMrr { get; init; }

    /// <summary>Contraction MRR in the period (positive).</summary>
    public required decimal ContractionMrr { get; init; }

    /// <summary>Churned MRR in the period (positive).</summary>
    public required decimal ChurnedMrr { get; init; }

    /// <summary>Reactivation MRR in the period.</summary>
    public required decimal ReactivationMrr { get; init; }

    /// <summary>MRR just before the period's end.</summary>
    public required decimal EndingMrr { get; init; }

    /// <summary>Gross MRR churn rate <c>(churned + contraction) / starting MRR</c> (ChartMogul, Baremetrics).</summary>
    public required double? GrossMrrChurnRate { get; init; }

    /// <summary>Net MRR churn rate <c>(churned + contraction − expansion − reactivation) / starting MRR</c> (ChartMogul);
    /// negative when expansion outweighs losses ("net negative churn").</summary>
    public required double? NetMrrChurnRate { get; init; }

    /// <summary>Customers paying at the start of the period (the cohort of the retention rates).</summary>
    public required long StartingPayingCustomers { get; init; }

    /// <summary>Customers paying just before the period's end (MRR above 0; a paused subscription keeps its MRR and its customer).</summary>
    public required long EndingPayingCustomers { get; init; }

    /// <summary>
    /// Average revenue per account at the period's end: <c>ending MRR / paying customers at the end</c> (ChartMogul, "ARPA":
    /// MRR divided by the number of active customers; Baremetrics, "ARPU"); <see langword="null"/> without paying customers.
    /// </summary>
    public decimal? Arpa => EndingPayingCustomers > 0 ? EndingMrr / EndingPayingCustomers : null;

    /// <summary>
    /// The SaaS quick ratio of the period: <c>(new + expansion + reactivation) / (contraction + churned)</c> — MRR gained per
    /// unit of MRR lost (Mamoon Hamid's growth-efficiency ratio, as ChartMogul and Baremetrics compute it; above 4 is read as
    /// efficient growth). <see langword="null"/> when nothing was lost (contraction and churn both 0), where the ratio is undefined.
    /// </summary>
    public double? QuickRatio => ContractionMrr + ChurnedMrr > 0 ? (double)((NewMrr + ExpansionMrr + ReactivationMrr) / (ContractionMrr + ChurnedMrr)) : null;

    /// <summary>
    /// Gross revenue retention of the customers paying at the start: <c>Σ min(MRR_end, MRR_start) / Σ MRR_start</c> — what
    /// is kept of their starting MRR, expansion not counted (KeyBanc / SaaS Capital's GRR), in [0, 1].
    /// </summary>
    public required double? GrossRevenueRetention { get; init; }

    /// <summary>
    /// Net revenue retention (net dollar retention) of the customers paying at the start: <c>Σ MRR_end / Σ MRR_start</c>,
    /// expansion and reactivation within the cohort included, new customers not.
    /// </summary>
    public required double? NetRevenueRetention { get; init; }

    /// <summary>Formats the bridge and the rates.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MRR {StartingMrr:0.00} → {EndingMrr:0.00} {Currency} (+{NewMrr:0.00} new, +{ExpansionMrr:0.00} expansion, +{ReactivationMrr:0.00} reactivation, −{ContractionMrr:0.00} contraction, −{ChurnedMrr:0.00} churn); gross MRR churn {ResultTable.Percent(GrossMrrChurnRate, "0.00")}, net {ResultTable.Percent(NetMrrChurnRate, "0.00")}, GRR {ResultTable.Percent(GrossRevenueRetention, "0.00")}, NRR {ResultTable.Percent(NetRevenueRetention, "0.00")}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable("Revenue churn (MRR)")
        .Row("period", ResultTable.When(Period))
        .Row("starting MRR", ResultTable.Money(StartingMrr, Currency))
        .Row("+ new", ResultTable.Money(NewMrr, Currency))
        .Row("+ expansion", ResultTable.Money(ExpansionMrr, Currency))
        .Row("+ reactivation", ResultTable.Money(ReactivationMrr, Currency))
        .Row("− contraction", ResultTable.Money(ContractionMrr, Currency))
        .Row("− churned", ResultTable.Money(ChurnedMrr, Currency))
        .Row("ending MRR", ResultTable.Money(EndingMrr, Currency))
        .Row("gross MRR churn", ResultTable.Percent(GrossMrrChurnRate, "0.00"))
        .Row("net MRR churn", ResultTable.Percent(NetMrrChurnRate, "0.00"))
        .Row("gross revenue retention", ResultTable.Percent(GrossRevenueRetention, "0.00"))
        .Row("net revenue retention", ResultTable.Percent(NetRevenueRetention, "0.00"))
        .Row("paying customers at start", ResultTable.Count(StartingPayingCustomers))
        .Row("paying customers at end", ResultTable.Count(EndingPayingCustomers))
        .Row("ARPA", ResultTable.Money(Arpa, Currency))
        .Row("quick ratio", ResultTable.Number(QuickRatio, "0.00"));
}
