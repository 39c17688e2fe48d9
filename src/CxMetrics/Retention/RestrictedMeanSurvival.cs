using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The restricted mean survival time (RMST) up to a horizon τ: the area under the Kaplan–Meier curve from 0 to τ, i.e.
/// the expected time a customer stays within the first τ time units (Royston &amp; Parmar 2013, BMC Med Res Methodol
/// 13:152; R <c>print(survfit, rmean = τ)</c>).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record RestrictedMeanSurvival : Reporting.IReportable
{
    /// <summary>The horizon τ.</summary>
    public required double Horizon { get; init; }

    /// <summary>The estimate <c>∫₀^τ S(t) dt</c>, or <see langword="null"/> without observations.</summary>
    public required double? Value { get; init; }

    /// <summary>
    /// Standard error <c>√(Σ_{tⱼ ≤ τ} Aⱼ²·dⱼ/(nⱼ(nⱼ − dⱼ)))</c> with <c>Aⱼ = ∫_{tⱼ}^τ S(t) dt</c> (Klein &amp; Moeschberger
    /// 2003, §4.5; the formula of R's <c>survmean</c>), or <see langword="null"/> without observations.
    /// </summary>
    public required double? StandardError { get; init; }

    /// <summary>Normal interval <c>value ± z·SE</c>, clipped to [0, τ].</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>Formats as <c>RMST(τ = 12) 8.41 (95% CI [7.90, 8.92])</c>.</summary>
    /// <returns>The estimate as text.</returns>
    public override string ToString() => Value is { } v && Interval is { } ci
        ? string.Create(CultureInfo.InvariantCulture, $"RMST(τ = {Horizon:G6}) {v:0.00} ({ci.ToString("0.00")})")
        : string.Create(CultureInfo.InvariantCulture, $"RMST(τ = {Horizon:G6}): no estimate (n = 0)");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable("Restricted mean survival")
        .Row("horizon τ", ResultTable.Number(Horizon, "0.###"))
        .Row("RMST", ResultTable.Number(Value, "0.###"))
        .Row("standard error", ResultTable.Number(StandardError, "0.###"))
        .Row(Interval is { } ci ? ResultTable.Level(ci.Level) : "CI", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.###"));
}
