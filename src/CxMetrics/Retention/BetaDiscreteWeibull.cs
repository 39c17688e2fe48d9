using CxMetrics.Statistics;
using MathNet.Numerics;

namespace CxMetrics.Retention;

/// <summary>
/// The beta-discrete-Weibull (BdW) model of contractual retention (Fader, Hardie, Liu, Davin &amp; Steenburgh 2018, "How
/// to project customer retention revisited: the role of duration dependence", J. Interactive Marketing 43:1–16):
/// <c>S(t) = B(α, β + t^c)/B(α, β)</c>, <c>P(T = t) = S(t − 1) − S(t)</c>, fitted by maximum likelihood to cohorts'
/// survivor counts over log α, log β, log c, starting from the sBG fit (c = 1), on the library's maximum-likelihood engine.
/// </summary>
public static class BetaDiscreteWeibull
{
    /// <summary>Fits the BdW model (starting from the sBG optimum) with the default work budget.</summary>
    /// <param name="cohorts">One or more cohorts.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">No cohorts, or no observed period.</exception>
    public static BetaDiscreteWeibullModel Fit(IReadOnlyList<SurvivalCohort> cohorts) => FitBoth(cohorts).BetaDiscreteWeibull;

    /// <summary>Fits the BdW model (starting from the sBG optimum).</summary>
    /// <param name="cohorts">One or more cohorts.</param>
    /// <param name="options">The work budget of each of the two fits.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">No cohorts, or no observed period.</exception>
    public static BetaDiscreteWeibullModel Fit(IReadOnlyList<SurvivalCohort> cohorts, FitOptions options) => FitBoth(cohorts, options).BetaDiscreteWeibull;

    /// <summary>Fits the BdW model to a single cohort.</summary>
    /// <param name="initialCount">Customers at the start.</param>
    /// <param name="survivors">Customers still active at the end of periods 1, 2, ….</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">The counts are not a cohort (see <see cref="SurvivalCohort"/>), or there is no observed period.</exception>
    public static BetaDiscreteWeibullModel Fit(long initialCount, IReadOnlyList<long> survivors) =>
        Fit([new SurvivalCohort(initialCount, survivors)]);

    /// <summary>Fits sBG and BdW to the same cohorts and tests c = 1 by the likelihood ratio, with the default work budget.</summary>
    /// <param name="cohorts">One or more cohorts.</param>
    /// <returns>Both fits and the test.</returns>
    /// <exception cref="ArgumentException">No cohorts, or no observed period.</exception>
    public static BetaDiscreteWeibullComparison FitBoth(IReadOnlyList<SurvivalCohort> cohorts) => FitBoth(cohorts, FitOptions.Default);

    /// <summary>Fits sBG and BdW to the same cohorts and tests c = 1 by the likelihood ratio.</summary>
    /// <param name="cohorts">One or more cohorts.</param>
    /// <param name="options">The work budget of each of the two fits.</param>
    /// <returns>Both fits and the test.</returns>
    /// <exception cref="ArgumentException">No cohorts, or no observed period.</exception>
    public static BetaDiscreteWeibullComparison FitBoth(IReadOnlyList<SurvivalCohort> cohorts, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var counts = SurvivalCounts.Of(cohorts);
        var sbg = ShiftedBetaGeometric.Fit(cohorts, options);
        double[] start = sbg.Diagnostics.IsConverged ? [sbg.Alpha.Value, sbg.Beta.Value, 1.0] : [1.0, 1.0, 1.0];
        var outcome = Regularisation.Fit(
            counts.Objective(p => LogLikelihood(p[0], p[1], p[2], counts)), analyticGradient: false, start, counts.Customers, counts.Rows, options, simplexFirst: true, priorCentre: [1.0, 1.0, 1.0]);
        var bdw = new BetaDiscreteWeibullModel
        {
            Alpha = outcome.Estimate(0, "alpha"),
            Beta = outcome.Estimate(1, "beta"),
            C = outcome.Estimate(2, "c"),
            Diagnostics = outcome.Diagnostics,
            Cohorts = counts.Cohorts,
            Customers = counts.Customers,
        };

        bool both = sbg.Diagnostics.IsConverged && bdw.Diagnostics.IsConverged;
        double lr = both ? Math.Max(0, 2 * (bdw.Diagnostics.LogLikelihood!.Value - sbg.Diagnostics.LogLikelihood!.Value)) : double.NaN;
        return new BetaDiscreteWeibullComparison
        {
            ShiftedBetaGeometric = sbg,
            BetaDiscreteWeibull = bdw,
            Statistic = both ? lr : null,
            DegreesOfFreedom = 1,
            PValue = both ? SpecialFunctions.GammaUpperRegularized(0.5, lr / 2) : null,
        };
    }

    /// <summary>The log-likelihood of cohorts at given parameters.</summary>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="c">c &gt; 0.</param>
    /// <param name="cohorts">The cohorts.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/>, <paramref name="beta"/> or <paramref name="c"/> is zero or negative.</exception>
    public static double LogLikelihood(double alpha, double beta, double c, IReadOnlyList<SurvivalCohort> cohorts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(c);
        return LogLikelihood(alpha, beta, c, SurvivalCounts.Of(cohorts));
    }

    internal static double LogSurvival(double alpha, double beta, double c, int t) =>
        t == 0 ? 0 : SpecialFunctions.BetaLn(alpha, beta + Math.Pow(t, c)) - SpecialFunctions.BetaLn(alpha, beta);

    /// <summary><c>log(S(t − 1) − S(t)) = log S(t − 1) + log(−expm1(log S(t) − log S(t − 1)))</c>, stable in log space.</summary>
    internal static double LogChurnProbability(double alpha, double beta, double c, int t)
    {
        double before = LogSurvival(alpha, beta, c, t - 1), after = LogSurvival(alpha, beta, c, t);
        return before + Math.Log(-SpecialFunctions.Expm1(after - before));
    }

    internal static double ResidualSeries(double alpha, double beta, double c, double discountRate, int n)
    {
        double logZ = -Math.Log(1 + discountRate);
        double logStart = n == 0 ? 0 : LogSurvival(alpha, beta, c, n - 1);
        double sum = 0;
        for (int k = 0; k < 10_000_000; k++)
        {
            double term = Math.Exp(LogSurvival(alpha, beta, c, n + k) - logStart + (k * logZ));
            sum += term;
            if (term < sum * 1e-16)
            {
                break;
            }
        }

        return sum;
    }

    private static double LogLikelihood(double alpha, double beta, double c, SurvivalCounts counts)
    {
        double ll = 0;
        for (int t = 1; t <= counts.Lost.Length; t++)
        {
            if (counts.Lost[t - 1] > 0)
            {
                ll += counts.Lost[t - 1] * LogChurnProbability(alpha, beta, c, t);
            }

            if (counts.Censored[t - 1] > 0)
            {
                ll += counts.Censored[t - 1] * LogSurvival(alpha, beta, c, t);
            }
        }

        return ll;
    }
}
