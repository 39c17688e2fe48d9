using CxMetrics.Breakdowns;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// The money left in abandoned carts: the sum of the latest cart values of units abandoned as of an instant (pending units
/// are not yet lost and are excluded), and the distribution of those values — overall and per segment. Mixed currencies
/// are rejected (<see cref="CurrencyCode.EnsureSame"/>).
/// </summary>
public static class ValueAtStake
{
    /// <summary>The value at stake of a tally.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Unit and time-out.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">Abandoned units' values are in different currencies.</exception>
    public static ValueAtStakeResult From(CartTally tally, Instant asOf, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        var sum = new Accumulator();
        foreach (var o in tally.Evaluate(asOf, options))
        {
            sum.Add(o);
        }

        return sum.ToResult(options.Unit);
    }

    /// <summary>The value at stake per key (segment, channel, device, …).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tally">The tally.</param>
    /// <param name="key">The key of a unit; <see langword="null"/> keys form their own cell.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Unit, time-out, small-cell minimum.</param>
    /// <returns>One cell per key with abandoned units, ordered by key; the count is abandoned units with a value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, ValueAtStakeResult>> By<TKey>(CartTally tally, Func<CartOutcome, TKey> key, Instant asOf, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        var abandoned = new List<CartOutcome>();
        foreach (var o in tally.Evaluate(asOf, options))
        {
            if (o.Status == CartStatus.Abandoned)
            {
                abandoned.Add(o);
            }
        }

        return Grouping.By(abandoned, key, static () => new Accumulator(), static (a, o) => a.Add(o), a => a.ToResult(options.Unit), static a => a.WithValue, options.MinimumCellSize);
    }

    private sealed class Accumulator
    {
        private readonly List<double> values = [];
        private long abandoned;
        private decimal total;
        private string? currency;

        public long WithValue => values.Count;

        public void Add(CartOutcome o)
        {
            if (o.Status != CartStatus.Abandoned)
            {
                return;
            }

            abandoned++;
            if (o.Value is { } v)
            {
                currency ??= o.Currency!;
                CurrencyCode.EnsureSame(currency, o.Currency!, $"unit '{o.Key}'");
                total = Guard.AddMoney(total, v, "abandoned cart values, at unit", o.Key);
                values.Add((double)v);
            }
        }

        public ValueAtStakeResult ToResult(AnalysisUnit unit) => new()
        {
            Unit = unit,
            Abandoned = abandoned,
            WithoutValue = abandoned - values.Count,
            Total = total,
            Currency = currency,
            Distribution = QuantileSummary.Of(values.ToArray()),
        };
    }
}
