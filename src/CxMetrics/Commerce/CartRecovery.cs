using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// Recovery of abandoned carts by reminders (abandoned-cart e-mails, Shopify's "recovered checkouts"). A unit is
/// <b>recovered</b> when its purchase (or a recovered-through-reminder event) comes after its first reminder and within
/// <see cref="CartOptions.RecoveryWindow"/>. Two shares are kept apart because they answer different questions:
/// <c>recovered / abandoned</c> (how much of the lost demand came back) and <c>recovered / reminded</c> (how well the
/// reminder converts). A unit counts as abandoned when it had a gap of at least the inactivity time-out before its
/// purchase (or up to the as-of instant) or was sent a reminder.
/// </summary>
public static class CartRecovery
{
    /// <summary>Recovery of a tally as of an instant.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Unit, time-out, recovery window, level.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">Recovered units' values are in different currencies.</exception>
    public static RecoveryResult From(CartTally tally, Instant asOf, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        long abandoned = 0, reminded = 0, recovered = 0, pending = 0, withoutValue = 0;
        decimal revenue = 0;
        string? currency = null;
        foreach (var o in tally.Evaluate(asOf, options))
        {
            if (!o.EverAbandoned)
            {
                continue;
            }

            if (o.Recovery == RecoveryStatus.Pending)
            {
                pending++;
                continue;
            }

            abandoned++;
            if (o.Recovery == RecoveryStatus.NotReminded)
            {
                continue;
            }

            reminded++;
            if (o.Recovery != RecoveryStatus.Recovered)
            {
                continue;
            }

            recovered++;
            if (o.Value is { } v)
            {
                currency ??= o.Currency!;
                CurrencyCode.EnsureSame(currency, o.Currency!, $"unit '{o.Key}'");
                revenue = Guard.AddMoney(revenue, v, "recovered cart values, at unit", o.Key);
            }
            else
            {
                withoutValue++;
            }
        }

        return Build(abandoned, reminded, recovered, pending, revenue, currency, withoutValue, options.Unit, asOf, options.RecoveryWindow, options.ConfidenceLevel);
    }

    /// <summary>Recovery from counts.</summary>
    /// <param name="abandoned">Units abandoned (recovered ones included).</param>
    /// <param name="reminded">Abandoned units sent a reminder; ≤ abandoned.</param>
    /// <param name="recovered">Reminded units that bought within the window; ≤ reminded.</param>
    /// <param name="pending">Reminded units with an open window.</param>
    /// <param name="unit">The analysis unit.</param>
    /// <param name="options">The confidence level (the rest is not used); <see cref="CartOptions.Default"/> when omitted.</param>
    /// <returns>The result, with revenue 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or exceeds the one it is part of.</exception>
    public static RecoveryResult FromCounts(long abandoned, long reminded, long recovered, long pending = 0, AnalysisUnit unit = AnalysisUnit.Cart, CartOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recovered);
        ArgumentOutOfRangeException.ThrowIfNegative(pending);
        if (reminded < recovered)
        {
            throw new ArgumentOutOfRangeException(nameof(reminded), reminded, $"reminded units {reminded} cannot be fewer than recovered units {recovered}.");
        }

        if (abandoned < reminded)
        {
            throw new ArgumentOutOfRangeException(nameof(abandoned), abandoned, $"abandoned units {abandoned} cannot be fewer than reminded units {reminded}.");
        }

        return Build(abandoned, reminded, recovered, pending, 0, null, 0, unit, null, null, (options ?? CartOptions.Default).ConfidenceLevel);
    }

    private static RecoveryResult Build(
        long abandoned, long reminded, long recovered, long pending, decimal revenue, string? currency, long withoutValue,
        AnalysisUnit unit, Instant? asOf, Duration? window, double level) => new()
        {
            Unit = unit,
            RecoveryWindow = window,
            Abandoned = abandoned,
            Reminded = reminded,
            Recovered = recovered,
            Pending = pending,
            ShareOfAbandoned = Proportion.FromCounts(recovered, abandoned, level),
            ShareOfReminded = Proportion.FromCounts(recovered, reminded, level),
            RecoveredRevenue = revenue,
            Currency = currency,
            RecoveredWithoutValue = withoutValue,
        };
}
