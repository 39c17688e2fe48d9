using System.Globalization;
using System.Text;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// A checkout funnel as of an instant: per-step counts, completion and abandonment, time between steps, and the overall
/// abandonment <c>1 − Π completion_k</c> (which equals <c>1 − completed / entered</c> in a closed funnel with nothing pending).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record FunnelResult : Reporting.IReportable
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>Closed or open funnel.</summary>
    public required FunnelMode Mode { get; init; }

    /// <summary>The inactivity time-out that separates pending from abandoned; <see langword="null"/> for counts.</summary>
    public required Duration? InactivityTimeout { get; init; }

    /// <summary>The steps in order.</summary>
    public required IReadOnlyList<FunnelStepResult> Steps { get; init; }

    /// <summary>Units at the first step.</summary>
    public long Entered => Steps.Count == 0 ? 0 : Steps[0].Reached;

    /// <summary>Units at the last step.</summary>
    public long Completed => Steps.Count == 0 ? 0 : Steps[^1].Reached;

    /// <summary>Units still pending at some step.</summary>
    public long Pending
    {
        get
        {
            long sum = 0;
            foreach (var s in Steps)
            {
                sum += s.Pending;
            }

            return sum;
        }
    }

    /// <summary>
    /// Overall abandonment <c>1 − Π completion_k</c> over the steps with a next step; 1 when some step's completion is 0;
    /// otherwise <see langword="null"/> when a step has no decided units (all pending, or none reached it).
    /// </summary>
    public required double? OverallAbandonment { get; init; }

    /// <summary>
    /// Overall abandonment as a proportion <c>(entered − completed) / entered</c> with its Wilson interval — given only for a
    /// closed funnel with nothing pending, where it equals <see cref="OverallAbandonment"/>; otherwise <see langword="null"/>.
    /// </summary>
    public required ProportionEstimate? Overall { get; init; }

    /// <summary>Continuing units whose next step was timestamped earlier, over all steps.</summary>
    public long StepsOutOfSequence
    {
        get
        {
            long sum = 0;
            foreach (var s in Steps)
            {
                sum += s.OutOfSequence;
            }

            return sum;
        }
    }

    /// <summary>Events later than the as-of instant (ignored).</summary>
    public required long EventsAfterAsOf { get; init; }

    /// <summary>
    /// Data-quality findings of the events; <see langword="null"/> for results from counts and from
    /// <see cref="Funnel.Of(ReadOnlySpan{CartEventRecord}, int, NodaTime.Instant, CartOptions?)"/>, which does not look for duplicates (a duplicate cannot change a funnel, because a
    /// step is reached at the earliest event of its kinds).
    /// </summary>
    public required CartAnomalies? Anomalies { get; init; }

    /// <summary>Formats the funnel one step a line.</summary>
    /// <returns>The funnel as text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Mode.ToString().ToLowerInvariant()} funnel by {Unit.ToString().ToLowerInvariant()}: ");
        text.Append(OverallAbandonment is { } a ? (a * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "no").Append(" overall abandonment");
        foreach (var step in Steps)
        {
            text.Append("\n  ").Append(step);
        }

        return text.ToString();
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Summary(), StepTable());

    private ResultTable Summary()
    {
        var table = new ResultTable(string.Create(CultureInfo.InvariantCulture, $"Funnel ({Mode.ToString().ToLowerInvariant()}, by {Unit.ToString().ToLowerInvariant()})"))
            .Row("inactivity timeout", InactivityTimeout is { } t ? ResultTable.Number(t.TotalMinutes, "0.##") + " min" : ResultTable.Missing)
            .Row("entered", ResultTable.Count(Entered))
            .Row("completed", ResultTable.Count(Completed))
            .Row("pending", ResultTable.Count(Pending))
            .Row("overall conversion", Overall is { } o ? CxMetrics.Statistics.StatisticsCells.Proportion(o) : ResultTable.Missing)
            .Row("overall abandonment", ResultTable.Percent(OverallAbandonment, "0.00"))
            .Row("steps out of sequence", ResultTable.Count(StepsOutOfSequence))
            .Row("events after as-of (ignored)", ResultTable.Count(EventsAfterAsOf));
        AddAnomalies(table, Anomalies);
        return table;
    }

    private ResultGrid StepTable()
    {
        var grid = new ResultGrid("Steps", "<step", "reached", "continued", "abandoned", "pending", "completion", "median s to next");
        foreach (var step in Steps)
        {
            grid.Row(step.Name, ResultTable.Count(step.Reached), ResultTable.Count(step.Continued), ResultTable.Count(step.Abandoned),
                ResultTable.Count(step.Pending), CxMetrics.Statistics.StatisticsCells.Proportion(step.Completion), ResultTable.Number(step.SecondsToNext.Median, "0"));
        }

        return grid;
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
