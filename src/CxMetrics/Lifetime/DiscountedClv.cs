namespace CxMetrics.Lifetime;

/// <summary>
/// Model-based customer lifetime value with discounting. Two conventions exist and give different numbers, so they
/// have different names here:
/// <list type="bullet">
/// <item><see cref="DiscreteMonthly(IPurchaseModel, double, double, double, double, int, double, double)"/> — lifetimes'
/// <c>customer_lifetime_value</c> and PyMC-Marketing's <c>customer_lifetime_value</c>: a finite horizon cut into months,
/// each month's expected purchases × spend discounted by (1 + d)^month.</item>
/// <item><see cref="ParetoNbdModel.DiscountedExpectedResidualTransactions"/> and
/// <see cref="BetaGeoNbdModel.DiscountedExpectedResidualTransactions"/> (DERT) — CLVTools and Fader, Hardie &amp; Lee
/// (2005, JMR): an unbounded horizon discounted continuously at rate δ per time unit (<see cref="ContinuousRate"/>);
/// CLV = DERT × spend. DERT counts transactions, not money, and has no horizon or monthly step.</item>
/// </list>
/// </summary>
public static class DiscountedClv
{
    /// <summary>Weeks per month used by lifetimes (<c>4.345</c>).</summary>
    public const double WeeksPerMonth = 4.345;

    /// <summary>
    /// CLV with discrete monthly discounting, as lifetimes' <c>_customer_lifetime_value</c> (and PyMC-Marketing) compute
    /// it: Σ_{i=1..months} spend · (E[Y(i·f) | x, t_x, T] − E[Y((i−1)·f) | x, t_x, T]) / (1 + d)^i, where f is the number of
    /// model time units per month.
    /// </summary>
    /// <param name="model">A converged purchase model.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <param name="expectedSpend">Expected value per transaction (e.g. <see cref="GammaGammaModel.ConditionalExpectedSpend"/>), × margin for profit.</param>
    /// <param name="months">Horizon in months (lifetimes' default 12).</param>
    /// <param name="monthlyDiscountRate">Discount rate per month d ≥ 0 (lifetimes' default 0.01).</param>
    /// <param name="timeUnitsPerMonth">Model time units per month f (lifetimes: 4.345 for weeks, 30 for days, 1 for months).</param>
    /// <returns>The discounted value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static double DiscreteMonthly(IPurchaseModel model, double frequency, double recency, double age, double expectedSpend, int months = 12, double monthlyDiscountRate = 0.01, double timeUnitsPerMonth = WeeksPerMonth)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(months, monthlyDiscountRate, timeUnitsPerMonth);
        double value = 0, previous = 0;
        for (int i = 1; i <= months; i++)
        {
            double cumulative = model.ConditionalExpectedPurchases(i * timeUnitsPerMonth, frequency, recency, age);
            value += expectedSpend * (cumulative - previous) / Math.Pow(1 + monthlyDiscountRate, i);
            previous = cumulative;
        }

        return value;
    }

    /// <summary>Discrete monthly CLV for every customer (see the single-customer overload).</summary>
    /// <param name="model">A converged purchase model.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="expectedSpend">Expected spend per transaction, one per customer.</param>
    /// <param name="destination">One CLV per customer.</param>
    /// <param name="months">Horizon in months.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month.</param>
    /// <param name="timeUnitsPerMonth">Model time units per month.</param>
    /// <exception cref="ArgumentException"><paramref name="expectedSpend"/> does not hold one spend per customer, or <paramref name="destination"/> is shorter than <paramref name="customers"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or <paramref name="model"/> is null.</exception>
    public static void DiscreteMonthly(IPurchaseModel model, RfmData customers, ReadOnlySpan<double> expectedSpend, Span<double> destination, int months = 12, double monthlyDiscountRate = 0.01, double timeUnitsPerMonth = WeeksPerMonth)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        Check(months, monthlyDiscountRate, timeUnitsPerMonth);
        if (expectedSpend.Length != customers.Count || destination.Length < customers.Count)
        {
            throw new ArgumentException($"expected one spend and one destination slot per customer ({customers.Count}); got {expectedSpend.Length} and {destination.Length}.", nameof(expectedSpend));
        }

        for (int i = 0; i < customers.Count; i++)
        {
            destination[i] = DiscreteMonthly(model, customers.Frequency[i], customers.Recency[i], customers.Age[i], expectedSpend[i], months, monthlyDiscountRate, timeUnitsPerMonth);
        }
    }

    /// <summary>
    /// The continuous discount rate δ per model time unit equivalent to an annual rate: δ = ln(1 + annual)/(units per
    /// year). Fader, Hardie &amp; Lee (2005, JMR) use 15% a year: ln(1.15)/52 ≈ 0.00269 per week.
    /// </summary>
    /// <param name="annualRate">Annual discount rate ≥ 0 (0.15 for 15%).</param>
    /// <param name="timeUnitsPerYear">Model time units per year (52 for weeks, 365 for days, 12 for months).</param>
    /// <returns>δ.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="annualRate"/> is not above −1 or not finite, or <paramref name="timeUnitsPerYear"/> is not finite and greater than 0 (the error names the bad argument).</exception>
    public static double ContinuousRate(double annualRate, double timeUnitsPerYear)
    {
        if (!(annualRate > -1) || double.IsInfinity(annualRate))
        {
            throw new ArgumentOutOfRangeException(nameof(annualRate), annualRate, $"annual rate {annualRate} must be finite and exceed −1.");
        }

        if (!(timeUnitsPerYear > 0) || double.IsInfinity(timeUnitsPerYear))
        {
            throw new ArgumentOutOfRangeException(nameof(timeUnitsPerYear), timeUnitsPerYear, $"time units per year ({timeUnitsPerYear}) must be finite and > 0.");
        }

        return Math.Log(1 + annualRate) / timeUnitsPerYear;
    }

    internal static void CheckContinuousRate(double continuousDiscountRate)
    {
        if (!(continuousDiscountRate > 0) || double.IsInfinity(continuousDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(continuousDiscountRate), continuousDiscountRate, $"the continuous discount rate δ = {continuousDiscountRate} must be finite and > 0.");
        }
    }

    /// <summary>Checks a horizon in months and a monthly discount rate, naming the public arguments in the exception.</summary>
    internal static void CheckHorizonAndDiscount(int months, double monthlyDiscountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        if (!(monthlyDiscountRate >= 0) || double.IsInfinity(monthlyDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(monthlyDiscountRate), monthlyDiscountRate, $"the monthly discount rate {monthlyDiscountRate} must be finite and ≥ 0.");
        }
    }

    private static void Check(int months, double monthlyDiscountRate, double timeUnitsPerMonth)
    {
        CheckHorizonAndDiscount(months, monthlyDiscountRate);
        if (!(timeUnitsPerMonth > 0) || double.IsInfinity(timeUnitsPerMonth))
        {
            throw new ArgumentOutOfRangeException(nameof(timeUnitsPerMonth), timeUnitsPerMonth, $"time units per month {timeUnitsPerMonth} must be finite and > 0.");
        }
    }
}
