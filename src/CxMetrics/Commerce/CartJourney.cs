using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// The state of one unit: its distinct events (kind, time, value, item) and its attributes. Merging two states of the same
/// unit is the union of their events (copies counted as duplicates), so a unit whose events were split over shards merges
/// into exactly the state of the whole.
/// </summary>
internal sealed class CartJourney
{
    private const int HashThreshold = 16;
    private readonly List<Entry> entries = [];
    private HashSet<Entry>? index;
    private bool sorted = true;
    private long latestTicks = long.MinValue;
    private Attribute channel, device, segment;

    public CartJourney(string key) => Key = key;

    public string Key { get; }

    public string? Currency { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    public int Count => entries.Count;

    /// <summary>The unit's channel and the time of the event that carried it (ticks 0 when none).</summary>
    public Attribute Channel => channel;

    /// <summary>The unit's device and the time of the event that carried it (ticks 0 when none).</summary>
    public Attribute Device => device;

    /// <summary>The unit's segment and the time of the event that carried it (ticks 0 when none).</summary>
    public Attribute Segment => segment;

    /// <summary>
    /// Rebuilds a state from its parts (the portable form): the distinct events in <see cref="Entry"/> order and the
    /// counters and attributes as stored. Throws <see cref="ArgumentException"/> when the parts cannot come from a real state.
    /// </summary>
    public static CartJourney Restore(string key, string? currency, long duplicates, long outOfOrder, Attribute channel, Attribute device, Attribute segment, IReadOnlyList<Entry> sortedEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(duplicates);
        ArgumentOutOfRangeException.ThrowIfNegative(outOfOrder);
        if (currency is not null && !CurrencyCode.IsValid(currency))
        {
            throw new ArgumentException($"unit '{key}' has currency '{currency}', not an ISO 4217 code.", nameof(currency));
        }

        if (sortedEntries.Count == 0)
        {
            throw new ArgumentException($"unit '{key}' has no events; a unit exists only through its events.", nameof(sortedEntries));
        }

        var journey = new CartJourney(key) { Currency = currency, Duplicates = duplicates, OutOfOrder = outOfOrder };
        bool valued = false;
        for (int i = 0; i < sortedEntries.Count; i++)
        {
            var e = sortedEntries[i];
            if (!Enum.IsDefined(e.Kind) || e.Value < 0)
            {
                throw new ArgumentException($"event {i} of unit '{key}' has kind {(int)e.Kind} and value {e.Value}: an undefined kind or a negative value.", nameof(sortedEntries));
            }

            if (i > 0 && e.CompareTo(sortedEntries[i - 1]) <= 0)
            {
                throw new ArgumentException($"events of unit '{key}' must be distinct and in order; event {i} does not follow event {i - 1}.", nameof(sortedEntries));
            }

            valued |= e.Value is not null;
            journey.Insert(e);
            journey.latestTicks = Math.Max(journey.latestTicks, e.Ticks);
        }

        if (valued != (currency is not null))
        {
            throw new ArgumentException($"unit '{key}' has {(valued ? "values without a currency" : $"currency '{currency}' but no value")}.", nameof(currency));
        }

        foreach (var a in (ReadOnlySpan<Attribute>)[channel, device, segment])
        {
            if (a.Value is null && a.Ticks != 0)
            {
                throw new ArgumentException($"unit '{key}' has an empty attribute with time {a.Ticks}; empty attributes have time 0.", nameof(sortedEntries));
            }
        }

        journey.channel = channel;
        journey.device = device;
        journey.segment = segment;
        return journey;
    }

    /// <summary>The distinct events in <see cref="Entry"/> order (sorts the state in place, as <see cref="Evaluate"/> does).</summary>
    public IReadOnlyList<Entry> SortedEntries()
    {
        if (!sorted)
        {
            entries.Sort();
            sorted = true;
        }

        return entries;
    }

    public void Add(CartEvent e)
    {
        if (e.Currency is { } currency)
        {
            if (Currency is null)
            {
                Currency = currency;
            }
            else if (!string.Equals(Currency, currency, StringComparison.Ordinal))
            {
                CurrencyCode.EnsureSame(Currency, currency, e.Label); // the label (which formats the instant) only when it throws
            }
        }

        long ticks = e.At.ToUnixTimeTicks();
        if (ticks < latestTicks)
        {
            OutOfOrder++;
        }

        latestTicks = Math.Max(latestTicks, ticks);
        if (!Insert(new Entry(ticks, e.Kind, e.Value, e.ItemId)))
        {
            Duplicates++;
        }

        channel = Attribute.Earlier(channel, new Attribute(ticks, e.Channel));
        device = Attribute.Earlier(device, new Attribute(ticks, e.Device));
        segment = Attribute.Earlier(segment, new Attribute(ticks, e.Segment));
    }

    public void Merge(CartJourney other)
    {
        if (other.Currency is { } currency)
        {
            if (Currency is null)
            {
                Currency = currency;
            }
            else if (!string.Equals(Currency, currency, StringComparison.Ordinal))
            {
                CurrencyCode.EnsureSame(Currency, currency, $"unit '{Key}'");
            }
        }

        foreach (var entry in other.entries)
        {
            if (!Insert(entry))
            {
                Duplicates++;
            }
        }

        Duplicates += other.Duplicates;
        OutOfOrder += other.OutOfOrder;
        latestTicks = Math.Max(latestTicks, other.latestTicks);
        channel = Attribute.Earlier(channel, other.channel);
        device = Attribute.Earlier(device, other.device);
        segment = Attribute.Earlier(segment, other.segment);
    }

    public CartJourney Clone()
    {
        var copy = new CartJourney(Key);
        copy.Merge(this);
        copy.Duplicates = Duplicates;
        copy.OutOfOrder = OutOfOrder;
        return copy;
    }

    /// <summary>Judges the unit as of <paramref name="asOf"/>; see <see cref="CartOutcome"/> for the definitions.</summary>
    public CartOutcome Evaluate(Instant asOf, CartOptions options)
    {
        if (!sorted)
        {
            entries.Sort();
            sorted = true;
        }

        long asOfTicks = asOf.ToUnixTimeTicks();
        long timeout = options.InactivityTimeout.BclCompatibleTicks;
        var steps = options.Steps;
        var stepAt = new Instant?[steps.Count];
        long firstCart = long.MaxValue, lastActivity = long.MinValue, purchase = long.MaxValue, recovered = long.MaxValue, reminder = long.MaxValue;
        bool checkout = false;
        decimal? value = null;
        int events = 0, after = 0;
        foreach (var e in entries)
        {
            if (e.Ticks > asOfTicks)
            {
                after++;
                continue;
            }

            events++;
            switch (e.Kind)
            {
                case <= CartEventKind.PaymentInfo:
                    firstCart = Math.Min(firstCart, e.Ticks);
                    checkout |= e.Kind >= CartEventKind.CheckoutStarted;
                    break;
                case CartEventKind.Purchase:
                    purchase = Math.Min(purchase, e.Ticks);
                    break;
                case CartEventKind.RecoveredThroughReminder:
                    recovered = Math.Min(recovered, e.Ticks);
                    break;
                default:
                    reminder = Math.Min(reminder, e.Ticks);
                    break;
            }

            if (e.Kind != CartEventKind.ReminderSent)
            {
                lastActivity = Math.Max(lastActivity, e.Ticks);
            }

            if (e.Value is { } v)
            {
                value = v;
            }

            for (int s = 0; s < stepAt.Length; s++)
            {
                if (stepAt[s] is null && steps[s].IsReachedBy(e.Kind))
                {
                    stepAt[s] = Instant.FromUnixTimeTicks(e.Ticks);
                }
            }
        }

        long purchasedAt = purchase != long.MaxValue ? purchase : recovered;
        bool purchased = purchasedAt != long.MaxValue;
        bool hasCart = firstCart != long.MaxValue;
        CartStatus status = purchased
            ? (hasCart && firstCart <= purchasedAt ? CartStatus.Purchased : CartStatus.PurchaseWithoutCart)
            : !hasCart ? CartStatus.NoCartActivity
            : asOfTicks - lastActivity >= timeout ? CartStatus.Abandoned
            : CartStatus.Pending;

        bool isCart = status is CartStatus.Purchased or CartStatus.Abandoned or CartStatus.Pending;
        long end = status == CartStatus.Purchased ? purchasedAt : asOfTicks;
        bool everAbandoned = false;
        int? eventsToPurchase = null;
        if (isCart)
        {
            everAbandoned = status == CartStatus.Abandoned || (reminder != long.MaxValue && reminder < end);
            long previous = long.MinValue;
            int count = 0;
            foreach (var e in entries)
            {
                if (e.Ticks < firstCart || e.Ticks > end || e.Kind == CartEventKind.ReminderSent)
                {
                    continue;
                }

                count++;
                everAbandoned |= previous != long.MinValue && e.Ticks - previous >= timeout;
                previous = e.Ticks;
            }

            eventsToPurchase = status == CartStatus.Purchased ? count : null;
        }

        var recovery = RecoveryStatus.NotReminded;
        if (isCart && reminder != long.MaxValue)
        {
            long windowEnd = reminder + options.RecoveryWindow.BclCompatibleTicks;
            bool won = (purchasedAt > reminder && purchasedAt <= windowEnd) || (recovered >= reminder && recovered <= windowEnd);
            recovery = won ? RecoveryStatus.Recovered : asOfTicks < windowEnd ? RecoveryStatus.Pending : RecoveryStatus.NotRecovered;
        }

        return new CartOutcome
        {
            Key = Key,
            Status = status,
            StartedCheckout = checkout,
            FirstCartActivity = hasCart ? Instant.FromUnixTimeTicks(firstCart) : null,
            LastActivity = lastActivity != long.MinValue ? Instant.FromUnixTimeTicks(lastActivity) : null,
            PurchasedAt = purchased ? Instant.FromUnixTimeTicks(purchasedAt) : null,
            EverAbandoned = everAbandoned,
            FirstReminderAt = reminder != long.MaxValue ? Instant.FromUnixTimeTicks(reminder) : null,
            Recovery = recovery,
            Value = value,
            Currency = value is null ? null : Currency,
            StepReachedAt = stepAt,
            EventsToPurchase = eventsToPurchase,
            Events = events,
            EventsAfterAsOf = after,
            Channel = channel.Value,
            Device = device.Value,
            Segment = segment.Value,
        };
    }

    private bool Insert(Entry entry)
    {
        if (index is null)
        {
            if (entries.Contains(entry))
            {
                return false;
            }

            if (entries.Count >= HashThreshold)
            {
                index = [.. entries];
            }
        }

        if (index is not null && !index.Add(entry))
        {
            return false;
        }

        if (entries.Count > 0 && entry.CompareTo(entries[^1]) < 0)
        {
            sorted = false;
        }

        entries.Add(entry);
        return true;
    }

    /// <summary>One distinct event; ordered by time, then kind, value and item so that ties sort the same way every time.</summary>
    internal readonly record struct Entry(long Ticks, CartEventKind Kind, decimal? Value, string? ItemId) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            int c = Ticks.CompareTo(other.Ticks);
            if (c != 0)
            {
                return c;
            }

            c = Kind.CompareTo(other.Kind);
            if (c != 0)
            {
                return c;
            }

            c = Nullable.Compare(Value, other.Value);
            return c != 0 ? c : string.CompareOrdinal(ItemId, other.ItemId);
        }
    }

    /// <summary>An attribute value with the time of the event that carried it; the earliest (then ordinal-smallest) wins.</summary>
    internal readonly record struct Attribute(long Ticks, string? Value)
    {
        public static Attribute Earlier(Attribute a, Attribute b)
        {
            if (b.Value is null)
            {
                return a;
            }

            if (a.Value is null)
            {
                return b;
            }

            int c = a.Ticks.CompareTo(b.Ticks);
            return c < 0 || (c == 0 && string.CompareOrdinal(a.Value, b.Value) <= 0) ? a : b;
        }
    }
}
