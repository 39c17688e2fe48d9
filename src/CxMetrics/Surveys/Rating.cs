using CxMetrics.Breakdowns;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using CxMetrics.Time;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace CxMetrics.Surveys;

/// <summary>
/// A rating-scale metric — CSAT, CES or any other "share of favourable answers plus the mean score" — computed on a named
/// <see cref="RatingScale"/>. The scale says which metric it is: <see cref="CsatScale"/> for customer satisfaction
/// (top-2-box 4–5 on 1–5 by default, as used by Delighted, Zendesk and Qualtrics: "CSAT = satisfied responses / all
/// responses × 100"), <see cref="CesScale"/> for customer effort (CES 2.0, Gartner/CEB; Dixon, Toman &amp; DeLisi 2013:
/// agreement 5–7 on 1–7, or the older 1–5 and 0–10 effort scales with an explicit direction), or
/// <see cref="RatingScale.Create"/> for another scale.
/// </summary>
/// <remarks>
/// The favourable share is <c>Σw·[favourable]/Σw</c> with a Wilson interval on Kish's effective sample size; the mean
/// score has a Student-t interval. There is no default scale: <c>Rating.Of(scores, CsatScale.OneToFive)</c> names the
/// metric where it is computed.
/// </remarks>
public static class Rating
{
    /// <summary>The rating metric of byte scores (255 = unanswered): the vectorised fast path.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="scale">The scale, which names the metric (e.g. <see cref="CsatScale.OneToFive"/>).</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scale"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither on the scale nor 255.</exception>
    public static RatingResult Of(ReadOnlySpan<byte> scores, RatingScale scale, SurveyOptions? options = null)
    {
        var tally = new RatingTally(scale);
        tally.AddRange(scores);
        return From(tally, options);
    }

    /// <summary>The rating metric of byte scores on all cores (partition, tally, merge); identical to <see cref="Of(ReadOnlySpan{byte}, RatingScale, SurveyOptions?)"/>.</summary>
    /// <param name="scores">The scores (255 = unanswered).</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="options">Interval choices.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scale"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither on the scale nor 255, or <paramref name="degreeOfParallelism"/> is below 1.</exception>
    public static RatingResult OfParallel(ReadOnlyMemory<byte> scores, RatingScale scale, SurveyOptions? options = null, int? degreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return From(ParallelTally.Run(scores, degreeOfParallelism, () => new RatingTally(scale), static (t, s) => t.AddRange(s), static (a, b) => a.Merge(b)), options);
    }

    /// <summary>The rating metric of integer scores.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scale"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale.</exception>
    public static RatingResult Of(ReadOnlySpan<int> scores, RatingScale scale, SurveyOptions? options = null)
    {
        var tally = new RatingTally(scale);
        tally.AddRange(scores);
        return From(tally, options);
    }

    /// <summary>The rating metric of survey responses (weights respected, unanswered items counted apart).</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> or <paramref name="scale"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale; the message names the response.</exception>
    public static RatingResult Of(IEnumerable<SurveyResponse> responses, RatingScale scale, SurveyOptions? options = null) =>
        From(RatingTally.Of(responses, scale), options);

    /// <summary>
    /// The rating metric of a tally: the favourable share <c>Σw·[favourable]/Σw</c> with a Wilson interval on Kish's
    /// effective sample size, and the mean score with a Student-t interval.
    /// </summary>
    /// <param name="tally">The histogram; its scale names the metric.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result; without estimates when the tally has no answers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static RatingResult From(RatingTally tally, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= SurveyOptions.Default;
        var scale = tally.Scale;
        var counts = tally.Counts;
        var weights = tally.Weights;
        double nEff = tally.EffectiveSampleSize;
        double total = tally.TotalWeight;

