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

    /// <summary><c>r(1), …, r(periods)</c>; element i is r(i + 1).</summary>
    public static IReadOnlyList<double> Retention(int periods, Func<int, double> retention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        var rates = new double[periods];
        for (int t = 1; t <= periods; t++)
        {
            rates[t - 1] = retention(t);
        }

        return rates;
    }
}
