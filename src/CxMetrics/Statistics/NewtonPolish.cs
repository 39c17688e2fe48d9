namespace CxMetrics.Statistics;

/// <summary>
/// Newton's method run after a quasi-Newton optimiser to finish a maximum-likelihood fit and to certify it by an absolute
/// test, shared by the maximum-likelihood engines. A quasi-Newton stop on a gradient test relative to |f| (MathNet's BFGS, which the engine used before): on a
/// log-likelihood of −1611 it stopped with a gradient of 6.8e−4 and both parameters wrong in the fifth digit. Here each step solves <c>H·s = −∇f</c> with H the Hessian by central differences of the gradient (step 1e−4),
/// backtracking when the objective does not fall, and the point is certified when, on the summed log-likelihood over
/// log-parameters, either the largest gradient component is at most <see cref="GradientTolerance"/> or (with H positive
/// definite) the largest Newton step component is at most <see cref="StepTolerance"/> — every parameter within a relative
/// 1e−8 of the optimum of the local quadratic model, which on a large data set is reached before the gradient's rounding
/// floor lets the gradient test pass.
/// </summary>
internal static class NewtonPolish
{
    /// <summary>Largest gradient component of the summed log-likelihood (in log-parameters) that certifies a point.</summary>
    public const double GradientTolerance = FitDiagnostics.GradientTolerance;

    /// <summary>Largest Newton step component (in log-parameters: a relative change of the parameter) that certifies a point.</summary>
    public const double StepTolerance = FitDiagnostics.StepTolerance;

    private const double HessianStep = 1e-4;
    private const int MaxHalvings = 30;

    /// <summary>An objective to minimise: returns the value and writes the gradient when <paramref name="gradient"/> is not empty.</summary>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Where to write the gradient, or empty.</param>
    /// <returns>The value; non-finite where the objective is undefined.</returns>
    internal delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The analytic Hessian of an <see cref="Objective"/>, for models that have one (one pass instead of 2k).</summary>
    /// <param name="x">The point.</param>
    /// <param name="hessian">Where to write the k × k Hessian, row-major.</param>
    /// <returns>Whether it is finite.</returns>
    internal delegate bool ObjectiveHessian(ReadOnlySpan<double> x, Span<double> hessian);

    /// <summary>Where the polish ended.</summary>
    /// <param name="Point">The final point (the start when no step helped).</param>
    /// <param name="Value">The objective there.</param>
    /// <param name="GradientNorm">Largest gradient component there, times the scale (on the summed log-likelihood).</param>
    /// <param name="StepNorm">Largest component of the last Newton step computed; ∞ when the Hessian was not positive definite.</param>
    /// <param name="Certified">Whether the point passed the gradient or the Newton-step test.</param>
    /// <param name="Iterations">Newton steps taken.</param>
    internal sealed record Result(double[] Point, double Value, double GradientNorm, double StepNorm, bool Certified, int Iterations);

    /// <summary>Polishes <paramref name="start"/> by Newton steps and tests it.</summary>
    /// <param name="f">The objective (−LL or −LL/W) with its gradient.</param>
    /// <param name="start">The optimiser's point.</param>
    /// <param name="scale">What turns the objective's gradient into that of the summed −LL (W for a mean, 1 for a sum).</param>
    /// <param name="maxIterations">The most Newton steps.</param>
    /// <param name="hessian">The objective's analytic Hessian, or <see langword="null"/> for central differences of the gradient.</param>
    /// <returns>The polished point and its certification.</returns>
    public static Result Run(Objective f, double[] start, double scale, int maxIterations = 10, ObjectiveHessian? hessian = null)
    {
        int k = start.Length;
        var x = (double[])start.Clone();
        var g = new double[k];
        double fx = f(x, g);
        if (!double.IsFinite(fx) || !AllFinite(g))
        {
            return new Result(x, fx, double.PositiveInfinity, double.PositiveInfinity, false, 0);
        }

        var trial = new double[k];
        var trialGradient = new double[k];
        int iterations = 0;
        while (true)
        {
            double gradientNorm = MaxAbs(g) * scale;
            double[]? step = Step(f, hessian, x, g);
            double stepNorm = step is null ? double.PositiveInfinity : MaxAbs(step);
            if (gradientNorm <= GradientTolerance || stepNorm <= StepTolerance)
            {
                return new Result(x, fx, gradientNorm, stepNorm, true, iterations);
            }

            if (step is null || iterations >= maxIterations)
            {
                return new Result(x, fx, gradientNorm, stepNorm, false, iterations);
            }

            // Backtrack until the objective falls; within its rounding noise (near the optimum) accept a smaller gradient instead.
            double noise = 1e-13 * Math.Max(1, Math.Abs(fx));
            double t = 1;
            bool moved = false;
            for (int halving = 0; halving < MaxHalvings && !moved; halving++, t /= 2)
            {
                for (int i = 0; i < k; i++)
                {
                    trial[i] = x[i] + (t * step[i]);
                }

                double value = f(trial, trialGradient);
                if (double.IsFinite(value) && AllFinite(trialGradient)
                    && (value < fx || (value <= fx + noise && MaxAbs(trialGradient) < MaxAbs(g))))
                {
                    trial.CopyTo(x, 0);
                    trialGradient.CopyTo(g, 0);
                    fx = value;
                    moved = true;
                }
            }

            iterations++;
            if (!moved)
            {
                return new Result(x, fx, MaxAbs(g) * scale, stepNorm, false, iterations);
            }
        }
    }

