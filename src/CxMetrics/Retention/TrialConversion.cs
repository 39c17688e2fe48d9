using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Trial-to-paid conversion from the replayed subscription events: a trial (<see cref="SubscriptionEventKind.TrialStart"/>)
/// converts when the same subscription starts paying (<see cref="SubscriptionEventKind.Start"/>) and expires when it is
/// cancelled while on trial; rate = converted / (converted + expired) with a Wilson interval (ChartMogul's and Baremetrics'
/// trial-to-paid conversion). Trials still running at the as-of are pending, not lost.
/// </summary>
public static class TrialConversion
{
    /// <summary>Trial-to-paid conversion of every trial started at or before <paramref name="asOf"/>.</summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="asOf">The as-of instant: later events are not used.</param>
    /// <param name="options">The confidence level and interval method; <see cref="TrialConversionOptions.Default"/> when omitted.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public static TrialConversionResult Of(SubscriptionHistory history, Instant asOf, TrialConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= TrialConversionOptions.Default;
        var counts = new Counts();
        foreach (var trial in Trials(history, asOf))
        {
            counts.Add(trial.Outcome);
        }

        return counts.ToResult(asOf, options);
    }

    /// <summary>Trial-to-paid conversion per key of the trial start (plan, billing interval, segment).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="history">The replayed events.</param>
    /// <param name="key">The key of a trial start event, e.g. <c>e =&gt; e.Plan</c>; <see langword="null"/> keys form their own cell.</param>
    /// <param name="asOf">The as-of instant: later events are not used.</param>
    /// <param name="options">The confidence level, interval method and small-cell minimum (on the judged trials).</param>
    /// <returns>One cell per key, ordered by key; a cell's count is its judged trials.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="key"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, TrialConversionResult>> By<TKey>(
        SubscriptionHistory history, Func<SubscriptionEvent, TKey> key, Instant asOf, TrialConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(key);
        var o = options ?? TrialConversionOptions.Default;
        return Grouping.By(
            Trials(history, asOf), t => key(t.Start), static () => new Counts(), static (c, t) => c.Add(t.Outcome),
            c => c.ToResult(asOf, o), static c => c.Converted + c.Expired, o.MinimumCellSize);
    }

    private enum Outcome
    {
        Pending,
        Converted,
        Expired,
    }

    /// <summary>Each trial started at or before the as-of, with its trial start event and its outcome at the as-of.</summary>
    private static IEnumerable<(SubscriptionEvent Start, Outcome Outcome)> Trials(SubscriptionHistory history, Instant asOf)
    {
        // Replay order groups a subscription's events in time order (within its customer); the history checked the sequence.
        var open = new Dictionary<string, SubscriptionEvent>(StringComparer.Ordinal);
        string? customer = null;
        foreach (var e in history.ReplayOrder)
        {
            if (!string.Equals(customer, e.CustomerId, StringComparison.Ordinal))
            {
                foreach (var pending in open.Values)
                {
                    yield return (pending, Outcome.Pending);
                }

                open.Clear();
                customer = e.CustomerId;
            }

            if (e.At > asOf)
            {
                continue;
            }

            if (e.Kind == SubscriptionEventKind.TrialStart)
            {
                open[e.SubscriptionId] = e;
            }
            else if (e.Kind is SubscriptionEventKind.Start or SubscriptionEventKind.Cancel && open.Remove(e.SubscriptionId, out var trial))
            {
                yield return (trial, e.Kind == SubscriptionEventKind.Start ? Outcome.Converted : Outcome.Expired);
            }
        }

        foreach (var pending in open.Values)
        {
            yield return (pending, Outcome.Pending);
        }
    }

    private sealed class Counts
    {
        public long Converted;
        public long Expired;
        public long Pending;

        public void Add(Outcome outcome)
        {
            switch (outcome)
            {
                case Outcome.Converted: Converted++; break;
                case Outcome.Expired: Expired++; break;
                default: Pending++; break;
            }
        }

        public TrialConversionResult ToResult(Instant asOf, TrialConversionOptions options) => new()
        {
            AsOf = asOf,
            Trials = Converted + Expired + Pending,
            Converted = Converted,
            Expired = Expired,
            Pending = Pending,
            Rate = Proportion.FromCounts(Converted, Converted + Expired, options.ConfidenceLevel, options.ProportionInterval),
        };
    }
}
