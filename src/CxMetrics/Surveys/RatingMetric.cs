using CxMetrics.Breakdowns;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using CxMetrics.Time;
using MathNet.Numerics.Distributions;
using NodaTime;

namespace CxMetrics.Surveys;

/// <summary>The computations shared by <see cref="Csat"/> and <see cref="Ces"/>, which differ only in scale and naming.</summary>
internal static class RatingMetric
{
    public static RatingResult Of(ReadOnlySpan<byte> scores, RatingScale scale, SurveyOptions? options)
    {
        var tally = new RatingTally(scale);
        tally.AddRange(scores);
        return From(tally, options);
    }

    public static RatingResult OfParallel(ReadOnlyMemory<byte> scores, RatingScale scale, int? degreeOfParallelism, SurveyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return From(ParallelTally.Run(scores, degreeOfParallelism, () => new RatingTally(scale), static (t, s) => t.AddRange(s), static (a, b) => a.Merge(b)), options);
    }

    public static RatingResult Of(ReadOnlySpan<int> scores, RatingScale scale, SurveyOptions? options)
    {
        var tally = new RatingTally(scale);
        tally.AddRange(scores);
        return From(tally, options);
    }

    public static RatingTally Tally(IEnumerable<SurveyResponse> responses, RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var tally = new RatingTally(scale);
        foreach (var response in responses)
        {
            tally.Add(response);
        }

        return tally;
    }

    public static RatingResult From(RatingTally tally, SurveyOptions? options)
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
            Favourable = Proportion.Weighted(favourable, tally.Count, share, nEff, options.ConfidenceLevel, options.ProportionInterval),
            Mean = Mean(tally, total > 0 ? weightedSum / total : 0, options.ConfidenceLevel),
            Histogram = counts.ToArray(),
        };
    }

    public static ProportionComparison Compare(RatingResult first, RatingResult second, SurveyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Proportion.Compare(first.Favourable, second.Favourable, (options ?? SurveyOptions.Default).ConfidenceLevel);
    }

    public static IReadOnlyList<BreakdownCell<TKey, RatingResult>> By<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, RatingScale scale, SurveyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scale);
        options ??= SurveyOptions.Default;
        return Grouping.By(responses, key, () => new RatingTally(scale), static (t, r) => t.Add(r), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(
        IEnumerable<SurveyResponse> responses, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, RatingScale scale, SurveyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(scale);
        options ??= SurveyOptions.Default;
        return Grouping.ByPeriod(
            responses, static r => r.AnsweredAt, grid, range, () => new RatingTally(scale), static (t, r) => t.Add(r),
            t => From(t, options), static t => t.Count, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    public static IReadOnlyList<PeriodSeries<TKey, RatingResult, ProportionComparison>> ByKeyAndPeriod<TKey>(
        IEnumerable<SurveyResponse> responses, Func<SurveyResponse, TKey> key, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, RatingScale scale, SurveyOptions? options)
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

    public static IReadOnlyList<BreakdownCell<TKey, RatingResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, RatingTally>> tallies, SurveyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        options ??= SurveyOptions.Default;
        var list = tallies as IReadOnlyCollection<KeyValuePair<TKey, RatingTally>> ?? [.. tallies];
        var scale = list.Count == 0 ? null : list.First().Value.Scale;
        return Grouping.FromTallies(list, () => new RatingTally(scale!), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    public static IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>> ByPeriod(IEnumerable<KeyValuePair<CalendarPeriod, RatingTally>> tallies, SurveyOptions? options)
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
