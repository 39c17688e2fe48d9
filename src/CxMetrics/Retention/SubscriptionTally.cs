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
/// <para><b>Memory.</b> The events are kept as columns, not objects: per event its subscription's position, its instant
/// (Unix ticks and the nanoseconds beyond them), its kind and the position of its MRR and labels in a table of the
/// distinct (MRR, plan, interval, segment) sets — 18 bytes an event, and the ids and labels once each, so a file of
/// events costs a few bytes per event beside its subscriptions and customers. <see cref="Events"/> makes each event
/// again when it is read.</para>
/// <para>Not thread-safe: give each thread its own tally and merge them.</para>
/// </remarks>
public sealed class SubscriptionTally
{
    private readonly Dictionary<string, int> subscriptionIndex = new(StringComparer.Ordinal);
    private readonly List<string> subscriptionIds = [];
    private readonly List<int> subscriptionCustomer = [];
    private readonly Dictionary<string, int> customerIndex = new(StringComparer.Ordinal);
    private readonly List<string> customerIds = [];

    // Distinct (MRR bits, plan, interval, segment) of the labelled events; position 0 is "none" (the unlabelled kinds).
    private readonly Dictionary<AttributeKey, int> attributeIndex = [];
    private readonly List<Attributes> attributes = [new(null, null, null, null)];

    // The events, a column each, in the order added.
    private int count;
    private int[] eventSubscription = [];
    private long[] eventTicks = [];
    private byte[] eventNanos = [];
    private byte[] eventKind = [];
    private int[] eventAttributes = [];
    private SubscriptionReplay? sorted;

    /// <summary>
    /// Replaces customer and subscription ids by keyed pseudonyms at <c>Add</c> (see <see cref="Portable.IdPseudonymiser"/>),
    /// so the tally and its payload carry no raw id; churn and MRR are unchanged. Use the same key on every shard.
    /// </summary>
    public Portable.IdPseudonymiser? Pseudonymiser { get; init; }

    /// <summary>The currency of all MRR; <see langword="null"/> while no priced event was added.</summary>
    public string? Currency { get; private set; }

    /// <summary>Events added.</summary>
    public int EventCount => count;

    /// <summary>Distinct subscriptions.</summary>
    public int SubscriptionCount => subscriptionIds.Count;

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
    /// change (a read-only view that makes each event when it is read; the order is not sorted again).
    /// </summary>
    public IReadOnlyList<SubscriptionEvent> Events => SortedEvents();

    /// <summary>Each subscription's customer (subscription id, customer id).</summary>
    internal IEnumerable<KeyValuePair<string, string>> Owners
    {
        get
        {
            for (int i = 0; i < subscriptionIds.Count; i++)
            {
                yield return new(subscriptionIds[i], customerIds[subscriptionCustomer[i]]);
            }
        }
    }

    /// <summary>The events in replay order, read from the tally's columns (sorted once per change of the tally).</summary>
    internal SubscriptionReplay SortedEvents()
    {
        if (sorted is not null)
        {
            return sorted;
        }

        // Rank customers and subscriptions once (ordinal), then sort plain integer keys: no string comparison per pair.
        var customerRank = Ranks(customerIds);
        var subscriptionRank = Ranks(subscriptionIds);
        var keys = new ReplayKey[count];
        for (int i = 0; i < count; i++)
        {
            int subscription = eventSubscription[i];
            keys[i] = new ReplayKey(customerRank[subscriptionCustomer[subscription]], eventTicks[i], eventNanos[i], subscriptionRank[subscription], i);
        }

        Array.Sort(keys);
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = keys[i].Index;
        }

