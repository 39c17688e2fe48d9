using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CxMetrics.Statistics;

/// <summary>
/// The negative mean log-likelihood of a model over log-parameters. Returns the value and, when
/// <paramref name="gradient"/> is not empty, writes the gradient with respect to the log-parameters.
/// </summary>
/// <param name="logParameters">The log-parameters.</param>
/// <param name="gradient">Where to write the gradient, or empty when only the value is wanted.</param>
/// <returns>−LL / (number of customers); may be non-finite far from the optimum.</returns>
internal delegate double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient);

/// <summary>
/// The one maximum-likelihood engine of the library, used by every parametric fit (sBG, BdW, BG/NBD, MBG/NBD, Pareto/NBD,
/// gamma-gamma, BG/BB): BFGS (<see cref="Bfgs"/>, our own) on log-parameters with the model's gradient, a
/// Nelder–Mead fallback (MathNet) followed by a BFGS polish (or, for a model that asks for it, Nelder–Mead first), then Newton steps (<see cref="NewtonPolish"/>) that finish the fit and
/// judge convergence by an absolute test on the summed log-likelihood (largest gradient component in log-parameters
/// ≤ 1e−6, or a Newton step ≤ 1e−8 in every log-parameter), and standard errors from the Hessian (central differences
/// of the gradient, inverted through its Cholesky factor) when it is positive definite. All passes of the objective are counted
/// against <see cref="FitOptions.MaxEvaluations"/>; a spent budget ends the fit with <see cref="FitStatus.IterationLimit"/>,
/// a log-parameter beyond ±30 with <see cref="FitStatus.Boundary"/>.
/// </summary>
internal static class MaximumLikelihood
{
    private const double GradientTolerance = 1e-6;
    private const double LogBound = 30;
    private const double MaxLogStandardError = 5;
    private const int MaxBfgsIterations = 500;
    private const int MaxSimplexIterations = 5000;
    private const int MaxWarmNewtonSteps = 20;

    /// <summary>The method reported for a fit that Newton's method finished from a warm start (a fit on a sample of the rows).</summary>
    internal const string WarmMethod = "BFGS on a sample + Newton";

    /// <summary>The result of an optimisation.</summary>
    internal sealed record Outcome(double[] Parameters, double[]? StandardErrors, FitDiagnostics Diagnostics)
    {
        /// <summary>Parameter <paramref name="index"/> as a named estimate with its standard error.</summary>
        public ParameterEstimate Estimate(int index, string name) =>
            new() { Name = name, Value = Parameters[index], StandardError = StandardErrors?[index] };
    }

    /// <summary>The diagnostics of a fit that had nothing to fit.</summary>
    /// <param name="message">Why.</param>
    /// <returns>Diagnostics with <see cref="FitStatus.NoData"/>.</returns>
    public static FitDiagnostics NoData(string message) => new()
    {
        Status = FitStatus.NoData,
        LogLikelihood = null,
        Iterations = 0,
        Method = "none",
        Customers = 0,
        Rows = 0,
        GradientNorm = 0,
        NewtonStep = 0,
        HessianPositiveDefinite = false,
        Message = message,
    };

