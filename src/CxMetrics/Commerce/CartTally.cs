using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// The mergeable state of a stream of cart events: one state per unit key (cart, session or user id) holding that unit's
/// distinct events and attributes. Every cart metric (abandonment, funnels, recovery, value at stake, effort) is computed
/// from it with <see cref="Evaluate"/> at an as-of instant.
/// </summary>
/// <remarks>
/// <para><b>Merging shards.</b> Metrics of carts are not sums of per-shard metrics when one cart's events land in different
/// shards (its "add to cart" on one machine, its purchase on another): the cart would be abandoned in one shard and a
/// purchase without cart in the other. So the tally is keyed by unit: <see cref="Merge"/> unites the states of equal keys
/// (the union of their events, copies counted as duplicates) and adds the rest. Merging is associative and commutative,
/// the empty tally is its identity, and the merged tally evaluates exactly as the tally of the whole stream (property-tested).
/// The only figure that depends on how events were split or ordered is <see cref="CartAnomalies.OutOfOrderArrivals"/>,
/// which describes the feed rather than the carts. Counts of already-judged units (e.g. <see cref="Funnel.FromCounts"/>)
/// can be added only when the shards hold disjoint units.</para>
/// <para>Memory grows with the number of distinct events; for hundreds of millions of events use the span-based path
/// <see cref="Funnel.Of(ReadOnlySpan{CartEventRecord}, int, NodaTime.Instant, CartOptions?)"/>. Not thread-safe: give each thread its own tally and merge them, or use
/// <see cref="OfParallel(ReadOnlyMemory{CartEvent}, int?)"/>.</para>
/// <para><b>Portable.</b> <see cref="Portable.TallyFormat"/> writes and reads the whole per-unit state (kind
/// <see cref="Portable.TallyKind.Cart"/>; layout in <c>docs/scale.md</c>), pending units included, so a tally stored or sent
/// to another machine merges there exactly as the original would.</para>
/// </remarks>
public sealed class CartTally
{
    private readonly Dictionary<string, CartJourney> units = new(StringComparer.Ordinal);

    /// <summary>Creates an empty tally.</summary>
    public CartTally()
    {
    }

    /// <summary>
    /// When set, every id this tally's <c>Add</c> methods receive is stored as its keyed pseudonym (see
    /// <see cref="Portable.IdPseudonymiser"/>), so its payload carries no raw id; counts and metrics are unchanged. Use the
    /// same pseudonymiser on every shard that is merged. <see langword="null"/> (default): ids are stored as given.
    /// </summary>
    public Portable.IdPseudonymiser? Pseudonymiser { get; init; }

    /// <summary>The number of units (distinct keys) seen.</summary>
    public int Units => units.Count;

    /// <summary>All events added, duplicates included.</summary>
    public long EventsAdded { get; private set; }

    /// <summary>Copies of events already recorded for their unit (ignored; see <see cref="CartAnomalies"/>).</summary>
    public long DuplicateEvents
    {
        get
        {
            long sum = 0;
            foreach (var unit in units.Values)
            {
                sum += unit.Duplicates;
            }

            return sum;
        }
    }

    /// <summary>Events that arrived earlier in time than an event already added for their unit (reordered by time).</summary>
    public long OutOfOrderArrivals
    {
        get
        {
            long sum = 0;
            foreach (var unit in units.Values)
            {
                sum += unit.OutOfOrder;
            }

            return sum;
        }
    }

    /// <summary>A tally of <paramref name="events"/>.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="InvalidOperationException">One unit's events carry two currencies.</exception>
    public static CartTally Of(IEnumerable<CartEvent> events)
    {
        var tally = new CartTally();
        tally.AddRange(events);
        return tally;
    }

    /// <summary>
    /// A tally of many events on all cores: the events are partitioned by a hash of their unit key, so that every unit's
    /// events land in one partition in their input order; each worker tallies its partition, and the partitions (disjoint
    /// units) are joined without copying. The tally is identical to <see cref="Of"/> on the same events — the same units,
    /// events, duplicates and even <see cref="OutOfOrderArrivals"/>, which an arbitrary split would change.
    /// </summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>. Inputs under 8,192
    /// events per worker use fewer workers.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="InvalidOperationException">One unit's events carry two currencies (the same exception as <see cref="Of"/>).</exception>
    public static CartTally OfParallel(ReadOnlyMemory<CartEvent> events, int? degreeOfParallelism = null) =>
        OfParallel(events, degreeOfParallelism, Internal.ParallelTally.MinimumRecordChunk);

