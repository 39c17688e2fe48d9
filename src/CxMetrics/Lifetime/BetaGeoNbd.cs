using CxMetrics.Statistics;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Lifetime;

/// <summary>
/// The beta-geometric/NBD model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers" the Easy Way: An Alternative
/// to the Pareto/NBD Model, <i>Marketing Science</i> 24(2), 275–284. While alive a customer buys as a Poisson process
/// with rate λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b).
/// </summary>
/// <remarks>
/// Fitted by maximum likelihood on log-parameters with the analytic gradient (BFGS, Nelder–Mead fallback), on rows with
/// identical (x, t_x, T) compressed. On the CDNOW sample (weeks, 39-week calibration) it reproduces the paper's
/// r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4. Same model as lifetimes' <c>BetaGeoFitter</c>,
/// PyMC-Marketing's <c>BetaGeoModel</c>, BTYD's <c>bgnbd</c> and CLVTools' <c>bgnbd</c>.
/// </remarks>
public static class BetaGeoNbd
{
    /// <summary>Fits the BG/NBD model with the default work budget (<see cref="FitOptions.Default"/>).</summary>
    /// <param name="data">x, t_x, T per customer (in one time unit).</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    public static BetaGeoNbdModel Fit(RfmData data) => FitCore(data, modified: false, FitOptions.Default);

    /// <summary>Fits the BG/NBD model.</summary>
    /// <param name="data">x, t_x, T per customer (in one time unit).</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    public static BetaGeoNbdModel Fit(RfmData data, FitOptions options) => FitCore(data, modified: false, options);

    /// <summary>Fits the BG/NBD model on customer summaries with the default work budget.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static BetaGeoNbdModel Fit(CustomerBaseSummary summary) => Fit(summary, FitOptions.Default);

