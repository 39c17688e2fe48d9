using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CxMetrics.Retention;

/// <summary>
/// Maximum-likelihood machinery shared by the sBG and BdW models: the cohorts' sufficient statistics (customers lost in
/// each period, customers censored after each period), maximisation over log-parameters with MathNet's BFGS (central-
/// difference gradient; Nelder–Mead as a fallback), and standard errors from the observed information.
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

        Vector<double> Gradient(Vector<double> theta)
        {
            var g = Vector<double>.Build.Dense(k);
            var probe = theta.Clone();
            for (int i = 0; i < k; i++)
            {
                double h = 1e-6 * Math.Max(1, Math.Abs(theta[i]));
                probe[i] = theta[i] + h;
                double up = Objective(probe);
                probe[i] = theta[i] - h;
                double down = Objective(probe);
                probe[i] = theta[i];
                g[i] = (up - down) / (2 * h);
            }

            return g;
        }

        // Nelder–Mead first (robust far from the optimum, where BFGS line searches can run off along the flat ridge
        // towards a homogeneous geometric), then BFGS from there to certify convergence by the gradient.
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

        try
        {
            var bfgs = new BfgsMinimizer(1e-6, 1e-12, 1e-14, maxIterations);
            var result = bfgs.FindMinimum(ObjectiveFunction.Gradient(Objective, Gradient), initial);
            if (Objective(result.MinimizingPoint) <= Objective(initial))
            {
                best = result.MinimizingPoint;
            }

            iterations += result.Iterations;
            status = result.ReasonForExit == ExitCondition.ExceedIterations ? SurvivalFitStatus.IterationLimit : SurvivalFitStatus.Converged;
        }
        catch (MaximumIterationsException)
        {
            status = SurvivalFitStatus.IterationLimit;
        }
        catch (Exception e) when (e is InnerOptimizationException or EvaluationException or ArgumentException)
        {
            // The line search gave up; accept the simplex optimum only if the gradient there is small.
            if (best is not null && Gradient(best).InfinityNorm() < 1e-3)
            {
                status = SurvivalFitStatus.Converged;
            }
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
