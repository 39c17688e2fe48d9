using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// An estimated share (a proportion in [0, 1]) with its sample size, standard error and confidence interval.
/// With weights, <see cref="Value"/> is the weighted share and the uncertainty uses Kish's effective sample size.
/// </summary>
/// <remarks>When <see cref="Count"/> is 0 there is no estimate: <see cref="Value"/>, <see cref="StandardError"/> and
/// <see cref="Interval"/> are <see langword="null"/> (the library-wide convention for "no data").</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ProportionEstimate : Reporting.IReportable
{
    /// <summary>The number of observations counted as successes (unweighted).</summary>
    public required long Successes { get; init; }

    /// <summary>The number of observations (unweighted).</summary>
    public required long Count { get; init; }

    /// <summary>Kish's effective sample size <c>(Σw)²/Σw²</c>; equals <see cref="Count"/> without weights.</summary>
    public required double EffectiveSampleSize { get; init; }

    /// <summary>The (weighted) share of successes, or <see langword="null"/> when there are no observations.</summary>
    public required double? Value { get; init; }

    /// <summary>The standard error <c>√(p(1−p)/n_eff)</c>, or <see langword="null"/> without observations.</summary>
    public required double? StandardError { get; init; }

    /// <summary>The confidence interval, or <see langword="null"/> without observations.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>The method used for <see cref="Interval"/>.</summary>
    public required ProportionIntervalMethod Method { get; init; }

    /// <summary>Formats as <c>30.80% (95% CI [25.53%, 36.62%], Wilson; 81 of 263)</c>.</summary>
    /// <returns>The estimate as text.</returns>
    public override string ToString()
    {
        if (Value is not { } value || Interval is not { } ci)
        {
            return "no estimate (n = 0)";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{value * 100:0.00}% ({ci.Level * 100:0.##}% CI [{ci.Lower * 100:0.00}%, {ci.Upper * 100:0.00}%], {Method}; {Successes} of {Count})");
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Proportion")
        .Row("share", ResultTable.Percent(Value, "0.00"))
        .Row((Interval is { } ci ? ResultTable.Level(ci.Level) : "CI") + " (" + Method.ToString() + ")", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.00", 100, "%"))
        .Row("standard error (pp)", ResultTable.Number(StandardError * 100, "0.00"))
        .Row("successes", ResultTable.Count(Successes))
        .Row("n", ResultTable.Count(Count))
        .Row("effective n", ResultTable.Number(EffectiveSampleSize, "0.#"));
}
