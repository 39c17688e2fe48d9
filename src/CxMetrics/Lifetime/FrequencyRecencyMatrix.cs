namespace CxMetrics.Lifetime;

/// <summary>
/// The frequency × recency matrices of a purchase model: for a customer of age T with x repeat purchases, the last at t_x,
/// the expected purchases in the next <c>horizon</c> time units, E[Y(t) | x, t_x, T], and P(alive | x, t_x, T) — Fader,
/// Hardie &amp; Lee (2005) fig. 5 ("conditional expectations as a function of frequency and recency"), lifetimes'
/// <c>plot_frequency_recency_matrix</c> and <c>plot_probability_alive_matrix</c>.
/// </summary>
/// <remarks>
/// As in lifetimes, rows are x = 0 … <c>maxFrequency</c> and columns t_x = 0, 1, …, ⌊T⌋ time units, every cell at the same
/// age T (the oldest customer's, by default in lifetimes). Under BG/NBD and Pareto/NBD a customer with x = 0 has no
/// recency, so the x = 0 row is the same in every column; a cell with x &gt; 0 and t_x = 0 (every repeat purchase on the
/// first day) is a limiting case the matrix shows for completeness.
/// </remarks>
public static class FrequencyRecencyMatrix
{
    /// <summary>The most rows or columns a matrix may have.</summary>
    public const int MaxSize = 1000;

    /// <summary>Evaluates both matrices.</summary>
    /// <param name="model">A converged purchase model.</param>
    /// <param name="maxFrequency">The last row's x (≥ 0); lifetimes takes the largest calibration frequency.</param>
    /// <param name="age">T, in the model's time unit (&gt; 0); lifetimes takes the largest calibration age.</param>
    /// <param name="horizon">t of E[Y(t) | x, t_x, T], in the model's time unit (≥ 0; default 1).</param>
    /// <returns>The matrices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrequency"/> is negative or at least <see cref="MaxSize"/>,
    /// <paramref name="age"/> is not finite and positive or has <see cref="MaxSize"/> whole units or more, or <paramref name="horizon"/> is
    /// negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model's fit did not converge.</exception>
    public static FrequencyRecencyMatrixResult Of(IPurchaseModel model, int maxFrequency, double age, double horizon = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maxFrequency < 0 || maxFrequency >= MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFrequency), maxFrequency, $"the largest frequency must be between 0 and {MaxSize - 1}, not {maxFrequency}.");
        }

        if (!(age > 0) || !double.IsFinite(age) || Math.Floor(age) >= MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, $"the age T must be finite, positive and below {MaxSize} time units, not {age}.");
        }

        if (!(horizon >= 0) || !double.IsFinite(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"the horizon must be finite and not negative, not {horizon}.");
        }

        PurchaseModelNames.EnsureConverged(model, nameof(model));
        int columns = (int)Math.Floor(age) + 1;
        var recencies = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            recencies[j] = j;
        }

        // E[Y(t) | x, t_x, T] = P(alive) · g(t; x, T) for the three purchase models: g (the ₂F₁ of BG/NBD) once per row.
        var ifAlive = model is BetaGeoNbdModel or ModifiedBetaGeoNbdModel or ParetoNbdModel ? PurchaseModelParameters.IfAlive(model) : null;
        var expected = new IReadOnlyList<double>[maxFrequency + 1];
        var alive = new IReadOnlyList<double>[maxFrequency + 1];
        for (int x = 0; x <= maxFrequency; x++)
        {
            var expectedRow = new double[columns];
            var aliveRow = new double[columns];
            double g = ifAlive?.Invoke(horizon, x, age) ?? double.NaN;
            for (int j = 0; j < columns; j++)
            {
                aliveRow[j] = model.ProbabilityAlive(x, recencies[j], age);
                expectedRow[j] = ifAlive is null ? model.ConditionalExpectedPurchases(horizon, x, recencies[j], age) : g * aliveRow[j];
            }

            expected[x] = expectedRow;
            alive[x] = aliveRow;
        }

        return new FrequencyRecencyMatrixResult
        {
            Model = PurchaseModelNames.Of(model),
            Age = age,
            Horizon = horizon,
            Recencies = recencies,
            ExpectedPurchases = expected,
            ProbabilityAlive = alive,
        };
    }

    /// <summary>
    /// Evaluates both matrices on the grid lifetimes uses for a fitted customer base: rows up to the largest calibration
    /// frequency, columns up to the largest age, at that age.
    /// </summary>
    /// <param name="summary">The customer summary the model was fitted on.</param>
    /// <param name="model">A converged purchase model.</param>
    /// <param name="horizon">t of E[Y(t) | x, t_x, T], in the summary's time unit (default 1).</param>
    /// <returns>The matrices.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="summary"/> has no customers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The largest frequency or age is <see cref="MaxSize"/> or more, or
    /// <paramref name="horizon"/> is negative or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model's fit did not converge.</exception>
    public static FrequencyRecencyMatrixResult Of(CustomerBaseSummary summary, IPurchaseModel model, double horizon = 1)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(model);
        if (summary.Customers.Count == 0)
        {
            throw new ArgumentException("the customer summary has no customers: there is no grid to evaluate.", nameof(summary));
        }

        int maxFrequency = 0;
        double maxAge = 0;
        foreach (var c in summary.Customers)
        {
            maxFrequency = Math.Max(maxFrequency, c.Frequency);
            maxAge = Math.Max(maxAge, c.Age);
        }

        return Of(model, maxFrequency, maxAge, horizon);
    }
}
