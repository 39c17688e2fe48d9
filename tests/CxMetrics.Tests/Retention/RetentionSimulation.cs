using CxMetrics.Retention;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Tests.Retention;

/// <summary>Simulates cohorts from the beta-discrete-Weibull model (c = 1: sBG) with a seeded generator.</summary>
internal static class RetentionSimulation
{
    public static SurvivalCohort Cohort(int customers, int periods, double alpha, double beta, double c, int seed)
    {
        var random = new Random(seed);
        var survivors = new long[periods];
        for (int i = 0; i < customers; i++)
        {
            double theta = Beta.Sample(random, alpha, beta);
            double u = random.NextDouble();
            for (int t = 1; t <= periods; t++)
            {
                // Survives t periods with probability (1 − θ)^(t^c); one uniform per customer keeps the lifetime consistent.
                if (u < Math.Pow(1 - theta, Math.Pow(t, c)))
                {
                    survivors[t - 1]++;
                }
                else
                {
                    break;
                }
            }
        }

        return new SurvivalCohort(customers, survivors, $"simulated-{seed}");
    }
}
