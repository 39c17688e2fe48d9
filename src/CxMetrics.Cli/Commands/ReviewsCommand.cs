using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Reviews;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>reviews [PATH]</c>: reviews from every site (<see cref="Csv.ReviewCsv"/>; <c>--from google</c> for Google Business
/// Profile API review objects): the distribution and mean of each source with intervals, the negative share (Wilson), the
/// reply rate and hours to reply of negative reviews, per source (or item) and per period with the change tests of
/// <see cref="Reviews.Reviews.Compare"/>, and the ranking of items by the Bayesian average or the Wilson lower bound. The
/// file is folded into tallies as it is read (<see cref="ReviewFold"/>), never kept. Without PATH: the bundled synthetic
/// reviews of samples/shop.
/// </summary>
internal static class ReviewsCommand
{
    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        string file = path is null ? SampleFiles.Path(ToolCommands.BundledFolder, ShopData.ReviewsFile) : ShopData.Require(path, ShopData.ReviewsFile);
        var doc = new ReportDocument("reviews", path is null ? $"bundled sample (samples/{ToolCommands.BundledFolder}/{ShopData.ReviewsFile}, synthetic)" : ShopData.SourceName(file));
        var data = new ShopData();
        Tables(doc, data.ReviewStream(file, s), s);
        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    /// <summary>The review tables from one pass over <paramref name="reviews"/> (also <c>report DIR</c>'s reviews section); the fold, for the report's chart.</summary>
    public static ReviewFold Tables(ReportDocument doc, RecordStream<Review> reviews, CliSettings s, int? top = null)
    {
        string key = s.Segment ?? "source";
        Func<Review, string?> select = key switch
        {
            "source" => static r => r.Source,
            "item" => static r => r.Item,
            _ => throw new UsageException($"segment key '{key}' is not one of source, item for reviews."),
        };
        var options = new ReviewOptions
        {
            ConfidenceLevel = s.ConfidenceLevel,
            MinimumCellSize = s.MinimumCellSize,
            PriorWeight = s.Family.PriorWeight,
            RankBy = s.Family.RankBy,
        };
        var fold = new ReviewFold(select, s);
        reviews.ForEach(fold.Add);

        string level = Format.Level(s.ConfidenceLevel);
        var total = Reviews.Reviews.From(fold.Total, options);
        doc.Results["reviews"] = total;
        var headline = new ReportTable("Reviews", "metric", "value", level, "of", "n");
        headline.Row("mean (stars 1–5)", new NumberCell(total.Stars.Value, 2), Cells.Interval(total.Stars.Interval, decimals: 2), string.Empty, Format.Count(total.Count));
        headline.Row("negative", new ShareCell(total.Negative.Value), Cells.Interval(total.Negative.Interval, share: true), "reviews", Format.Count(total.Negative.Count));
        headline.Row("positive", new ShareCell(total.Positive.Value), Cells.Interval(total.Positive.Interval, share: true), "reviews", Format.Count(total.Positive.Count));
        headline.Row("replied", new ShareCell(total.Replied.Value), Cells.Interval(total.Replied.Interval, share: true), "reviews", Format.Count(total.Replied.Count));
        headline.Row("negative replied", new ShareCell(total.NegativeReplied.Value), Cells.Interval(total.NegativeReplied.Interval, share: true), "negative reviews", Format.Count(total.NegativeReplied.Count));
        headline.Row("negative unreplied", Format.Count(total.NegativeUnreplied), new MissingCell(), "negative reviews", Format.Count(total.NegativeReplied.Count));
        headline.Row("hours to reply (negative), median", new NumberCell(total.NegativeReplyHours.Median, 1), new MissingCell(), "replied negative", Format.Count(total.NegativeReplyHours.Count));
        headline.Row("hours to reply (negative), P90", new NumberCell(total.NegativeReplyHours.P90, 1), new MissingCell(), "replied negative", Format.Count(total.NegativeReplyHours.Count));
        headline.Note = "stars: every rating mapped linearly onto 1–5 (lowest = 1, highest = 5), Student-t interval; negative and positive judged on each source's own scale, Wilson intervals; "
            + "negative reviews not replied to are counted apart, never given a time"
            + (fold.Later > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {fold.Later:N0} reviews posted after the as-of instant are left out") : string.Empty)
            + (fold.RepliedLater > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {fold.RepliedLater:N0} replies given after the as-of instant do not count yet") : string.Empty);
        doc.Tables.Add(headline);

        var distribution = new ReportTable("Rating distribution by source", "source", "rating", "stars", "reviews", "share", "mean (own scale)", level);
        foreach (var source in total.Sources)
        {
            for (int i = 0; i < source.Histogram.Count; i++)
            {
                int rating = source.Scale.Min + i;
                string band = source.Scale.IsNegative(rating) ? " (negative)" : source.Scale.IsPositive(rating) ? " (positive)" : string.Empty;
                distribution.Row(
                    i == 0 ? source.Source : string.Empty,
                    string.Create(CultureInfo.InvariantCulture, $"{rating} of {source.Scale.Min}–{source.Scale.Max}{band}"),
                    new NumberCell(source.Scale.Normalise(rating), 2, Trim: true),
                    Format.Count(source.Histogram[i]),
                    new ShareCell(source.Count == 0 ? null : (double)source.Histogram[i] / source.Count),
                    i == 0 ? new NumberCell(source.Mean.Value, 2) : Blank,
                    i == 0 ? Cells.Interval(source.Mean.Interval, decimals: 2) : Blank);
            }
        }

        distribution.Note = "each source on its own scale; stars = 1 + 4·(rating − min)/(max − min); the bands of 1–5 are negative ≤ 2 and positive ≥ 4, and other scales have them mapped linearly";
        doc.Tables.Add(distribution);

        var cells = Reviews.Reviews.By(fold.ByKey(), options);
        doc.Results["reviewsBy" + char.ToUpperInvariant(key[0]) + key[1..]] = cells;
        var byKey = new ReportTable($"Reviews by {key}", key, "n", "stars", level, "negative", level, "negative replied", level, "median h to reply", "negative unreplied", "flag");
        foreach (var cell in cells)
        {
            var r = cell.Result;
            byKey.Row(cell.Key ?? "(none)", Format.Count(cell.Count), new NumberCell(r.Stars.Value, 2), Cells.Interval(r.Stars.Interval, decimals: 2),
                new ShareCell(r.Negative.Value), Cells.Interval(r.Negative.Interval, share: true), new ShareCell(r.NegativeReplied.Value), Cells.Interval(r.NegativeReplied.Interval, share: true),
                new NumberCell(r.NegativeReplyHours.Median, 1), Format.Count(r.NegativeUnreplied), Format.Flag(cell.IsSmallCell));
        }

        byKey.Note = "negative replied = replied negative reviews / negative reviews (\"answer the negative review\"), Wilson interval";
        doc.Tables.Add(byKey);

        var periods = Reviews.Reviews.ByPeriod(fold.ByPeriod(), options);
        doc.Results["reviewsByPeriod"] = periods;
        var byPeriod = new ReportTable($"Reviews by {s.Period.ToString().ToLowerInvariant()}", "period", "n", "stars", "change", "p", "negative", level, "change (pp)", "p", "negative replied", "flag");
        foreach (var cell in periods)
        {
            var r = cell.Result;
            var change = cell.ChangeFromPrevious;
            byPeriod.Row(cell.Period.ToString(), Format.Count(cell.Count), new NumberCell(r.Stars.Value, 2), new NumberCell(change?.Stars.Difference, 2, ShowSign: true), new PValueCell(change?.Stars.PValue),
                new ShareCell(r.Negative.Value), Cells.Interval(r.Negative.Interval, share: true), new NumberCell(change?.Negative.Difference * 100, ShowSign: true), new PValueCell(change?.Negative.PValue),
                new ShareCell(r.NegativeReplied.Value), Format.Flag(cell.IsSmallCell));
        }

        byPeriod.Note = "each period against the one before: stars by Welch's t-test, the negative share by the two-proportion z-test (difference in percentage points)";
        doc.Tables.Add(byPeriod);

        var ranking = Reviews.Reviews.Ranking(fold.ByItem(), options);
        doc.Results["reviewRanking"] = ranking;
        int shown = top ?? s.Family.Top;
        string by = options.RankBy == ReviewRankScore.BayesianAverage ? "Bayesian average" : "Wilson lower bound of the positive share";
        RankingTable(doc, $"Review ranking: top {Math.Min(shown, ranking.Items.Count)} of {ranking.Items.Count:N0} items by {by}", ranking.Items.Take(shown), ranking, level);
        if (ranking.Items.Count > 2 * shown && shown > 0)
        {
            RankingTable(doc, $"Review ranking: bottom {shown} items", ranking.Items.Skip(ranking.Items.Count - shown), ranking, level);
        }

        return fold;
    }

    /// <summary>The empty cell of a source's second and later rating rows.</summary>
    private static ReportCell Blank { get; } = new Reporting.TextCell(string.Empty);

    private static void RankingTable(ReportDocument doc, string title, IEnumerable<RankedItem> items, ReviewRanking ranking, string level)
    {
        var table = new ReportTable(title, "rank", "item", "n", "stars", "Bayesian average", "positive", level, "Wilson lower bound");
        foreach (var item in items)
        {
            table.Row(item.Rank.ToString(CultureInfo.InvariantCulture), item.Item, Format.Count(item.Count), new NumberCell(item.Stars, 2), new NumberCell(item.BayesianAverage, 2),
                new ShareCell(item.Positive.Value), Cells.Interval(item.Positive.Interval, share: true), new NumberCell(item.PositiveLowerBound, 3));
        }

        table.Note = string.Create(
            CultureInfo.InvariantCulture,
            $"Bayesian average = (C·m + Σ stars)/(C + n), m = {ranking.PriorMean:0.00} the shop's mean stars, C = {ranking.PriorWeight:0.##} (--prior-weight); Wilson lower bound of the positive share (Miller 2009); ties: more reviews first");
        doc.Tables.Add(table);
    }
}

/// <summary>
/// The review tallies while a file streams by: the headline, one per key (source or item), one per calendar period, one per
/// item (the ranking), and per period the negative share of each source (the report's chart). Reviews posted after the
/// as-of are left out; a reply after it does not count yet.
/// </summary>
internal sealed class ReviewFold(Func<Review, string?> key, CliSettings s)
{
    private readonly KeyPeriodFold<Review, ReviewTally> fold = new(key, static r => r.CreatedAt, s, static () => new ReviewTally(), static (t, r) => t.Add(r));
    private readonly Dictionary<string, ReviewTally> items = new(StringComparer.Ordinal);
    private readonly Instant? asOf = s.AsOf;

    public ReviewTally Total => fold.Total;

    /// <summary>Reviews posted after the as-of (left out).</summary>
    public long Later { get; private set; }

    /// <summary>Replies given after the as-of (their reviews count as unreplied).</summary>
    public long RepliedLater { get; private set; }

    public void Add(Review review)
    {
        if (asOf is { } cut)
        {
            if (review.CreatedAt > cut)
            {
                Later++;
                return;
            }

            if (review.RepliedAt > cut)
            {
                RepliedLater++;
                review = Review.Create(review.Id, review.Source, review.Item, review.Rating, review.Scale, review.CreatedAt);
            }
        }

        fold.Add(review);
        if (!items.TryGetValue(review.Item, out var tally))
        {
            tally = new ReviewTally();
            items.Add(review.Item, tally);
        }

        tally.Add(review);
    }

    public IEnumerable<KeyValuePair<string?, ReviewTally>> ByKey() => fold.ByKey();

    public IEnumerable<KeyValuePair<Time.CalendarPeriod, ReviewTally>> ByPeriod() => fold.ByPeriod();

    public IEnumerable<KeyValuePair<string, ReviewTally>> ByItem() => items;
}
