using CxMetrics.Breakdowns;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Surveys;

/// <summary>
/// Net Promoter Score (Reichheld 2003, "The One Number You Need to Grow", HBR; NPS is a registered trademark of Bain &amp;
/// Company, Satmetrix and Fred Reichheld): the answer to "How likely are you to recommend us to a friend or colleague?"
/// on 0–10; promoters 9–10, passives 7–8, detractors 0–6; <c>NPS = %promoters − %detractors</c>, from −100 to 100.
/// </summary>
public static class Nps
{
    /// <summary>The lowest score of the scale, 0.</summary>
    public const byte MinScore = 0;

    /// <summary>The highest score of the scale, 10.</summary>
    public const byte MaxScore = 10;

    /// <summary>In a span of byte scores, the value 255 marks an unanswered item (counted, not scored).</summary>
    public const byte NoAnswer = ByteScoreCounter.NoAnswer;

    /// <summary>The group of a score: 9–10 promoter, 7–8 passive, 0–6 detractor.</summary>
    /// <param name="score">A score on 0–10.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10.</exception>
    public static NpsGroup Classify(int score) => score switch
    {
        >= 9 and <= 10 => NpsGroup.Promoter,
        >= 7 and <= 8 => NpsGroup.Passive,
        >= 0 and <= 6 => NpsGroup.Detractor,
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, $"score {score} is outside the NPS scale 0–10."),
    };

    /// <summary>NPS of byte scores (0–10, 255 = unanswered): the vectorised fast path.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="options">Interval choices; <see cref="SurveyOptions.Default"/> when omitted.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither 0–10 nor 255.</exception>
    public static NpsResult Of(ReadOnlySpan<byte> scores, SurveyOptions? options = null)
    {
        var tally = new NpsTally();
        tally.AddRange(scores);
        return From(tally, options);
    }

    /// <summary>
    /// NPS of byte scores on all cores: the input is split into one chunk per worker, each tallied by the vectorised
    /// kernel, and the tallies merged — the result is identical to <see cref="Of(ReadOnlySpan{byte}, SurveyOptions?)"/>.
    /// Worth it for inputs of many megabytes; small inputs run on one thread.
    /// </summary>
    /// <param name="scores">The scores (0–10, 255 = unanswered).</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither 0–10 nor 255 (same message and position as the sequential path).</exception>
    public static NpsResult OfParallel(ReadOnlyMemory<byte> scores, SurveyOptions? options = null, int? degreeOfParallelism = null) =>
        From(ParallelTally.Run(scores, degreeOfParallelism, static () => new NpsTally(), static (t, s) => t.AddRange(s), static (a, b) => a.Merge(b)), options);

    /// <summary>NPS of integer scores (0–10).</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10.</exception>
    public static NpsResult Of(ReadOnlySpan<int> scores, SurveyOptions? options = null)
    {
        var tally = new NpsTally();
        tally.AddRange(scores);
        return From(tally, options);
    }

    /// <summary>NPS of survey responses (weights respected, unanswered items counted apart).</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10; the message names the response.</exception>
    public static NpsResult Of(IEnumerable<SurveyResponse> responses, SurveyOptions? options = null) =>
        From(NpsTally.Of(responses), options);

    /// <summary>
    /// Computes the NPS from a tally: shares <c>p = W_promoters/W</c>, <c>d = W_detractors/W</c>; score <c>100(p − d)</c>;
    /// trinomial standard error <c>100·√((p + d − (p − d)²)/n_eff)</c> (the variance of a difference of two multinomial
    /// shares); interval by adjusted Wald (Rocks 2016: add ¾, 1½, ¾ to promoters, passives, detractors) or Wald, clipped
    /// to [−100, 100] and never excluding the observed score (which the adjusted interval's shrunken centre could do at
    /// ±100 with n = 1, or at confidence levels below about 85%).
    /// </summary>
    /// <param name="tally">The counts.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result; without estimate when the tally has no answered responses.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static NpsResult From(NpsTally tally, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= SurveyOptions.Default;
        double nEff = tally.EffectiveSampleSize;
        if (tally.Count == 0 || !(nEff > 0))
        {
            return new NpsResult
            {
                Promoters = tally.Promoters, Passives = tally.Passives, Detractors = tally.Detractors, Unanswered = tally.Unanswered,
                EffectiveSampleSize = 0, PromoterShare = null, PassiveShare = null, DetractorShare = null,
                Score = null, StandardError = null, IntervalStandardError = null, Interval = null, IntervalMethod = options.NpsInterval,
            };
        }

        double total = tally.TotalWeight;
        double p = tally.PromoterWeight / total, d = tally.DetractorWeight / total;
        double z = StandardNormal.CriticalValue(options.ConfidenceLevel);
        (double centre, double se) = options.NpsInterval == NpsIntervalMethod.AdjustedWald ? Adjusted(p, d, nEff) : (p - d, StandardError(p, d, nEff));
        return new NpsResult
        {
            Promoters = tally.Promoters,
            Passives = tally.Passives,
            Detractors = tally.Detractors,
            Unanswered = tally.Unanswered,
            EffectiveSampleSize = nEff,
            PromoterShare = p,
            PassiveShare = tally.PassiveWeight / total,
            DetractorShare = d,
            Score = 100 * (p - d),
            StandardError = 100 * StandardError(p, d, nEff),
            IntervalStandardError = 100 * se,
            Interval = Covering(100 * (p - d), 100 * (centre - (z * se)), 100 * (centre + (z * se)), 100, options.ConfidenceLevel),
            IntervalMethod = options.NpsInterval,
        };
    }

    /// <summary>
    /// Compares two scores: difference in points, <c>z = Δ/√(SE₁² + SE₂²)</c> with its two-sided p-value, and an interval
    /// by the method of <paramref name="options"/> (adjusted Wald applies Rocks' ¾/1½/¾ adjustment to each side).
    /// </summary>
    /// <param name="first">The first score (e.g. this period).</param>
    /// <param name="second">The second score (e.g. the previous period).</param>
    /// <param name="options">Level and interval method.</param>
    /// <returns>The comparison; without values when either side has no answered responses. A side whose answers all fall in
    /// one group (all promoters, all passives or all detractors) has a standard error of 0; when both do and the scores
    /// differ, z and the p-value are <see langword="null"/> (undefined), and 0 and 1 when the scores are equal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    public static NpsComparison Compare(NpsResult first, NpsResult second, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options ??= SurveyOptions.Default;
        if (first.Score is not { } s1 || second.Score is not { } s2)
        {
            return new NpsComparison
            {
                First = first, Second = second, Difference = null, StandardError = null, Interval = null, Z = null, PValue = null,
                IntervalMethod = options.NpsInterval,
            };
        }

        double difference = s1 - s2;
        double se = Math.Sqrt((first.StandardError!.Value * first.StandardError.Value) + (second.StandardError!.Value * second.StandardError.Value));
        double? zStat = Proportion.ZStatistic(difference, se);
        double z = StandardNormal.CriticalValue(options.ConfidenceLevel);
        double centre = difference, halfSe = se;
        if (options.NpsInterval == NpsIntervalMethod.AdjustedWald)
        {
            var a = Adjusted(first.PromoterShare!.Value, first.DetractorShare!.Value, first.EffectiveSampleSize);
            var b = Adjusted(second.PromoterShare!.Value, second.DetractorShare!.Value, second.EffectiveSampleSize);
            centre = 100 * (a.Centre - b.Centre);
            halfSe = 100 * Math.Sqrt((a.StandardError * a.StandardError) + (b.StandardError * b.StandardError));
        }

        return new NpsComparison
        {
            First = first,
            Second = second,
            Difference = difference,
            StandardError = se,
            Interval = Covering(difference, centre - (z * halfSe), centre + (z * halfSe), 200, options.ConfidenceLevel),
            Z = zStat,
            PValue = Proportion.TwoSidedPValue(zStat),
            IntervalMethod = options.NpsInterval,
        };
    }

    /// <summary>
    /// Every cell of an NPS breakdown compared at once: the omnibus χ² test of independence of the 3 × k table (promoters,
    /// passives, detractors × cells with answers; <see cref="ChiSquareTest.Independence"/>, as R's <c>chisq.test</c>) and
    /// every pair of cells by <see cref="Compare(NpsResult, NpsResult, SurveyOptions?)"/> (difference in points, interval,
    /// z-test), the pairs' p-values adjusted together by <paramref name="method"/>. Weighted responses enter the table as
    /// effective counts (group share × Kish's effective n), which are the counts themselves without weights.
    /// </summary>
    /// <typeparam name="TKey">The breakdown's key.</typeparam>
    /// <param name="breakdown">The cells, e.g. from <see cref="By{TKey}(IEnumerable{SurveyResponse}, Func{SurveyResponse, TKey}, SurveyOptions?)"/> or from merged tallies.</param>
    /// <param name="method">The adjustment of the pairs' p-values; Holm (family-wise error) by default.</param>
    /// <param name="options">Level and interval method of the pairs.</param>
    /// <returns>The omnibus test (none with fewer than two cells with answers) and the <c>k(k − 1)/2</c> pairs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="breakdown"/> or one of its cells is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined adjustment.</exception>
    public static BreakdownComparison<TKey, NpsComparison> Compare<TKey>(
        IReadOnlyList<BreakdownCell<TKey, NpsResult>> breakdown, MultipleComparisonMethod method = MultipleComparisonMethod.Holm, SurveyOptions? options = null)
    {
        options ??= SurveyOptions.Default;
        return PairwiseEngine.Compare(breakdown, method, Omnibus, (a, b) => Compare(a, b, options), static c => (c.Difference, c.Interval, c.PValue), nameof(breakdown));
    }

    private static OmnibusTest? Omnibus(IReadOnlyList<NpsResult> results)
    {
        int k = 0;
        foreach (var r in results)
        {
            k += r.Score.HasValue ? 1 : 0;
        }

        if (k < 2)
        {
            return null;
        }

        var table = new double[3, k];
        int j = 0;
        foreach (var r in results)
        {
            if (r.Score is null)
            {
                continue;
            }

            bool whole = r.EffectiveSampleSize == r.Count;
            table[0, j] = whole ? r.Promoters : r.PromoterShare!.Value * r.EffectiveSampleSize;
            table[1, j] = whole ? r.Passives : r.PassiveShare!.Value * r.EffectiveSampleSize;
            table[2, j] = whole ? r.Detractors : r.DetractorShare!.Value * r.EffectiveSampleSize;
            j++;
        }

        return OmnibusTest.Of(OmnibusTestKind.ChiSquareIndependence, ChiSquareTest.Independence(table), k);
    }

    /// <summary>NPS per key (segment, channel, touchpoint, or a tuple), each cell with its n and a small-cell flag.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own cell.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    public static IReadOnlyList<BreakdownCell<TKey, NpsResult>> By<TKey>(IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, SurveyOptions? options = null)
    {
        options ??= SurveyOptions.Default;
        return Grouping.By(responses, key, static () => new NpsTally(), static (t, r) => t.Add(r), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>
    /// NPS per calendar period of <paramref name="grid"/>, every period from the first to the last response (empty ones
    /// included), each compared with the period before it.
    /// </summary>
    /// <param name="responses">The responses.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> ByPeriod(IEnumerable<SurveyResponse> responses, PeriodGrid grid, SurveyOptions? options = null) =>
        ByPeriod(responses, grid, null, options);

    /// <summary>NPS per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/> (empty ones included), each compared with the period before it.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, in time order.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range spans more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> ByPeriod(
        IEnumerable<SurveyResponse> responses, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, SurveyOptions? options = null) =>
        ByPeriod(responses, grid, (first, last), options);

    private static IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> ByPeriod(
        IEnumerable<SurveyResponse> responses, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, SurveyOptions? options)
    {
        options ??= SurveyOptions.Default;
        return Grouping.ByPeriod(
            responses, static r => r.AnsweredAt, grid, range, static () => new NpsTally(), static (t, r) => t.Add(r),
            t => From(t, options), static t => t.Count, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    /// <summary>
    /// NPS per key from tallies counted elsewhere (one pass over a file, shards, a database <c>GROUP BY</c>): the same cells
    /// as <see cref="By{TKey}(IEnumerable{SurveyResponse}, Func{SurveyResponse, TKey}, SurveyOptions?)"/> gives for the
    /// responses the tallies counted. Tallies of the same key are merged into a new tally; the given tallies are not changed.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tallies">One or more tallies per key; a <see langword="null"/> key forms its own cell.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    public static IReadOnlyList<BreakdownCell<TKey, NpsResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, NpsTally>> tallies, SurveyOptions? options = null)
    {
        options ??= SurveyOptions.Default;
        return Grouping.FromTallies(tallies, static () => new NpsTally(), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>
    /// NPS per calendar period from tallies counted per period elsewhere (e.g. keyed by <see cref="PeriodGrid.Containing(Instant)"/>
    /// while streaming): the same cells as <see cref="ByPeriod(IEnumerable{SurveyResponse}, PeriodGrid, SurveyOptions?)"/>
    /// gives for the responses the tallies counted — every period from the first to the last, gaps as empty cells, each
    /// compared with the one before it.
    /// </summary>
    /// <param name="tallies">One or more tallies per period, all periods of one unit; tallies of the same period are merged into a new tally.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentException">The periods are of different units.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> ByPeriod(IEnumerable<KeyValuePair<CalendarPeriod, NpsTally>> tallies, SurveyOptions? options = null)
    {
        options ??= SurveyOptions.Default;
        return Grouping.ByPeriodFromTallies(
            tallies, static () => new NpsTally(), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count,
            (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    /// <summary>
    /// NPS per key and calendar period of <paramref name="grid"/> — e.g. each segment's NPS per month, each month compared
    /// with the one before it (difference, interval, z-test). Every key's series spans the same periods, from the first to
    /// the last response, empty cells included.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own series.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per key, ordered by key.</returns>
    public static IReadOnlyList<PeriodSeries<TKey, NpsResult, NpsComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, PeriodGrid grid, SurveyOptions? options = null) =>
        ByKeyAndPeriod(responses, key, grid, null, options);

    /// <summary>NPS per key and calendar period of <paramref name="grid"/>, every series spanning <paramref name="first"/> to <paramref name="last"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own series.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per key, ordered by key.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodSeries<TKey, NpsResult, NpsComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, SurveyOptions? options = null) =>
        ByKeyAndPeriod(responses, key, grid, (first, last), options);

    private static IReadOnlyList<PeriodSeries<TKey, NpsResult, NpsComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, SurveyOptions? options)
    {
        options ??= SurveyOptions.Default;
        return Grouping.ByKeyAndPeriod(
            responses, key, static r => r.AnsweredAt, grid, range, static () => new NpsTally(), static (t, r) => t.Add(r),
            t => From(t, options), static t => t.Count, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    /// <summary>
    /// Responses needed so that the Wald half-width of the NPS is at most <paramref name="marginPoints"/>:
    /// <c>n = ⌈z²·(p + d − (p − d)²)/(E/100)²⌉</c>, with an optional finite-population correction.
    /// </summary>
    /// <param name="marginPoints">Target margin in NPS points (e.g. 5 for ±5), in (0, 200).</param>
    /// <param name="expectedPromoterShare">Expected promoter share p; default 0.5, the worst case with d = 0.5.</param>
    /// <param name="expectedDetractorShare">Expected detractor share d; p + d ≤ 1; default 0.5. The variance
    /// <c>p + d − (p − d)²</c> is largest (1) at p = d = 0.5, so omitting both shares asks for the worst case.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="population">Customers surveyed from, for the finite-population correction; <see langword="null"/> for none.</param>
    /// <returns>The number of answered responses needed (at most the population when one is given).</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An input is out of range, or (without a population) <paramref name="marginPoints"/> is so small that the answer passes
    /// the largest count, <see cref="long.MaxValue"/> — the exception names the margin rather than answering a saturated number.
    /// </exception>
    public static long SampleSizeForMargin(double marginPoints, double expectedPromoterShare = 0.5, double expectedDetractorShare = 0.5, double level = 0.95, long? population = null)
    {
        if (!(marginPoints > 0 && marginPoints < 200))
        {
            throw new ArgumentOutOfRangeException(nameof(marginPoints), marginPoints, $"margin {marginPoints} must be in NPS points, strictly between 0 and 200.");
        }

        Guard.Probability(expectedPromoterShare);
        Guard.Probability(expectedDetractorShare);
        if (expectedPromoterShare + expectedDetractorShare > 1 + 1e-12)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedDetractorShare), expectedDetractorShare, $"promoter share {expectedPromoterShare} plus detractor share {expectedDetractorShare} exceeds 1.");
        }

        double z = StandardNormal.CriticalValue(level);
        double variance = Variance(expectedPromoterShare, expectedDetractorShare);
        double margin = marginPoints / 100;
        return Proportion.FinitePopulation(Math.Max(variance, 1e-12) * z * z / (margin * margin), population, nameof(marginPoints), marginPoints);
    }

    /// <summary>
    /// Responses per arm for a two-sided z-test of two NPS values to detect a change of
    /// <paramref name="minimumDetectableEffectPoints"/>: <c>n = ⌈2V(z₁₋α/₂ + z₁₋β)²/(δ/100)²⌉</c> with the per-response
    /// variance of the baseline, <c>V = p + d − (p − d)²</c> (p promoters, d detractors), taken for both arms.
    /// Example: 40% promoters, 20% detractors (NPS 20; V = 0.56), δ = 5 points, α = 0.05, power 0.8 → 3,517 per arm.
    /// </summary>
    /// <param name="expectedPromoterShare">Baseline promoter share p.</param>
    /// <param name="expectedDetractorShare">Baseline detractor share d; p + d ≤ 1. Omit both for the worst case p = d = 0.5 (V = 1).</param>
    /// <param name="minimumDetectableEffectPoints">The change worth detecting in NPS points (5 = 5 points; negative for a drop), 0 &lt; |δ| &lt; 200.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>Answered responses needed in each arm (at least 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range, or the answer passes <see cref="long.MaxValue"/> (named <paramref name="minimumDetectableEffectPoints"/>).</exception>
    public static long SampleSizePerArm(double minimumDetectableEffectPoints, double expectedPromoterShare = 0.5, double expectedDetractorShare = 0.5, double alpha = 0.05, double power = 0.8)
    {
        double variance = PlannedVariance(expectedPromoterShare, expectedDetractorShare, alpha, power);
        if (!(Math.Abs(minimumDetectableEffectPoints) > 0 && Math.Abs(minimumDetectableEffectPoints) < 200))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumDetectableEffectPoints), minimumDetectableEffectPoints, $"the minimum detectable effect {minimumDetectableEffectPoints} must be in NPS points, not 0 and strictly between −200 and 200.");
        }

        double z = StandardNormal.CriticalValue(1 - alpha) + MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, power);
        double effect = minimumDetectableEffectPoints / 100;
        return Proportion.RoundUp(2 * variance * z * z / (effect * effect), nameof(minimumDetectableEffectPoints), minimumDetectableEffectPoints);
    }

    /// <summary>
    /// The smallest NPS change, in points, a two-sided z-test detects with <paramref name="responsesPerArm"/> responses per
    /// arm: <c>100·(z₁₋α/₂ + z₁₋β)·√(2V/n)</c>, V = p + d − (p − d)² of the baseline (the inverse of <see cref="SampleSizePerArm"/>).
    /// </summary>
    /// <param name="responsesPerArm">Answered responses in each arm, ≥ 1.</param>
    /// <param name="expectedPromoterShare">Baseline promoter share p.</param>
    /// <param name="expectedDetractorShare">Baseline detractor share d; p + d ≤ 1.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>The change in NPS points (&gt; 0; may exceed what the scale allows when n is tiny).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static double MinimumDetectableEffect(long responsesPerArm, double expectedPromoterShare = 0.5, double expectedDetractorShare = 0.5, double alpha = 0.05, double power = 0.8)
    {
        double variance = PlannedVariance(expectedPromoterShare, expectedDetractorShare, alpha, power);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(responsesPerArm);
        double z = StandardNormal.CriticalValue(1 - alpha) + MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, power);
        return 100 * z * Math.Sqrt(2 * variance / responsesPerArm);
    }

    /// <summary>
    /// Power of a two-sided z-test of two NPS values with <paramref name="responsesPerArm"/> responses per arm to detect a
    /// change of <paramref name="minimumDetectableEffectPoints"/>: <c>Φ(|δ/100|/√(2V/n) − z₁₋α/₂)</c> (the far tail ignored).
    /// </summary>
    /// <param name="minimumDetectableEffectPoints">The change in NPS points, not 0.</param>
    /// <param name="responsesPerArm">Answered responses in each arm, ≥ 1.</param>
    /// <param name="expectedPromoterShare">Baseline promoter share p.</param>
    /// <param name="expectedDetractorShare">Baseline detractor share d; p + d ≤ 1.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <returns>The power.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static double Power(double minimumDetectableEffectPoints, long responsesPerArm, double expectedPromoterShare = 0.5, double expectedDetractorShare = 0.5, double alpha = 0.05)
    {
        double variance = PlannedVariance(expectedPromoterShare, expectedDetractorShare, alpha, 0.5);
        if (!(Math.Abs(minimumDetectableEffectPoints) > 0 && Math.Abs(minimumDetectableEffectPoints) < 200))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumDetectableEffectPoints), minimumDetectableEffectPoints, $"the minimum detectable effect {minimumDetectableEffectPoints} must be in NPS points, not 0 and strictly between −200 and 200.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(responsesPerArm);
        double se = Math.Sqrt(2 * variance / responsesPerArm);
        return MathNet.Numerics.Distributions.Normal.CDF(0, 1, (Math.Abs(minimumDetectableEffectPoints) / 100 / se) - StandardNormal.CriticalValue(1 - alpha));
    }

    private static double PlannedVariance(double expectedPromoterShare, double expectedDetractorShare, double alpha, double power)
    {
        Guard.Probability(expectedPromoterShare);
        Guard.Probability(expectedDetractorShare);
        if (expectedPromoterShare + expectedDetractorShare > 1 + 1e-12)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedDetractorShare), expectedDetractorShare, $"promoter share {expectedPromoterShare} plus detractor share {expectedDetractorShare} exceeds 1.");
        }

        Guard.ConfidenceLevel(1 - alpha, nameof(alpha));
        Guard.ConfidenceLevel(power, nameof(power));
        return Math.Max(Variance(expectedPromoterShare, expectedDetractorShare), 1e-12);
    }

    /// <summary>
    /// Clips an interval to ±<paramref name="limit"/> and widens it to contain the observed value. The adjusted-Wald
    /// centre is shrunk towards 0, so at ±100 with very few responses (or at low confidence levels) its raw bounds can
    /// exclude the observed score; an interval that rules out what was observed would mislead, so the bound is moved to it.
    /// </summary>
    private static ConfidenceInterval Covering(double observed, double lower, double upper, double limit, double level) =>
        new(Math.Max(-limit, Math.Min(lower, observed)), Math.Min(limit, Math.Max(upper, observed)), level);

    private static double Variance(double p, double d) => Math.Max(0, p + d - ((p - d) * (p - d)));

    private static double StandardError(double p, double d, double n) => Math.Sqrt(Variance(p, d) / n);

    private static (double Centre, double StandardError) Adjusted(double p, double d, double n)
    {
        double adjustedN = n + 3;
        double pa = ((p * n) + 0.75) / adjustedN, da = ((d * n) + 0.75) / adjustedN;
        return (pa - da, StandardError(pa, da, adjustedN));
    }
}