    internal static CartTally OfParallel(ReadOnlyMemory<CartEvent> events, int? degreeOfParallelism, int minimumChunk)
    {
        int workers = Internal.ParallelTally.Workers(events.Length, degreeOfParallelism, minimumChunk);
        var parts = new CartTally[workers];
        try
        {
            // Each unit's events land in one partition, in input order (Internal.KeyPartition); worker w tallies partition w.
            using var partition = workers > 1 ? Internal.KeyPartition.Create(events, workers, static e => e?.Key) : null;
            if (partition is null)
            {
                return Sequential(events.Span); // one worker, or a null event: reported as on one thread
            }

            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                var part = new CartTally();
                var span = events.Span;
                foreach (int i in partition.Positions(w))
                {
                    part.Add(span[i]);
                }

                parts[w] = part;
            });
        }
        catch (AggregateException)
        {
            return Sequential(events.Span); // the sequential path's exception, for the same event
        }

        var total = parts[0];
        for (int w = 1; w < workers; w++)
        {
            foreach (var (key, journey) in parts[w].units)
            {
                total.units.Add(key, journey);
            }

            total.EventsAdded += parts[w].EventsAdded;
        }

        return total;
    }

    private static CartTally Sequential(ReadOnlySpan<CartEvent> events)
    {
        var tally = new CartTally();
        tally.AddRange(events);
        return tally;
    }

    /// <summary>Adds one event to its unit's state.</summary>
    /// <param name="cartEvent">The event.</param>
    /// <exception cref="InvalidOperationException">The unit already has a value in another currency; the message names the event.</exception>
    public void Add(CartEvent cartEvent)
    {
        ArgumentNullException.ThrowIfNull(cartEvent);
        string key = Pseudonymiser?.Pseudonymise(cartEvent.Key) ?? cartEvent.Key;
        if (!units.TryGetValue(key, out var unit))
        {
            unit = new CartJourney(key);
            units.Add(key, unit);
        }

        long eventsAdded = CheckedCount.Add(EventsAdded, 1, "the event count");
        unit.Add(cartEvent);
        EventsAdded = eventsAdded;
    }

    /// <summary>Adds events.</summary>
    /// <param name="events">The events.</param>
    public void AddRange(IEnumerable<CartEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            Add(e);
        }
    }

    private void AddRange(ReadOnlySpan<CartEvent> events)
    {
        foreach (var e in events)
        {
            Add(e);
        }
    }

    /// <summary>
    /// Adds another tally into this one: states of the same key are united (their events' union), other keys are copied.
    /// <paramref name="other"/> is unchanged.
    /// </summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A unit has values in different currencies in the two tallies.</exception>
    /// <exception cref="OverflowException">The merged event count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public CartTally Merge(CartTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);

        long eventsAdded = CheckedCount.Add(EventsAdded, other.EventsAdded, "the event count"); // duplicates and reordered events are among them
        foreach (var (key, state) in other.units)
        {
            if (units.TryGetValue(key, out var mine))
            {
                mine.Merge(state);
            }
            else
            {
                units.Add(key, state.Clone());
            }
        }

        EventsAdded = eventsAdded;
        return this;
    }

    /// <summary>A new tally with the same states.</summary>
    /// <returns>The copy.</returns>
    public CartTally Clone() => new CartTally { Pseudonymiser = Pseudonymiser }.Merge(this);

    /// <summary>
    /// Judges every unit as of <paramref name="asOf"/> (events after it are ignored and counted), ordered by key (ordinal)
    /// so the output does not depend on input order.
    /// </summary>
    /// <param name="asOf">The instant of the snapshot; time-outs and windows are measured to it.</param>
    /// <param name="options">Time-out, recovery window and funnel steps; <see cref="CartOptions.Default"/> when omitted.</param>
    /// <returns>One outcome per unit.</returns>
    public IReadOnlyList<CartOutcome> Evaluate(Instant asOf, CartOptions? options = null)
    {
        options ??= CartOptions.Default;
        var keys = new string[units.Count];
        units.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        var outcomes = new CartOutcome[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            outcomes[i] = units[keys[i]].Evaluate(asOf, options);
        }

        return outcomes;
    }

    /// <summary>The anomalies of this tally as of an instant (see <see cref="CartAnomalies"/> for each definition).</summary>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">The options (the time-out does not change the anomalies).</param>
    /// <returns>The counts.</returns>
    public CartAnomalies Anomalies(Instant asOf, CartOptions? options = null) => Anomalies(Evaluate(asOf, options));

    /// <summary>Formats the size of the tally.</summary>
    /// <returns>The counts as text.</returns>
    public override string ToString() => $"CartTally({Units} units, {EventsAdded} events added, {DuplicateEvents} duplicates)";

    /// <summary>The units' states in ordinal key order (for the portable form).</summary>
    internal CartJourney[] SortedJourneys()
    {
        var journeys = new CartJourney[units.Count];
        units.Values.CopyTo(journeys, 0);
        Array.Sort(journeys, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return journeys;
    }

    /// <summary>Rebuilds a tally from unit states with distinct keys (the portable form, or disjoint partitions).</summary>
    /// <exception cref="ArgumentException">Two states share a key, or <paramref name="eventsAdded"/> is not the states' events plus duplicates.</exception>
    internal static CartTally FromJourneys(IEnumerable<CartJourney> journeys, long eventsAdded)
    {
        var tally = new CartTally();
        long sum = 0;
        foreach (var journey in journeys)
        {
            if (!tally.units.TryAdd(journey.Key, journey))
            {
                throw new ArgumentException($"unit '{journey.Key}' appears twice.", nameof(journeys));
            }

            sum += journey.Count + journey.Duplicates;
        }

        if (sum != eventsAdded)
        {
            throw new ArgumentException($"{eventsAdded} events added does not match the units' {sum} distinct and duplicate events.", nameof(eventsAdded));
        }

        tally.EventsAdded = eventsAdded;
        return tally;
    }

    internal CartAnomalies Anomalies(IReadOnlyList<CartOutcome> outcomes)
    {
        long after = 0, withoutCart = 0, noActivity = 0;
        foreach (var o in outcomes)
        {
            after += o.EventsAfterAsOf;
            withoutCart += o.Status == CartStatus.PurchaseWithoutCart ? 1 : 0;
            noActivity += o.Status == CartStatus.NoCartActivity ? 1 : 0;
        }

        return new CartAnomalies
        {
            DuplicateEvents = DuplicateEvents,
            OutOfOrderArrivals = OutOfOrderArrivals,
            EventsAfterAsOf = after,
            PurchasesWithoutCart = withoutCart,
            UnitsWithoutCartActivity = noActivity,
        };
    }
}