        sorted = new SubscriptionReplay(this, order);
        return sorted;
    }

    /// <summary>The rank of each id (by position) among the ids in ordinal order; the ids are distinct.</summary>
    private static int[] Ranks(List<string> ids)
    {
        var positions = new int[ids.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        var sortedIds = ids.ToArray();
        OrdinalSort.Sort(sortedIds, positions);
        var rank = new int[ids.Count];
        for (int r = 0; r < positions.Length; r++)
        {
            rank[positions[r]] = r;
        }

        return rank;
    }

    /// <summary>The replay order of one event: customer rank, instant, subscription rank, then the order added (stable).</summary>
    private readonly record struct ReplayKey(int Customer, long Ticks, byte Nanos, int Subscription, int Index) : IComparable<ReplayKey>
    {
        public int CompareTo(ReplayKey other)
        {
            int c = Customer.CompareTo(other.Customer);
            if (c != 0)
            {
                return c;
            }

            c = Ticks.CompareTo(other.Ticks);
            if (c != 0)
            {
                return c;
            }

            c = Nanos.CompareTo(other.Nanos);
            if (c != 0)
            {
                return c;
            }

            c = Subscription.CompareTo(other.Subscription);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }

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
        string subscriptionId = subscriptionEvent.SubscriptionId, customerId = subscriptionEvent.CustomerId;
        if (Pseudonymiser is { } p)
        {
            subscriptionId = p.Pseudonymise(subscriptionId);
            customerId = p.Pseudonymise(customerId);
        }

        if (subscriptionEvent.Currency is { } c && Currency is { } mine && !string.Equals(mine, c, StringComparison.Ordinal))
        {
            CurrencyCode.EnsureSame(mine, c, subscriptionEvent.Label);
        }

        if (subscriptionIndex.TryGetValue(subscriptionId, out int subscription))
        {
            string owner = customerIds[subscriptionCustomer[subscription]];
            if (!string.Equals(owner, customerId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{subscriptionEvent.Label} names customer '{subscriptionEvent.CustomerId}' but the subscription belongs to customer '{owner}'.", nameof(subscriptionEvent));
            }
        }
        else
        {
            subscription = AddSubscription(subscriptionId, customerId);
        }

        Currency ??= subscriptionEvent.Currency;
        var at = subscriptionEvent.At;
        long ticks = at.ToUnixTimeTicks();
        Append(subscription, ticks, (byte)(at - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds(), subscriptionEvent.Kind,
            AttributesOf(subscriptionEvent.Mrr, subscriptionEvent.Plan, subscriptionEvent.BillingInterval, subscriptionEvent.Segment));
        Earliest = Earliest is { } first && first <= at ? first : at;
        Latest = Time.AsOfRule.Later(Latest, at);
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

        for (int i = 0; i < other.subscriptionIds.Count; i++)
        {
            string subscription = other.subscriptionIds[i], customer = other.customerIds[other.subscriptionCustomer[i]];
            if (subscriptionIndex.TryGetValue(subscription, out int known) && customerIds[subscriptionCustomer[known]] is var owner && !string.Equals(owner, customer, StringComparison.Ordinal))
            {
                throw new ArgumentException($"subscription '{subscription}' belongs to customer '{owner}' here and to customer '{customer}' in the tally merged in.", nameof(other));
            }
        }

        // Positions of the other tally's subscriptions and attribute sets in this one.
        var subscriptions = new int[other.subscriptionIds.Count];
        for (int i = 0; i < subscriptions.Length; i++)
        {
            string subscription = other.subscriptionIds[i];
            subscriptions[i] = subscriptionIndex.TryGetValue(subscription, out int known) ? known : AddSubscription(subscription, other.customerIds[other.subscriptionCustomer[i]]);
        }

        var labels = new int[other.attributes.Count];
        for (int i = 1; i < labels.Length; i++)
        {
            var a = other.attributes[i];
            labels[i] = AttributesOf(a.Mrr, a.Plan, a.Interval, a.Segment);
        }

        Currency ??= other.Currency;
        int n = other.count;
        for (int i = 0; i < n; i++)
        {
            Append(subscriptions[other.eventSubscription[i]], other.eventTicks[i], other.eventNanos[i], (SubscriptionEventKind)other.eventKind[i], labels[other.eventAttributes[i]]);
        }

        Earliest = other.Earliest is not { } otherEarliest ? Earliest : Earliest is { } ownEarliest && ownEarliest <= otherEarliest ? ownEarliest : otherEarliest;
        Latest = Time.AsOfRule.Later(Latest, other.Latest);
        return this;
    }

    /// <summary>A copy (with the same <see cref="Pseudonymiser"/>) that adds and merges independently of this tally.</summary>
    /// <returns>The copy.</returns>
    public SubscriptionTally Clone() => new SubscriptionTally { Pseudonymiser = Pseudonymiser }.Merge(this);

    /// <summary>Event <paramref name="i"/> (in the order added) made again as a record.</summary>
    internal SubscriptionEvent EventAt(int i)
    {
        int subscription = eventSubscription[i];
        var a = attributes[eventAttributes[i]];
        return SubscriptionEvent.Restore(subscriptionIds[subscription], customerIds[subscriptionCustomer[subscription]], InstantAt(i), (SubscriptionEventKind)eventKind[i],
            a.Mrr, a.Mrr is null ? null : Currency, a.Plan, a.Interval, a.Segment);
    }

    /// <summary>The instant of event <paramref name="i"/> (in the order added).</summary>
    internal Instant InstantAt(int i) => Instant.FromUnixTimeTicks(eventTicks[i]).PlusNanoseconds(eventNanos[i]);

    /// <summary>The customer position of event <paramref name="i"/> (in the order added).</summary>
    internal int CustomerOf(int i) => subscriptionCustomer[eventSubscription[i]];

    /// <summary>The id of customer position <paramref name="customer"/>.</summary>
    internal string CustomerId(int customer) => customerIds[customer];

    /// <summary>Whether events <paramref name="i"/> and <paramref name="j"/> (in the order added) are at the same instant.</summary>
    internal bool SameInstant(int i, int j) => eventTicks[i] == eventTicks[j] && eventNanos[i] == eventNanos[j];

    private int AddSubscription(string subscriptionId, string customerId)
    {
        if (!customerIndex.TryGetValue(customerId, out int customer))
        {
            customer = customerIds.Count;
            customerIds.Add(customerId);
            customerIndex.Add(customerId, customer);
        }

        int subscription = subscriptionIds.Count;
        subscriptionIds.Add(subscriptionId);
        subscriptionCustomer.Add(customer);
        subscriptionIndex.Add(subscriptionId, subscription);
        return subscription;
    }

    /// <summary>The position of an attribute set in the table (added when new); 0 when the event carries none.</summary>
    private int AttributesOf(decimal? mrr, string? plan, string? interval, string? segment)
    {
        if (mrr is null && plan is null && interval is null && segment is null)
        {
            return 0;
        }

        // Keyed by the MRR's bits, so 10.0 and 10.00 stay apart (decimal equality would merge them).
        var key = new AttributeKey(mrr is { } m ? new DecimalBits(m) : default, mrr is not null, plan, interval, segment);
        if (!attributeIndex.TryGetValue(key, out int position))
        {
            position = attributes.Count;
            attributes.Add(new Attributes(mrr, plan, interval, segment));
            attributeIndex.Add(key, position);
        }

        return position;
    }

    private void Append(int subscription, long ticks, byte nanos, SubscriptionEventKind kind, int labels)
    {
        if (count == eventTicks.Length)
        {
            int size = Math.Max(16, count * 2);
            Array.Resize(ref eventSubscription, size);
            Array.Resize(ref eventTicks, size);
            Array.Resize(ref eventNanos, size);
            Array.Resize(ref eventKind, size);
            Array.Resize(ref eventAttributes, size);
        }

        eventSubscription[count] = subscription;
        eventTicks[count] = ticks;
        eventNanos[count] = nanos;
        eventKind[count] = (byte)kind;
        eventAttributes[count] = labels;
        count++;
        sorted = null;
    }

    /// <summary>The MRR and labels of a labelled event.</summary>
    private readonly record struct Attributes(decimal? Mrr, string? Plan, string? Interval, string? Segment);

    /// <summary>A decimal's four 32-bit parts (its value and its scale).</summary>
    private readonly record struct DecimalBits(int Lo, int Mid, int Hi, int Flags)
    {
        public DecimalBits(decimal value)
            : this(0, 0, 0, 0)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            (Lo, Mid, Hi, Flags) = (bits[0], bits[1], bits[2], bits[3]);
        }
    }

    private readonly record struct AttributeKey(DecimalBits Mrr, bool Priced, string? Plan, string? Interval, string? Segment);
}