    /// <summary>Fits by maximum likelihood.</summary>
    /// <param name="objective">−LL/W over log-parameters (with gradient when <paramref name="analyticGradient"/>).</param>
    /// <param name="analyticGradient">Whether the objective writes its gradient; otherwise central differences are used.</param>
    /// <param name="start">Starting natural parameters (&gt; 0).</param>
    /// <param name="customers">W, the total weight, to put LL back on the summed scale.</param>
    /// <param name="rows">Distinct rows, for the diagnostics.</param>
    /// <param name="options">The work budget (<see cref="FitOptions.MaxEvaluations"/>); <see cref="FitOptions.Default"/> when null.</param>
    /// <param name="simplexFirst">Start with Nelder–Mead, then BFGS (for models whose likelihood has long flat ridges from a
    /// generic start, where a first BFGS line search runs off towards a limiting case: sBG, BdW); otherwise BFGS first with
    /// Nelder–Mead as the fallback.</param>
    /// <param name="positiveCount">How many leading parameters are positive and optimised as logarithms (all when
    /// negative, the default); the rest (regression coefficients such as covariate effects) are optimised, reported and
    /// given standard errors on their own scale, and <paramref name="start"/> holds them as they are.</param>
    /// <param name="hessian">The objective's analytic Hessian (for the Newton steps and the standard errors), or
    /// <see langword="null"/> for central differences of the gradient (2k passes each).</param>
    /// <param name="warmStart">Whether <paramref name="start"/> is already near the optimum (a fit on a sample of the rows):
    /// with <paramref name="hessian"/>, Newton's method is tried first and BFGS runs only when it does not certify a point.</param>
    /// <returns>The outcome.</returns>
    /// <remarks>
    /// Every pass of <paramref name="objective"/> the optimisers ask for is counted; once the budget is spent the counted
    /// objective answers NaN without evaluating (which BFGS's line search and the simplex treat as a wall and stop on), and
    /// the best point seen is reported with <see cref="FitStatus.IterationLimit"/>. The final gradient check and the
    /// Hessian are evaluated outside the budget (1 + 2k passes).
    /// </remarks>
    public static Outcome Fit(NegativeLogLikelihood objective, bool analyticGradient, double[] start, double customers, int rows, FitOptions? options = null, bool simplexFirst = false, int positiveCount = -1, NewtonPolish.ObjectiveHessian? hessian = null, bool warmStart = false)
    {
        options ??= FitOptions.Default;
        int k = start.Length;
        int positive = positiveCount < 0 ? k : Math.Min(positiveCount, k);
        var budget = new Budget(objective, options.MaxEvaluations, hessian);
        NegativeLogLikelihood raw = analyticGradient ? objective : WithNumericalGradient(objective);
        NegativeLogLikelihood f = analyticGradient ? budget.Evaluate : WithNumericalGradient(budget.Evaluate);
        NewtonPolish.Objective guarded = (p, g) => Value(f, p, g);
        NewtonPolish.ObjectiveHessian? countedHessian = hessian is null ? null : (p, h) => InDomain(p) && budget.Hessian(p, h);
        NewtonPolish.ObjectiveHessian? rawHessian = hessian is null ? null : (p, h) => InDomain(p) && hessian(p, h);
        var x0 = new double[k];
        for (int i = 0; i < k; i++)
        {
            x0[i] = i < positive ? Math.Log(start[i]) : start[i];
        }

        int iterations = 0;
        string method = "BFGS";
        string? message = null;
        double[]? best = null;
        bool certified = false;
        double newtonStep = double.PositiveInfinity;
        if (warmStart && countedHessian is not null)
        {
            // Near the optimum already: Newton's method converges in a few steps where BFGS would rebuild the curvature.
            var warm = NewtonPolish.Run(guarded, x0, customers, MaxWarmNewtonSteps, countedHessian);
            iterations += warm.Iterations;
            if (warm.Certified)
            {
                method = WarmMethod;
                best = warm.Point;
                certified = true;
                newtonStep = warm.StepNorm;
            }
            else if (double.IsFinite(warm.Value))
            {
                x0 = warm.Point;
            }
        }

        if (!certified)
        {
            (best, method, iterations, message, certified, newtonStep) = Optimise(raw, f, guarded, countedHessian, budget, x0, customers, simplexFirst, iterations);
        }

        return Finish(raw, rawHessian, budget, best!, method, iterations, message, certified, newtonStep, customers, rows, options, simplexFirst, positive);
    }

