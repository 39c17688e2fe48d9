using CxMetrics.Internal;
using CxMetrics.Statistics;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>
/// The gamma-gamma model of monetary value: Fader &amp; Hardie (2013), "The Gamma-Gamma Model of Monetary Value"
/// (brucehardie.com note 025), after Colombo &amp; Jiang (1999). Each transaction value is Gamma(p, ν); across customers
/// ν ~ Gamma(q, γ). The mean z̄ of a customer's x repeat transactions then has the density
/// f(z̄ | p, q, γ; x) = Γ(px + q)/(Γ(px)Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q).
/// </summary>
/// <remarks>
/// Fitted by maximum likelihood (log-parameters, analytic gradient, BFGS with Nelder–Mead fallback) on customers with
/// x ≥ 1. On the 946 CDNOW repeat buyers it reproduces p = 6.25, q = 3.74, γ = 15.44, LL = −4055.9. Assumes spend is
/// independent of the purchase process; check the correlation of x and z̄ before relying on it. Same model as lifetimes'
/// <c>GammaGammaFitter</c> and CLVTools' <c>gg</c>.
/// </remarks>
public static class GammaGamma
{
    /// <summary>From this size of both Beta arguments on, the density is taken in Loader's saddle-point form.</summary>
    private const double StirlingFrom = 10;

    /// <summary>From this many repeat buyers on, a likelihood evaluation computes the customers' terms on all cores.</summary>
    private const int ParallelCustomers = 1 << 16;

