using CxMetrics.Breakdowns;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The Kaplan–Meier product-limit estimator of the survival (retention) curve from right-censored lifetimes
/// (Kaplan &amp; Meier 1958, "Nonparametric estimation from incomplete observations", JASA 53:457–481), computed the way
/// R <c>survival::survfit</c> computes it: <c>S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ)</c> over distinct times tⱼ with dⱼ events
/// among nⱼ at risk (censored-at-tⱼ still at risk), Greenwood's variance (Greenwood 1926)
/// <c>Var S(t) = S(t)²·Σ dⱼ/(nⱼ(nⱼ − dⱼ))</c>, log / log-log / plain intervals, and the median with R's rule.
/// </summary>
/// <remarks>
/// For customers: duration = tenure, event = churned, censored = still active on the day the data was taken. With delayed
/// entry (left truncation; Kaplan &amp; Meier 1958 §6, Tsai, Jewell &amp; Wang 1987, Biometrika 74:883) the product limit
/// runs over the risk sets <c>nⱼ = #{entry &lt; tⱼ ≤ exit}</c>, as R's <c>survfit(Surv(entry, exit, event) ~ 1)</c>:
/// the curve then estimates survival conditional on surviving to the earliest entry, and has steps at exit times only.
/// </remarks>
public static class KaplanMeier
{
    private static readonly double Tolerance = Math.Sqrt(2.220446049250313e-16); // R: sqrt(.Machine$double.eps)

    /// <summary>Fits the curve to unweighted observations given as parallel spans (the fast path: one radix sort of packed keys, one pass).</summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags (true = churned, false = censored), same length.</param>
    /// <param name="options">Level and interval type; <see cref="KaplanMeierOptions.Default"/> when omitted.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or a duration is negative or not finite (its position named).</exception>
    public static KaplanMeierResult Fit(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, KaplanMeierOptions? options = null)
    {
        var rows = KaplanMeierTally.Rows.FromUnweighted(durations, events);
        return Compute(rows, options ?? KaplanMeierOptions.Default);
    }

    /// <summary>Fits the curve to weighted observations given as parallel spans.</summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags, same length.</param>
    /// <param name="weights">Case weights, finite and &gt; 0, same length.</param>
    /// <param name="options">Level and interval type.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or a value is out of range (its position named).</exception>
    public static KaplanMeierResult Fit(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, ReadOnlySpan<double> weights, KaplanMeierOptions? options = null)
    {
        var rows = KaplanMeierTally.Rows.FromWeighted(durations, events, weights);
        return Compute(rows, options ?? KaplanMeierOptions.Default);
    }

    /// <summary>
    /// Fits the curve to unweighted observations with delayed entry, R's <c>survfit(Surv(entry, exit, event) ~ 1)</c>: a
    /// customer is at risk at t only when <c>entry &lt; t ≤ exit</c> (entry 0: from the start). With every entry 0 it is
    /// exactly the plain fit.
    /// </summary>
    /// <param name="entries">Entry times, finite, ≥ 0 and below their durations (or 0).</param>
    /// <param name="durations">Exit times, finite and ≥ 0, same length.</param>
    /// <param name="events">Event flags (true = churned, false = censored), same length.</param>
    /// <param name="options">Level and interval type; <see cref="KaplanMeierOptions.Default"/> when omitted.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or a duration or entry is out of range (its position named).</exception>
    public static KaplanMeierResult Fit(ReadOnlySpan<double> entries, ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, KaplanMeierOptions? options = null)
    {
        var rows = KaplanMeierTally.Rows.FromDelayed(entries, durations, events);
        return Compute(rows, options ?? KaplanMeierOptions.Default);
    }

    /// <summary>Fits the curve to observations (with their delayed entries, if any).</summary>
    /// <param name="observations">The observations.</param>
    /// <param name="options">Level and interval type.</param>
    /// <returns>The curve.</returns>
    public static KaplanMeierResult Fit(IEnumerable<SurvivalObservation> observations, KaplanMeierOptions? options = null) =>
        From(KaplanMeierTally.Of(observations), options);