    /// <summary>BFGS (with the Nelder–Mead fallback, or after Nelder–Mead) and the Newton polish that certifies the point.</summary>
    private static Optimum Optimise(
        NegativeLogLikelihood raw, NegativeLogLikelihood f, NewtonPolish.Objective guarded, NewtonPolish.ObjectiveHessian? hessian, Budget budget, double[] x0, double customers, bool simplexFirst, int iterations)
    {
        string method = "BFGS";
        string? message = null;
        double[]? best = null;
        if (simplexFirst)
        {
            method = "Nelder–Mead + BFGS";
            var coarse = Simplex(f, x0, ref iterations, ref message);
            if (coarse is not null && SafeValue(raw, coarse) <= SafeValue(raw, x0))
            {
                x0 = coarse;
            }
        }

        var quasiNewton = Bfgs.Minimize(guarded, x0, GradientTolerance * 0.1, MaxBfgsIterations);
        iterations += quasiNewton.Iterations;
        if (double.IsFinite(quasiNewton.Value))
        {
            best = quasiNewton.Point;
        }

        if (quasiNewton.Failure is not null)
        {
            message = "BFGS: " + quasiNewton.Failure;
        }

        if (!simplexFirst && !budget.Exhausted && (best is null || !IsStationary(f, best)))
        {
            method = "Nelder–Mead + BFGS";
            var from = best is not null && double.IsFinite(Value(f, best)) && Value(f, best) < Value(f, x0) ? best : x0;
            var coarse = Simplex(f, from, ref iterations, ref message);
            best = coarse ?? from;
            var polished = Bfgs.Minimize(guarded, best, GradientTolerance * 0.1, MaxBfgsIterations);
            iterations += polished.Iterations;
            if (Value(raw, polished.Point) <= Value(raw, best))
            {
                best = polished.Point;
            }
        }

        if (budget.Exhausted && budget.BestPoint is not null && !(Value(raw, best ?? x0) <= budget.BestValue))
        {
            // The optimisers stopped on the wall the spent budget put up: keep the best point they had evaluated.
            best = budget.BestPoint;
        }

        best ??= x0;

        // Newton steps from the optimiser's point, counted against the budget; they also decide convergence, by an absolute
        // test on the summed log-likelihood (BFGS's own test is relative to |f| and stops short on ill-conditioned fits).
        bool certified = false;
        double newtonStep = double.PositiveInfinity;
        if (!budget.Exhausted && double.IsFinite(Value(raw, best)))
        {
            var polish = NewtonPolish.Run(guarded, best, customers, hessian: hessian);
            iterations += polish.Iterations;
            best = polish.Point;
            certified = polish.Certified;
            newtonStep = polish.StepNorm;
        }

        return new Optimum(best, method, iterations, message, certified, newtonStep);
    }

    /// <summary>
    /// What <see cref="Optimise"/> found (a class of our own rather than a value tuple, whose constructor over these
    /// types would be compiled at run time in an application published ReadyToRun).
    /// </summary>
    private sealed record Optimum(double[] Best, string Method, int Iterations, string? Message, bool Certified, double NewtonStep);

