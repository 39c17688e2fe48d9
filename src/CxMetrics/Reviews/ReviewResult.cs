using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Reviews;

/// <summary>
/// Reviews summarised: per source the distribution and mean; over all sources the mean on the common five-star scale, the
/// negative and positive shares (Wilson), the reply rate, and for negative reviews the reply rate and the hours to reply.
/// </summary>
/// <remarks>Without reviews, <see cref="Count"/> is 0 and every estimate is missing (<see langword="null"/> values).</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ReviewResult : Reporting.IReportable
{
    /// <summary>Reviews counted.</summary>
    public required long Count { get; init; }

    /// <summary>One entry per source, in ordinal order of the source names.</summary>
    public required IReadOnlyList<SourceRating> Sources { get; init; }

    /// <summary>The mean over every source on the common five-star scale (each rating mapped by <see cref="ReviewScale.Normalise"/>), Student-t interval.</summary>
    public required MeanEstimate Stars { get; init; }

    /// <summary>The share of negative reviews, each judged on its own source's scale; Wilson interval.</summary>
    public required ProportionEstimate Negative { get; init; }

    /// <summary>The share of positive reviews, each judged on its own source's scale; Wilson interval.</summary>
    public required ProportionEstimate Positive { get; init; }

    /// <summary>The share of all reviews the shop replied to; Wilson interval.</summary>
    public required ProportionEstimate Replied { get; init; }

    /// <summary>The share of negative reviews the shop replied to ("answer the negative review"); Wilson interval.</summary>
    public required ProportionEstimate NegativeReplied { get; init; }

    /// <summary>Negative reviews not replied to yet: reported apart, never given a time to reply.</summary>
    public required long NegativeUnreplied { get; init; }

    /// <summary>Hours from posting to reply of the replied negative reviews: median, P10…P90, mean, minimum and maximum (R type 7 quantiles).</summary>
    public required QuantileSummary NegativeReplyHours { get; init; }

    /// <summary>Formats as <c>4.12 stars (95% CI […]; n = 120); negative 10.0% (…); negative replied 75.0% (…), median 5.2 h</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Count == 0
        ? "reviews: no estimate (n = 0)"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{Stars} stars; negative {Negative}; negative replied {NegativeReplied}, median {NegativeReplyHours.Median:0.0} h to reply; {NegativeUnreplied} negative unreplied");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Summary(), SourceTable());

    private ResultTable Summary() => new ResultTable("Reviews")
        .Row("n", ResultTable.Count(Count))
        .Row("mean (stars 1–5)", StatisticsCells.Mean(Stars))
        .Row("negative", StatisticsCells.Proportion(Negative))
        .Row("positive", StatisticsCells.Proportion(Positive))
        .Row("replied", StatisticsCells.Proportion(Replied))
        .Row("negative replied", StatisticsCells.Proportion(NegativeReplied))
        .Row("negative unreplied", ResultTable.Count(NegativeUnreplied))
        .Row("hours to reply (negative), median", ResultTable.Number(NegativeReplyHours.Median, "0.0"))
        .Row("hours to reply (negative), P90", ResultTable.Number(NegativeReplyHours.P90, "0.0"))
        .Note("Ratings of every source are mapped linearly onto 1–5 stars (lowest = 1, highest = 5); negative and positive are judged on each source's own scale.");

    private ResultGrid SourceTable()
    {
        var grid = new ResultGrid("Reviews by source", "source", "scale", "n", "mean", "stars", "negative", "positive");
        foreach (var s in Sources)
        {
            grid.Row(
                s.Source,
                string.Create(CultureInfo.InvariantCulture, $"{s.Scale.Min}–{s.Scale.Max}"),
                ResultTable.Count(s.Count),
                StatisticsCells.Mean(s.Mean),
                StatisticsCells.Mean(s.Stars),
                StatisticsCells.Proportion(s.Negative),
                StatisticsCells.Proportion(s.Positive));
        }

        return grid;
    }
}
