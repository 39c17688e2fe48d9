using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// Incremental and cumulative tracking of repeat purchases over calibration and holdout (<see cref="PurchaseTracking.From"/>):
/// per period, the repeat purchases made by the customers acquired by the calibration end and the number the model expects
/// of them — Fader, Hardie &amp; Lee (2005) figs. 2 and 3, BTYD's <c>bgnbd.PlotTrackingInc</c> / <c>PlotTrackingCum</c>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record PurchaseTrackingResult : IReportable
{
    /// <summary>The periods, from the one of the earliest first purchase to the one of the last date tracked.</summary>
    public required IReadOnlyList<PurchaseTrackingPeriod> Periods { get; init; }

    /// <summary>The model checked.</summary>
    public required string Model { get; init; }

    /// <summary>The time unit (the length of a period).</summary>
    public required TimeUnit TimeUnit { get; init; }

    /// <summary>The last calibration date.</summary>
    public required LocalDate CalibrationEnd { get; init; }

    /// <summary>The last holdout date; <see langword="null"/> when only calibration is tracked.</summary>
    public required LocalDate? HoldoutEnd { get; init; }

    /// <summary>Customers tracked (acquired by the calibration end).</summary>
    public required int Customers { get; init; }

    /// <summary>Repeat purchases made over the whole tracking (the last period's cumulative count).</summary>
    public long ActualPurchases => Periods.Count == 0 ? 0 : Periods[^1].CumulativeActual;

    /// <summary>Repeat purchases the model expects over the whole tracking.</summary>
    public double ExpectedPurchases => Periods.Count == 0 ? 0 : Periods[^1].CumulativeExpected;

    /// <summary>Formats as <c>BG/NBD tracking, 78 weeks: 4,156 actual vs 4,190.2 expected repeat purchases</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Model} tracking, {Periods.Count} {TimeUnit.Name}s: {ActualPurchases:N0} actual vs {ExpectedPurchases:N1} expected repeat purchases");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(Table());

    private ResultGrid Table()
    {
        var grid = new ResultGrid($"Repeat purchases by {TimeUnit.Name}, actual vs {Model}", "<period", "<from", "<part", "actual", "expected", "cumulative actual", "cumulative expected");
        foreach (var p in Periods)
        {
            grid.Row(new CountCell(p.Index + 1), new TextCell(p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new TextCell(p.IsHoldout ? "holdout" : "calibration"),
                new CountCell(p.Actual), new NumberCell(p.Expected, 1), new CountCell(p.CumulativeActual), new NumberCell(p.CumulativeExpected, 1));
        }

        return grid.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Customers:N0} customers acquired by {CalibrationEnd:yyyy-MM-dd}; cumulative expected = Σ over customers of E[X(t − s_i)], s_i the first purchase (Fader, Hardie & Lee 2005 figs. 2–3); a period's expected purchases are the increase of the cumulative expectation"));
    }
}
