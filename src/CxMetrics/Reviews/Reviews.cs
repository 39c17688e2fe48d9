using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;

namespace CxMetrics.Reviews;

/// <summary>
/// Review metrics across sites (Google, Yelp, Trustpilot, on-site, …): the rating distribution and mean per source, one
/// five-star mean when the sources' scales differ (the linear map of <see cref="ReviewScale.Normalise"/>), the negative
/// share with its Wilson interval, the reply rate and the hours to reply to negative reviews, by source and by period, and a
/// ranking of products or locations that holds up with few reviews.
/// </summary>
/// <remarks>
/// Shares use <see cref="EstimateOptions.ProportionInterval"/> (Wilson by default; Wilson 1927); means a Student-t
/// interval; hours to reply the exact R type 7 quantiles of <see cref="QuantileSummary"/>. A negative review not replied to
/// is counted in <see cref="ReviewResult.NegativeUnreplied"/>, never given a time.
/// </remarks>
public static class Reviews
{
    /// <summary>The review metrics of a set of reviews.</summary>
    /// <param name="reviews">The reviews.</param>
    /// <param name="options">Intervals.</param>
    /// <returns>The result; without estimates when there are no reviews.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reviews"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">A source appears on two scales.</exception>
    public static ReviewResult Of(IEnumerable<Review> reviews, ReviewOptions? options = null) => From(ReviewTally.Of(reviews), options);

    /// <summary>
    /// The review metrics of a tally. Per source: mean <c>Σ c_r·r / n</c> on its scale and <c>Σ c_r·s(r) / n</c> in stars with
    /// <c>s(r) = 1 + 4·(r − min)/(max − min)</c>, Student-t intervals; negative share <c>#(r ≤ NegativeMax)/n</c> and positive
    /// share <c>#(r ≥ PositiveMin)/n</c>, Wilson. Over all sources the same on the stars of every review, the reply rates
    /// (replied/n, replied negative/negative) and the quantiles of the hours to reply to negative reviews.
    /// </summary>
    /// <param name="tally">The tally.</param>
    /// <param name="options">Intervals.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static ReviewResult From(ReviewTally tally, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= ReviewOptions.Default;
        double level = options.ConfidenceLevel;
        var method = options.ProportionInterval;
        var sources = new List<SourceRating>();
        var stars = new RunningMoments();
        long negative = 0, positive = 0, replied = 0, negativeReplied = 0;
        foreach (string source in tally.Sources)
        {
            var scale = tally.ScaleOf(source);
            var counts = tally.CountsOf(source);
            var repliedCounts = tally.RepliedOf(source);
            long n = 0, neg = 0, pos = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                int rating = scale.Min + i;
                n += counts[i];
                neg += scale.IsNegative(rating) ? counts[i] : 0;
                pos += scale.IsPositive(rating) ? counts[i] : 0;
                replied += repliedCounts[i];
                negativeReplied += scale.IsNegative(rating) ? repliedCounts[i] : 0;
            }

