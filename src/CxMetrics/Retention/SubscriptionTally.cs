using CxMetrics.Commerce;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// The mergeable form of a subscription history: the subscription events themselves, checked as they are added (one
/// currency, each subscription owned by one customer). A subscription's life can span shards (started on one day, cancelled
/// on another), so no smaller statistic merges exactly; <see cref="SubscriptionHistory.From"/> replays the merged events
/// into the spells and MRR ledger that <see cref="CustomerChurn"/> and <see cref="RevenueChurn"/> read, the same history
/// <see cref="SubscriptionHistory.Replay"/> gives for the same events. Tallies merge by taking the union of their events;
/// the empty tally is the identity of <see cref="Merge"/>.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> The replay orders events by customer, instant and subscription; only events of one subscription
/// at one instant keep the order in which they were added (a merge puts the other tally's after this one's). Events of one
/// subscription at one instant therefore belong in one tally — they do whenever a stream is split by shop, by day or by
/// customer — and then merging in any order gives the same history.</para>
/// <para><b>Ids.</b> It keeps customer and subscription ids; give every shard the same <see cref="Pseudonymiser"/> and
/// each <c>Add</c> stores keyed pseudonyms instead (<see cref="Portable.IdPseudonymiser"/>): churn and MRR are unchanged,
/// only the ids shown in spells and the ledger are pseudonyms. Validity of each subscription's sequence (no cancel before
/// a start, …) is checked when the history is replayed, since a sequence may be split over shards.</para>
/// <para>Not thread-safe: give each thread its own tally and merge them.</para>
/// </remarks>
public sealed class SubscriptionTally
{
    private readonly List<SubscriptionEvent> events = [];
    private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);
    private SubscriptionEvent[]? sorted;
    private IReadOnlyList<SubscriptionEvent>? sortedView;

    /// <summary>
    /// Replaces customer and subscription ids by keyed pseudonyms at <c>Add</c> (see <see cref="Portable.IdPseudonymiser"/>),
    /// so the tally and its payload carry no raw id; churn and MRR are unchanged. Use the same key on every shard.
    /// </summary>
    public Portable.IdPseudonymiser? Pseudonymiser { get; init; }

    /// <summary>The currency of all MRR; <see langword="null"/> while no priced event was added.</summary>
    public string? Currency { get; private set; }

    /// <summary>Events added.</summary>
    public int EventCount => events.Count;

    /// <summary>Distinct subscriptions.</summary>
    public int SubscriptionCount => owners.Count;

    /// <summary>The earliest event's instant, or <see langword="null"/> without events (the first period a churn series judges).</summary>
    public Instant? Earliest { get; private set; }

    /// <summary>
    /// The latest event's instant, or <see langword="null"/> without events: the input of <see cref="Time.AsOfRule.Default"/>.
    /// A merge keeps the later of the two (<see cref="Time.AsOfRule.Later"/>).
    /// </summary>
    public Instant? Latest { get; private set; }

    /// <summary>
    /// The events in replay order: by customer (ordinal), instant and subscription (ordinal); same-subscription, same-instant
    /// events in the order added. Sorted once, when first read after an <c>Add</c> or <c>Merge</c>, and kept until the next
    /// change (a read-only view; reading it again costs nothing).
    /// </summary>
    public IReadOnlyList<SubscriptionEvent> Events => sortedView ??= Array.AsReadOnly(SortedEvents());

    /// <summary>The events in replay order as an array the caller must not change (sorted once per change of the tally).</summary>
    internal SubscriptionEvent[] SortedEvents()
    {
        if (sorted is not null)
        {
            return sorted;
        }

        // Rank customers and subscriptions once (ordinal), then sort plain integer keys: no string comparison per pair.
        var customerRank = Ranks(owners.Values);
        var subscriptionRank = Ranks(owners.Keys);
        var keys = new ReplayKey[events.Count];
        var items = events.ToArray();
        for (int i = 0; i < items.Length; i++)
        {
            var e = items[i];
            keys[i] = new ReplayKey(customerRank[e.CustomerId], e.At, subscriptionRank[e.SubscriptionId], i);
        }

        Array.Sort(keys, items);
        sorted = items;
        return items;
    }

    private static Dictionary<string, int> Ranks(IEnumerable<string> ids)
    {
        var distinct = new HashSet<string>(ids, StringComparer.Ordinal).ToArray();
        Array.Sort(distinct, StringComparer.Ordinal);
        var rank = new Dictionary<string, int>(distinct.Length, StringComparer.Ordinal);
        for (int i = 0; i < distinct.Length; i++)
        {
            rank.Add(distinct[i], i);
        }

        return rank;
    }

    private void Changed()
    {
        sorted = null;
        sortedView = null;
    }

    /// <summary>The replay order of one event: customer rank, instant, subscription rank, then the order added (stable).</summary>
    private readonly record struct ReplayKey(int Customer, Instant At, int Subscription, int Index) : IComparable<ReplayKey>
    {
        public int CompareTo(ReplayKey other)
        {
            int c = Customer.CompareTo(other.Customer);
            if (c != 0)
            {
                return c;
            }

            c = At.CompareTo(other.At);
            if (c != 0)
            {
                return c;
            }

            c = Subscription.CompareTo(other.Subscription);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }

    /// <summary>Each subscription's customer.</summary>
    internal IReadOnlyDictionary<string, string> Owners => owners;

    /// <summary>A tally of <paramref name="events"/>.</summary>
    /// <param name="events">The events, in any order (same-subscription, same-instant events in the order they happened).</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentException">A subscription moves to another customer.</exception>
    /// <exception cref="InvalidOperationException">MRR is in more than one currency.</exception>
    public static SubscriptionTally Of(IEnumerable<SubscriptionEvent> events)
    {
        var tally = new SubscriptionTally();
        tally.AddRange(events);
        return tally;
    }

    /// <summary>Adds one event (its ids pseudonymised first when <see cref="Pseudonymiser"/> is set).</summary>
    /// <param name="subscriptionEvent">The event.</param>
    /// <exception cref="ArgumentException">The subscription belongs to another customer; the tally is unchanged.</exception>
    /// <exception cref="InvalidOperationException">The event's currency differs from <see cref="Currency"/>; the tally is unchanged.</exception>
    public void Add(SubscriptionEvent subscriptionEvent)
    {
        ArgumentNullException.ThrowIfNull(subscriptionEvent);
        var e = Pseudonymiser is { } p ? subscriptionEvent.WithIds(p.Pseudonymise(subscriptionEvent.SubscriptionId), p.Pseudonymise(subscriptionEvent.CustomerId)) : subscriptionEvent;
        if (e.Currency is { } c && Currency is { } mine && !string.Equals(mine, c, StringComparison.Ordinal))
        {
            CurrencyCode.EnsureSame(mine, c, subscriptionEvent.Label);
        }

        if (owners.TryGetValue(e.SubscriptionId, out var customer))
        {
            if (!string.Equals(customer, e.CustomerId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{subscriptionEvent.Label} names customer '{subscriptionEvent.CustomerId}' but the subscription belongs to customer '{customer}'.", nameof(subscriptionEvent));
            }
        }
        else
        {
            owners.Add(e.SubscriptionId, e.CustomerId);
        }

        Currency ??= e.Currency;
        events.Add(e);
        Changed();
        Earliest = Earliest is { } first && first <= e.At ? first : e.At;
        Latest = Time.AsOfRule.Later(Latest, e.At);
    }

    /// <summary>Adds events in order.</summary>
    /// <param name="subscriptionEvents">The events.</param>
    /// <exception cref="ArgumentException">A subscription moves to another customer (the events before it are added).</exception>
    /// <exception cref="InvalidOperationException">MRR is in more than one currency (the events before it are added).</exception>
    public void AddRange(IEnumerable<SubscriptionEvent> subscriptionEvents)
    {
        ArgumentNullException.ThrowIfNull(subscriptionEvents);
        foreach (var e in subscriptionEvents)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(subscriptionEvents));
            Add(e);
        }
    }

    /// <summary>
    /// Adds another tally's events into this one (after this tally's own, for events of one subscription at one instant).
    /// Merging is therefore commutative when shards hold whole subscriptions (split by shop, customer or subscription),
    /// and for any split whose shards never hold events of one subscription at one instant.
    /// Mutates and returns this tally, like every tally's <c>Merge</c>; <paramref name="other"/> is unchanged.
    /// </summary>
    /// <param name="other">The tally to add (its ids are taken as they are: pseudonymised with the same key, or raw).</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally, or gives a subscription of this tally to another customer; this tally is unchanged.</exception>
    /// <exception cref="InvalidOperationException">The tallies hold MRR in different currencies; this tally is unchanged.</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative, and commutative in the result when the events of one subscription at one instant are in one tally (see the remarks of the type). To keep both inputs, merge both into a new empty tally.</remarks>
    public SubscriptionTally Merge(SubscriptionTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (Currency is { } mine && other.Currency is { } theirs)
        {
            CurrencyCode.EnsureSame(mine, theirs, "the subscription tally merged in");
        }

        foreach (var (subscription, customer) in other.owners)
        {
            if (owners.TryGetValue(subscription, out var owner) && !string.Equals(owner, customer, StringComparison.Ordinal))
            {
                throw new ArgumentException($"subscription '{subscription}' belongs to customer '{owner}' here and to customer '{customer}' in the tally merged in.", nameof(other));
            }
        }

        foreach (var (subscription, customer) in other.owners)
        {
            owners.TryAdd(subscription, customer);
        }

        Currency ??= other.Currency;
        events.AddRange(other.events);
        Changed();
        Earliest = other.Earliest is not { } otherEarliest ? Earliest : Earliest is { } ownEarliest && ownEarliest <= otherEarliest ? ownEarliest : otherEarliest;
        Latest = Time.AsOfRule.Later(Latest, other.Latest);
        return this;
    }

    /// <summary>A copy (with the same <see cref="Pseudonymiser"/>) that adds and merges independently of this tally.</summary>
    /// <returns>The copy.</returns>
    public SubscriptionTally Clone() => new SubscriptionTally { Pseudonymiser = Pseudonymiser }.Merge(this);
}
