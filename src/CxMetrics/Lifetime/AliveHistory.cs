using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// One customer's P(alive) history: P(alive | x, t_x, T) on every local day from their first purchase to the end of the
/// data, each day valued as if the data ended that day — the saw-tooth that falls between purchases and jumps at each —
/// lifetimes' <c>calculate_alive_path</c> / <c>plot_history_alive</c>.
/// </summary>
/// <remarks>
/// x, t_x and T follow <see cref="CustomerSummary"/>: purchases on the same local day count as one, the first is not a
/// repeat, t_x and T are whole days since the first purchase day divided by the time unit's length.
/// </remarks>
public static class AliveHistory
{
    /// <summary>The most days a history may cover (about 55 years).</summary>
    public const int MaxDays = 20_000;

    /// <summary>Computes the history through the holdout end when the options have one, otherwise through the calibration end.</summary>
    /// <param name="purchases">The customer's purchase instants (any order; at least one on or before the end).</param>
    /// <param name="model">A converged purchase model fitted in <paramref name="options"/>' time unit.</param>
    /// <param name="zone">The zone whose local days count purchases (as the summary the model was fitted on).</param>
    /// <param name="options">The summary options the model was fitted with: the time unit, and the end (holdout end, else calibration end).</param>
    /// <returns>One point per local day.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No purchase falls on or before the end, or the history would exceed <see cref="MaxDays"/> days.</exception>
    /// <exception cref="InvalidOperationException">The model's fit did not converge.</exception>
    public static AliveHistoryResult Of(IEnumerable<Instant> purchases, IPurchaseModel model, DateTimeZone zone, CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(options);
        PurchaseModelNames.EnsureConverged(model, nameof(model));
        var end = options.HoldoutEnd ?? options.CalibrationEnd;
        var days = new SortedSet<LocalDate>();
        foreach (var instant in purchases)
        {
            var day = instant.InZone(zone).Date;
            if (day <= end)
            {
                days.Add(day);
            }
        }

        if (days.Count == 0)
        {
            throw new ArgumentException($"the customer has no purchase on or before {end:yyyy-MM-dd}: there is no history to value.", nameof(purchases));
        }

        var first = days.Min;
        int span = Period.DaysBetween(first, end);
        if (span >= MaxDays)
        {
            throw new ArgumentException($"the history from {first:yyyy-MM-dd} to {end:yyyy-MM-dd} covers {span + 1:N0} days; at most {MaxDays:N0} are valued.", nameof(purchases));
        }

        var unit = options.TimeUnit;
        var points = new AliveHistoryPoint[span + 1];
        int repeats = -1, lastPurchaseDay = 0;
        var date = first;
        for (int d = 0; d <= span; d++, date = date.PlusDays(1))
        {
            bool purchased = days.Contains(date);
            if (purchased)
            {
                repeats++;
                lastPurchaseDay = d;
            }

            double recency = unit.FromDays(lastPurchaseDay), age = unit.FromDays(d);
            points[d] = new AliveHistoryPoint(date, purchased, repeats, recency, age, model.ProbabilityAlive(repeats, recency, age));
        }

        return new AliveHistoryResult
        {
            Model = PurchaseModelNames.Of(model),
            TimeUnit = unit.Name,
            CalibrationEnd = options.CalibrationEnd,
            Points = points,
        };
    }
}