    /// <summary>The Newton step −H⁻¹g, or <see langword="null"/> when the Hessian is not finite or not positive definite.</summary>
    private static double[]? Step(Objective f, ObjectiveHessian? analytic, double[] x, double[] g)
    {
        int k = x.Length;
        var hessian = new double[k * k];
        if (!TryHessian(f, analytic, x, 1, hessian) || !CholeskyFactor.TryFactor(hessian, k))
        {
            return null;
        }

        var step = new double[k];
        for (int i = 0; i < k; i++)
        {
            step[i] = -g[i];
        }

        CholeskyFactor.Solve(hessian, k, step);
        return AllFinite(step) ? step : null;
    }

    /// <summary>
    /// The Hessian of <paramref name="f"/> at <paramref name="x"/>: <paramref name="analytic"/>'s when given (one pass), else by
    /// central differences of its gradient (step 1e−4, 2k passes, symmetrised); multiplied by <paramref name="scale"/>,
    /// row-major into <paramref name="hessian"/>.
    /// </summary>
    /// <param name="f">The objective with its gradient.</param>
    /// <param name="analytic">The objective's analytic Hessian, or <see langword="null"/>.</param>
    /// <param name="x">The point.</param>
    /// <param name="scale">A factor for every entry (W to put a mean objective on the summed scale).</param>
    /// <param name="hessian">k × k, row-major.</param>
    /// <returns>Whether every entry was finite.</returns>
    internal static bool TryHessian(Objective f, ObjectiveHessian? analytic, ReadOnlySpan<double> x, double scale, Span<double> hessian)
    {
        if (analytic is not null)
        {
            if (!analytic(x, hessian))
            {
                return false;
            }

            for (int i = 0; i < hessian.Length; i++)
            {
                hessian[i] *= scale;
            }

            return AllFinite(hessian);
        }

        int k = x.Length;
        var shifted = x.ToArray();
        var up = new double[k];
        var down = new double[k];
        for (int j = 0; j < k; j++)
        {
            shifted[j] = x[j] + HessianStep;
            double a = f(shifted, up);
            shifted[j] = x[j] - HessianStep;
            double b = f(shifted, down);
            shifted[j] = x[j];
            if (!double.IsFinite(a) || !double.IsFinite(b))
            {
                return false;
            }

            for (int i = 0; i < k; i++)
            {
                hessian[(i * k) + j] = (up[i] - down[i]) / (2 * HessianStep) * scale;
            }
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double mean = 0.5 * (hessian[(i * k) + j] + hessian[(j * k) + i]);
                hessian[(i * k) + j] = mean;
                hessian[(j * k) + i] = mean;
            }
        }

        return AllFinite(hessian);
    }

    /// <summary>The largest absolute component; ∞ when one is not finite.</summary>
    internal static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values)
        {
            max = double.IsFinite(v) ? Math.Max(max, Math.Abs(v)) : double.PositiveInfinity;
        }

        return max;
    }

    /// <summary>Whether every component is finite.</summary>
    internal static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