    /// <summary>The curve of a tally (e.g. the merge of per-shard tallies).</summary>
    /// <param name="tally">The counts per time.</param>
    /// <param name="options">Level and interval type.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static KaplanMeierResult From(KaplanMeierTally tally, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return Compute(tally.ToRows(), options ?? KaplanMeierOptions.Default);
    }

    /// <summary>Kaplan–Meier curves per key (contract type, acquisition channel, plan, …), cells ordered by key.</summary>
    /// <typeparam name="TItem">The item type (e.g. a customer record).</typeparam>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own cell.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="key">The key of an item.</param>
    /// <param name="observation">The lifetime observation of an item.</param>
    /// <param name="options">Level, interval type and the small-cell minimum (<see cref="Statistics.EstimateOptions.MinimumCellSize"/>, default 30).</param>
    /// <returns>One cell per key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observation"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, KaplanMeierResult>> By<TItem, TKey>(
        IEnumerable<TItem> items, Func<TItem, TKey> key, Func<TItem, SurvivalObservation> observation, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observation);
        int minimumCellSize = (options ?? KaplanMeierOptions.Default).MinimumCellSize;
        return Grouping.By(items, key, static () => new KaplanMeierTally(), (t, item) => t.Add(observation(item)), t => From(t, options), static t => t.Count, minimumCellSize);
    }

    /// <summary>
    /// The restricted mean survival time up to <paramref name="horizon"/>: <c>∫₀^τ S(t) dt</c> with its standard error
    /// <c>√(Σ_{tⱼ ≤ τ} Aⱼ²·dⱼ/(nⱼ(nⱼ − dⱼ)))</c>, <c>Aⱼ = ∫_{tⱼ}^τ S(t) dt</c> (Klein &amp; Moeschberger 2003, §4.5; R
    /// <c>survmean</c>), and a normal interval at the curve's level clipped to [0, τ]. Beyond the last observed time the
    /// curve is carried forward flat (choose τ within follow-up for an honest number).
    /// </summary>
    /// <param name="curve">The Kaplan–Meier curve.</param>
    /// <param name="horizon">The horizon τ, finite and &gt; 0.</param>
    /// <returns>The RMST; without estimate when the curve has no observations.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The horizon is not finite and positive.</exception>
    public static RestrictedMeanSurvival RestrictedMean(KaplanMeierResult curve, double horizon)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(horizon > 0) || double.IsPositiveInfinity(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"horizon τ = {horizon} must be finite and greater than 0.");
        }

        if (curve.Count == 0)
        {
            return new RestrictedMeanSurvival { Horizon = horizon, Value = null, StandardError = null, Interval = null };
        }

        var steps = curve.Steps;

        // Area from each event time to τ, accumulated backwards. The variance sums (A/τ)², not A², so that it cannot overflow
        // for a horizon near double.MaxValue (A ≤ τ); SE = τ·√(Σ (A/τ)²·d/(n(n − d))).
        double area = 0, variance = 0;
        double end = horizon;
        for (int j = steps.Count - 1; j >= 0; j--)
        {
            var step = steps[j];
            if (step.Time >= horizon)
            {
                continue;
            }

            area += step.Survival * (end - step.Time);
            end = step.Time;
            if (step.Events > 0 && step.AtRisk - step.Events > 0)
            {
                double relative = area / horizon;
                variance += relative * relative * step.Events / (step.AtRisk * (step.AtRisk - step.Events));
            }
        }

        area += 1.0 * end; // S = 1 from 0 to the first step time below τ.
        double se = horizon * Math.Sqrt(variance);
        double z = StandardNormal.CriticalValue(curve.ConfidenceLevel);
        return new RestrictedMeanSurvival
        {
            Horizon = horizon,
            Value = area,
            StandardError = se,
            Interval = new ConfidenceInterval(Math.Max(0, area - (z * se)), Math.Min(horizon, area + (z * se)), curve.ConfidenceLevel),
        };
    }

    internal static KaplanMeierResult Compute(KaplanMeierTally.Rows rows, KaplanMeierOptions options)
    {
        if (rows.EntryWeight is not null)
        {
            return ComputeDelayed(rows, options);
        }

        int m = rows.Length;
        long events = 0, censored = 0;
        double total = 0;
        for (int i = 0; i < m; i++)
        {
            events += rows.EventCount(i);
            censored += rows.CensoredCount(i);
        }

        double z = StandardNormal.CriticalValue(options.ConfidenceLevel);

        // Numbers at risk as suffix sums (exact for whole-number weights, never drifting below zero).
        var atRisk = new double[m];
        for (int i = m - 1; i >= 0; i--)
        {
            total += rows.EventWeight[i] + rows.CensoredWeight[i];
            atRisk[i] = total;
        }

        var (survivalAt, greenwoodAt) = ProductLimit(atRisk, rows.EventWeight, m);
        return Result(new KaplanMeierCurve(rows.Times, atRisk, rows.EventWeight, rows.CensoredWeight, survivalAt, greenwoodAt, z, options), events, censored, total, options);
    }

    /// <summary>
    /// With delayed entries: <c>nⱼ = Σ_{exit ≥ tⱼ} w − Σ_{entry ≥ tⱼ} w</c> (suffix sums, exact for whole-number weights),
    /// then the product limit over the exit times only (a time with entries alone is no step, as in R).
    /// </summary>
    private static KaplanMeierResult ComputeDelayed(KaplanMeierTally.Rows rows, KaplanMeierOptions options)
    {
        int m = rows.Length, exitRows = 0;
        long events = 0, censored = 0;
        for (int i = 0; i < m; i++)
        {
            events += rows.EventCount(i);
            censored += rows.CensoredCount(i);
            if (rows.EventWeight[i] + rows.CensoredWeight[i] > 0)
            {
                exitRows++;
            }
        }

        double z = StandardNormal.CriticalValue(options.ConfidenceLevel);
        var entryWeight = rows.EntryWeight!;
        var times = new double[exitRows];
        var atRisk = new double[exitRows];
        var eventWeight = new double[exitRows];
        var censoredWeight = new double[exitRows];
        double exits = 0, entered = 0;
        for (int i = m - 1, k = exitRows - 1; i >= 0; i--)
        {
            exits += rows.EventWeight[i] + rows.CensoredWeight[i];
            entered += entryWeight[i];
            if (rows.EventWeight[i] + rows.CensoredWeight[i] > 0)
            {
                times[k] = rows.Times[i];
                atRisk[k] = Math.Max(0, exits - entered);
                eventWeight[k] = rows.EventWeight[i];
                censoredWeight[k--] = rows.CensoredWeight[i];
            }
        }

        var entries = new List<KaplanMeierEntry>();
        for (int i = 0; i < m; i++)
        {
            if (entryWeight[i] > 0)
            {
                entries.Add(new KaplanMeierEntry(rows.Times[i], entryWeight[i]));
            }
        }

        var (survivalAt, greenwoodAt) = ProductLimit(atRisk, eventWeight, exitRows);
        return Result(new KaplanMeierCurve(times, atRisk, eventWeight, censoredWeight, survivalAt, greenwoodAt, z, options), events, censored, exits, options) with { Entries = entries };
    }

    private static KaplanMeierResult Result(KaplanMeierCurve steps, long events, long censored, double total, KaplanMeierOptions options) =>
        new KaplanMeierResult
        {
            Count = events + censored,
            Events = events,
            Censored = censored,
            TotalWeight = total,
            Steps = steps,
            Median = Crossing(steps, Band.Survival),
            MedianLower = Crossing(steps, Band.Lower),
            MedianUpper = Crossing(steps, Band.Upper),
            ConfidenceLevel = options.ConfidenceLevel,
            IntervalType = options.IntervalType,
        };

    /// <summary>The pointwise interval of S with σ = √(Greenwood sum), the standard error of log S (R's <c>survfit_confint</c>).</summary>
    internal static ConfidenceInterval? Interval(double survival, double sigma, double z, KaplanMeierOptions options)
    {
        switch (options.IntervalType)
        {
            case KaplanMeierIntervalType.Log:
                return new ConfidenceInterval(survival * Math.Exp(-z * sigma), Math.Min(1, survival * Math.Exp(z * sigma)), options.ConfidenceLevel);
            case KaplanMeierIntervalType.LogLog:
                if (survival >= 1)
                {
                    return null;
                }

                double logS = Math.Log(survival), centre = Math.Log(-logS), half = z * sigma / logS;
                double a = Math.Exp(-Math.Exp(centre + half)), b = Math.Exp(-Math.Exp(centre - half));
                return new ConfidenceInterval(Math.Min(a, b), Math.Max(a, b), options.ConfidenceLevel);
            default:
                double width = z * survival * sigma;
                return new ConfidenceInterval(Math.Max(0, survival - width), Math.Min(1, survival + width), options.ConfidenceLevel);
        }
    }

    /// <summary>
    /// R's median rule on a step curve y(t): the first time y ≤ 0.5 (within √ε); when that y equals 0.5 and the curve
    /// drops later, the midpoint between that time and the time of the next drop, formed as <c>a + (b − a)/2</c> so that it
    /// stays finite for any finite times.
    /// </summary>
    private static double? Crossing(KaplanMeierCurve steps, Band curve)
    {
        for (int i = 0; i < steps.Count; i++)
        {
            double y = Value(steps, i, curve);
            if (!(y < 0.5 + Tolerance))
            {
                continue;
            }

            if (Math.Abs(y - 0.5) < Tolerance)
            {
                for (int k = i + 1; k < steps.Count; k++)
                {
                    if (Value(steps, k, curve) is var later && later < y)
                    {
                        // a + (b − a)/2, not (a + b)/2: the sum overflows to ∞ for times near double.MaxValue.
                        return steps.Time(i) + ((steps.Time(k) - steps.Time(i)) / 2);
                    }
                }
            }

            return steps.Time(i);
        }

        return null;
    }

    /// <summary>The curve value at a step, NaN where it is undefined (so it never counts as a crossing).</summary>
    private static double Value(KaplanMeierCurve steps, int index, Band band) => band switch
    {
        Band.Survival => steps.Survival(index),
        Band.Lower => steps.Band(index, upper: false),
        _ => steps.Band(index, upper: true),
    };

    private enum Band
    {
        Survival,
        Lower,
        Upper,
    }

    /// <summary>
    /// The product-limit estimate S(t) = Π (1 − dᵢ/nᵢ) and Greenwood's sum Σ dᵢ/(nᵢ(nᵢ − dᵢ)) at each of the first
    /// <paramref name="count"/> rows; a risk set emptied by its events gives S = 0 and an infinite Greenwood sum.
    /// </summary>
    private static (double[] Survival, double[] Greenwood) ProductLimit(ReadOnlySpan<double> atRisk, ReadOnlySpan<double> eventWeight, int count)
    {
        var survivalAt = new double[count];
        var greenwoodAt = new double[count];
        double survival = 1, greenwood = 0;
        for (int i = 0; i < count; i++)
        {
            double n = atRisk[i], d = eventWeight[i];
            if (d > 0)
            {
                double remaining = n - d;
                if (remaining <= n * 1e-12)
                {
                    survival = 0;
                    greenwood = double.PositiveInfinity;
                }
                else
                {
                    survival *= remaining / n;
                    greenwood += d / (n * remaining);
                }
            }

            survivalAt[i] = survival;
            greenwoodAt[i] = greenwood;
        }

        return (survivalAt, greenwoodAt);
    }
}
