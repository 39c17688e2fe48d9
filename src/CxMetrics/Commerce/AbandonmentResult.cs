using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// An abandonment rate as of an instant: <c>abandoned / (purchased + abandoned)</c> = <c>1 − purchases / decided carts</c>,
/// with its Wilson interval. Units still inside the inactivity time-out are <see cref="Pending"/>: reported, in neither
/// the numerator nor the denominator.
/// </summary>
/// <remarks>Without decided units <see cref="Rate"/> has no value (n = 0).</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record AbandonmentResult : Reporting.IReportable
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>Cart or checkout abandonment.</summary>
    public required AbandonmentScope Scope { get; init; }

    /// <summary>The inactivity time-out; <see langword="null"/> for a result built from counts.</summary>
    public required Duration? InactivityTimeout { get; init; }

    /// <summary>Units in scope: purchased + abandoned + pending.</summary>
    public long Units => Purchased + Abandoned + Pending;

    /// <summary>Units that purchased.</summary>
    public required long Purchased { get; init; }

    /// <summary>Units inactive for at least the time-out without purchase.</summary>
    public required long Abandoned { get; init; }

    /// <summary>Units still within the time-out: not yet judged.</summary>
    public required long Pending { get; init; }

    /// <summary>The abandonment rate: share abandoned among decided units, with its interval.</summary>
    public required ProportionEstimate Rate { get; init; }

    /// <summary>Data-quality findings of the events behind the result; <see langword="null"/> for a result built from counts.</summary>
    public required CartAnomalies? Anomalies { get; init; }

    /// <summary>Formats as <c>cart abandonment by cart 70.00% (95% CI [..], Wilson; 700 of 1000); 12 pending</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Scope.ToString().ToLowerInvariant()} abandonment by {Unit.ToString().ToLowerInvariant()} {Rate}; {Pending} pending");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table()
    {
        var table = new ResultTable(string.Create(CultureInfo.InvariantCulture, $"{Scope} abandonment by {Unit.ToString().ToLowerInvariant()}"))
            .Row("abandonment rate", CxMetrics.Statistics.StatisticsCells.Proportion(Rate))
            .Row("units", ResultTable.Count(Units))
            .Row("purchased", ResultTable.Count(Purchased))
            .Row("abandoned", ResultTable.Count(Abandoned))
            .Row("pending (inside the time-out)", ResultTable.Count(Pending))
            .Row("inactivity timeout", InactivityTimeout is { } t ? ResultTable.Number(t.TotalMinutes, "0.##") + " min" : ResultTable.Missing);
        AddAnomalies(table, Anomalies);
        return table;
    }

    private static void AddAnomalies(ResultTable table, CartAnomalies? anomalies)
    {
        if (anomalies is not { Any: true } a)
        {
            return;
        }

        table.Row("duplicate events (ignored)", ResultTable.Count(a.DuplicateEvents))
            .Row("out-of-order arrivals", ResultTable.Count(a.OutOfOrderArrivals))
            .Row("events after as-of (ignored)", ResultTable.Count(a.EventsAfterAsOf))
            .Row("purchases without a cart", ResultTable.Count(a.PurchasesWithoutCart))
            .Row("units without cart activity", ResultTable.Count(a.UnitsWithoutCartActivity));
    }
}