    /// <summary>Fits the model to repeat buyers' frequencies and mean repeat spends with the default work budget.</summary>
    /// <param name="frequency">x ≥ 1 per customer (whole numbers).</param>
    /// <param name="meanSpend">z̄ &gt; 0 per customer.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, or a row has x &lt; 1 or z̄ ≤ 0 (the message names the row).</exception>
    public static GammaGammaModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> meanSpend) => Fit(frequency, meanSpend, FitOptions.Default);

    /// <summary>Fits the model to repeat buyers' frequencies and mean repeat spends.</summary>
    /// <param name="frequency">x ≥ 1 per customer (whole numbers).</param>
    /// <param name="meanSpend">z̄ &gt; 0 per customer.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, or a row has x &lt; 1 or z̄ ≤ 0 (the message names the row).</exception>
    public static GammaGammaModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> meanSpend, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (frequency.Length != meanSpend.Length)
        {
            throw new ArgumentException($"x has {frequency.Length} values but z̄ has {meanSpend.Length}.", nameof(meanSpend));
        }

        for (int i = 0; i < frequency.Length; i++)
        {
            if (!IsValid(frequency[i], meanSpend[i]))
            {
                Check(frequency[i], meanSpend[i], $"row {i}");
            }
        }

        return FitCore(frequency.ToArray(), meanSpend.ToArray(), options);
    }

    /// <summary>
    /// Fits the model to the repeat buyers (x ≥ 1) of a summary with the default work budget, under the zero-spend policy of
    /// <see cref="Fit(CustomerBaseSummary, FitOptions)"/>.
    /// </summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The fitted model; <see cref="GammaGammaModel.ZeroSpendExcluded"/> counts the repeat buyers left out.</returns>
    /// <exception cref="ArgumentException">A repeat buyer's mean spend is negative or not finite (the message names the customer).</exception>
    public static GammaGammaModel Fit(CustomerBaseSummary summary) => Fit(summary, FitOptions.Default);

    /// <summary>
    /// Fits the model to the repeat buyers (x ≥ 1) of a summary. Customers without a repeat purchase carry no spend
    /// information and are not used. Zero-spend policy: a repeat buyer whose mean repeat spend z̄ is exactly 0 (free
    /// orders, fully discounted repeats) is left out of the fit and counted in <see cref="GammaGammaModel.ZeroSpendExcluded"/>,
    /// because the model's Gamma(p, ν) transaction values are strictly positive (Fader &amp; Hardie 2013, §2; lifetimes'
    /// <c>GammaGammaFitter</c> likewise requires <c>monetary_value &gt; 0</c>). Such a customer still gets a prediction:
    /// <see cref="GammaGammaModel.ConditionalExpectedSpend"/> with z̄ = 0.
    /// </summary>
    /// <param name="summary">The summary.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model; <see cref="GammaGammaModel.ZeroSpendExcluded"/> counts the repeat buyers left out.</returns>
    /// <exception cref="ArgumentException">A repeat buyer's mean spend is negative or not finite (the message names the customer).</exception>
    public static GammaGammaModel Fit(CustomerBaseSummary summary, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        var (x, z, zeroSpend) = RepeatBuyers(summary);
        return FitCore(x, z, options) with { ZeroSpendExcluded = zeroSpend };
    }

    /// <summary>The rows the fit to a summary uses: x and z̄ of the repeat buyers with a positive mean spend, and how many were left out for a zero mean.</summary>
    internal static (double[] X, double[] Z, int ZeroSpend) RepeatBuyers(CustomerBaseSummary summary)
    {
        // Read from the summary's columns (no record per customer); a customer's id is formatted only for an error.
        var customers = CustomerSummaryList.Of(summary.Customers);
        var frequency = customers.Frequencies;
        var meanSpend = customers.MeanRepeatSpends;
        int repeat = 0;
        foreach (int f in frequency)
        {
            repeat += f > 0 ? 1 : 0;
        }

        var x = new List<double>(repeat);
        var z = new List<double>(repeat);
        int zeroSpend = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            if (frequency[i] > 0)
            {
                double? mean = double.IsNaN(meanSpend[i]) ? null : meanSpend[i];
                if (mean is 0)
                {
                    zeroSpend++;
                    continue;
                }

                if (!IsValid(frequency[i], mean ?? 0))
                {
                    Check(frequency[i], mean ?? 0, $"customer '{customers.IdAt(i)}'", nameof(summary), nameof(summary));
                }

                x.Add(frequency[i]);
                z.Add(mean!.Value);
            }
        }

        return ([.. x], [.. z], zeroSpend);
    }

    /// <summary>One customer's log-density ln f(z̄ | p, q, γ; x).</summary>
    /// <param name="p">Shape of transaction values.</param>
    /// <param name="q">Shape of the gamma of ν.</param>
    /// <param name="gamma">Rate γ of the gamma of ν.</param>
    /// <param name="frequency">x ≥ 1.</param>
    /// <param name="meanSpend">z̄ &gt; 0.</param>
    /// <returns>The log-likelihood.</returns>
    /// <remarks>
    /// Computed as <c>−ln B(a, b) + a·ln u + b·ln(1 − u) − ln z̄</c> with <c>a = px</c>, <c>b = q</c>,
    /// <c>u = xz̄/(γ + xz̄)</c> (the same density: <c>u</c> is Beta(a, b)), and <c>ln u</c>, <c>ln(1 − u)</c> by <c>ln1p</c>.
    /// When a and b are both ≥ 10 the Beta terms are combined by Stirling's series into Loader's (2000) saddle-point form
    /// <c>−bd0(a, su) − bd0(b, s(1 − u)) + ½ln(ab/(2πs)) − δ(a) − δ(b) + δ(s) − ln z̄</c> (s = a + b,
    /// <c>bd0(x, m) = x ln(x/m) + m − x</c>, δ the Stirling remainder of ln Γ), as R's <c>dbeta</c> does; when one of them
    /// is ≥ 10, ln B uses the one-sided form of R's <c>lbeta</c>. The textbook sum of <c>GammaLn</c> terms cancels
    /// catastrophically once the parameters pass about 10¹²: at a boundary fit (p ≈ 3·10¹², q ≈ 6·10²²) it answered
    /// 536870912 = 2²⁹ where the value is −5869.965. The result agrees with the textbook sum to about 1e−13 relative for
    /// moderate parameters.
    /// </remarks>
    public static double LogLikelihood(double p, double q, double gamma, double frequency, double meanSpend) =>
        LogDensity(p * frequency, q, gamma, frequency * meanSpend, Math.Log(meanSpend));

    /// <summary>ln f(z̄) with a = px, b = q, xz = x·z̄ (see <see cref="LogLikelihood"/>).</summary>
    internal static double LogDensity(double a, double b, double gamma, double xz, double lnZ) => LogDensity(a, b, gamma, xz, lnZ, DensityTerms.Of(a, b));

    /// <summary>ln f(z̄) with the terms that depend on a and b only given (the same for every customer of one frequency x).</summary>
    private static double LogDensity(double a, double b, double gamma, double xz, double lnZ, in DensityTerms terms)
    {
        double logU = -LogMath.Log1p(gamma / xz); // ln(xz/(γ + xz))
        double log1mU = -LogMath.Log1p(xz / gamma); // ln(γ/(γ + xz))
        if (terms.Stirling)
        {
            double s = a + b;
            double su = s / (1 + (gamma / xz)), s1mu = s / (1 + (xz / gamma));
            return -LogMath.Bd0(a, su) - LogMath.Bd0(b, s1mu) + terms.Half
                - terms.RemainderA - terms.RemainderB + terms.RemainderS - lnZ;
        }

        return -terms.BetaLn + (a * logU) + (b * log1mU) - lnZ;
    }

    /// <summary>
    /// The parts of <see cref="LogDensity(double, double, double, double, double)"/> that depend on a = px and b = q only:
    /// ln B(a, b), or in the saddle-point form ½ln(ab/(2πs)) and the three Stirling remainders. A fit computes them once per
    /// distinct frequency and evaluation instead of once per customer; the density is then the same number.
    /// </summary>
    private readonly record struct DensityTerms(bool Stirling, double BetaLn, double Half, double RemainderA, double RemainderB, double RemainderS)
    {
        public static DensityTerms Of(double a, double b)
        {
            if (a >= StirlingFrom && b >= StirlingFrom)
            {
                double s = a + b;
                return new(true, 0, 0.5 * (Math.Log(a) + Math.Log(b) - Math.Log(s) - Math.Log(2 * Math.PI)),
                    LogMath.StirlingRemainder(a), LogMath.StirlingRemainder(b), LogMath.StirlingRemainder(s));
            }

            return new(false, LogMath.BetaLn(a, b), 0, 0, 0, 0);
        }
    }

    /// <summary>Whether <see cref="Check"/> passes: x a whole number ≥ 1, z̄ finite and &gt; 0.</summary>
    private static bool IsValid(double x, double z) => x >= 1 && !double.IsInfinity(x) && x == Math.Floor(x) && z > 0 && !double.IsInfinity(z);

    private static void Check(double x, double z, string what, string frequencyName = "frequency", string spendName = "meanSpend")
    {
        if (!(x >= 1) || double.IsInfinity(x) || x != Math.Floor(x))
        {
            throw new ArgumentOutOfRangeException(frequencyName, x, $"frequency x = {x} of {what} must be a whole number ≥ 1 (only repeat buyers inform the spend model).");
        }

        if (!(z > 0) || double.IsInfinity(z))
        {
            throw new ArgumentOutOfRangeException(spendName, z, $"mean repeat spend {z} of {what} must be finite and > 0 (the gamma-gamma model has no zero-value transactions).");
        }
    }

    internal static GammaGammaModel FitCore(double[] x, double[] z, FitOptions options)
    {
        if (x.Length == 0)
        {
            return GammaGammaModel.Empty();
        }

        var (objective, start, totalWeight) = Likelihood(x, z);
        var outcome = Regularisation.Fit(objective, analyticGradient: true, start, totalWeight, x.Length, options);
        return GammaGammaModel.From(outcome) with { FitOptions = options };
    }

    /// <summary>−LL/W of the rows over (ln p, ln q, ln γ) with its analytic gradient, the engine's start and W.</summary>
    internal static (NegativeLogLikelihood Objective, double[] Start, double TotalWeight) Likelihood(double[] x, double[] z)
    {

        double mean = 0;
        foreach (double v in z)
        {
            mean += v;
        }

        mean /= z.Length;
        double totalWeight = x.Length;

        // Per customer: ln z̄, ln x and the index of their frequency among the distinct ones (a handful of whole numbers), so
        // that the special functions of px and q (ln B or the Stirling terms, ψ(px), ψ(px + q)) are computed once per
        // distinct frequency and evaluation, not once per customer. The sums run over the customers in the same order with
        // the same terms as before, so the likelihood and its gradient are the same numbers.
        var lnZs = new double[x.Length];
        var lnXs = new double[x.Length];
        var level = new int[x.Length];
        var distinct = new List<double>();
        var levelOf = new Dictionary<double, int>();
        for (int i = 0; i < x.Length; i++)
        {
            lnZs[i] = Math.Log(z[i]);
            lnXs[i] = Math.Log(x[i]);
            if (!levelOf.TryGetValue(x[i], out level[i]))
            {
                level[i] = distinct.Count;
                levelOf.Add(x[i], distinct.Count);
                distinct.Add(x[i]);
            }
        }

        var terms = new DensityTerms[distinct.Count];
        var psiPxQs = new double[distinct.Count];
        var psiPxs = new double[distinct.Count];
        var llTerms = new double[x.Length];
        var gpTerms = new double[x.Length];
        var gqTerms = new double[x.Length];
        var ggTerms = new double[x.Length];
        int blocks = x.Length >= ParallelCustomers ? 4 * Environment.ProcessorCount : 1;
        NegativeLogLikelihood objective = (logParameters, gradient) =>
        {
            double p = Math.Exp(logParameters[0]), q = Math.Exp(logParameters[1]), g = Math.Exp(logParameters[2]);
            double lnG = Math.Log(g);
            bool wantGradient = !gradient.IsEmpty;
            double psiQ = wantGradient ? SpecialFunctions.DiGamma(q) : 0;
            for (int k = 0; k < distinct.Count; k++)
            {
                double px = p * distinct[k];
                terms[k] = DensityTerms.Of(px, q);
                if (wantGradient)
                {
                    psiPxQs[k] = SpecialFunctions.DiGamma(px + q);
                    psiPxs[k] = SpecialFunctions.DiGamma(px);
                }
            }

            // Each customer's terms (the logarithms are most of the work) on all cores for a large base, then summed in
            // customer order: the same additions in the same order as one loop, so the same numbers on any core count.
            void Terms(int from, int to)
            {
                for (int i = from; i < to; i++)
                {
                    int k = level[i];
                    double xi = x[i], zi = z[i], px = p * xi, lnZ = lnZs[i], lnX = lnXs[i], lnDen = Math.Log(g + (xi * zi));
                    llTerms[i] = LogDensity(px, q, g, xi * zi, lnZ, terms[k]);
                    if (wantGradient)
                    {
                        double psiPxQ = psiPxQs[k];
                        gpTerms[i] = xi * (psiPxQ - psiPxs[k] + lnZ + lnX - lnDen);
                        gqTerms[i] = psiPxQ - psiQ + lnG - lnDen;
                        ggTerms[i] = (q / g) - ((px + q) / (g + (xi * zi)));
                    }
                }
            }

            if (blocks == 1)
            {
                Terms(0, x.Length);
            }
            else
            {
                Parallel.For(0, blocks, b => Terms((int)((long)x.Length * b / blocks), (int)((long)x.Length * (b + 1) / blocks)));
            }

            double ll = 0, gp = 0, gq = 0, gg = 0;
            for (int i = 0; i < x.Length; i++)
            {
                ll += llTerms[i];
            }

            if (wantGradient)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    gp += gpTerms[i];
                    gq += gqTerms[i];
                    gg += ggTerms[i];
                }
            }

            if (wantGradient)
            {
                gradient[0] = -gp * p / totalWeight;
                gradient[1] = -gq * q / totalWeight;
                gradient[2] = -gg * g / totalWeight;
            }

            return -ll / totalWeight;
        };

        // Start from p = 1, q = 2 and γ matching the mean spend: E[z] = pγ/(q − 1).
        return (objective, [1, 2, Math.Max(mean, 1e-6)], totalWeight);
    }
}
