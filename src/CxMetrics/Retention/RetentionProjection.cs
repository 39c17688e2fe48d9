namespace CxMetrics.Retention;

/// <summary>Tabulates a fitted retention model's survival function S(t) and retention rates r(t) = S(t)/S(t − 1).</summary>
internal static class RetentionProjection
{
    /// <summary><c>S(0), S(1), …, S(periods)</c>.</summary>
    public static IReadOnlyList<double> Survival(int periods, Func<int, double> survival)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var curve = new double[periods + 1];
        for (int t = 0; t <= periods; t++)
        {
            curve[t] = survival(t);
        }

        return curve;
    }

    /// <summary><c>r(0), r(1), …, r(periods)</c>, indexed by period as <see cref="Survival"/> is; r(0) = 1.</summary>
    public static IReadOnlyList<double> Retention(int periods, Func<int, double> retention)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var rates = new double[periods + 1];
        rates[0] = 1;
        for (int t = 1; t <= periods; t++)
        {
            rates[t] = retention(t);
        }

        return rates;
    }
}
