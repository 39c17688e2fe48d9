namespace CxMetrics.Statistics;

/// <summary>
/// The quasi-Newton minimiser of the maximum-likelihood engine: BFGS on the inverse Hessian (Nocedal &amp; Wright 2006,
/// <i>Numerical Optimization</i>, Algorithm 6.1) with a line search that satisfies the strong Wolfe conditions
/// (Algorithms 3.5 and 3.6, c₁ = 1e−4, c₂ = 0.9, cubic interpolation in the zoom), the first inverse Hessian scaled by
/// sᵀy / yᵀy (eq. 6.20), and the update skipped when the curvature sᵀy is not positive. A point where the objective is
/// not finite (outside the model's domain) is a wall: the step is shortened. Small and allocation-light on purpose, so a
/// fit's first call in a fresh process compiles a few methods instead of a general optimisation stack.
/// </summary>
/// <remarks>
/// It stops when the largest gradient component is at most the tolerance, when an iteration lowers the objective by less
/// than 1e−14 relative to |f| (the rounding floor), when the line search finds no acceptable step, or after the most
/// iterations; the engine's Newton polish (<see cref="NewtonPolish"/>) then finishes and certifies the point.
/// </remarks>
internal static class Bfgs
{
    private const double SufficientDecrease = 1e-4;
    private const double Curvature = 0.9;
    private const int MaxLineSearchSteps = 40;

    /// <summary>Where the minimiser stopped.</summary>
    /// <param name="Point">The best point reached (the start when no step was accepted).</param>
    /// <param name="Value">The objective there.</param>
    /// <param name="Iterations">Accepted steps.</param>
    /// <param name="Failure">Why it stopped short of the gradient test (no acceptable step, no descent), or <see langword="null"/>.</param>
    internal sealed record Result(double[] Point, double Value, int Iterations, string? Failure);

    /// <summary>Minimises <paramref name="f"/> from <paramref name="start"/>.</summary>
    /// <param name="f">The objective with its gradient.</param>
    /// <param name="start">The starting point (finite objective expected).</param>
    /// <param name="gradientTolerance">Stop when every gradient component is at most this in absolute value.</param>
    /// <param name="maxIterations">The most iterations.</param>
    /// <returns>The best point reached.</returns>
    public static Result Minimize(NewtonPolish.Objective f, double[] start, double gradientTolerance, int maxIterations)
    {
        int k = start.Length;
        var x = (double[])start.Clone();
        var g = new double[k];
        double fx = f(x, g);
        if (!double.IsFinite(fx) || !NewtonPolish.AllFinite(g))
        {
            return new Result(x, fx, 0, "the objective is not finite at the start.");
        }

        var inverse = new double[k * k];
        SetIdentity(inverse, k);
        var direction = new double[k];
        var trial = new double[k];
        var trialGradient = new double[k];
        var s = new double[k];
        var y = new double[k];
        var search = new LineSearch(f, k);
        bool scaled = false;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (NewtonPolish.MaxAbs(g) <= gradientTolerance)
            {
                return new Result(x, fx, iteration, null);
            }

            MultiplyNegated(inverse, g, direction, k);
            double slope = Dot(g, direction);
            if (!(slope < 0))
            {
                // The inverse Hessian lost positive definiteness to rounding: restart along steepest descent.
                SetIdentity(inverse, k);
                scaled = false;
                for (int i = 0; i < k; i++)
                {
                    direction[i] = -g[i];
                }

                slope = -Dot(g, g);
            }

            // The first step of an unscaled inverse Hessian is the raw gradient: keep its largest component at 1.
            double first = scaled ? 1 : Math.Min(1, 1 / NewtonPolish.MaxAbs(direction));
            double step = search.Find(x, fx, slope, direction, first, trial, trialGradient, out double value);
            if (!(step > 0))
            {
                return new Result(x, fx, iteration, "the line search found no step that lowers the objective.");
            }

            for (int i = 0; i < k; i++)
            {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
            }

            double progress = fx - value;
            trial.CopyTo(x, 0);
            trialGradient.CopyTo(g, 0);
            fx = value;
            double sy = Dot(s, y);
            if (sy > 1e-300)
            {
                if (!scaled)
                {
                    SetIdentity(inverse, k);
                    double gamma = sy / Dot(y, y);
                    for (int i = 0; i < k; i++)
                    {
                        inverse[(i * k) + i] = gamma;
                    }

                    scaled = true;
                }

                Update(inverse, s, y, sy, k);
            }

            if (progress <= 1e-14 * Math.Max(1, Math.Abs(fx)))
            {
                return new Result(x, fx, iteration + 1, null);
            }
        }

