using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Reviews;

/// <summary>
/// Items (products or locations) ranked by their reviews so that an item with two five-star reviews does not outrank one
/// with two hundred at 4.8: by the Bayesian average, which shrinks each item's mean towards the shop's own mean with an
/// explicit weight, or by the lower bound of the Wilson interval of its positive share (Evan Miller, 2009, "How Not To
/// Sort By Average Rating").
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ReviewRanking : Reporting.IReportable
{
    /// <summary>m, the prior mean: the shop's mean over every review ranked, on the five-star scale (<see langword="null"/> without reviews).</summary>
    public required double? PriorMean { get; init; }

    /// <summary>C, the prior weight (<see cref="ReviewOptions.PriorWeight"/>).</summary>
    public required double PriorWeight { get; init; }

    /// <summary>The score the items are ordered by.</summary>
    public required ReviewRankScore RankBy { get; init; }

    /// <summary>The confidence level of the Wilson intervals.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>The items, best first; ties of the score are broken by more reviews, then by the item's name (ordinal).</summary>
    public required IReadOnlyList<RankedItem> Items { get; init; }

    /// <summary>Formats as <c>ranking of 120 items by BayesianAverage (m = 4.21, C = 10)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ranking of {Items.Count} items by {RankBy} (m = {PriorMean:0.00}, C = {PriorWeight:0.##})");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultGrid Table()
    {
        var grid = new ResultGrid("Review ranking", "rank", "item", "n", "stars", "Bayesian average", "positive", "Wilson lower bound") { MaxRows = 50 };
        foreach (var item in Items)
        {
            grid.Row(
                ResultTable.Count(item.Rank),
                item.Item,
                ResultTable.Count(item.Count),
                ResultTable.Number(item.Stars, "0.00"),
                ResultTable.Number(item.BayesianAverage, "0.00"),
                ResultTable.Percent(item.Positive.Value),
                ResultTable.Number(item.PositiveLowerBound, "0.000"));
        }

        return grid.Note(string.Create(
            CultureInfo.InvariantCulture,
            $"Bayesian average = (C·m + Σ stars)/(C + n) with m = {PriorMean:0.00} (the shop's mean) and C = {PriorWeight:0.##}; Wilson lower bound of the positive share at {ConfidenceLevel * 100:0.##}%. Ranked by {(RankBy == ReviewRankScore.BayesianAverage ? "the Bayesian average" : "the Wilson lower bound")}."));
    }
}
