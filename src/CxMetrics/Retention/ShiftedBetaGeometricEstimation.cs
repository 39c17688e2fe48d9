using CxMetrics.Statistics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CxMetrics.Retention;

/// <summary>
/// Maximum-likelihood machinery shared by the sBG and BdW models: the cohorts' sufficient statistics (customers lost in
/// each period, customers censored after each period), maximisation over log-parameters by Nelder–Mead then MathNet's
/// BFGS (five-point central-difference gradient), Newton steps that certify the optimum by an absolute test
/// (<see cref="NewtonPolish"/>: gradient of −LL ≤ 1e−6 or Newton step ≤ 1e−8 in every log-parameter), and standard
/// errors from the observed information.
/// </summary>
internal static class ShiftedBetaGeometricEstimation
{
    private const double MaxLogParameter = 20;
    private const double BoundaryLogParameter = 18;

    /// <summary>Lost[t − 1]: customers whose lifetime ended in period t; Censored[t − 1]: customers still active after their cohort's last period t.</summary>
    internal sealed record Counts(long[] Lost, long[] Censored, long Customers, int Cohorts);

    internal sealed record Estimate(double[] Parameters, double[]? StandardErrors, double LogLikelihood, SurvivalFitStatus Status, int Iterations);

    public static Counts Summarise(IReadOnlyList<SurvivalCohort> cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        if (cohorts.Count == 0)
        {
            throw new ArgumentException("at least one cohort is needed to fit a retention model.", nameof(cohorts));
        }

        int periods = 0;
        foreach (var cohort in cohorts)
        {
            ArgumentNullException.ThrowIfNull(cohort, nameof(cohorts));
            periods = Math.Max(periods, cohort.Periods);
        }

        if (periods == 0)
        {
            throw new ArgumentException("the cohorts observe no period after acquisition: there is nothing to fit.", nameof(cohorts));
        }

        var lost = new long[periods];
        var censored = new long[periods];
        long customers = 0;
        foreach (var cohort in cohorts)
        {
            customers += cohort.InitialCount;
            long previous = cohort.InitialCount;
            for (int t = 0; t < cohort.Periods; t++)
            {
                lost[t] += previous - cohort.Survivors[t];
                previous = cohort.Survivors[t];
            }

            if (cohort.Periods > 0)
            {
                censored[cohort.Periods - 1] += previous;
            }
            else
            {
                // Observed at acquisition only: contributes log S(0) = 0, nothing to the likelihood.
            }
        }

        return new Counts(lost, censored, customers, cohorts.Count);
    }

