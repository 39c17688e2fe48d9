using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The sufficient statistics of cohorts for the sBG and BdW likelihoods: <c>Lost[t − 1]</c>, customers whose lifetime
/// ended in period t; <c>Censored[t − 1]</c>, customers still active after their cohort's last observed period t.
/// </summary>
internal sealed record SurvivalCounts(long[] Lost, long[] Censored, long Customers, int Cohorts)
{
    /// <summary>Non-zero cells of <see cref="Lost"/> and <see cref="Censored"/>: the distinct rows of the likelihood.</summary>
    public int Rows => Lost.Count(n => n > 0) + Censored.Count(n => n > 0);

    public static SurvivalCounts Of(IReadOnlyList<SurvivalCohort> cohorts)
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

            // A cohort observed at acquisition only contributes log S(0) = 0: nothing to the likelihood.
            if (cohort.Periods > 0)
            {
                censored[cohort.Periods - 1] += previous;
            }
        }

        return new SurvivalCounts(lost, censored, customers, cohorts.Count);
    }

    /// <summary>
    /// The likelihood of a model with parameters θ = exp(log-parameters) as the engine's objective, −LL(θ)/n over
    /// log-parameters (the gradient, when asked for, by the engine's five-point differences); NaN where not finite.
    /// </summary>
    public NegativeLogLikelihood Objective(Func<double[], double> logLikelihood) => (logParameters, _) =>
    {
        var p = new double[logParameters.Length];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = Math.Exp(logParameters[i]);
            if (!(p[i] > 0) || double.IsInfinity(p[i]))
            {
                return double.NaN;
            }
        }

        double ll = logLikelihood(p);
        return double.IsFinite(ll) ? -ll / Customers : double.NaN;
    };
}
