using System.Globalization;
using CxMetrics.Statistics;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Lifetime;

/// <summary>
/// The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987), "Counting Your Customers: Who Are They and What Will
/// They Do Next?", <i>Management Science</i> 33(1), 1–24: while alive a customer buys as a Poisson process with rate
/// λ ~ Gamma(r, α) and has an exponential lifetime with rate μ ~ Gamma(s, β).
/// </summary>
/// <remarks>
/// Fitted by maximum likelihood in log-parameters (analytic gradient and Hessian, BFGS, Nelder–Mead fallback, Newton steps) on compressed rows,
/// with the likelihood of Fader &amp; Hardie (2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions") in
/// log space. The work is bounded: at most <see cref="FitOptions.MaxEvaluations"/> likelihood passes, and inside a fit
/// each ₂F₁ series at most 20,000 terms (a pass needing more answers NaN, a wall for the optimiser); a fit that walks
/// towards s, β → ∞ (or r, α → ∞) ends as <see cref="FitStatus.Boundary"/>. On the CDNOW sample (weeks, 39-week calibration) it reproduces Fader, Hardie &amp;
/// Lee (2005) r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0. Same model as lifetimes'
/// <c>ParetoNBDFitter</c>, BTYD's <c>pnbd</c> and CLVTools' <c>pnbd</c>.
/// </remarks>
public static class ParetoNbd
{
    /// <summary>Fits the Pareto/NBD model with the default work budget (<see cref="FitOptions.Default"/>).</summary>
    /// <param name="data">x, t_x, T per customer.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static ParetoNbdModel Fit(RfmData data) => Fit(data, FitOptions.Default);

    /// <summary>Fits the Pareto/NBD model.</summary>
    /// <param name="data">x, t_x, T per customer.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>
    /// The fitted model; check <see cref="FitDiagnostics.Status"/>. On small or homogeneous data sets the likelihood
    /// often rises for ever as s and β (or r and α) grow together — the limit where every customer shares one dropout
    /// (purchase) rate; such a fit ends quickly with <see cref="FitStatus.Boundary"/> and the limiting rate in its message.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="options"/> is null.</exception>
    public static ParetoNbdModel Fit(RfmData data, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var compressed = data.Compress();
        if (compressed.Count == 0)
        {
            return ParetoNbdModel.Empty();
        }

        // On many distinct rows the fit starts from a fit on a sample: Newton steps with the analytic Hessian then finish it.
        var start = Start(compressed);
        var warm = SampleStart.Estimate(compressed, start, options, (rows, from, o) => Fit(rows, from, start, o, new ParetoNbdLikelihood(rows), warmStart: false));
        var likelihood = new ParetoNbdLikelihood(compressed);
        var outcome = Fit(compressed, warm ?? start, start, options, likelihood, warmStart: warm is not null);
        return ParetoNbdModel.From(AtEdge(outcome, likelihood.CappedPasses)) with { FitOptions = options };
    }

    /// <summary>One run of the engine on compressed rows, with the analytic gradient and Hessian.</summary>
    private static MaximumLikelihood.Outcome Fit(RfmData compressed, double[] from, double[] priorCentre, FitOptions options, ParetoNbdLikelihood likelihood, bool warmStart) =>
        Regularisation.Fit(likelihood.Evaluate, analyticGradient: true, from, compressed.TotalWeight, compressed.Count, options, priorCentre: priorCentre, hessian: likelihood.Hessian, warmStart: warmStart);

    /// <summary>
    /// The engine's start on compressed data, r = 1, α = mean T / mean x, s = 1, β = mean T (each clamped to
    /// [10⁻³, 10⁶]); also the centre of a regularised fit's prior (<see cref="FitOptions.PriorScale"/>).
    /// </summary>
    internal static double[] Start(RfmData compressed)
    {
        var (meanX, meanT) = BetaGeoNbd.Means(compressed);
        return [1, Math.Clamp(meanT / Math.Max(meanX, 0.01), 1e-3, 1e6), 1, Math.Clamp(meanT, 1e-3, 1e6)];
    }

    /// <summary>Fits the Pareto/NBD model on customer summaries with the default work budget.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static ParetoNbdModel Fit(CustomerBaseSummary summary) => Fit(summary, FitOptions.Default);

