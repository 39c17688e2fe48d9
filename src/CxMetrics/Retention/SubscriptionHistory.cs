using CxMetrics.Commerce;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Subscription events replayed and checked: for each customer the spells during which they were a customer, and the
/// customer-level MRR movement ledger (new, expansion, contraction, churn, reactivation). Customer churn
/// (<see cref="CustomerChurn"/>) and revenue churn (<see cref="RevenueChurn"/>) of any period are computed from it.
/// </summary>
/// <remarks>
/// <para>Rules of the replay. Events are ordered by instant; events of one subscription at the same instant keep their
/// input order. A subscription follows <c>[TrialStart →] Start → (PlanChange | Pause → Resume | Skip)* → Cancel → Reactivate → …</c>
/// (a trial may also end with <c>Cancel</c>, unpaid; while on trial the subscriber is not a customer and has no MRR);
/// anything else (a cancel before a start, a resume without a pause, a second start, a subscription moving to another
/// customer) throws an <see cref="ArgumentException"/> naming the subscription, the customer and the instant.</para>
/// <para>A customer is a customer while at least one subscription is live (active or paused). All events of a customer
/// at the same instant are applied together before the customer's state is judged, so swapping one plan for another at
/// the same instant is a plan move (expansion / contraction), not a churn plus a new customer.</para>
/// <para>MRR is customer-level, as ChartMogul defines its movements: the sum over live subscriptions. A pause or a skip
/// changes neither the customer's status nor MRR: it is not churn (the seed's freeze-or-skip model). All MRR must be in
/// one currency (<see cref="CurrencyCode.EnsureSame"/>).</para>
/// </remarks>
public sealed class SubscriptionHistory
{
    private readonly Dictionary<string, List<MrrMovement>> movementsByCustomer;

    private SubscriptionHistory(List<CustomerSpell> spells, List<MrrMovement> ledger, Dictionary<string, List<MrrMovement>> byCustomer, string? currency, int customers, int subscriptions, SubscriptionReplay events)
    {
        ReplayOrder = events;
        Spells = spells;
        Ledger = ledger;
        movementsByCustomer = byCustomer;
        Currency = currency;
        CustomerCount = customers;
        SubscriptionCount = subscriptions;
    }

    /// <summary>Every customer spell, ordered by customer id (ordinal) then start.</summary>
    public IReadOnlyList<CustomerSpell> Spells { get; }

    /// <summary>The MRR movement ledger, ordered by instant then customer id.</summary>
    public IReadOnlyList<MrrMovement> Ledger { get; }

    /// <summary>The currency of all MRR; <see langword="null"/> when there were no priced events.</summary>
    public string? Currency { get; }

    /// <summary>Distinct customers seen.</summary>
    public int CustomerCount { get; }

    /// <summary>Distinct subscriptions seen.</summary>
    public int SubscriptionCount { get; }

    /// <summary>The checked events in replay order (customer, instant, subscription), for the keyed and trial replays.</summary>
    internal SubscriptionReplay ReplayOrder { get; }

    /// <summary>Replays subscription events into customer spells and the MRR ledger.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <returns>The history; the same as <see cref="From"/> of the events' <see cref="SubscriptionTally"/>.</returns>
    /// <exception cref="ArgumentException">A sequence of events is impossible; the message names the subscription and customer.</exception>
    /// <exception cref="InvalidOperationException">MRR is in more than one currency.</exception>
    public static SubscriptionHistory Replay(IEnumerable<SubscriptionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var tally = new SubscriptionTally();
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            try
            {
                tally.Add(e);
            }
            catch (ArgumentException error) when (error is not ArgumentNullException)
            {
                throw new ArgumentException(error.Message.Replace($" (Parameter '{error.ParamName}')", string.Empty, StringComparison.Ordinal), nameof(events));
            }
        }