    /// <summary>The final gradient check, the status, the standard errors and the diagnostics at the optimiser's point.</summary>
    private static Outcome Finish(NegativeLogLikelihood raw, NewtonPolish.ObjectiveHessian? hessian, Budget budget, double[] best, string method, int iterations, string? message, bool certified, double newtonStep, double customers, int rows, FitOptions options, bool simplexFirst, int positive)
    {
        int k = best.Length;

        var finalGradient = new double[k];
        double value = Value(raw, best, finalGradient);
        double gradientNorm = double.IsFinite(value) ? NewtonPolish.MaxAbs(finalGradient) * customers : double.PositiveInfinity;
        if (!double.IsFinite(value))
        {
            // Near an edge the gradient pass may fail where the value alone is still finite: keep the LL for the diagnostics.
            value = Value(raw, best);
        }
        bool bounded = true;
        for (int i = 0; i < k; i++)
        {
            if (Math.Abs(best[i]) > LogBound)
            {
                bounded = false;
            }
        }

        bool stationary = double.IsFinite(value) && certified;
        var status = stationary && bounded
            ? method is "BFGS" or WarmMethod || simplexFirst ? FitStatus.Converged : FitStatus.ConvergedWithFallback
            : !bounded && double.IsFinite(value) ? FitStatus.Boundary
            : budget.Exhausted ? FitStatus.IterationLimit
            : FitStatus.NotConverged;
        message = status switch
        {
            FitStatus.Boundary => string.Create(CultureInfo.InvariantCulture, $"a parameter ran off towards 0 or infinity (|ln θ| > {LogBound}): the likelihood rises towards a limiting case of the model, which the data do not identify."),
            FitStatus.IterationLimit => string.Create(CultureInfo.InvariantCulture, $"the work budget of {options.MaxEvaluations} likelihood evaluations ran out before a stationary point was reached (largest gradient component of the log-likelihood {gradientNorm:G3}); the parameters are the best point seen."),
            FitStatus.NotConverged => message ?? string.Create(CultureInfo.InvariantCulture, $"no stationary point was reached: after Newton polishing the largest gradient component of the log-likelihood is {gradientNorm:G3} (certified at ≤ {NewtonPolish.GradientTolerance:G1}, or a Newton step ≤ {NewtonPolish.StepTolerance:G1})."),
            _ => message,
        };

        var parameters = new double[k];
        for (int i = 0; i < k; i++)
        {
            // A diverged iterate may be ±∞ or NaN in log space: keep results finite (they must serialise to JSON).
            double e = i < positive ? Math.Exp(best[i]) : best[i];
            parameters[i] = double.IsFinite(e) ? e : best[i] > 0 ? double.MaxValue : i < positive ? 0 : double.MinValue;
        }

        bool usable = status is FitStatus.Converged or FitStatus.ConvergedWithFallback;
        double[]? errors = usable ? StandardErrors(raw, hessian, best, customers, positive) : null;
        if (errors is not null)
        {
            for (int i = 0; i < positive; i++)
            {
                // SE(ln θ) = SE(θ)/θ above 5 means θ is uncertain by a factor e⁵ ≈ 150: a flat ridge, not an estimate.
                if (errors[i] / parameters[i] > MaxLogStandardError)
                {
                    status = FitStatus.NotConverged;
                    message = string.Create(CultureInfo.InvariantCulture, $"parameter {i + 1} is not identified by the data (the likelihood is flat: SE of its log is {errors[i] / parameters[i]:G3}).");
                    errors = null;
                    break;
                }
            }
        }
        else if (usable)
        {
            status = FitStatus.NotConverged;
            message = "the Hessian at the stationary point is not positive definite (a saddle or flat ridge): the data do not identify the model.";
        }

        var diagnostics = new FitDiagnostics
        {
            Status = status,
            LogLikelihood = double.IsFinite(value) ? -value * customers : null,
            Iterations = iterations,
            Evaluations = budget.Used,
            Method = method,
            Customers = customers,
            Rows = rows,
            GradientNorm = double.IsFinite(gradientNorm) ? gradientNorm : double.MaxValue,
            NewtonStep = double.IsFinite(newtonStep) ? newtonStep : double.MaxValue,
            HessianPositiveDefinite = errors is not null,
            Message = status is FitStatus.Converged or FitStatus.ConvergedWithFallback ? null : message,
        };
        return new Outcome(parameters, errors, diagnostics);
    }

    /// <summary>
    /// Five-point central-difference gradient of a value-only objective,
    /// <c>(−f(θ + 2h) + 8f(θ + h) − 8f(θ − h) + f(θ − 2h))/(12h)</c> with h = 1e−3 in log-parameters: error O(h⁴) and rounding
    /// about 1.5ε|f|/h, accurate enough for the absolute convergence test on the summed log-likelihood (the three-point
    /// rule with h = 1e−5 left a noise of 1e−5 on the 11,104 donations customers). Costs 4k + 1 passes.
    /// </summary>
    /// <param name="objective">The objective (its gradient argument is ignored).</param>
    /// <returns>An objective that writes a numerical gradient.</returns>
    public static NegativeLogLikelihood WithNumericalGradient(NegativeLogLikelihood objective) => (p, gradient) =>
    {
        double value = objective(p, default);
        if (gradient.IsEmpty)
        {
            return value;
        }

        Span<double> shifted = stackalloc double[p.Length];
        p.CopyTo(shifted);
        const double h = 1e-3;
        for (int i = 0; i < p.Length; i++)
        {
            shifted[i] = p[i] + (2 * h);
            double up2 = objective(shifted, default);
            shifted[i] = p[i] + h;
            double up = objective(shifted, default);
            shifted[i] = p[i] - h;
            double down = objective(shifted, default);
            shifted[i] = p[i] - (2 * h);
            double down2 = objective(shifted, default);
            shifted[i] = p[i];
            gradient[i] = ((8 * (up - down)) - (up2 - down2)) / (12 * h);
        }

        return value;
    };

