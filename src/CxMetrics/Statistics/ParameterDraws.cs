using CxMetrics.Internal;

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
    /// <summary>
    /// Σ: the inverse Hessian of the summed −LL over log-parameters at <paramref name="logParameters"/>, by central
    /// differences of the objective's gradient (<see cref="NewtonPolish.TryHessian"/>, as the engine's standard errors),
    /// inverted through its Cholesky factor; k × k row-major, or <see langword="null"/> when the Hessian is not finite or
    /// not positive definite.
    /// </summary>
    /// <param name="objective">−LL/W over log-parameters, writing its gradient.</param>
    /// <param name="logParameters">The estimate, in log-parameters.</param>
    /// <param name="totalWeight">W, to put the Hessian on the summed scale.</param>
    /// <returns>Σ, or null.</returns>
    public static double[]? LogCovariance(NegativeLogLikelihood objective, ReadOnlySpan<double> logParameters, double totalWeight)
    {
        int k = logParameters.Length;
        var information = new double[k * k];
        if (!NewtonPolish.TryHessian((p, g) => objective(p, g), null, logParameters, totalWeight, information) || !CholeskyFactor.TryFactor(information, k))
        {
            return null;
        }

        var covariance = new double[k * k];
        CholeskyFactor.Inverse(information, k, covariance);
        for (int i = 0; i < k; i++)
        {
            double variance = covariance[(i * k) + i];
            if (!(variance > 0) || !double.IsFinite(variance))
            {
                return null;
            }
        }

        return covariance;
    }

    /// <summary>
    /// <paramref name="draws"/> parameter vectors on the natural scale, θ* = exp(ln θ̂ + L z) with L the lower Cholesky
    /// factor of Σ and z standard normal (Box–Muller on SplitMix64 uniforms): the same seed gives the same draws.
    /// </summary>
    /// <param name="logParameters">ln θ̂.</param>
    /// <param name="covariance">Σ (positive definite), k × k row-major.</param>
    /// <param name="draws">How many.</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <returns>One array of k natural parameters per draw.</returns>
    public static double[][] Draw(ReadOnlySpan<double> logParameters, double[] covariance, int draws, ulong seed)
    {
        int k = logParameters.Length;
        var factor = (double[])covariance.Clone();
        if (!CholeskyFactor.TryFactor(factor, k))
        {
            throw new ArgumentException("the covariance is not positive definite.", nameof(covariance));
        }

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
                    u += factor[(i * k) + j] * z[j];
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