        return From(tally);
    }

    /// <summary>
    /// Replays a subscription tally (events possibly merged over shops and days) into customer spells and the MRR ledger:
    /// the history <see cref="Replay"/> gives for the same events.
    /// </summary>
    /// <param name="tally">The tally.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentException">A sequence of events is impossible; the message names the subscription and customer.</exception>
    public static SubscriptionHistory From(SubscriptionTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var ordered = tally.SortedEvents();
        string? currency = tally.Currency;
        var spells = new List<CustomerSpell>();
        var ledger = new List<MrrMovement>();
        var byCustomer = new Dictionary<string, List<MrrMovement>>(StringComparer.Ordinal);
        var subscriptions = new Dictionary<string, (SubscriptionStatus Status, decimal Mrr)>(StringComparer.Ordinal);
        int customers = 0;
        int i = 0;
        int n = ordered.Count;
        while (i < n)
        {
            int customer = ordered.Customer(i);
            string customerId = ordered.CustomerId(i);
            customers++;
            subscriptions.Clear();
            int live = 0;
            decimal mrr = 0;
            bool everPaid = false;
            Instant? spellFrom = null;
            var customerMovements = new List<MrrMovement>();
            while (i < n && ordered.Customer(i) == customer)
            {
                var at = ordered.At(i);
                int first = i;
                int liveBefore = live;
                decimal mrrBefore = mrr;
                while (i < n && ordered.Customer(i) == customer && ordered.SameInstant(i, first))
                {
                    Apply(ordered[i], subscriptions, ref live, ref mrr);
                    i++;
                }

                if (liveBefore == 0 && live > 0)
                {
                    spellFrom = at;
                }
                else if (liveBefore > 0 && live == 0)
                {
                    spells.Add(new CustomerSpell(customerId, spellFrom!.Value, at));
                    spellFrom = null;
                }

                if (mrr != mrrBefore)
                {
                    var kind = mrrBefore == 0 ? (everPaid ? MrrMovementKind.Reactivation : MrrMovementKind.New)
                        : mrr == 0 ? MrrMovementKind.Churn
                        : mrr > mrrBefore ? MrrMovementKind.Expansion : MrrMovementKind.Contraction;
                    everPaid |= mrr > 0;
                    var movement = new MrrMovement { CustomerId = customerId, At = at, Kind = kind, Amount = mrr - mrrBefore, MrrAfter = mrr, Currency = currency! };
                    customerMovements.Add(movement);
                    ledger.Add(movement);
                }
            }

            if (spellFrom is { } open)
            {
                spells.Add(new CustomerSpell(customerId, open, null));
            }

            byCustomer.Add(customerId, customerMovements);
        }

        ledger.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.CustomerId, b.CustomerId));
        return new SubscriptionHistory(spells, ledger, byCustomer, currency, customers, tally.SubscriptionCount, ordered);
    }

    /// <summary>A customer's MRR just before <paramref name="t"/> (the sum of their movements before it).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="t">The instant.</param>
    /// <returns>The MRR; 0 for an unknown customer.</returns>
    public decimal MrrJustBefore(string customerId, Instant t)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (!movementsByCustomer.TryGetValue(customerId, out var movements))
        {
            return 0;
        }

        decimal mrr = 0;
        foreach (var m in movements)
        {
            if (m.At >= t)
            {
                break;
            }

            mrr = m.MrrAfter;
        }

        return mrr;
    }

    internal IEnumerable<KeyValuePair<string, List<MrrMovement>>> MovementsByCustomer => movementsByCustomer;

    private static void Apply(SubscriptionEvent e, Dictionary<string, (SubscriptionStatus Status, decimal Mrr)> subscriptions, ref int live, ref decimal mrr, string paramName = "events")
    {
        bool known = subscriptions.TryGetValue(e.SubscriptionId, out var state);
        var status = known ? state.Status : SubscriptionStatus.None;
        (SubscriptionStatus next, decimal nextMrr) = (e.Kind, status) switch
        {
            (SubscriptionEventKind.TrialStart, SubscriptionStatus.None) => (SubscriptionStatus.Trialing, 0m),
            (SubscriptionEventKind.Start, SubscriptionStatus.None or SubscriptionStatus.Trialing) => (SubscriptionStatus.Active, e.Mrr!.Value),
            (SubscriptionEventKind.PlanChange, SubscriptionStatus.Active or SubscriptionStatus.Paused) => (status, e.Mrr!.Value),
            (SubscriptionEventKind.Pause, SubscriptionStatus.Active) => (SubscriptionStatus.Paused, state.Mrr),
            (SubscriptionEventKind.Resume, SubscriptionStatus.Paused) => (SubscriptionStatus.Active, state.Mrr),
            (SubscriptionEventKind.Skip, SubscriptionStatus.Active) => (status, state.Mrr),
            (SubscriptionEventKind.Cancel, SubscriptionStatus.Active or SubscriptionStatus.Paused or SubscriptionStatus.Trialing) => (SubscriptionStatus.Cancelled, 0m),
            (SubscriptionEventKind.Reactivate, SubscriptionStatus.Cancelled) => (SubscriptionStatus.Active, e.Mrr!.Value),
            _ => throw new ArgumentException($"{e.Label} is not possible: the subscription is {Describe(status)}.", paramName),
        };

        bool wasLive = status is SubscriptionStatus.Active or SubscriptionStatus.Paused;
        bool isLive = next is SubscriptionStatus.Active or SubscriptionStatus.Paused;
        live += (isLive ? 1 : 0) - (wasLive ? 1 : 0);
        mrr = Guard.AddMoney(mrr, nextMrr - (known ? state.Mrr : 0), "MRR of customer", e.CustomerId);
        subscriptions[e.SubscriptionId] = (next, nextMrr);
    }

    private static string Describe(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.None => "not started (start it first)",
        SubscriptionStatus.Active => "active",
        SubscriptionStatus.Paused => "paused (resume or cancel it)",
        SubscriptionStatus.Trialing => "on trial (start or cancel it)",
        _ => "cancelled (reactivate it first)",
    };

    private enum SubscriptionStatus
    {
        None,
        Active,
        Paused,
        Cancelled,
        Trialing,
    }
}
