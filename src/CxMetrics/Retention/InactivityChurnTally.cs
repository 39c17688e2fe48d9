using CxMetrics.Commerce;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// What inactivity churn must remember of a stream of orders, so that it can be judged at any instant without the orders:
/// per customer, the spells in which the customer counts as active. An order at <c>t</c> makes its customer active on
/// <c>[t, t + window)</c>; overlapping or touching intervals are merged into one spell, so a customer who never lapses
/// has one spell however many orders they place, and a spell is added only when a customer returns after a lapse. Memory
/// grows with customers (and their returns after lapsing), not with orders.
/// </summary>
/// <remarks>
/// Judged at an instant <c>T</c> (<see cref="CountsAt"/>), the tally gives exactly what
/// <see cref="InactivityChurn.Of(IEnumerable{Order}, Duration, Instant, RepeatPurchaseOptions?)"/> gives for the orders it was
/// fed: a customer exists when the first order is at or before <c>T</c>, is pending when the first order is less than a
/// window before <c>T</c>, and is active when <c>T</c> lies in one of the spells (an order in <c>(T − window, T]</c>);
/// orders after <c>T</c> never change this. A tally built with an as-of instant counts the orders after it apart
/// (<see cref="OrdersAfterAsOf"/>) and does not keep them. <see cref="Merge"/> is associative and commutative; the empty
/// tally is its identity.
/// </remarks>
public sealed class InactivityChurnTally
{
    private readonly Dictionary<string, Entry> customers = new(StringComparer.Ordinal);