        long favourable = 0;
        double favourableWeight = 0, weightedSum = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            int score = scale.Min + i;
            weightedSum += weights[i] * score;
            if (scale.IsFavourable(score))
            {
                favourable += counts[i];
                favourableWeight += weights[i];
            }
        }

        double share = total > 0 ? Math.Clamp(favourableWeight / total, 0, 1) : 0;
        return new RatingResult
        {
            Scale = scale,
            Count = tally.Count,
            Unanswered = tally.Unanswered,
            EffectiveSampleSize = nEff,
            Favourable = Proportion.FromWeightedCounts(favourable, tally.Count, share, nEff, options.ConfidenceLevel, options.ProportionInterval),
            Mean = Mean(tally, total > 0 ? weightedSum / total : 0, options.ConfidenceLevel),
            Histogram = counts.ToArray(),
        };
    }

    /// <summary>Compares the favourable shares of two results: Newcombe's interval for the difference and the two-proportion z-test.</summary>
    /// <param name="first">The first result (e.g. this period).</param>
    /// <param name="second">The second result (e.g. the previous period).</param>
    /// <param name="options">Confidence level.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">A result is null.</exception>
    public static ProportionComparison Compare(RatingResult first, RatingResult second, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Proportion.Compare(first.Favourable, second.Favourable, (options ?? SurveyOptions.Default).ConfidenceLevel);
    }

    /// <summary>
    /// Every cell of a CSAT or CES breakdown compared at once on the favourable share (the headline, as each period's change
    /// is): the omnibus χ² test of homogeneity of the k shares (<see cref="ChiSquareTest.Homogeneity"/>, as R's
    /// <c>prop.test(x, n, correct = FALSE)</c>) and every pair by <see cref="Compare(RatingResult, RatingResult, SurveyOptions?)"/>
    /// (Newcombe interval, pooled z-test), the pairs' p-values adjusted together by <paramref name="method"/>. Weighted
    /// responses enter as effective counts (share × Kish's effective n).
    /// </summary>
    /// <typeparam name="TKey">The breakdown's key.</typeparam>
    /// <param name="breakdown">The cells, e.g. from <c>Rating.By</c> (responses or merged tallies).</param>
    /// <param name="method">The adjustment of the pairs' p-values; Holm by default.</param>
    /// <param name="options">Confidence level of the pairs' intervals.</param>
    /// <returns>The omnibus test (none with fewer than two cells with answers) and every pair.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="breakdown"/> or one of its cells is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined adjustment.</exception>
    public static BreakdownComparison<TKey, ProportionComparison> Compare<TKey>(
        IReadOnlyList<BreakdownCell<TKey, RatingResult>> breakdown, MultipleComparisonMethod method = MultipleComparisonMethod.Holm, SurveyOptions? options = null)
    {
        options ??= SurveyOptions.Default;
        return PairwiseEngine.Compare(
            breakdown, method, static results => PairwiseEngine.Homogeneity([.. results.Select(r => r.Favourable)]), (a, b) => Compare(a, b, options),
            static c => (c.Difference, c.Interval, c.PValue), nameof(breakdown));
    }

    /// <summary>The rating metric per key (segment, channel, touchpoint, or a tuple), each cell with its n and a small-cell flag.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own cell.</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, RatingResult>> By<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, RatingScale scale, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        options ??= SurveyOptions.Default;
        return Grouping.By(responses, key, () => new RatingTally(scale), static (t, r) => t.Add(r), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>The rating metric per calendar period of <paramref name="grid"/>, each compared with the period before it.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period from the first to the last response, empty ones included.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale, or the periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(
        IEnumerable<SurveyResponse> responses, RatingScale scale, PeriodGrid grid, SurveyOptions? options = null) =>
        ByPeriodCore(responses, scale, grid, null, options);

    /// <summary>The rating metric per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/>, each compared with the period before it.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, empty ones included.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale, or the periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(
        IEnumerable<SurveyResponse> responses, RatingScale scale, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, SurveyOptions? options = null) =>
        ByPeriodCore(responses, scale, grid, (first, last), options);

    /// <summary>The rating metric per key and calendar period of <paramref name="grid"/> (e.g. per touchpoint per month), each period compared with the one before it.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own series.</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per key, ordered by key, all spanning the same periods (the first to the last response).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale, or the periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodSeries<TKey, RatingResult, ProportionComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, RatingScale scale, PeriodGrid grid, SurveyOptions? options = null) =>
        ByKeyAndPeriodCore(responses, key, scale, grid, null, options);

    /// <summary>The rating metric per key and calendar period of <paramref name="grid"/>, every series spanning <paramref name="first"/> to <paramref name="last"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own series.</param>
    /// <param name="scale">The scale, which names the metric.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per key, ordered by key.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale, or the periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodSeries<TKey, RatingResult, ProportionComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, RatingScale scale, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, SurveyOptions? options = null) =>
        ByKeyAndPeriodCore(responses, key, scale, grid, (first, last), options);

    private static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriodCore(
        IEnumerable<SurveyResponse> responses, RatingScale scale, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, SurveyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scale);
        options ??= SurveyOptions.Default;
        return Grouping.ByPeriod(
            responses, static r => r.AnsweredAt, grid, range, () => new RatingTally(scale), static (t, r) => t.Add(r),
            t => From(t, options), static t => t.Count, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    private static IReadOnlyList<PeriodSeries<TKey, RatingResult, ProportionComparison>> ByKeyAndPeriodCore<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, RatingScale scale, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, SurveyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scale);
        options ??= SurveyOptions.Default;
        return Grouping.ByKeyAndPeriod(
            responses, key, static r => r.AnsweredAt, grid, range, () => new RatingTally(scale), static (t, r) => t.Add(r),
            t => From(t, options), static t => t.Count, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    /// <summary>
    /// Weighted mean <c>Σwx/Σw</c>; variance <c>Σw(x − x̄)²/Σw · n_eff/(n_eff − 1)</c>; SE <c>s/√n_eff</c>;
    /// interval <c>x̄ ± t(n_eff − 1)·SE</c> (Student's t with fractional degrees of freedom under weights).
    /// </summary>
    private static MeanEstimate Mean(RatingTally tally, double mean, double level)
    {
        double nEff = tally.EffectiveSampleSize;
        if (tally.Count == 0)
        {
            return new MeanEstimate { Count = 0, EffectiveSampleSize = 0, Value = null, StandardDeviation = null, StandardError = null, Interval = null };
        }

        if (!(nEff > 1))
        {
            return new MeanEstimate { Count = tally.Count, EffectiveSampleSize = nEff, Value = mean, StandardDeviation = null, StandardError = null, Interval = null };
        }

        var weights = tally.Weights;
        double squares = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double deviation = tally.Scale.Min + i - mean;
            squares += weights[i] * deviation * deviation;
        }

        double variance = squares / tally.TotalWeight * nEff / (nEff - 1);
        double sd = Math.Sqrt(variance);
        double se = sd / Math.Sqrt(nEff);
        double t = StudentT.InvCDF(0, 1, nEff - 1, 1 - ((1 - level) / 2));
        return new MeanEstimate
        {
            Count = tally.Count,
            EffectiveSampleSize = nEff,
            Value = mean,
            StandardDeviation = sd,
            StandardError = se,
            Interval = new ConfidenceInterval(Math.Max(tally.Scale.Min, mean - (t * se)), Math.Min(tally.Scale.Max, mean + (t * se)), level),
        };
    }

    /// <summary>
    /// The rating metric per key from tallies counted elsewhere (one pass over a file, shards, a database <c>GROUP BY</c>):
    /// the same cells as the per-response <c>By</c> gives for the responses the tallies counted. Tallies of the same key are
    /// merged into a new tally; the given tallies are not changed.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tallies">One or more tallies per key, all on one scale; a <see langword="null"/> key forms its own cell.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> is null.</exception>
    /// <exception cref="ArgumentException">The tallies are on different scales.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, RatingResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, RatingTally>> tallies, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        options ??= SurveyOptions.Default;
        var list = tallies as IReadOnlyCollection<KeyValuePair<TKey, RatingTally>> ?? [.. tallies];
        var scale = list.Count == 0 ? null : list.First().Value.Scale;
        return Grouping.FromTallies(list, () => new RatingTally(scale!), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>
    /// The rating metric per calendar period from tallies counted per period elsewhere: the same cells as the per-response
    /// <c>ByPeriod</c> gives — every period from the first to the last, gaps as empty cells on the tallies' scale, each
    /// compared with the one before it.
    /// </summary>
    /// <param name="tallies">One or more tallies per period, all periods of one unit and all tallies on one scale.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> is null.</exception>
    /// <exception cref="ArgumentException">The periods are of different units, or the tallies on different scales.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(IEnumerable<KeyValuePair<CalendarPeriod, RatingTally>> tallies, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        options ??= SurveyOptions.Default;
        var list = tallies as IReadOnlyCollection<KeyValuePair<CalendarPeriod, RatingTally>> ?? [.. tallies];
        var scale = list.Count == 0 ? null : list.First().Value.Scale;
        return Grouping.ByPeriodFromTallies(
            list, () => new RatingTally(scale!), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count,
            (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }
}