            var own = Moments(counts, scale, normalise: false);
            var normalised = Moments(counts, scale, normalise: true);
            stars.Merge(normalised);
            negative += neg;
            positive += pos;
            sources.Add(new SourceRating
            {
                Source = source,
                Scale = scale,
                Count = n,
                Histogram = counts.ToArray(),
                Mean = own.ToEstimate(level),
                Stars = normalised.ToEstimate(level),
                Negative = Proportion.FromCounts(neg, n, level, method),
                Positive = Proportion.FromCounts(pos, n, level, method),
            });
        }

        return new ReviewResult
        {
            Count = tally.Count,
            Sources = sources,
            Stars = stars.ToEstimate(level),
            Negative = Proportion.FromCounts(negative, tally.Count, level, method),
            Positive = Proportion.FromCounts(positive, tally.Count, level, method),
            Replied = Proportion.FromCounts(replied, tally.Count, level, method),
            NegativeReplied = Proportion.FromCounts(negativeReplied, negative, level, method),
            NegativeUnreplied = negative - negativeReplied,
            NegativeReplyHours = QuantileSummary.Of(tally.NegativeReplyHours),
        };
    }

    /// <summary>
    /// Compares two results (e.g. a period against the one before): the negative shares by Newcombe's interval and the
    /// two-proportion z-test, the five-star means by Welch's t-test.
    /// </summary>
    /// <param name="first">The first result (e.g. this period).</param>
    /// <param name="second">The second result (e.g. the previous period).</param>
    /// <param name="options">Confidence level.</param>
    /// <returns>The change, first minus second.</returns>
    /// <exception cref="ArgumentNullException">A result is null.</exception>
    public static ReviewChange Compare(ReviewResult first, ReviewResult second, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        double level = (options ?? ReviewOptions.Default).ConfidenceLevel;
        return new ReviewChange
        {
            Negative = Proportion.Compare(first.Negative, second.Negative, level),
            Stars = WelchTest.From(MomentsOf(first.Stars), MomentsOf(second.Stars), level),
        };
    }

    /// <summary>The review metrics per key (source, item, region, …), each cell with its n and a small-cell flag.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="reviews">The reviews.</param>
    /// <param name="key">The key of a review, e.g. <c>r =&gt; r.Source</c>; <see langword="null"/> keys form their own cell.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A source appears on two scales.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, ReviewResult>> By<TKey>(IEnumerable<Review> reviews, Func<Review, TKey> key, ReviewOptions? options = null)
    {
        options ??= ReviewOptions.Default;
        return Grouping.By(reviews, key, static () => new ReviewTally(), Add, t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>The review metrics per calendar period of <paramref name="grid"/> (by the instant each review was posted), each compared with the period before it.</summary>
    /// <param name="reviews">The reviews.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period from the first to the last review, empty ones included.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A source appears on two scales.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<ReviewResult, ReviewChange>> ByPeriod(IEnumerable<Review> reviews, PeriodGrid grid, ReviewOptions? options = null) =>
        ByPeriodCore(reviews, grid, null, options);

    /// <summary>The review metrics per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/>, each compared with the period before it.</summary>
    /// <param name="reviews">The reviews.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; reviews outside the range are left out.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, empty ones included.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, the range is reversed, or a source appears on two scales.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<ReviewResult, ReviewChange>> ByPeriod(IEnumerable<Review> reviews, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, ReviewOptions? options = null) =>
        ByPeriodCore(reviews, grid, (first, last), options);

    /// <summary>
    /// The review metrics per key from tallies counted elsewhere (one pass over a file, shards, a database <c>GROUP BY</c>):
    /// the same cells as <see cref="By{TKey}(IEnumerable{Review}, Func{Review, TKey}, ReviewOptions?)"/> gives for the
    /// reviews the tallies counted. Tallies of the same key are merged into a new tally; the given tallies are not changed.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tallies">One or more tallies per key; a <see langword="null"/> key forms its own cell.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> is null.</exception>
    /// <exception cref="ArgumentException">Two tallies of one key count a source on different scales.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, ReviewResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, ReviewTally>> tallies, ReviewOptions? options = null)
    {
        options ??= ReviewOptions.Default;
        return Grouping.FromTallies(tallies, static () => new ReviewTally(), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>
    /// The review metrics per calendar period from tallies counted per period elsewhere (e.g. keyed by
    /// <see cref="PeriodGrid.Containing(NodaTime.Instant)"/> while streaming): the same cells as
    /// <see cref="ByPeriod(IEnumerable{Review}, PeriodGrid, ReviewOptions?)"/> gives for the reviews the tallies counted —
    /// every period from the first to the last, gaps as empty cells, each compared with the one before it.
    /// </summary>
    /// <param name="tallies">One or more tallies per period, all periods of one unit; tallies of the same period are merged into a new tally.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> is null.</exception>
    /// <exception cref="ArgumentException">The periods are of different units, or two tallies of one period count a source on different scales.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<ReviewResult, ReviewChange>> ByPeriod(IEnumerable<KeyValuePair<CalendarPeriod, ReviewTally>> tallies, ReviewOptions? options = null)
    {
        options ??= ReviewOptions.Default;
        return Grouping.ByPeriodFromTallies(
            tallies, static () => new ReviewTally(), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count,
            (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    /// <summary>
    /// The ranking of <see cref="Ranking(IEnumerable{Review}, ReviewOptions?)"/> from one tally per item (counted while a file
    /// streams by, or per shard): an item's n, its stars <c>Σ c_r·s(r)</c> and its positive reviews are read from its tally's
    /// histograms, so the ranking equals the one of the reviews the tallies counted. Tallies of the same item are added up.
    /// </summary>
    /// <param name="items">Per item (product or location) its tally; items with an empty tally are not ranked.</param>
    /// <param name="options">The prior weight, the score ranked by and the level of the Wilson intervals.</param>
    /// <returns>The ranking, best first; empty without reviews.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, an item name or a tally is null.</exception>
    public static ReviewRanking Ranking(IEnumerable<KeyValuePair<string, ReviewTally>> items, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<long>();
        var sums = new List<double>();
        var positives = new List<long>();
        foreach (var (name, tally) in items)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(items));
            ArgumentNullException.ThrowIfNull(tally, nameof(items));
            if (tally.Count == 0)
            {
                continue;
            }

            if (!index.TryGetValue(name, out int i))
            {
                i = names.Count;
                index.Add(name, i);
                names.Add(name);
                counts.Add(0);
                sums.Add(0);
                positives.Add(0);
            }

            foreach (string source in tally.Sources)
            {
                var scale = tally.ScaleOf(source);
                var histogram = tally.CountsOf(source);
                for (int r = 0; r < histogram.Length; r++)
                {
                    counts[i] += histogram[r];
                    sums[i] += histogram[r] * scale.Normalise(scale.Min + r);
                    positives[i] += scale.IsPositive(scale.Min + r) ? histogram[r] : 0;
                }
            }
        }

        return Rank(names, [.. counts], [.. sums], [.. positives], options ?? ReviewOptions.Default);
    }

    /// <summary>
    /// Ranks the reviewed items (<see cref="Review.Item"/>) by the Bayesian average <c>(C·m + Σs)/(C + n)</c> — s the stars of
    /// an item's reviews, n their number, m the mean stars of all reviews given (the shop's own mean) and C
    /// <see cref="ReviewOptions.PriorWeight"/> — the shrinkage estimator of IMDb's top-250 "weighted rating"
    /// <c>(v·R + m·C)/(v + m)</c> and of Evan Miller's "Bayesian Average Ratings" (2012); or by the lower bound of the Wilson
    /// interval of the share of positive reviews (Evan Miller, 2009, "How Not To Sort By Average Rating"), as
    /// <see cref="ReviewOptions.RankBy"/> says. Both scores are reported for every item.
    /// </summary>
    /// <param name="reviews">The reviews.</param>
    /// <param name="options">The prior weight, the score ranked by and the level of the Wilson intervals.</param>
    /// <returns>The ranking, best first; empty without reviews.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reviews"/> or one of them is null.</exception>
    public static ReviewRanking Ranking(IEnumerable<Review> reviews, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<long>();
        var sums = new List<double>();
        var positives = new List<long>();
        foreach (var review in reviews)
        {
            ArgumentNullException.ThrowIfNull(review, nameof(reviews));
            if (!index.TryGetValue(review.Item, out int i))
            {
                i = names.Count;
                index.Add(review.Item, i);
                names.Add(review.Item);
                counts.Add(0);
                sums.Add(0);
                positives.Add(0);
            }

            counts[i]++;
            sums[i] += review.Stars;
            positives[i] += review.IsPositive ? 1 : 0;
        }

        return Rank(names, [.. counts], [.. sums], [.. positives], options ?? ReviewOptions.Default);
    }

    /// <summary>
    /// The ranking of <see cref="Ranking(IEnumerable{Review}, ReviewOptions?)"/> from columns of one source's scale: item
    /// codes and ratings, as read from a columnar file or a dictionary-encoded database column. Counts into a dense
    /// item × rating histogram in one pass, without a dictionary or a record per review.
    /// </summary>
    /// <param name="items">Per review the index of its item in <paramref name="itemNames"/>.</param>
    /// <param name="ratings">Per review its rating on <paramref name="scale"/>; as long as <paramref name="items"/>.</param>
    /// <param name="scale">The rating scale.</param>
    /// <param name="itemNames">The item names; items without reviews are not ranked.</param>
    /// <param name="options">The prior weight, the score ranked by and the level of the Wilson intervals.</param>
    /// <returns>The ranking, best first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scale"/> or <paramref name="itemNames"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item index is outside <paramref name="itemNames"/> (naming <paramref name="items"/>) or a rating is off the scale (naming <paramref name="ratings"/>); the message gives the position.</exception>
    public static ReviewRanking Ranking(ReadOnlySpan<int> items, ReadOnlySpan<byte> ratings, ReviewScale scale, IReadOnlyList<string> itemNames, ReviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(itemNames);
        if (items.Length != ratings.Length)
        {
            throw new ArgumentException($"{items.Length} item codes were given with {ratings.Length} ratings.", nameof(ratings));
        }

        int points = scale.Points, itemCount = itemNames.Count;
        var histogram = new long[checked(itemCount * points)];
        for (int k = 0; k < items.Length; k++)
        {
            int item = items[k];
            int r = ratings[k] - scale.Min;
            if ((uint)item >= (uint)itemCount)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item, $"item code {item} at position {k} is outside the {itemCount} item names.");
            }

            if ((uint)r >= (uint)points)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), ratings[k], $"rating {ratings[k]} at position {k} is outside the scale {scale.Min}–{scale.Max}.");
            }

            histogram[(item * points) + r]++;
        }

        Span<double> stars = stackalloc double[points];
        for (int r = 0; r < points; r++)
        {
            stars[r] = scale.Normalise(scale.Min + r);
        }

        var names = new List<string>();
        var counts = new List<long>();
        var sums = new List<double>();
        var positives = new List<long>();
        for (int i = 0; i < itemCount; i++)
        {
            var row = histogram.AsSpan(i * points, points);
            long n = 0, pos = 0;
            double sum = 0;
            for (int r = 0; r < points; r++)
            {
                n += row[r];
                sum += row[r] * stars[r];
                pos += scale.IsPositive(scale.Min + r) ? row[r] : 0;
            }

            if (n > 0)
            {
                names.Add(itemNames[i] ?? throw new ArgumentNullException(nameof(itemNames), $"item name {i} is null."));
                counts.Add(n);
                sums.Add(sum);
                positives.Add(pos);
            }
        }

        return Rank(names, [.. counts], [.. sums], [.. positives], options ?? ReviewOptions.Default);
    }

    /// <summary>The Bayesian average <c>(C·m + Σs)/(C + n)</c>; with no reviews and C = 0 it is m.</summary>
    internal static double BayesianAverage(double priorMean, double priorWeight, long count, double sum) =>
        priorWeight + count == 0 ? priorMean : ((priorWeight * priorMean) + sum) / (priorWeight + count);

    private static ReviewRanking Rank(List<string> names, long[] counts, double[] sums, long[] positives, ReviewOptions options)
    {
        long total = 0;
        double all = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            total += counts[i];
            all += sums[i];
        }

        double? prior = total > 0 ? all / total : null;
        double level = options.ConfidenceLevel;
        var rows = new RankedItem[names.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new RankedItem
            {
                Rank = 0,
                Item = names[i],
                Count = counts[i],
                Stars = sums[i] / counts[i],
                BayesianAverage = BayesianAverage(prior!.Value, options.PriorWeight, counts[i], sums[i]),
                Positive = Proportion.FromCounts(positives[i], counts[i], level, ProportionIntervalMethod.Wilson),
            };
        }

        Comparison<RankedItem> byScore = options.RankBy == ReviewRankScore.BayesianAverage
            ? static (a, b) => b.BayesianAverage.CompareTo(a.BayesianAverage)
            : static (a, b) => b.PositiveLowerBound.CompareTo(a.PositiveLowerBound);
        Array.Sort(rows, (a, b) =>
        {
            int c = byScore(a, b);
            return c != 0 ? c : b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Item, b.Item);
        });
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = rows[i] with { Rank = i + 1 };
        }

        return new ReviewRanking { PriorMean = prior, PriorWeight = options.PriorWeight, RankBy = options.RankBy, ConfidenceLevel = level, Items = rows };
    }

    private static IReadOnlyList<PeriodCell<ReviewResult, ReviewChange>> ByPeriodCore(
        IEnumerable<Review> reviews, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, ReviewOptions? options)
    {
        options ??= ReviewOptions.Default;
        return Grouping.ByPeriod(
            reviews, static r => r.CreatedAt, grid, range, static () => new ReviewTally(), Add,
            t => From(t, options), static t => t.Count, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    private static void Add(ReviewTally tally, Review review)
    {
        ArgumentNullException.ThrowIfNull(review, "reviews");
        tally.Add(review);
    }

    /// <summary>Count, mean and M₂ of a histogram on its own scale or in stars.</summary>
    private static RunningMoments Moments(ReadOnlySpan<long> counts, ReviewScale scale, bool normalise)
    {
        long n = 0;
        double sum = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            n += counts[i];
            sum += counts[i] * Value(scale, i, normalise);
        }

        if (n == 0)
        {
            return new RunningMoments();
        }

        double mean = sum / n, squares = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double d = Value(scale, i, normalise) - mean;
            squares += counts[i] * d * d;
        }

        return RunningMoments.FromParts(n, mean, squares);
    }

    private static double Value(ReviewScale scale, int index, bool normalise) => normalise ? scale.Normalise(scale.Min + index) : scale.Min + index;

    private static RunningMoments MomentsOf(MeanEstimate estimate) => estimate.Value is not { } mean
        ? new RunningMoments()
        : RunningMoments.FromParts(estimate.Count, mean, estimate.StandardDeviation is { } sd ? sd * sd * (estimate.Count - 1) : 0);
}