    /// <summary>Nelder–Mead (MathNet) from <paramref name="from"/>; <see langword="null"/> when it failed (the reason joins <paramref name="message"/>).</summary>
    private static double[]? Simplex(NegativeLogLikelihood f, double[] from, ref int iterations, ref string? message)
    {
        try
        {
            var simplex = new NelderMeadSimplex(1e-10, MaxSimplexIterations);
            var result = simplex.FindMinimum(ObjectiveFunction.Value(v => SafeValue(f, v.AsArray() ?? v.ToArray())), Vector<double>.Build.Dense(from));
            iterations += result.Iterations;
            return result.MinimizingPoint.ToArray();
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException or ArgumentException or InvalidOperationException)
        {
            message = (message is null ? string.Empty : message + "; ") + "Nelder–Mead: " + e.Message;
            return null;
        }
    }

    private static double SafeValue(NegativeLogLikelihood f, ReadOnlySpan<double> v)
    {
        double value = Value(f, v);
        return double.IsFinite(value) ? value : 1e100;
    }

    private static double Value(NegativeLogLikelihood f, ReadOnlySpan<double> v, Span<double> gradient = default) =>
        InDomain(v) ? f(v, gradient) : double.NaN;

    /// <summary>Whether every log-parameter is finite and within twice the boundary (beyond it the objective is not asked).</summary>
    private static bool InDomain(ReadOnlySpan<double> v)
    {
        foreach (double component in v)
        {
            if (!double.IsFinite(component) || Math.Abs(component) > 2 * LogBound)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsStationary(NegativeLogLikelihood f, double[] v)
    {
        var g = new double[v.Length];
        double value = Value(f, v, g);
        return double.IsFinite(value) && NewtonPolish.MaxAbs(g) < GradientTolerance;
    }

    private static double[]? StandardErrors(NegativeLogLikelihood f, NewtonPolish.ObjectiveHessian? hessian, double[] at, double customers, int positive)
    {
        int k = at.Length;
        var information = new double[k * k];
        if (!NewtonPolish.TryHessian((p, g) => Value(f, p, g), hessian, at, customers, information)
            || !CholeskyFactor.TryFactor(information, k))
        {
            return null;
        }

        var errors = new double[k];
        CholeskyFactor.InverseDiagonal(information, k, errors);
        for (int i = 0; i < k; i++)
        {
            double variance = errors[i];
            if (!(variance > 0) || !double.IsFinite(variance))
            {
                return null;
            }

            errors[i] = (i < positive ? Math.Exp(at[i]) : 1) * Math.Sqrt(variance);
        }

        return errors;
    }

    /// <summary>Counts the passes of an objective against a budget and remembers the best point evaluated.</summary>
    private sealed class Budget(NegativeLogLikelihood objective, int max, NewtonPolish.ObjectiveHessian? hessian = null)
    {
        public int Used { get; private set; }

        public bool Exhausted { get; private set; }

        public double BestValue { get; private set; } = double.PositiveInfinity;

        public double[]? BestPoint { get; private set; }

        public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
        {
            if (Used >= max)
            {
                Exhausted = true;
                return double.NaN;
            }

            Used++;
            double value = objective(logParameters, gradient);
            if (value < BestValue)
            {
                BestValue = value;
                BestPoint = logParameters.ToArray();
            }

            return value;
        }

        /// <summary>One pass of the analytic Hessian, counted like a pass of the objective; false once the budget is spent.</summary>
        public bool Hessian(ReadOnlySpan<double> logParameters, Span<double> h)
        {
            if (Used >= max)
            {
                Exhausted = true;
                return false;
            }

            Used++;
            return hessian!(logParameters, h);
        }
    }
}