        return new Result(x, fx, maxIterations, null);
    }

    /// <summary>H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1/sᵀy (Nocedal &amp; Wright eq. 6.17), expanded.</summary>
    private static void Update(double[] h, double[] s, double[] y, double sy, int k)
    {
        Span<double> hy = stackalloc double[k];
        double yhy = 0;
        for (int i = 0; i < k; i++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                sum += h[(i * k) + j] * y[j];
            }

            hy[i] = sum;
            yhy += y[i] * sum;
        }

        double rho = 1 / sy;
        double factor = (1 + (rho * yhy)) * rho;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                h[(i * k) + j] += (factor * s[i] * s[j]) - (rho * ((hy[i] * s[j]) + (s[i] * hy[j])));
            }
        }
    }

    private static void SetIdentity(double[] h, int k)
    {
        Array.Clear(h);
        for (int i = 0; i < k; i++)
        {
            h[(i * k) + i] = 1;
        }
    }

    private static void MultiplyNegated(double[] h, double[] g, double[] into, int k)
    {
        for (int i = 0; i < k; i++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                sum += h[(i * k) + j] * g[j];
            }

            into[i] = -sum;
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// A step length α along p satisfying the strong Wolfe conditions φ(α) ≤ φ(0) + c₁αφ′(0) and |φ′(α)| ≤ c₂|φ′(0)|, where
    /// φ(α) = f(x + αp) (Nocedal &amp; Wright Algorithms 3.5 and 3.6).
    /// </summary>
    private sealed class LineSearch(NewtonPolish.Objective f, int k)
    {
        private readonly double[] point = new double[k];
        private readonly double[] gradient = new double[k];
        private int evaluations;

        /// <summary>Finds α; on success <paramref name="at"/>, <paramref name="atGradient"/> and <paramref name="value"/> hold x + αp, its gradient and f there.</summary>
        /// <returns>α, or 0 when no acceptable step was found within the evaluation limit.</returns>
        public double Find(double[] x, double f0, double slope0, double[] p, double first, double[] at, double[] atGradient, out double value)
        {
            evaluations = 0;
            double previous = 0, fPrevious = f0, slopePrevious = slope0;
            double alpha = first;
            value = double.NaN;
            bool bracketed = false;
            while (evaluations < MaxLineSearchSteps)
            {
                double fa = Evaluate(x, p, alpha, out double slope);
                if (!double.IsFinite(fa) || !NewtonPolish.AllFinite(gradient))
                {
                    // Outside the domain: come back towards the last good step.
                    alpha = previous + (0.25 * (alpha - previous));
                    bracketed = true;
                    continue;
                }

                if (fa > f0 + (SufficientDecrease * alpha * slope0) || (previous > 0 && fa >= fPrevious))
                {
                    return Zoom(x, f0, slope0, p, previous, fPrevious, slopePrevious, alpha, fa, slope, at, atGradient, out value);
                }

                if (Math.Abs(slope) <= -Curvature * slope0)
                {
                    return Accept(alpha, fa, at, atGradient, out value);
                }

                if (slope >= 0)
                {
                    return Zoom(x, f0, slope0, p, alpha, fa, slope, previous, fPrevious, slopePrevious, at, atGradient, out value);
                }

                previous = alpha;
                fPrevious = fa;
                slopePrevious = slope;
                alpha = bracketed ? alpha * 1.5 : alpha * 2;
            }

            // Out of evaluations: take the best decreasing point seen, if any.
            return previous > 0 ? AcceptAt(x, p, previous, at, atGradient, out value) : 0;
        }

        private double Zoom(double[] x, double f0, double slope0, double[] p, double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi, double[] at, double[] atGradient, out double value)
        {
            while (evaluations < MaxLineSearchSteps)
            {
                double alpha = Interpolate(lo, fLo, slopeLo, hi, fHi, slopeHi);
                double fa = Evaluate(x, p, alpha, out double slope);
                if (!double.IsFinite(fa) || !NewtonPolish.AllFinite(gradient) || fa > f0 + (SufficientDecrease * alpha * slope0) || fa >= fLo)
                {
                    hi = alpha;
                    fHi = double.IsFinite(fa) ? fa : double.PositiveInfinity;
                    slopeHi = double.IsFinite(slope) ? slope : double.NaN;
                    continue;
                }

                if (Math.Abs(slope) <= -Curvature * slope0)
                {
                    return Accept(alpha, fa, at, atGradient, out value);
                }

                if (slope * (hi - lo) >= 0)
                {
                    hi = lo;
                    fHi = fLo;
                    slopeHi = slopeLo;
                }

                lo = alpha;
                fLo = fa;
                slopeLo = slope;
                if (Math.Abs(hi - lo) <= 1e-16 * Math.Max(1, Math.Abs(lo)))
                {
                    break;
                }
            }

            // The bracket collapsed or the evaluations ran out: the low end satisfies sufficient decrease when it moved.
            value = double.NaN;
            return lo > 0 ? AcceptAt(x, p, lo, at, atGradient, out value) : 0;
        }

        /// <summary>The minimiser of the cubic through both ends' values and slopes, kept inside the middle 80% of the bracket; the midpoint when the cubic is unusable.</summary>
        private static double Interpolate(double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi)
        {
            double width = hi - lo;
            double low = Math.Min(lo, hi) + (0.1 * Math.Abs(width));
            double high = Math.Max(lo, hi) - (0.1 * Math.Abs(width));
            if (double.IsFinite(fHi) && double.IsFinite(slopeHi))
            {
                double d1 = slopeLo + slopeHi - (3 * (fLo - fHi) / (lo - hi));
                double radicand = (d1 * d1) - (slopeLo * slopeHi);
                if (radicand >= 0)
                {
                    double d2 = Math.Sign(hi - lo) * Math.Sqrt(radicand);
                    double candidate = hi - ((hi - lo) * (slopeHi + d2 - d1) / (slopeHi - slopeLo + (2 * d2)));
                    if (double.IsFinite(candidate))
                    {
                        return Math.Clamp(candidate, low, high);
                    }
                }
            }

            return lo + (0.5 * width);
        }

        private double Evaluate(double[] x, double[] p, double alpha, out double slope)
        {
            evaluations++;
            for (int i = 0; i < x.Length; i++)
            {
                point[i] = x[i] + (alpha * p[i]);
            }

            double value = f(point, gradient);
            slope = Dot(gradient, p);
            return value;
        }

        private double Accept(double alpha, double fa, double[] at, double[] atGradient, out double value)
        {
            point.CopyTo(at, 0);
            gradient.CopyTo(atGradient, 0);
            value = fa;
            return alpha;
        }

        private double AcceptAt(double[] x, double[] p, double alpha, double[] at, double[] atGradient, out double value)
        {
            double fa = Evaluate(x, p, alpha, out _);
            if (!double.IsFinite(fa) || !NewtonPolish.AllFinite(gradient))
            {
                value = double.NaN;
                return 0;
            }

            return Accept(alpha, fa, at, atGradient, out value);
        }
    }
}
