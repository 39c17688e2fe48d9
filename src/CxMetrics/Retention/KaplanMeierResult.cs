using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Retention;

/// <summary>
/// A Kaplan–Meier survival curve (Kaplan &amp; Meier 1958, JASA 53:457) with Greenwood standard errors, pointwise
/// intervals and the median survival time with its interval — the numbers R's <c>survfit</c> prints.
/// </summary>
/// <remarks>Without observations <see cref="Steps"/> is empty and the median is <see langword="null"/>. A median (or a
/// median bound) that the data do not reach — the curve (or its band) never falls to 0.5 — is <see langword="null"/>
/// (R prints <c>NA</c>): it is not yet observable, not infinite. Record equality compares <see cref="Steps"/> by
/// reference; compare curves with <c>Steps.SequenceEqual(other.Steps)</c>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record KaplanMeierResult : Reporting.IReportable
{
    /// <summary>Observations (unweighted).</summary>
    public required long Count { get; init; }

    /// <summary>Observations ending with the event (unweighted).</summary>
    public required long Events { get; init; }

    /// <summary>Censored observations (unweighted).</summary>
    public required long Censored { get; init; }

    /// <summary>Sum of the case weights (equals <see cref="Count"/> without weights).</summary>
    public required double TotalWeight { get; init; }

    /// <summary>The curve at every distinct observed time (event or censoring), in increasing time.</summary>
    public required IReadOnlyList<KaplanMeierStep> Steps { get; init; }

    /// <summary>The delayed entries: each entry time &gt; 0 with the weight entering then, in increasing time (empty without delayed entry).</summary>
    public IReadOnlyList<KaplanMeierEntry> Entries { get; init; } = [];

    /// <summary>
    /// Median survival time: the first time the curve is ≤ 0.5; when the curve is exactly 0.5 (within √ε) on an interval,
    /// the midpoint between that time and the next time the curve drops (R <c>survival</c>'s rule).
    /// </summary>
    public required double? Median { get; init; }

    /// <summary>Lower limit of the median's interval: the same rule applied to the lower confidence band (Brookmeyer &amp; Crowley 1982 by inversion, as R).</summary>
    public required double? MedianLower { get; init; }

    /// <summary>Upper limit of the median's interval: the rule applied to the upper confidence band; <see langword="null"/> when the band never falls to 0.5.</summary>
    public required double? MedianUpper { get; init; }

    /// <summary>The confidence level of the intervals.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>How the intervals were formed.</summary>
    public required KaplanMeierIntervalType IntervalType { get; init; }

    /// <summary>The curve at time <paramref name="time"/> (right-continuous step function): 1 before the first event.</summary>
    /// <param name="time">The time; ±∞ are allowed (S(−∞) = 1, S(+∞) = the last step's value).</param>
    /// <returns>S(time).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN (it is no time: every comparison with it is false).</exception>
    public double SurvivalAt(double time)
    {
        RequireTime(time);
        int at = IndexAtOrBefore(time);
        return at < 0 ? 1.0 : Steps[at].Survival;
    }

    /// <summary>
    /// The weight at risk at <paramref name="time"/>: observed from before it (entry &lt; t, or from the start) and not yet
    /// exited (exit ≥ t), <c>Σ_{exit ≥ t} w − Σ_{entry ≥ t} w</c> — the number at risk a chart prints under its axis; 0
    /// after the last exit. Without delayed entry it is the risk set of the first step at or after t (R's
    /// <c>summary(fit, times = t)$n.risk</c>); with delayed entry those who enter between t and that step are not counted.
    /// </summary>
    /// <param name="time">The time; ±∞ are allowed.</param>
    /// <returns>The weight at risk (a whole number without weights).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public double NumberAtRisk(double time)
    {
        RequireTime(time);
        double exits = 0, entered = 0;
        for (int i = Steps.Count - 1; i >= 0 && Steps[i].Time >= time; i--)
        {
            exits += Steps[i].Events + Steps[i].Censored;
        }

        for (int i = Entries.Count - 1; i >= 0 && Entries[i].Time >= time; i--)
        {
            entered += Entries[i].Weight;
        }

        return Math.Max(0, exits - entered);
    }

    /// <summary>The step in force at <paramref name="time"/> (the last distinct time ≤ <paramref name="time"/>), or <see langword="null"/> before the first.</summary>
    /// <param name="time">The time; ±∞ are allowed.</param>
    /// <returns>The step, with its standard error and interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public KaplanMeierStep? StepAt(double time)
    {
        RequireTime(time);
        int at = IndexAtOrBefore(time);
        return at < 0 ? null : Steps[at];
    }

    /// <summary>Formats as <c>Kaplan–Meier: n = 11, events = 7, median 31 (95% CI [18, NA])</c>.</summary>
    /// <returns>The summary as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Kaplan–Meier: n = {Count}, events = {Events}, median {Text(Median)} ({ConfidenceLevel * 100:0.##}% CI [{Text(MedianLower)}, {Text(MedianUpper)}])");

    private static string Text(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "NA";

    private static void RequireTime(double time)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "time NaN is not a time: the survival curve is defined at real times only.");
        }
    }

    private int IndexAtOrBefore(double time)
    {
        int lo = 0, hi = Steps.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Steps[mid].Time <= time)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Summary(), StepTable());

    private ResultTable Summary() => new ResultTable("Kaplan–Meier survival")
        .Row("n", ResultTable.Count(Count))
        .Row("events", ResultTable.Count(Events))
        .Row("censored", ResultTable.Count(Censored))
        .Row("median survival", ResultTable.Number(Median, "0.###"))
        .Row(string.Create(CultureInfo.InvariantCulture, $"median {ResultTable.Level(ConfidenceLevel)}"), new Reporting.IntervalCell(MedianLower, MedianUpper, 3, Trim: true))
        .Row("interval", IntervalType.ToString());

    private ResultGrid StepTable()
    {
        var grid = new ResultGrid("Survival steps", "time", "at risk", "events", "censored", "S(t)", "standard error", ResultTable.Level(ConfidenceLevel)) { MaxRows = 100 };
        foreach (var step in Steps)
        {
            grid.Row(
                ResultTable.Number(step.Time, "0.###"), ResultTable.Number(step.AtRisk, "#,##0.##"), ResultTable.Number(step.Events, "#,##0.##"),
                ResultTable.Number(step.Censored, "#,##0.##"), ResultTable.Number(step.Survival, "0.0000"), ResultTable.Number(step.StandardError, "0.0000"),
                CxMetrics.Statistics.StatisticsCells.Interval(step.Interval, "0.0000"));
        }

        if (Median is null && Count > 0)
        {
            grid.Note("S(t) never reaches 0.5: the median is not reached.");
        }

        return grid;
    }
}
