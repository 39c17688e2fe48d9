using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// Cox proportional-hazards regression (Cox 1972, "Regression models and life-tables", JRSS B 34:187), computed as R
/// <c>survival::coxph</c> (Therneau &amp; Grambsch 2000, <i>Modeling Survival Data</i>, ch. 3): the hazard of a subject
/// with covariates x is <c>h₀(t)·exp(βᵀx)</c>, β maximising the log partial likelihood
/// <c>ℓ(β) = Σ_events wᵢ·ηᵢ − Σ_times Σ_{k&lt;d} w̄·log(S₀ − (k/d)·D₀)</c> (Efron ties; Breslow: <c>d_w·log S₀</c>), with
/// <c>S₀ = Σ_{risk set} w·exp(η)</c>, by Newton–Raphson from β = 0 with step halving, stopping as R when the relative
/// change of ℓ is at most 1e−9 — and, to certify the optimum as the engine does, the next Newton step is at most 1e−8 in
/// every coefficient (a small score alone does not certify: on a monotone likelihood the score vanishes while β runs off). One pass over the data sorted by stratum and decreasing time accumulates the risk-set sums
/// S₀, S₁, S₂ for every event time at once, so each iteration costs O(n·p²) after one O(n log n) sort; with delayed entry
/// (R's <c>Surv(start, stop, event)</c>) the same pass also takes each late row out of the sums once it passes its entry.
/// </summary>
/// <remarks>
/// <para>Tests as <c>summary(coxph)</c>: likelihood ratio <c>2(ℓ(β̂) − ℓ(0))</c>, Wald <c>β̂ᵀ I(β̂) β̂</c> and score
/// <c>U(0)ᵀ I(0)⁻¹ U(0)</c>, each on p degrees of freedom; Harrell's concordance of the linear predictor (pairs within a
/// stratum, ties in the predictor count one half, tied event times are not comparable) with R's infinitesimal-jackknife
/// standard error.</para>
/// <para>Statuses: <see cref="FitStatus.Boundary"/> when the partial likelihood keeps rising as a coefficient runs to
/// ±∞ (monotone likelihood: a level with no events, or a covariate that orders the event times perfectly; R warns
/// "coefficient may be infinite"), naming the coefficient; <see cref="FitStatus.NotConverged"/> when the information
/// matrix is singular (a constant or collinear covariate); <see cref="FitStatus.IterationLimit"/>;
/// <see cref="FitStatus.NoData"/> without observations or events. Only a converged model has standard errors, tests,
/// concordance and survival curves.</para>
/// </remarks>
public static class CoxRegression
{
    /// <summary>
    /// Fits the model to observations (their weights are case weights, as R's <c>weights</c>). An observation with a
    /// delayed entry is at risk only on (entry, exit] — R's counting-process <c>coxph(Surv(start, stop, event) ~ …)</c>
    /// (Andersen &amp; Gill 1982; Therneau &amp; Grambsch 2000, §3.7): the walk over decreasing time adds each row at its
    /// exit and removes it again at its entry, so the fit still costs one sorted pass per Newton step. The same rows serve
    /// for time-varying covariates (one row per interval of constant covariates, as R's <c>heart</c> data).
    /// </summary>
    /// <param name="observations">The lifetimes: entry, exit (duration), event flag and case weight of each row.</param>
    /// <param name="design">The covariates and strata, one row per observation.</param>
    /// <param name="options">Ties, iterations and confidence level; <see cref="CoxOptions.Default"/> when omitted.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/> or <paramref name="design"/> is null.</exception>
    /// <exception cref="ArgumentException">The design's rows differ from the observations, or a categorical term's reference level does not occur.</exception>
    public static CoxModel Fit(IReadOnlyList<SurvivalObservation> observations, CoxDesign design, CoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(design);
        return FitRows(observations, null, design, options);
    }

