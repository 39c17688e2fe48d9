using CxMetrics.Breakdowns;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// The MRR movement ledger split by a key of the subscriptions (plan, billing interval, segment): each subscription's MRR
/// counts in the key of the last event that labelled it (trial start, start, plan change, reactivation), and each
/// customer's MRR within one key is classified exactly as the customer-level ledger of <see cref="SubscriptionHistory"/>
/// (new, expansion, contraction, churn, reactivation). A subscription moving from key A to key B is churn or contraction in
/// A and new, expansion or reactivation in B; summed over keys, MRR at every instant is the customer-level MRR.
/// </summary>
internal static class KeyedMrrReplay
{
    public static List<(TKey Key, Dictionary<string, List<MrrMovement>> Movements)> Of<TKey>(SubscriptionHistory history, Func<SubscriptionEvent, TKey> key)
    {
        var events = history.ReplayOrder;
        string currency = history.Currency ?? string.Empty;
#pragma warning disable CS8714 // null keys never reach the dictionary: they get their own cell
        var index = new Dictionary<TKey, int>();
#pragma warning restore CS8714
        var keys = new List<TKey>();
        var cells = new List<Dictionary<string, List<MrrMovement>>>();
        int nullKey = -1;
        int IndexOf(TKey k)
        {
            int i;
            if (k is null)
            {
                if (nullKey < 0)
                {
                    nullKey = keys.Count;
                    keys.Add(k);
                    cells.Add(new Dictionary<string, List<MrrMovement>>(StringComparer.Ordinal));
                }

                return nullKey;
            }

            if (!index.TryGetValue(k, out i))
            {
                i = keys.Count;
                index.Add(k, i);
                keys.Add(k);
                cells.Add(new Dictionary<string, List<MrrMovement>>(StringComparer.Ordinal));
            }

            return i;
        }

        var subscriptions = new Dictionary<string, (int Key, decimal Mrr)>(StringComparer.Ordinal);
        var perKey = new Dictionary<int, (decimal Mrr, bool EverPaid)>();
        var before = new Dictionary<int, decimal>();
        int n = events.Count;
        int at = 0;
        while (at < n)
        {
            int customerPosition = events.Customer(at);
            string customer = events.CustomerId(at);
            subscriptions.Clear();
            perKey.Clear();
            while (at < n && events.Customer(at) == customerPosition)
            {
                Instant t = events.At(at);
                int first = at;
                before.Clear();
                while (at < n && events.Customer(at) == customerPosition && events.SameInstant(at, first))
                {
                    var e = events[at++];
                    int k;
                    decimal mrr;
                    bool known = subscriptions.TryGetValue(e.SubscriptionId, out var state);
                    if (SubscriptionEvent.IsLabelled(e.Kind))
                    {
                        k = IndexOf(key(e));
                        mrr = e.Mrr ?? 0m;
                    }
                    else if (e.Kind == SubscriptionEventKind.Cancel)
                    {
                        k = state.Key;
                        mrr = 0m;
                    }
                    else
                    {
                        continue;
                    }

                    if (known)
                    {
                        Touch(state.Key);
                        var old = perKey[state.Key];
                        perKey[state.Key] = (old.Mrr - state.Mrr, old.EverPaid);
                    }

                    Touch(k);
                    var current = perKey[k];
                    perKey[k] = (current.Mrr + mrr, current.EverPaid);
                    subscriptions[e.SubscriptionId] = (k, mrr);
                }

                foreach (var (k, mrrBefore) in before)
                {
                    var (mrr, everPaid) = perKey[k];
                    if (mrr == mrrBefore)
                    {
                        continue;
                    }

                    var kind = mrrBefore == 0 ? (everPaid ? MrrMovementKind.Reactivation : MrrMovementKind.New)
                        : mrr == 0 ? MrrMovementKind.Churn
                        : mrr > mrrBefore ? MrrMovementKind.Expansion : MrrMovementKind.Contraction;
                    perKey[k] = (mrr, everPaid || mrr > 0);
                    if (!cells[k].TryGetValue(customer, out var list))
                    {
                        list = [];
                        cells[k].Add(customer, list);
                    }

                    list.Add(new MrrMovement { CustomerId = customer, At = t, Kind = kind, Amount = mrr - mrrBefore, MrrAfter = mrr, Currency = currency });
                }
            }
        }

        var output = new List<(TKey Key, Dictionary<string, List<MrrMovement>> Movements)>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            output.Add((keys[i], cells[i]));
        }

        // A stable sort, so keys that cannot be ordered keep their first-seen order.
        return [.. output.OrderBy(c => c.Key, Comparer<TKey>.Create(Grouping.CompareKeys))];

        void Touch(int k)
        {
            if (!before.ContainsKey(k))
            {
                before.Add(k, perKey.TryGetValue(k, out var v) ? v.Mrr : 0m);
                if (!perKey.ContainsKey(k))
                {
                    perKey.Add(k, (0m, false));
                }
            }
        }
    }
}
