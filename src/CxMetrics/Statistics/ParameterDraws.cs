using CxMetrics.Internal;
using MathNet.Numerics.LinearAlgebra;

namespace CxMetrics.Statistics;

/// <summary>
/// Draws of a fitted model's parameters from their asymptotic normal distribution on the log scale: ln θ* ~ N(ln θ̂, Σ),
/// Σ the inverse of the Hessian of −LL (summed over customers) in log-parameters at the estimate. At a stationary point
/// this is the delta-method transform of the natural-scale covariance, Σ = D⁻¹ Cov(θ̂) D⁻¹ with D = diag(θ̂), so the
/// standard errors the fit reports are diag(D Σ D)^½. The draws are reproducible from a seed on every machine
/// (SplitMix64 and the Box–Muller transform, no System.Random).
/// </summary>
internal static class ParameterDraws
{
    private const double HessianStep = 1e-4;

    /// <summary>
    /// Σ: the inverse Hessian of the summed −LL over log-parameters at <paramref name="logParameters"/>, by central
    /// differences of the objective's gradient (step 1e−4, as the engine's standard errors), symmetrised;
    /// <see langword="null"/> when it is not finite or not positive definite.
    /// </summary>
    /// <param name="objective">−LL/W over log-parameters, writing its gradient.</param>
    /// <param name="logParameters">The estimate, in log-parameters.</param>
    /// <param name="totalWeight">W, to put the Hessian on the summed scale.</param>
    /// <returns>Σ, or null.</returns>
    public static Matrix<double>? LogCovariance(NegativeLogLikelihood objective, ReadOnlySpan<double> logParameters, double totalWeight)
    {
        int k = logParameters.Length;
        var hessian = Matrix<double>.Build.Dense(k, k);
        var up = new double[k];
        var down = new double[k];
        var shifted = logParameters.ToArray();
        for (int j = 0; j < k; j++)
        {
            shifted[j] = logParameters[j] + HessianStep;
            double a = objective(shifted, up);
            shifted[j] = logParameters[j] - HessianStep;
            double b = objective(shifted, down);
            shifted[j] = logParameters[j];
            if (!double.IsFinite(a) || !double.IsFinite(b))
            {
                return null;
            }

            for (int i = 0; i < k; i++)
            {
                hessian[i, j] = (up[i] - down[i]) / (2 * HessianStep) * totalWeight;
            }
        }

        hessian = (hessian + hessian.Transpose()) * 0.5;
        foreach (double h in hessian.AsColumnMajorArray())
        {
            if (!double.IsFinite(h))
            {
                return null;
            }
        }

        try
        {
            var covariance = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
            covariance = (covariance + covariance.Transpose()) * 0.5;
            for (int i = 0; i < k; i++)
            {
                if (!(covariance[i, i] > 0) || !double.IsFinite(covariance[i, i]))
                {
                    return null;
                }
            }

            return covariance;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="draws"/> parameter vectors on the natural scale, θ* = exp(ln θ̂ + L z) with L the lower Cholesky
    /// factor of Σ and z standard normal (Box–Muller on SplitMix64 uniforms): the same seed gives the same draws.
    /// </summary>
    /// <param name="logParameters">ln θ̂.</param>
    /// <param name="covariance">Σ (positive definite).</param>
    /// <param name="draws">How many.</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <returns>One array of k natural parameters per draw.</returns>
    public static double[][] Draw(ReadOnlySpan<double> logParameters, Matrix<double> covariance, int draws, ulong seed)
    {
        int k = logParameters.Length;
        var factor = covariance.Cholesky().Factor;
        var random = new SplitMix64(seed);
        var result = new double[draws][];
        var z = new double[k];
        for (int d = 0; d < draws; d++)
        {
            for (int i = 0; i < k; i++)
            {
                z[i] = StandardNormalDraw(random);
            }

            var theta = new double[k];
            for (int i = 0; i < k; i++)
            {
                double u = logParameters[i];
                for (int j = 0; j <= i; j++)
                {
                    u += factor[i, j] * z[j];
                }

                theta[i] = Math.Exp(u);
            }

            result[d] = theta;
        }

        return result;
    }

    /// <summary>One standard normal variate: Box–Muller, √(−2 ln u₁)·cos(2π u₂), u₁ in (0, 1].</summary>
    /// <param name="random">The generator.</param>
    /// <returns>z.</returns>
    public static double StandardNormalDraw(SplitMix64 random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