    /// <summary>
    /// Fits the model to distinct rows with frequency counts: each observation (and its design row) stands for
    /// <paramref name="counts"/>[i] identical rows, and the fit is the one on the rows repeated — coefficients, model
    /// standard errors, the three tests, the concordance and its standard error, the proportional-hazards test and the
    /// survival curves, with <see cref="CoxModel.Count"/> and <see cref="CoxModel.Events"/> counting the repeated rows. A
    /// count is not a case weight: Efron's tie correction counts the tied events (d), which a weight w would leave at one
    /// row (R's <c>coxph(weights = w)</c> differs from the repeated rows under Efron ties for that reason). A file whose
    /// covariates are categorical has few distinct (entry, duration, event, weight, covariates, stratum) rows, so a fit
    /// over millions of customers keeps thousands of rows.
    /// </summary>
    /// <param name="observations">The distinct lifetimes: entry, exit (duration), event flag and case weight of each row.</param>
    /// <param name="counts">How many identical rows each observation stands for, each ≥ 1, in all at most <see cref="int.MaxValue"/>.</param>
    /// <param name="design">The covariates and strata, one row per observation.</param>
    /// <param name="options">Ties, iterations and confidence level; <see cref="CoxOptions.Default"/> when omitted.</param>
    /// <returns>The fitted model, as <see cref="Fit(IReadOnlyList{SurvivalObservation}, CoxDesign, CoxOptions?)"/> gives it for the rows repeated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/>, <paramref name="counts"/> or <paramref name="design"/> is null.</exception>
    /// <exception cref="ArgumentException">The counts or the design's rows differ in number from the observations, or a categorical term's reference level does not occur.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1, or the counts add up to more than <see cref="int.MaxValue"/>.</exception>
    public static CoxModel Fit(IReadOnlyList<SurvivalObservation> observations, IReadOnlyList<int> counts, CoxDesign design, CoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(design);
        if (counts.Count != observations.Count)
        {
            throw new ArgumentException($"there are {counts.Count} counts for {observations.Count} observations.", nameof(counts));
        }

        var frequency = new int[counts.Count];
        long total = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            frequency[i] = counts[i];
            ArgumentOutOfRangeException.ThrowIfLessThan(frequency[i], 1, nameof(counts));
            total += frequency[i];
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, int.MaxValue, nameof(counts));
        return FitRows(observations, frequency, design, options);
    }

    private static CoxModel FitRows(IReadOnlyList<SurvivalObservation> observations, int[]? counts, CoxDesign design, CoxOptions? options)
    {
        int n = observations.Count;
        var time = new double[n];
        var entry = new double[n];
        var status = new bool[n];
        var weight = new double[n];
        for (int i = 0; i < n; i++)
        {
            entry[i] = observations[i].Entry;
            time[i] = observations[i].Duration;
            status[i] = observations[i].Event;
            weight[i] = observations[i].Weight is > 0 and var w ? w : 1.0;
        }

        return Compute(time, entry, status, weight, counts, design, options ?? CoxOptions.Default, nameof(observations));
    }

    /// <summary>Fits the model to unweighted observations given as parallel spans (the fast path).</summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags (true = churned, false = censored), same length.</param>
    /// <param name="design">The covariates and strata, one row per observation.</param>
    /// <param name="options">Ties, iterations and confidence level; <see cref="CoxOptions.Default"/> when omitted.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="design"/> is null.</exception>
    /// <exception cref="ArgumentException">The spans or the design differ in length, a duration is negative or not finite (its position named), or a reference level does not occur.</exception>
    public static CoxModel Fit(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, CoxDesign design, CoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (events.Length != durations.Length)
        {
            throw new ArgumentException($"durations ({durations.Length}) and events ({events.Length}) must have the same length.", nameof(events));
        }

        for (int i = 0; i < durations.Length; i++)
        {
            KaplanMeierTally.CheckDuration(durations[i], null, i, nameof(durations));
        }

        var weight = new double[durations.Length];
        weight.AsSpan().Fill(1.0);
        return Compute(durations.ToArray(), null, events.ToArray(), weight, null, design, options ?? CoxOptions.Default, nameof(durations));
    }

    // counts: the frequency of each row (null: one each); the weights are multiplied by them before the walk.
    private static CoxModel Compute(double[] time, double[]? entry, bool[] status, double[] weight, int[]? counts, CoxDesign design, CoxOptions options, string dataName)
    {
        int n = time.Length;
        if ((design.Columns.Count > 0 || design.Strata is not null) && design.Rows != n)
        {
            throw new ArgumentException($"the design has {design.Rows} rows for {n} observations.", nameof(design));
        }

        var encoding = CoxEncoding.Of(design, n, counts);
        long rows = 0;
        long events = 0;
        double totalWeight = 0;
        for (int i = 0; i < n; i++)
        {
            int c = counts is null ? 1 : counts[i];
            rows += c;
            events += status[i] ? c : 0;
            if (counts is not null)
            {
                weight[i] *= c;
            }

            totalWeight += weight[i];
        }

        if (n == 0 || events == 0)
        {
            return CoxModel.Empty(encoding, options, rows, events, totalWeight, n == 0 ? $"no {dataName}" : "no events: the partial likelihood is flat");
        }

        var data = CoxData.Sorted(time, entry, status, weight, counts, encoding);
        var engine = new CoxEngine(data, options.Ties);
        return engine.Run(encoding, options, rows, events, totalWeight);
    }
}