    /// <summary>Fits the BG/NBD model on customer summaries.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static BetaGeoNbdModel Fit(CustomerBaseSummary summary, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.ToRfmData(), options);
    }

    /// <summary>One customer's BG/NBD log-likelihood ln L(r, α, a, b | x, t_x, T) (eq. 6 of the paper).</summary>
    /// <param name="r">Shape of the purchase-rate gamma.</param>
    /// <param name="alpha">Scale (rate parameter) of the purchase-rate gamma.</param>
    /// <param name="a">Beta parameter a of the dropout probability.</param>
    /// <param name="b">Beta parameter b.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>The log-likelihood (finite for any valid row and positive parameters).</returns>
    public static double LogLikelihood(double r, double alpha, double a, double b, double frequency, double recency, double age) =>
        BetaGeoLikelihood.Individual(r, alpha, a, b, false, frequency, recency, age);

    /// <summary>
    /// Simulates customers from the BG/NBD process (for checks and benchmarks): λ ~ Gamma(r, α), p ~ Beta(a, b), Poisson
    /// purchases until dropout, observed for <paramref name="age"/> time units. Times are rounded up to a grid of
    /// <paramref name="resolution"/> (e.g. 1/7 for days when the unit is a week; 0 keeps them exact).
    /// </summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="customers">How many customers.</param>
    /// <param name="age">Observation length T of every customer.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="resolution">Time grid (0 for none).</param>
    /// <returns>The simulated data.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is negative.</exception>
    public static RfmData Simulate(double r, double alpha, double a, double b, int customers, double age, int seed, double resolution = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        return SimulateCore(r, alpha, a, b, Enumerable.Repeat(age, customers).ToArray(), seed, resolution, modified: false);
    }

    /// <summary>
    /// Simulates customers from the BG/NBD process, each observed for their own age T (customers acquired at different
    /// times, as in a real base): λ ~ Gamma(r, α), p ~ Beta(a, b), Poisson purchases until dropout.
    /// </summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="ages">Observation length T of each customer, finite and ≥ 0; one simulated customer per element.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="resolution">Time grid (0 for none).</param>
    /// <returns>The simulated data, in the order of <paramref name="ages"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An age is negative or not finite.</exception>
    public static RfmData Simulate(double r, double alpha, double a, double b, ReadOnlySpan<double> ages, int seed, double resolution = 0) =>
        SimulateCore(r, alpha, a, b, ages, seed, resolution, modified: false);

    internal static RfmData SimulateCore(double r, double alpha, double a, double b, ReadOnlySpan<double> ages, int seed, double resolution, bool modified)
    {
        int customers = ages.Length;
        for (int i = 0; i < customers; i++)
        {
            if (!(ages[i] >= 0) || double.IsInfinity(ages[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(ages), ages[i], $"age {ages[i]} of customer {i} must be finite and ≥ 0.");
            }
        }

        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            (x[i], tx[i]) = SimulateOne(random, r, alpha, a, b, ages[i], resolution, modified);
            t[i] = ages[i];
        }

        return RfmData.Create(x, tx, t);
    }

    /// <summary>One customer of the BG/NBD (MBG/NBD) process: λ ~ Gamma(r, α), p ~ Beta(a, b), purchases until dropout or <paramref name="age"/>.</summary>
    internal static (int Count, double Last) SimulateOne(Random random, double r, double alpha, double a, double b, double age, double resolution, bool modified)
    {
        double lambda = Gamma.Sample(random, r, alpha);
        double p = Beta.Sample(random, a, b);
        double now = 0, last = 0;
        int count = 0;
        bool alive = !modified || random.NextDouble() >= p;
        while (alive)
        {
            now += Exponential.Sample(random, lambda);
            if (now > age)
            {
                break;
            }

            count++;
            last = now;
            alive = random.NextDouble() >= p;
        }

        if (resolution > 0 && count > 0)
        {
            last = Math.Min(age, Math.Ceiling(last / resolution) * resolution);
        }

        return (count, last);
    }

    /// <summary>Fits the BG/NBD model with time-invariant customer covariates, with the default work budget.</summary>
    /// <param name="data">x, t_x, T per customer (in one time unit).</param>
    /// <param name="purchase">Covariates of the purchase rate (α_i = α·exp(−γᵀz_i)), one row per row of <paramref name="data"/>; <see cref="CustomerCovariates.None"/> for none.</param>
    /// <param name="dropout">Covariates of the dropout process (a_i = a·exp(γᵀw_i), b_i = b·exp(γᵀw_i)), aligned likewise; <see cref="CustomerCovariates.None"/> for none.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the data, or a column is constant.</exception>
    public static BetaGeoNbdCovariateModel Fit(RfmData data, CustomerCovariates purchase, CustomerCovariates dropout) => Fit(data, purchase, dropout, FitOptions.Default);

    /// <summary>
    /// Fits the BG/NBD model with time-invariant customer covariates (Fader &amp; Hardie 2007, in CLVTools'
    /// parameterisation; see <see cref="BetaGeoNbdCovariateModel"/>), and the model without them on the same customers
    /// for the likelihood-ratio test. The covariate fit starts from the plain fit's estimate with every γ = 0.
    /// </summary>
    /// <param name="data">x, t_x, T per customer (in one time unit).</param>
    /// <param name="purchase">Covariates of the purchase rate, one row per row of <paramref name="data"/>.</param>
    /// <param name="dropout">Covariates of the dropout process, aligned likewise.</param>
    /// <param name="options">The work budget; a regularised fit (<see cref="FitOptions.PriorScale"/>) puts N(0, σ²) priors on the coefficients of the RMS-scaled columns.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the data, or a column is constant.</exception>
    public static BetaGeoNbdCovariateModel Fit(RfmData data, CustomerCovariates purchase, CustomerCovariates dropout, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(dropout);
        ArgumentNullException.ThrowIfNull(options);
        var plain = FitCore(data, modified: false, options);
        var fit = CovariateFit.Run(data, purchase, dropout, CovariateRows.BetaGeo, dropoutOnThird: true, dropoutSign: 1, [plain.R.Value, plain.Alpha.Value, plain.A.Value, plain.B.Value], plain.Diagnostics, data.Count == 0 ? [1, 1, 1, 1] : Start(data.Compress()), options);
        var o = fit.Outcome;
        return new BetaGeoNbdCovariateModel
        {
            R = o.Estimate(0, "r"),
            Alpha = o.Estimate(1, "alpha"),
            A = o.Estimate(2, "a"),
            B = o.Estimate(3, "b"),
            PurchaseCoefficients = fit.Purchase,
            DropoutCoefficients = fit.Dropout,
            Diagnostics = o.Diagnostics,
            WithoutCovariates = plain,
            LikelihoodRatio = fit.LikelihoodRatio,
        };
    }

    /// <summary>Fits the BG/NBD model with covariates on customer summaries, with the default work budget.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="purchase">Purchase covariates, one row per customer of <see cref="CustomerBaseSummary.Customers"/>, in that order.</param>
    /// <param name="dropout">Dropout covariates, aligned likewise.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the customers, or a column is constant.</exception>
    public static BetaGeoNbdCovariateModel Fit(CustomerBaseSummary summary, CustomerCovariates purchase, CustomerCovariates dropout) => Fit(summary, purchase, dropout, FitOptions.Default);

    /// <summary>Fits the BG/NBD model with covariates on customer summaries.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="purchase">Purchase covariates, one row per customer of <see cref="CustomerBaseSummary.Customers"/>, in that order.</param>
    /// <param name="dropout">Dropout covariates, aligned likewise.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">A table is not aligned with the customers, or a column is constant.</exception>
    public static BetaGeoNbdCovariateModel Fit(CustomerBaseSummary summary, CustomerCovariates purchase, CustomerCovariates dropout, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.ToRfmData(), purchase, dropout, options);
    }

    /// <summary>
    /// Simulates customers from the BG/NBD process with covariates (for checks and benchmarks): customer i draws
    /// λ ~ Gamma(r, α·exp(−γ_purchaseᵀz_i)) and p ~ Beta(a·exp(γ_dropoutᵀw_i), b·exp(γ_dropoutᵀw_i)), then buys as in
    /// <see cref="Simulate(double, double, double, double, ReadOnlySpan{double}, int, double)"/>.
    /// </summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">Base α.</param>
    /// <param name="a">Base a.</param>
    /// <param name="b">Base b.</param>
    /// <param name="purchase">Purchase covariates, one row per customer.</param>
    /// <param name="purchaseCoefficients">γ_purchase, one per column of <paramref name="purchase"/>.</param>
    /// <param name="dropout">Dropout covariates, one row per customer.</param>
    /// <param name="dropoutCoefficients">γ_dropout, one per column of <paramref name="dropout"/>.</param>
    /// <param name="ages">T per customer, finite and ≥ 0.</param>
    /// <param name="seed">Random seed.</param>
    /// <returns>The simulated data, in the order of the customers.</returns>
    /// <exception cref="ArgumentException">The tables, coefficients and ages do not line up.</exception>
    public static RfmData Simulate(double r, double alpha, double a, double b, CustomerCovariates purchase, ReadOnlySpan<double> purchaseCoefficients, CustomerCovariates dropout, ReadOnlySpan<double> dropoutCoefficients, ReadOnlySpan<double> ages, int seed) =>
        CovariateFit.Simulate(alpha, a, b, purchase, purchaseCoefficients, dropout, dropoutCoefficients, ages, seed, dropoutOnThird: true, dropoutSign: 1, (random, p1, p2, p3, age) => SimulateOne(random, r, p1, p2, p3, age, 0, modified: false));

    internal static BetaGeoNbdModel FitCore(RfmData data, bool modified, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        using var rows = data.CompressByFrequency();
        var compressed = rows.Data;
        if (compressed.Count == 0)
        {
            return BetaGeoNbdModel.Empty(modified);
        }

        var start = Start(compressed);
        var warm = SampleStart.Estimate(compressed, start, options, (rows, from, o) => Fit(rows, modified, from, start, o, warmStart: false));
        var outcome = Fit(compressed, modified, warm ?? start, start, options, warmStart: warm is not null);
        return BetaGeoNbdModel.From(outcome, modified) with { FitOptions = options };
    }

    /// <summary>
    /// One run of the engine on compressed rows, with the analytic gradient and Hessian; from a warm start (Newton steps
    /// on all rows) each pass sums the gradient and the Hessian together (<see cref="BetaGeoLikelihood.HessianWithGradient"/>).
    /// </summary>
    private static MaximumLikelihood.Outcome Fit(RfmData compressed, bool modified, double[] from, double[] priorCentre, FitOptions options, bool warmStart)
    {
        var likelihood = new BetaGeoLikelihood(compressed, modified) { HessianWithGradient = warmStart };
        return Regularisation.Fit(likelihood.Evaluate, analyticGradient: true, from, compressed.TotalWeight, compressed.Count, options, priorCentre: priorCentre, hessian: likelihood.Hessian, warmStart: warmStart);
    }

    /// <summary>
    /// The engine's start on compressed data, r = 1, α = mean T / mean x (clamped to [10⁻³, 10⁶]), a = b = 1; also the
    /// centre of a regularised fit's prior (<see cref="FitOptions.PriorScale"/>).
    /// </summary>
    internal static double[] Start(RfmData compressed)
    {
        var (meanX, meanT) = Means(compressed);
        return [1, Math.Clamp(meanT / Math.Max(meanX, 0.01), 1e-3, 1e6), 1, 1];
    }

    /// <summary>The weighted means of x and T.</summary>
    internal static (double MeanX, double MeanT) Means(RfmData compressed)
    {
        double meanX = 0, meanT = 0;
        for (int i = 0; i < compressed.Count; i++)
        {
            meanX += compressed.Weight[i] * compressed.Frequency[i];
            meanT += compressed.Weight[i] * compressed.Age[i];
        }

        return (meanX / compressed.TotalWeight, meanT / compressed.TotalWeight);
    }
}