    /// <summary>
    /// Maximises <paramref name="logLikelihood"/> over θ = log(parameters) from <paramref name="start"/> (natural scale).
    /// </summary>
    public static Estimate Maximise(Func<double[], double> logLikelihood, double[] start, int maxIterations = 1000)
    {
        int k = start.Length;
        double Objective(Vector<double> theta)
        {
            var p = new double[k];
            for (int i = 0; i < k; i++)
            {
                // The search is confined to log-parameters within ±MaxLogParameter (parameters 2e-9 … 5e8).
                if (!(Math.Abs(theta[i]) <= MaxLogParameter))
                {
                    return double.MaxValue;
                }

                p[i] = Math.Exp(theta[i]);
            }

            double ll = logLikelihood(p);
            return double.IsFinite(ll) ? -ll : double.MaxValue;
        }

        // Five-point central differences, (−f(θ + 2h) + 8f(θ + h) − 8f(θ − h) + f(θ − 2h))/(12h) with h = 1e−3: error
        // O(h⁴) and rounding about 1.5ε|f|/h (5e−10 on |LL| = 1611), where the three-point rule with h = 1e−6 had 4e−7 — too
        // coarse for the absolute convergence test. A pass costs a few logarithms per period, so 4k passes are cheap.
        double Differentiate(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            var probe = Vector<double>.Build.Dense(theta.ToArray());
            double value = Objective(probe);
            if (gradient.IsEmpty || value == double.MaxValue)
            {
                return value == double.MaxValue ? double.NaN : value;
            }

            const double h = 1e-3;
            for (int i = 0; i < k; i++)
            {
                double at = theta[i];
                probe[i] = at + (2 * h);
                double up2 = Objective(probe);
                probe[i] = at + h;
                double up = Objective(probe);
                probe[i] = at - h;
                double down = Objective(probe);
                probe[i] = at - (2 * h);
                double down2 = Objective(probe);
                probe[i] = at;
                bool finite = up2 < double.MaxValue && up < double.MaxValue && down < double.MaxValue && down2 < double.MaxValue;
                gradient[i] = finite ? ((8 * (up - down)) - (up2 - down2)) / (12 * h) : double.NaN;
            }

            return value;
        }

        Vector<double> Gradient(Vector<double> theta)
        {
            var g = new double[k];
            Differentiate(theta.ToArray(), g);
            return Vector<double>.Build.Dense(g);
        }

        // Nelder–Mead first (robust far from the optimum, where BFGS line searches can run off along the flat ridge
        // towards a homogeneous geometric), then BFGS, then Newton steps that finish the fit and certify it by an absolute
        // test (BFGS's own test is relative to |LL| and stopped the high-end cohort's fit with a gradient of 6.8e−4).
        var initial = Vector<double>.Build.Dense(k, i => Math.Log(start[i]));
        Vector<double>? best = null;
        var status = SurvivalFitStatus.Failed;
        int iterations = 0;
        try
        {
            var simplex = new NelderMeadSimplex(1e-10, maxIterations * 20);
            var coarse = simplex.FindMinimum(ObjectiveFunction.Value(Objective), initial);
            initial = coarse.MinimizingPoint;
            iterations = coarse.Iterations;
            best = initial;
        }
        catch (MaximumIterationsException)
        {
            // Keep the start; BFGS gets its chance below.
        }

        bool iterationLimit = false;
        try
        {
            var bfgs = new BfgsMinimizer(1e-6, 1e-12, 1e-14, maxIterations);
            var result = bfgs.FindMinimum(ObjectiveFunction.Gradient(Objective, Gradient), initial);
            if (Objective(result.MinimizingPoint) <= Objective(initial))
            {
                best = result.MinimizingPoint;
            }

            iterations += result.Iterations;
            iterationLimit = result.ReasonForExit == ExitCondition.ExceedIterations;
        }
        catch (MaximumIterationsException)
        {
            iterationLimit = true;
        }
        catch (Exception e) when (e is InnerOptimizationException or EvaluationException or ArgumentException)
        {
            // The line search gave up: the Newton polish below decides whether the simplex optimum is one.
        }

        if (best is not null && Objective(best) < double.MaxValue)
        {
            var polish = NewtonPolish.Run(Differentiate, best.ToArray(), scale: 1);
            iterations += polish.Iterations;
            best = Vector<double>.Build.Dense(polish.Point);
            status = polish.Certified ? SurvivalFitStatus.Converged : iterationLimit ? SurvivalFitStatus.IterationLimit : SurvivalFitStatus.NotConverged;
        }

        if (best is null || !(Objective(best) < double.MaxValue))
        {
            // Report the starting point (finite, so results still serialise) flagged Failed: not an estimate.
            var from = Vector<double>.Build.Dense(k, i => Math.Log(start[i]));
            double atStart = Objective(from);
            return new Estimate([.. start], null, atStart < double.MaxValue ? -atStart : double.MinValue, SurvivalFitStatus.Failed, iterations);
        }

        if (best.Any(theta => Math.Abs(theta) > BoundaryLogParameter))
        {
            status = SurvivalFitStatus.Boundary;
        }

        var parameters = best.Select(Math.Exp).ToArray();
        double logLik = -Objective(best);
        return new Estimate(parameters, status == SurvivalFitStatus.Converged ? StandardErrors(Objective, best, parameters) : null, logLik, status, iterations);
    }

    /// <summary>
    /// Standard errors of the natural parameters by the delta method, <c>SE(p) = p·SE(log p)</c>, from the inverse of the
    /// observed information (the central-difference Hessian of −log L over log-parameters); <see langword="null"/> when
    /// that Hessian is not positive definite (a boundary or flat optimum).
    /// </summary>
    private static double[]? StandardErrors(Func<Vector<double>, double> objective, Vector<double> theta, double[] parameters)
    {
        int k = theta.Count;
        var hessian = Matrix<double>.Build.Dense(k, k);
        var probe = theta.Clone();
        double f0 = objective(theta);
        var h = new double[k];
        for (int i = 0; i < k; i++)
        {
            h[i] = 1e-4 * Math.Max(1, Math.Abs(theta[i]));
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                double value;
                if (i == j)
                {
                    probe[i] = theta[i] + h[i];
                    double up = objective(probe);
                    probe[i] = theta[i] - h[i];
                    double down = objective(probe);
                    probe[i] = theta[i];
                    value = (up - (2 * f0) + down) / (h[i] * h[i]);
                }
                else
                {
                    value = (Corner(objective, probe, theta, i, j, h[i], h[j]) - Corner(objective, probe, theta, i, j, h[i], -h[j])
                        - Corner(objective, probe, theta, i, j, -h[i], h[j]) + Corner(objective, probe, theta, i, j, -h[i], -h[j])) / (4 * h[i] * h[j]);
                }

                hessian[i, j] = value;
                hessian[j, i] = value;
            }
        }

        if (!hessian.ToColumnMajorArray().All(double.IsFinite))
        {
            return null;
        }

        try
        {
            var covariance = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
            var se = new double[k];
            for (int i = 0; i < k; i++)
            {
                if (!(covariance[i, i] > 0))
                {
                    return null;
                }

                se[i] = parameters[i] * Math.Sqrt(covariance[i, i]);
            }

            return se;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static double Corner(Func<Vector<double>, double> objective, Vector<double> probe, Vector<double> theta, int i, int j, double hi, double hj)
    {
        probe[i] = theta[i] + hi;
        probe[j] = theta[j] + hj;
        double value = objective(probe);
        probe[i] = theta[i];
        probe[j] = theta[j];
        return value;
    }
}
