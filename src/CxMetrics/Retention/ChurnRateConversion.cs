namespace CxMetrics.Retention;

/// <summary>
/// Converts a churn rate between period lengths under a constant per-period rate: surviving <c>k</c> periods has
/// probability <c>(1 − m)^k</c>, so the rate over <c>k</c> periods is <c>1 − (1 − m)^k</c> and back
/// <c>m = 1 − (1 − a)^(1/k)</c>. 5% a month is 45.964% a year, not 60%.
/// </summary>
public static class ChurnRateConversion
{
    /// <summary>The rate over <paramref name="periods"/> periods of a constant per-period rate: <c>1 − (1 − rate)^periods</c>.</summary>
    /// <param name="rate">The per-period rate in [0, 1].</param>
    /// <param name="periods">How many periods, &gt; 0 (may be fractional).</param>
    /// <returns>The compounded rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not in [0, 1] or the periods not positive and finite.</exception>
    public static double Compound(double rate, double periods)
    {
        Internal.Guard.Probability(rate);
        CheckPeriods(periods);
        return 1 - Math.Pow(1 - rate, periods);
    }

    /// <summary>The constant per-period rate that compounds to <paramref name="rate"/> over <paramref name="periods"/> periods:
    /// <c>1 − (1 − rate)^(1/periods)</c>.</summary>
    /// <param name="rate">The rate over all the periods, in [0, 1].</param>
    /// <param name="periods">How many periods, &gt; 0.</param>
    /// <returns>The per-period rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not a probability in [0, 1].</exception>
    public static double Decompound(double rate, double periods)
    {
        Internal.Guard.Probability(rate);
        CheckPeriods(periods);
        return 1 - Math.Pow(1 - rate, 1 / periods);
    }

    /// <summary>Monthly to annual: <c>1 − (1 − m)^12</c>.</summary>
    /// <param name="monthly">The monthly rate in [0, 1].</param>
    /// <returns>The annual rate.</returns>
    public static double MonthlyToAnnual(double monthly) => Compound(monthly, 12);

    /// <summary>Annual to monthly: <c>1 − (1 − a)^(1/12)</c>.</summary>
    /// <param name="annual">The annual rate in [0, 1].</param>
    /// <returns>The monthly rate.</returns>
    public static double AnnualToMonthly(double annual) => Decompound(annual, 12);

    private static void CheckPeriods(double periods)
    {
        if (!(periods > 0) || double.IsInfinity(periods))
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods, $"the number of periods {periods} must be finite and greater than 0.");
        }
    }
}
