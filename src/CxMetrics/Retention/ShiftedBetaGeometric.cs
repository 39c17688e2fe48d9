using CxMetrics.Statistics;
using MathNet.Numerics;

namespace CxMetrics.Retention;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contractual retention (Fader &amp; Hardie 2007, "How to project customer
/// retention", J. Interactive Marketing 21(1):76–90), fitted by maximum likelihood to the survivor counts of one or more
/// cohorts: <c>LL(α, β) = Σ_t lost(t)·log P(T = t) + Σ censored(t)·log S(t)</c> with
/// <c>P(T = t) = B(α + 1, β + t − 1)/B(α, β)</c> and <c>S(t) = B(α, β + t)/B(α, β)</c>, in log space (MathNet
/// <c>BetaLn</c>), maximised over log α, log β on the library's maximum-likelihood engine (Nelder–Mead, then BFGS, then
/// Newton steps that certify the optimum; the same work budget, statuses and diagnostics as every other fit).
/// </summary>
public static class ShiftedBetaGeometric
{
    /// <summary>Fits the model to cohorts' survivor counts (cohorts may cover different numbers of periods) with the default work budget.</summary>
    /// <param name="cohorts">One or more cohorts.</param>
    /// <returns>The fitted model with its parameters, standard errors and diagnostics; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">No cohorts, or no observed period.</exception>
    public static ShiftedBetaGeometricModel Fit(IReadOnlyList<SurvivalCohort> cohorts) => Fit(cohorts, FitOptions.Default);

    /// <summary>Fits the model to cohorts' survivor counts (cohorts may cover different numbers of periods).</summary>
    /// <param name="cohorts">One or more cohorts.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model with its parameters, standard errors and diagnostics; check <see cref="FitDiagnostics.Status"/>.</returns>
    /// <exception cref="ArgumentException">No cohorts, or no observed period.</exception>
    public static ShiftedBetaGeometricModel Fit(IReadOnlyList<SurvivalCohort> cohorts, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var counts = SurvivalCounts.Of(cohorts);
        // Start at α = 1 with the mean churn probability α/(α + β) equal to the first period's observed churn share.
        double firstChurn = Math.Clamp((double)counts.Lost[0] / counts.Customers, 0.01, 0.99);
        var outcome = Regularisation.Fit(
            counts.Objective(p => LogLikelihood(p[0], p[1], counts)), analyticGradient: false, [1.0, (1 - firstChurn) / firstChurn], counts.Customers, counts.Rows, options, simplexFirst: true);
        return new ShiftedBetaGeometricModel
        {
            Alpha = outcome.Estimate(0, "alpha"),
            Beta = outcome.Estimate(1, "beta"),
            Diagnostics = outcome.Diagnostics,
            Cohorts = counts.Cohorts,
            Customers = counts.Customers,
        };
    }

    /// <summary>Fits the model to a single cohort.</summary>
    /// <param name="initialCount">Customers at the start.</param>
    /// <param name="survivors">Customers still active at the end of periods 1, 2, ….</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">The counts are not a cohort (see <see cref="SurvivalCohort"/>), or there is no observed period.</exception>
    public static ShiftedBetaGeometricModel Fit(long initialCount, IReadOnlyList<long> survivors) =>
        Fit([new SurvivalCohort(initialCount, survivors)]);

    /// <summary>The log-likelihood of cohorts at given parameters (e.g. to profile it or to compare with a published fit).</summary>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="cohorts">The cohorts.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> or <paramref name="beta"/> is zero or negative.</exception>
    public static double LogLikelihood(double alpha, double beta, IReadOnlyList<SurvivalCohort> cohorts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beta);
        return LogLikelihood(alpha, beta, SurvivalCounts.Of(cohorts));
    }

    /// <summary>Survival <c>S(t) = B(α, β + t)/B(α, β)</c>.</summary>
    /// <param name="alpha">α &gt; 0.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="t">Periods, ≥ 0.</param>
    /// <returns>S(t).</returns>
    public static double Survival(double alpha, double beta, int t) => Math.Exp(LogSurvival(alpha, beta, t));

    internal static double LogSurvival(double alpha, double beta, double t) =>
        t == 0 ? 0 : SpecialFunctions.BetaLn(alpha, beta + t) - SpecialFunctions.BetaLn(alpha, beta);

    internal static double LogChurnProbability(double alpha, double beta, int t) =>
        SpecialFunctions.BetaLn(alpha + 1, beta + t - 1) - SpecialFunctions.BetaLn(alpha, beta);

    /// <summary>
    /// <c>Σ_{k≥0} S(n + k)/S(n − 1)·z^k</c> with z = 1/(1 + d) (n = 0: DEL; n ≥ 1: DERL), summed by the term ratio
    /// <c>S(t + 1)/S(t) = (β + t)/(α + β + t)</c> until the terms stop mattering.
    /// </summary>
    internal static double ResidualSeries(double alpha, double beta, double discountRate, int n)
    {
        double z = 1 / (1 + discountRate);
        double term = n == 0 ? 1 : (beta + n - 1) / (alpha + beta + n - 1);
        double sum = term;
        for (long t = n; t < n + 100_000_000L; t++)
        {
            term *= z * (beta + t) / (alpha + beta + t);
            sum += term;
            if (term < sum * 1e-16)
            {
                break;
            }
        }

        return sum;
    }

    /// <summary>
    /// The log-likelihood by the period recursion <c>log S(t) = log S(t − 1) + log1p(−α/(α + β + t − 1))</c>,
    /// <c>log P(T = t) = log S(t − 1) + log(α/(α + β + t − 1))</c> — equal to the Beta-function forms, but free of the
    /// cancellation between large <c>BetaLn</c> values when α or β is extreme.
    /// </summary>
    private static double LogLikelihood(double alpha, double beta, SurvivalCounts counts)
    {
        double ll = 0, logS = 0;
        for (int t = 1; t <= counts.Lost.Length; t++)
        {
            double hazard = alpha / (alpha + beta + (t - 1)); // (t − 1) first: α + β + 1 − 1 may round below α + β, a hazard above 1
            if (counts.Lost[t - 1] > 0)
            {
                ll += counts.Lost[t - 1] * (logS + Math.Log(hazard));
            }

            logS += Math.Log(1 - hazard);
            if (counts.Censored[t - 1] > 0)
            {
                ll += counts.Censored[t - 1] * logS;
            }
        }

        return ll;
    }
}
