using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Surveys;

/// <summary>
/// Customer effort score. CES 2.0 (Gartner/CEB; Dixon, Toman &amp; DeLisi 2013) asks how much the customer agrees that
/// "the company made it easy for me to handle my issue" on 1–7; it is reported as the mean score and as the share agreeing
/// (5–7). The older 1–5 effort scale and a 0–10 scale are available through <see cref="CesScale"/> with an explicit direction.
/// </summary>
public static class Ces
{
    /// <summary>The default scale: CES 2.0, 1–7 agreement with agree = 5–7 (<see cref="CesScale.Agreement1To7"/>).</summary>
    public static RatingScale DefaultScale => CesScale.Agreement1To7;

    /// <summary>Ces of byte scores (255 = unanswered): the vectorised fast path.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither on the scale nor 255.</exception>
    public static RatingResult Of(ReadOnlySpan<byte> scores, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.Of(scores, scale ?? DefaultScale, options);

    /// <summary>
    /// Ces of byte scores on all cores (partition, tally, merge); identical to the single-threaded result.
    /// </summary>
    /// <param name="scores">The scores (255 = unanswered).</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither on the scale nor 255.</exception>
    public static RatingResult OfParallel(ReadOnlyMemory<byte> scores, RatingScale? scale = null, int? degreeOfParallelism = null, SurveyOptions? options = null) =>
        RatingMetric.OfParallel(scores, scale ?? DefaultScale, degreeOfParallelism, options);

    /// <summary>Ces of integer scores.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale.</exception>
    public static RatingResult Of(ReadOnlySpan<int> scores, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.Of(scores, scale ?? DefaultScale, options);

    /// <summary>Ces of survey responses (weights respected, unanswered items counted apart).</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale; the message names the response.</exception>
    public static RatingResult Of(IEnumerable<SurveyResponse> responses, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.From(RatingMetric.Tally(responses, scale ?? DefaultScale), options);

    /// <summary>The tally of survey responses on a scale.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <returns>A new tally.</returns>
    public static RatingTally Tally(IEnumerable<SurveyResponse> responses, RatingScale? scale = null) =>
        RatingMetric.Tally(responses, scale ?? DefaultScale);

    /// <summary>
    /// Computes Ces from a tally: the favourable share <c>Σw·[favourable]/Σw</c> with a Wilson interval on Kish's
    /// effective sample size, and the mean score with a Student-t interval.
    /// </summary>
    /// <param name="tally">The histogram.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result; without estimates when the tally has no answers.</returns>
    public static RatingResult From(RatingTally tally, SurveyOptions? options = null) => RatingMetric.From(tally, options);

    /// <summary>Compares the favourable shares of two results: Newcombe's interval for the difference and the two-proportion z-test.</summary>
    /// <param name="first">The first result (e.g. this period).</param>
    /// <param name="second">The second result (e.g. the previous period).</param>
    /// <param name="options">Confidence level.</param>
    /// <returns>The comparison.</returns>
    public static ProportionComparison Compare(RatingResult first, RatingResult second, SurveyOptions? options = null) =>
        RatingMetric.Compare(first, second, options);

    /// <summary>Ces per key (segment, channel, touchpoint, or a tuple), each cell with its n and a small-cell flag.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own cell.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    public static IReadOnlyList<BreakdownCell<TKey, RatingResult>> By<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.By(responses, key, scale ?? DefaultScale, options);

    /// <summary>Ces per calendar period of <paramref name="grid"/>, each compared with the period before it.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period from the first to the last response, empty ones included.</returns>
    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(
        IEnumerable<SurveyResponse> responses, PeriodGrid grid, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.ByPeriod(responses, grid, null, scale ?? DefaultScale, options);

    /// <summary>Ces per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/>, each compared with the period before it.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, empty ones included.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(
        IEnumerable<SurveyResponse> responses, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.ByPeriod(responses, grid, (first, last), scale ?? DefaultScale, options);

    /// <summary>Ces per key and calendar period of <paramref name="grid"/> (e.g. per touchpoint per month), each period compared with the one before it.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own series.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per key, ordered by key, all spanning the same periods (the first to the last response).</returns>
    public static IReadOnlyList<PeriodSeries<TKey, RatingResult, ProportionComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, PeriodGrid grid, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.ByKeyAndPeriod(responses, key, grid, null, scale ?? DefaultScale, options);

    /// <summary>Ces per key and calendar period of <paramref name="grid"/>, every series spanning <paramref name="first"/> to <paramref name="last"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="responses">The responses.</param>
    /// <param name="key">The key of a response; <see langword="null"/> keys form their own series.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="scale">The scale; <see cref="DefaultScale"/> when omitted.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per key, ordered by key.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodSeries<TKey, RatingResult, ProportionComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, RatingScale? scale = null, SurveyOptions? options = null) =>
        RatingMetric.ByKeyAndPeriod(responses, key, grid, (first, last), scale ?? DefaultScale, options);

    /// <summary>
    /// Ces per key from tallies counted elsewhere (one pass over a file, shards, a database <c>GROUP BY</c>): the same cells
    /// as the per-response <c>By</c> gives for the responses the tallies counted. Tallies of the same key are merged into a
    /// new tally; the given tallies are not changed.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tallies">One or more tallies per key, all on one scale; a <see langword="null"/> key forms its own cell.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentException">The tallies are on different scales.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, RatingResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, RatingTally>> tallies, SurveyOptions? options = null) =>
        RatingMetric.By(tallies, options);

    /// <summary>
    /// Ces per calendar period from tallies counted per period elsewhere: the same cells as the per-response <c>ByPeriod</c>
    /// gives — every period from the first to the last, gaps as empty cells on the tallies' scale, each compared with the one before it.
    /// </summary>
    /// <param name="tallies">One or more tallies per period, all periods of one unit and all tallies on one scale.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentException">The periods are of different units, or the tallies on different scales.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(IEnumerable<KeyValuePair<CalendarPeriod, RatingTally>> tallies, SurveyOptions? options = null) =>
        RatingMetric.ByPeriod(tallies, options);
}
