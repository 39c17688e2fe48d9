namespace CxMetrics.Lifetime;

/// <summary>
/// The CLV pipeline per customer: a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) for how many purchases, gamma-gamma for
/// what each is worth, and discrete monthly discounting over a horizon, as lifetimes' <c>customer_lifetime_value</c> and
/// PyMC-Marketing compute it:
/// CLV = Σ_{m=1..M} E[Z | x, z̄] · (E[Y(m·f) | x, t_x, T] − E[Y((m−1)·f) | x, t_x, T]) / (1 + d)^m, with f model time units
/// per month (Fader, Hardie &amp; Lee 2005 for E[Y]; Fader &amp; Hardie 2013, eq. 5, for E[Z | x, z̄]).
/// </summary>
/// <remarks>
/// A customer without a repeat purchase (x = 0), or one whose mean repeat spend is 0 (left out of the gamma-gamma fit by its
/// zero-spend policy), gets E[Z | x, z̄] with z̄ = 0: the population mean weighted by the model. Both models must have
/// converged. f is 4.345 for a summary in weeks (lifetimes' constant), otherwise the mean month (365.25 / 12 days) in the
/// summary's unit.
/// </remarks>
public static class CustomerValue
{
    /// <summary>Relative margin by which a customer's bound must fall below the N-th value before <see cref="Top"/> skips them.</summary>
    private const double BoundMargin = 1e-6;

    /// <summary>Every customer's predicted value, in the summary's order.</summary>
    /// <param name="summary">The customer summary the models were fitted on.</param>
    /// <param name="purchaseModel">A converged purchase model, fitted on <paramref name="summary"/>'s time unit.</param>
    /// <param name="spendModel">A converged gamma-gamma model.</param>
    /// <param name="months">Horizon in months, ≥ 0 (lifetimes' default 12).</param>
    /// <param name="monthlyDiscountRate">Discount rate per month d ≥ 0 (lifetimes' default 0.01).</param>
    /// <returns>One row per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="InvalidOperationException">A model did not converge.</exception>
    public static CustomerValueResult Of(CustomerBaseSummary summary, IPurchaseModel purchaseModel, GammaGammaModel spendModel, int months = 12, double monthlyDiscountRate = 0.01)
    {
        double unitsPerMonth = CheckedUnitsPerMonth(summary, purchaseModel, spendModel, months, monthlyDiscountRate);
        var customers = summary.Customers;
        var rows = new CustomerValueRow[customers.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var c = customers[i];
            double spend = spendModel.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0);
            rows[i] = Row(c, purchaseModel, spend, DiscountedClv.DiscreteMonthly(purchaseModel, c.Frequency, c.Recency, c.Age, spend, months, monthlyDiscountRate, unitsPerMonth), months, unitsPerMonth);
        }