    /// <summary>Fits the Pareto/NBD model on customer summaries.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static ParetoNbdModel Fit(CustomerBaseSummary summary, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.ToRfmData(), options);
    }

    /// <summary>
    /// Names the edge a failed fit was walking to. s, β → ∞ with s/β = μ fixed is the Pareto/NBD whose customers all share
    /// the dropout rate μ (the gamma of μ collapses to a point), and r, α → ∞ the one whose customers all buy at rate
    /// r/α; the likelihood can rise towards such a limit for ever, and the ₂F₁ series then need ever more terms (about
    /// 37·max(α, β)/(min(α, β) + t) when the ratio is large), which is what made such fits slow before the series were
    /// capped. A failed fit that met the cap, or whose estimate is deep on such a ridge (shape above 100 and rate ratio
    /// above 100), is reported as <see cref="FitStatus.Boundary"/>.
    /// </summary>
    private static MaximumLikelihood.Outcome AtEdge(MaximumLikelihood.Outcome outcome, int cappedPasses)
    {
        var d = outcome.Diagnostics;
        if (d.IsConverged || d.Status == FitStatus.NoData)
        {
            return outcome;
        }

        double r = outcome.Parameters[0], alpha = outcome.Parameters[1], s = outcome.Parameters[2], beta = outcome.Parameters[3];
        bool dropoutRidge = s > 100 && beta > 100 * alpha;
        bool purchaseRidge = r > 100 && alpha > 100 * beta;
        if (cappedPasses == 0 && !dropoutRidge && !purchaseRidge)
        {
            return outcome;
        }

        string message = beta >= alpha
            ? string.Create(CultureInfo.InvariantCulture, $"s and β grow together without bound (s = {s:G3}, β = {beta:G3}, s/β = {s / beta:G3}): the likelihood rises towards the limit where every customer has the same dropout rate μ = s/β; the data show no heterogeneity in dropout, so s and β are not identified.")
            : string.Create(CultureInfo.InvariantCulture, $"r and α grow together without bound (r = {r:G3}, α = {alpha:G3}, r/α = {r / alpha:G3}): the likelihood rises towards the limit where every customer buys at the same rate λ = r/α; the data show no heterogeneity in purchase rates, so r and α are not identified.");
        return outcome with { Diagnostics = d with { Status = FitStatus.Boundary, Message = message } };
    }

    /// <summary>One customer's Pareto/NBD log-likelihood ln L(r, α, s, β | x, t_x, T).</summary>
    /// <param name="r">Shape of the purchase-rate gamma.</param>
    /// <param name="alpha">Rate of the purchase-rate gamma.</param>
    /// <param name="s">Shape of the dropout-rate gamma.</param>
    /// <param name="beta">Rate of the dropout-rate gamma.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>The log-likelihood (finite for valid rows, also for x in the thousands).</returns>
    public static double LogLikelihood(double r, double alpha, double s, double beta, double frequency, double recency, double age) =>
        ParetoNbdLikelihood.Individual(r, alpha, s, beta, frequency, recency, age);

    /// <summary>
    /// Simulates customers from the Pareto/NBD process (for checks and benchmarks): λ ~ Gamma(r, α), μ ~ Gamma(s, β), an
    /// exponential lifetime with rate μ, Poisson purchases while alive, observed for <paramref name="age"/> time units.
    /// Purchase times are rounded up to a grid of <paramref name="resolution"/> (0 keeps them exact).
    /// </summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="s">s.</param>
    /// <param name="beta">β.</param>
    /// <param name="customers">How many customers.</param>
    /// <param name="age">Observation length T.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="resolution">Time grid (0 for none).</param>
    /// <returns>The simulated data.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is negative.</exception>
    public static RfmData Simulate(double r, double alpha, double s, double beta, int customers, double age, int seed, double resolution = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            (x[i], tx[i]) = SimulateOne(random, r, alpha, s, beta, age, resolution);
            t[i] = age;
        }

        return RfmData.Create(x, tx, t);
    }

    /// <summary>One customer of the Pareto/NBD process: λ ~ Gamma(r, α), μ ~ Gamma(s, β), Poisson purchases until the exponential lifetime ends or <paramref name="age"/>.</summary>
    private static (int Count, double Last) SimulateOne(Random random, double r, double alpha, double s, double beta, double age, double resolution)
    {
        double lambda = Gamma.Sample(random, r, alpha);
        double mu = Gamma.Sample(random, s, beta);
        double end = Math.Min(age, Exponential.Sample(random, mu));
        double now = 0, last = 0;
        int count = 0;
        while (true)
        {
            now += Exponential.Sample(random, lambda);
            if (now > end)
            {
                break;
            }

            count++;
            last = now;
        }

        if (resolution > 0 && count > 0)
        {
            last = Math.Min(age, Math.Ceiling(last / resolution) * resolution);
        }

        return (count, last);
    }

    /// <summary>Fits the Pareto/NBD model with time-invariant customer covariates, with the default work budget.</summary>
    /// <param name="data">x, t_x, T per customer.</param>
    /// <param name="purchase">Covariates of the purchase rate (α_i = α·exp(−γᵀz_i)), one row per row of <paramref name="data"/>; <see cref="CustomerCovariates.None"/> for none.</param>
    /// <param name="dropout">Covariates of the dropout rate (β_i = β·exp(−γᵀw_i)), aligned likewise; <see cref="CustomerCovariates.None"/> for none.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the data, or a column is constant.</exception>
    public static ParetoNbdCovariateModel Fit(RfmData data, CustomerCovariates purchase, CustomerCovariates dropout) => Fit(data, purchase, dropout, FitOptions.Default);

    /// <summary>
    /// Fits the Pareto/NBD model with time-invariant customer covariates (Fader &amp; Hardie 2007; CLVTools' <c>pnbd</c>
    /// with static covariates; see <see cref="ParetoNbdCovariateModel"/>), and the model without them on the same
    /// customers for the likelihood-ratio test. The covariate fit starts from the plain fit's estimate with every γ = 0;
    /// inside the fit each ₂F₁ series is capped as in the plain fit.
    /// </summary>
    /// <param name="data">x, t_x, T per customer.</param>
    /// <param name="purchase">Covariates of the purchase rate, one row per row of <paramref name="data"/>.</param>
    /// <param name="dropout">Covariates of the dropout rate, aligned likewise.</param>
    /// <param name="options">The work budget; a regularised fit (<see cref="FitOptions.PriorScale"/>) puts N(0, σ²) priors on the coefficients of the RMS-scaled columns.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the data, or a column is constant.</exception>
    public static ParetoNbdCovariateModel Fit(RfmData data, CustomerCovariates purchase, CustomerCovariates dropout, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(dropout);
        ArgumentNullException.ThrowIfNull(options);
        var plain = Fit(data, options);
        var fit = CovariateFit.Run(data, purchase, dropout, CovariateRows.Pareto, dropoutOnThird: false, dropoutSign: -1, [plain.R.Value, plain.Alpha.Value, plain.S.Value, plain.Beta.Value], plain.Diagnostics, data.Count == 0 ? [1, 1, 1, 1] : Start(data.Compress()), options);
        var o = fit.Outcome;
        return new ParetoNbdCovariateModel
        {
            R = o.Estimate(0, "r"),
            Alpha = o.Estimate(1, "alpha"),
            S = o.Estimate(2, "s"),
            Beta = o.Estimate(3, "beta"),
            PurchaseCoefficients = fit.Purchase,
            DropoutCoefficients = fit.Dropout,
            Diagnostics = o.Diagnostics,
            WithoutCovariates = plain,
            LikelihoodRatio = fit.LikelihoodRatio,
        };
    }

    /// <summary>Fits the Pareto/NBD model with covariates on customer summaries, with the default work budget.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="purchase">Purchase covariates, one row per customer of <see cref="CustomerBaseSummary.Customers"/>, in that order.</param>
    /// <param name="dropout">Dropout covariates, aligned likewise.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the customers, or a column is constant.</exception>
    public static ParetoNbdCovariateModel Fit(CustomerBaseSummary summary, CustomerCovariates purchase, CustomerCovariates dropout) => Fit(summary, purchase, dropout, FitOptions.Default);

    /// <summary>Fits the Pareto/NBD model with covariates on customer summaries.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="purchase">Purchase covariates, one row per customer of <see cref="CustomerBaseSummary.Customers"/>, in that order.</param>
    /// <param name="dropout">Dropout covariates, aligned likewise.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the customers, or a column is constant.</exception>
    public static ParetoNbdCovariateModel Fit(CustomerBaseSummary summary, CustomerCovariates purchase, CustomerCovariates dropout, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.ToRfmData(), purchase, dropout, options);
    }

    /// <summary>
    /// Simulates customers from the Pareto/NBD process with covariates (for checks and benchmarks): customer i draws
    /// λ ~ Gamma(r, α·exp(−γ_purchaseᵀz_i)) and μ ~ Gamma(s, β·exp(−γ_dropoutᵀw_i)), then buys as in
    /// <see cref="Simulate(double, double, double, double, int, double, int, double)"/> until its lifetime or T ends.
    /// </summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">Base α.</param>
    /// <param name="s">s.</param>
    /// <param name="beta">Base β.</param>
    /// <param name="purchase">Purchase covariates, one row per customer.</param>
    /// <param name="purchaseCoefficients">γ_purchase, one per column of <paramref name="purchase"/>.</param>
    /// <param name="dropout">Dropout covariates, one row per customer.</param>
    /// <param name="dropoutCoefficients">γ_dropout, one per column of <paramref name="dropout"/>.</param>
    /// <param name="ages">T per customer, finite and ≥ 0.</param>
    /// <param name="seed">Random seed.</param>
    /// <returns>The simulated data, in the order of the customers.</returns>
    /// <exception cref="ArgumentException">The tables, coefficients and ages do not line up.</exception>
    public static RfmData Simulate(double r, double alpha, double s, double beta, CustomerCovariates purchase, ReadOnlySpan<double> purchaseCoefficients, CustomerCovariates dropout, ReadOnlySpan<double> dropoutCoefficients, ReadOnlySpan<double> ages, int seed) =>
        CovariateFit.Simulate(alpha, s, beta, purchase, purchaseCoefficients, dropout, dropoutCoefficients, ages, seed, dropoutOnThird: false, dropoutSign: -1, (random, p1, p2, p3, age) => SimulateOne(random, r, p1, p2, p3, age, 0));
}
