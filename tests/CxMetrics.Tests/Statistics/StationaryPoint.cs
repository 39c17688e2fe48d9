namespace CxMetrics.Tests.Statistics;

/// <summary>
/// An independent check of a maximum-likelihood fit: the largest component of the gradient of the summed log-likelihood
/// with respect to the log-parameters, by five-point central differences (step 1e−4 in log space, rounding error about
/// 3e−12·|LL|), computed from the models' public log-likelihoods, not from the engine's gradient.
/// </summary>
internal static class StationaryPoint
{
    public static double GradientNorm(Func<double[], double> logLikelihood, params double[] parameters)
    {
        const double h = 1e-4;
        double max = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            double At(double shift)
            {
                var p = (double[])parameters.Clone();
                p[i] = Math.Exp(Math.Log(parameters[i]) + shift);
                return logLikelihood(p);
            }

            double derivative = ((8 * (At(h) - At(-h))) - (At(2 * h) - At(-2 * h))) / (12 * h);
            max = Math.Max(max, Math.Abs(derivative));
        }

        return max;
    }
}