        return Result(summary, rows, ranked: false, months, monthlyDiscountRate, unitsPerMonth);
    }

    /// <summary>
    /// The <paramref name="count"/> customers of highest predicted value, highest first, ties by id (ordinal): the same rows
    /// as ranking <see cref="Of"/> and taking the first <paramref name="count"/>, found with a bounded heap. Once the heap is
    /// full a customer's value is first bounded by E[Z] · E[Y(horizon)] (one model evaluation instead of one per month: with
    /// d ≥ 0 and E[Y] non-decreasing in time, the discounted sum of the monthly increments cannot exceed their undiscounted
    /// sum), and the monthly sum is computed only when that bound comes within a relative 10⁻⁶ of the N-th value.
    /// </summary>
    /// <param name="summary">The customer summary the models were fitted on.</param>
    /// <param name="purchaseModel">A converged purchase model.</param>
    /// <param name="spendModel">A converged gamma-gamma model.</param>
    /// <param name="count">How many customers, ≥ 0.</param>
    /// <param name="months">Horizon in months, ≥ 0.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month d ≥ 0.</param>
    /// <returns>At most <paramref name="count"/> rows, highest value first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="InvalidOperationException">A model did not converge.</exception>
    public static CustomerValueResult Top(CustomerBaseSummary summary, IPurchaseModel purchaseModel, GammaGammaModel spendModel, int count, int months = 12, double monthlyDiscountRate = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        double unitsPerMonth = CheckedUnitsPerMonth(summary, purchaseModel, spendModel, months, monthlyDiscountRate);
        var customers = CustomerSummaryList.Of(summary.Customers);
        var frequency = customers.Frequencies;
        var recency = customers.Recencies;
        var age = customers.Ages;
        var meanSpend = customers.MeanRepeatSpends;
        int n = customers.Count;
        var worstFirst = new PriorityQueue<int, (double Value, string Id)>(Math.Min(count, n) + 1, WorstFirst.Instance);
        var kept = new Dictionary<int, (double Spend, double Value)>();
        double horizon = months * unitsPerMonth;

        // E[Y(horizon)] of every customer for the bounds, only when the heap can fill before the last customer: through the
        // model's batch method, which computes BG/NBD's hypergeometric factor once per distinct (x, T).
        var expected = count > 0 && n > count ? ExpectedPurchases(purchaseModel, horizon, summary.ToRfmData()) : null;
        for (int i = 0; i < n && count > 0; i++)
        {
            double x = frequency[i];
            double spend = spendModel.ConditionalExpectedSpend(x, double.IsNaN(meanSpend[i]) ? 0 : meanSpend[i]);
            if (worstFirst.Count == count && spend >= 0)
            {
                worstFirst.TryPeek(out _, out var worst);
                double bound = spend * expected![i];
                if (bound + (Math.Abs(bound) * BoundMargin) < worst.Value)
                {
                    continue;
                }
            }

            double value = DiscountedClv.DiscreteMonthly(purchaseModel, x, recency[i], age[i], spend, months, monthlyDiscountRate, unitsPerMonth);
            if (worstFirst.Count < count)
            {
                worstFirst.Enqueue(i, (value, customers.IdAt(i)));
                kept[i] = (spend, value);
            }
            else
            {
                worstFirst.TryPeek(out _, out var worst);
                string id = customers.IdAt(i);
                if (WorstFirst.Instance.Compare((value, id), worst) > 0)
                {
                    kept.Remove(worstFirst.EnqueueDequeue(i, (value, id)));
                    kept[i] = (spend, value);
                }
            }
        }

        var rows = new CustomerValueRow[worstFirst.Count];
        for (int k = rows.Length - 1; k >= 0; k--)
        {
            int i = worstFirst.Dequeue();
            rows[k] = Row(customers[i], purchaseModel, kept[i].Spend, kept[i].Value, months, unitsPerMonth);
        }

        return Result(summary, rows, ranked: true, months, monthlyDiscountRate, unitsPerMonth);
    }

    /// <summary>E[Y(t) | x, t_x, T] of every row, by the model's batch method where it has one (the same numbers as the scalar method).</summary>
    private static double[] ExpectedPurchases(IPurchaseModel model, double t, RfmData rows)
    {
        var expected = new double[rows.Count];
        switch (model)
        {
            case BetaGeoNbdModel bg:
                bg.ConditionalExpectedPurchases(t, rows, expected);
                break;
            case ModifiedBetaGeoNbdModel mbg:
                mbg.ConditionalExpectedPurchases(t, rows, expected);
                break;
            case ParetoNbdModel pareto:
                pareto.ConditionalExpectedPurchases(t, rows, expected);
                break;
            default:
                for (int i = 0; i < expected.Length; i++)
                {
                    expected[i] = model.ConditionalExpectedPurchases(t, rows.Frequency[i], rows.Recency[i], rows.Age[i]);
                }

                break;
        }

        return expected;
    }

    /// <summary>Model time units per month for a summary's unit: 4.345 for weeks (lifetimes), else 365.25 / 12 days in the unit.</summary>
    internal static double UnitsPerMonth(TimeUnit unit) => unit == TimeUnit.Week ? DiscountedClv.WeeksPerMonth : TimeUnit.Month.Days / unit.Days;

    private static CustomerValueRow Row(CustomerSummary c, IPurchaseModel model, double spend, double value, int months, double unitsPerMonth) =>
        new(c.CustomerId, c.Frequency, c.Recency, c.Age, model.ProbabilityAlive(c.Frequency, c.Recency, c.Age),
            model.ConditionalExpectedPurchases(months * unitsPerMonth, c.Frequency, c.Recency, c.Age), spend, value);

    private static CustomerValueResult Result(CustomerBaseSummary summary, CustomerValueRow[] rows, bool ranked, int months, double monthlyDiscountRate, double unitsPerMonth) => new()
    {
        Rows = rows,
        IsRanked = ranked,
        Customers = summary.Customers.Count,
        Months = months,
        MonthlyDiscountRate = monthlyDiscountRate,
        TimeUnit = summary.Options.TimeUnit,
        TimeUnitsPerMonth = unitsPerMonth,
    };

    /// <summary>
    /// Checks the arguments of a valuation (exceptions name the public arguments) and returns the model time units per month
    /// of the summary's time unit (<see cref="UnitsPerMonth"/>), the factor that turns the horizon in months into model time.
    /// </summary>
    internal static double CheckedUnitsPerMonth(CustomerBaseSummary summary, IPurchaseModel purchaseModel, GammaGammaModel spendModel, int months, double monthlyDiscountRate)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(purchaseModel);
        ArgumentNullException.ThrowIfNull(spendModel);
        DiscountedClv.CheckHorizonAndDiscount(months, monthlyDiscountRate);

        if (!purchaseModel.Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the purchase model did not converge ({purchaseModel.Diagnostics.Status}): no values are predicted.");
        }

        if (!spendModel.Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the gamma-gamma model did not converge ({spendModel.Diagnostics.Status}): no values are predicted.");
        }

        return UnitsPerMonth(summary.Options.TimeUnit);
    }

    /// <summary>Orders entries worst first: lower value (NaN lowest, as <see cref="double.CompareTo(double)"/>), then the later id (ordinal).</summary>
    private sealed class WorstFirst : IComparer<(double Value, string Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Value, string Id) x, (double Value, string Id) y)
        {
            int byValue = x.Value.CompareTo(y.Value);
            return byValue != 0 ? byValue : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}