    /// <summary>Creates an empty tally.</summary>
    /// <param name="window">The inactivity window N, &gt; 0 (required: no default).</param>
    /// <param name="asOf">When given, orders after this instant are counted in <see cref="OrdersAfterAsOf"/> and not kept.</param>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    public InactivityChurnTally(Duration window, Instant? asOf = null)
    {
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "the inactivity window must be positive.");
        }

        Window = window;
        AsOf = asOf;
    }

    /// <summary>
    /// When set, every customer id <c>Add</c> receives is stored as its keyed pseudonym (see
    /// <see cref="Portable.IdPseudonymiser"/>), so the tally's payload carries no raw id; the counts are unchanged. Use the
    /// same pseudonymiser on every shard that is merged. <see langword="null"/> (default): ids are stored as given.
    /// </summary>
    public Portable.IdPseudonymiser? Pseudonymiser { get; init; }

    /// <summary>The inactivity window N.</summary>
    public Duration Window { get; }

    /// <summary>The instant after which orders are counted apart, or <see langword="null"/> when every order is kept.</summary>
    public Instant? AsOf { get; }

    /// <summary>Customers with a kept order.</summary>
    public int Customers => customers.Count;

    /// <summary>Orders kept (at or before <see cref="AsOf"/>).</summary>
    public long Orders { get; private set; }

    /// <summary>Orders after <see cref="AsOf"/>: counted, not kept.</summary>
    public long OrdersAfterAsOf { get; private set; }

    /// <summary>The latest kept order, or <see langword="null"/> when none was kept.</summary>
    public Instant? Latest { get; private set; }

    /// <summary>The earliest kept order, or <see langword="null"/> when none was kept.</summary>
    public Instant? Earliest { get; private set; }

    /// <summary>Adds an order.</summary>
    /// <param name="order">The order.</param>
    public void Add(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Add(order.CustomerId, order.PlacedAt);
    }

    /// <summary>Adds an order of a customer placed at an instant.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="placedAt">When the order was placed.</param>
    public void Add(string customerId, Instant placedAt)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (AsOf is { } asOf && placedAt > asOf)
        {
            OrdersAfterAsOf++;
            return;
        }

        Orders++;
        Latest = Latest is { } l && l >= placedAt ? l : placedAt;
        Earliest = Earliest is { } e && e <= placedAt ? e : placedAt;
        Include(Pseudonymiser?.Pseudonymise(customerId) ?? customerId, placedAt, placedAt);
    }

    /// <summary>Adds another tally's customers and counts into this one.</summary>
    /// <param name="other">A tally of the same window and as-of.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentException">The windows or as-of instants differ, or <paramref name="other"/> is this tally.</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge both into a new empty tally.</remarks>
    public InactivityChurnTally Merge(InactivityChurnTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.Window != Window || other.AsOf != AsOf)
        {
            throw new ArgumentException($"cannot merge a tally of window {other.Window} as of {other.AsOf?.ToString() ?? "none"} into one of window {Window} as of {AsOf?.ToString() ?? "none"}.", nameof(other));
        }

        foreach (var (customer, entry) in other.customers)
        {
            if (entry.More is null)
            {
                Include(customer, entry.Start, entry.Last);
            }
            else
            {
                foreach (var (start, last) in entry.More)
                {
                    Include(customer, start, last);
                }
            }
        }

        Orders += other.Orders;
        OrdersAfterAsOf += other.OrdersAfterAsOf;
        Latest = Max(Latest, other.Latest);
        Earliest = Min(Earliest, other.Earliest);
        return this;
    }

    /// <summary>
    /// Each customer's spell as <see cref="CustomerSpells.Of(IEnumerable{Order}, Duration, Instant)"/> gives it for the
    /// orders the tally kept, judged at <see cref="AsOf"/> (or, without one, at <see cref="Latest"/>, the latest order):
    /// from the first order to <c>last order + window</c> when that end lies at or before that instant, open otherwise.
    /// Only each customer's first and last order matter, so a stream of orders needs no list to give the lifetimes
    /// Kaplan–Meier fits.
    /// </summary>
    /// <returns>One spell per customer, ordered by customer id (ordinal); empty when no order was kept.</returns>
    public IReadOnlyList<CustomerSpell> Spells()
    {
        var spells = new List<CustomerSpell>(customers.Count);
        if (customers.Count == 0)
        {
            return spells;
        }

        var at = AsOf ?? Latest!.Value;
        foreach (var (customer, entry) in customers)
        {
            var (first, last) = entry.More is null ? (entry.Start, entry.Last) : (entry.More[0].Start, entry.More[^1].Last);
            var end = last + Window;
            spells.Add(new CustomerSpell(customer, first, end <= at ? end : null));
        }

        spells.Sort(static (a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        return spells;
    }

    /// <summary>The customers judged at an instant, exactly as <see cref="InactivityChurn.Of(IEnumerable{Order}, Duration, Instant, RepeatPurchaseOptions?)"/> judges the orders.</summary>
    /// <param name="at">The moment of judgement; at most <see cref="AsOf"/> when that is given.</param>
    /// <returns>Customers with an order at or before <paramref name="at"/>, and how many of them are active, churned and pending.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is after <see cref="AsOf"/> (the later orders were not kept).</exception>
    public InactivityChurnCounts CountsAt(Instant at)
    {
        if (AsOf is { } asOf && at > asOf)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"the tally kept the orders up to {asOf} only; judge it at or before that instant.");
        }

        long existing = 0, active = 0, churned = 0, pending = 0;
        foreach (var entry in customers.Values)
        {
            var first = entry.More is null ? entry.Start : entry.More[0].Start;
            if (first > at)
            {
                continue;
            }

            existing++;
            if (at < first + Window)
            {
                pending++;
            }
            else if (entry.ActiveAt(at, Window))
            {
                active++;
            }
            else
            {
                churned++;
            }
        }

        return new InactivityChurnCounts(existing, active, churned, pending);
    }

    /// <summary>Every customer's spells (start, last order) in start order, customers in no particular order.</summary>
    internal IEnumerable<(string Customer, IReadOnlyList<(Instant Start, Instant Last)> Spells)> CustomerSpells() =>
        customers.Select(c => (c.Key, c.Value.More is { } more ? (IReadOnlyList<(Instant, Instant)>)more : [(c.Value.Start, c.Value.Last)]));

    /// <summary>A tally from stored parts, already checked by the caller (spells sorted and apart, counts consistent).</summary>
    internal static InactivityChurnTally Restore(Duration window, Instant? asOf, long orders, long ordersAfterAsOf, IEnumerable<(string Customer, List<(Instant Start, Instant Last)> Spells)> spells)
    {
        var tally = new InactivityChurnTally(window, asOf) { Orders = orders, OrdersAfterAsOf = ordersAfterAsOf };
        foreach (var (customer, list) in spells)
        {
            var entry = list.Count == 1 ? new Entry { Start = list[0].Start, Last = list[0].Last } : new Entry { More = list };
            if (!tally.customers.TryAdd(customer, entry))
            {
                throw new ArgumentException($"customer '{customer}' is stored twice.", nameof(spells));
            }

            tally.Earliest = Min(tally.Earliest, list[0].Start);
            foreach (var (_, last) in list)
            {
                tally.Latest = Max(tally.Latest, last);
            }
        }

        return tally;
    }

    private void Include(string customer, Instant start, Instant last)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(customers, customer, out bool seen);
        if (!seen)
        {
            entry = new Entry { Start = start, Last = last };
            return;
        }

        if (entry.More is null)
        {
            if (Touches(entry.Start, entry.Last, start, last))
            {
                entry.Start = Instant.Min(entry.Start, start);
                entry.Last = Instant.Max(entry.Last, last);
                return;
            }

            entry.More = [(entry.Start, entry.Last)];
        }

        // A returning customer (rare): keep the spells sorted by start, merging every spell the new one touches.
        var spells = entry.More;
        var (s, l) = (start, last);
        for (int i = spells.Count - 1; i >= 0; i--)
        {
            if (Touches(spells[i].Start, spells[i].Last, s, l))
            {
                s = Instant.Min(s, spells[i].Start);
                l = Instant.Max(l, spells[i].Last);
                spells.RemoveAt(i);
            }
        }

        int at = 0;
        while (at < spells.Count && spells[at].Start < s)
        {
            at++;
        }

        spells.Insert(at, (s, l));
    }

    /// <summary>Whether the active intervals <c>[s, l + window)</c> of two spells overlap or touch.</summary>
    private bool Touches(Instant s1, Instant l1, Instant s2, Instant l2) => s2 <= l1 + Window && s1 <= l2 + Window;

    private static Instant? Max(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Max(a.Value, b.Value);

    private static Instant? Min(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);

    /// <summary>One customer: a single spell inline, or (after a lapse and return) every spell in a sorted list.</summary>
    private struct Entry
    {
        public Instant Start;
        public Instant Last;
        public List<(Instant Start, Instant Last)>? More;

        public readonly bool ActiveAt(Instant at, Duration window)
        {
            if (More is null)
            {
                return Start <= at && at < Last + window;
            }

            foreach (var (start, last) in More)
            {
                if (start <= at && at < last + window)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
