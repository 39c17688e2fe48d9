using System.Buffers;
using System.Runtime.InteropServices;
using CxMetrics.Internal;

namespace CxMetrics.Retention;

/// <summary>
/// The sufficient statistic of a Kaplan–Meier curve and of the log-rank test: for each distinct time, the number (and
/// weight) of events, of censored observations and of delayed entries. The numbers at risk follow from it — at t, everyone
/// whose exit is at or after t minus everyone whose (delayed) entry is at or after t, so a customer is at risk exactly when
/// <c>entry &lt; t ≤ exit</c> (R's counting-process <c>Surv(entry, exit, event)</c>) — so shards, days or database
/// <c>GROUP BY time</c> rows can be tallied apart and combined with <see cref="Merge"/> (associative and commutative; the
/// empty tally is its identity): the merged tally gives exactly the curve of the whole.
/// </summary>
/// <remarks>
/// Ties follow R <c>survival</c>: observations censored at a time are still at risk at that time (censoring is taken
/// to happen just after the events), and a customer entering at t is not at risk at t. An entry of 0 is "observed from the
/// start" and is not stored, so a tally without delayed entries is exactly the tally of plain right-censored data. Times
/// are compared exactly (no rounding). Not thread-safe: give each thread its own tally and merge them.
/// </remarks>
public sealed class KaplanMeierTally
{
    private const int RadixThreshold = 256;

    private readonly Dictionary<double, Entry> entries = [];

    /// <summary>Creates an empty tally.</summary>
    public KaplanMeierTally()
    {
    }

    /// <summary>Observations counted (events + censored, unweighted).</summary>
    public long Count => Events + Censored;

    /// <summary>Observations that ended with the event (churn).</summary>
    public long Events { get; private set; }

    /// <summary>Observations that were censored (still active at their last observed time).</summary>
    public long Censored { get; private set; }

    /// <summary>Sum of the weights of all observations (equals <see cref="Count"/> without weights).</summary>
    public double TotalWeight { get; private set; }

    /// <summary>Observations with a delayed entry (entry &gt; 0, unweighted); 0 for plain right-censored data.</summary>
    public long DelayedEntries { get; private set; }

    /// <summary>Number of distinct times (exits and delayed entries).</summary>
    public int DistinctTimes => entries.Count;

    /// <summary>A tally from unweighted counts per time, e.g. <c>SELECT tenure, SUM(churned), SUM(1 − churned) … GROUP BY tenure</c>.</summary>
    /// <param name="times">Distinct times (any order), finite and ≥ 0.</param>
    /// <param name="events">Events at each time, ≥ 0.</param>
    /// <param name="censored">Censored observations at each time, ≥ 0.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentException">
    /// The spans differ in length, a time repeats, or a value is out of range (including counts that add up past
    /// <see cref="long.MaxValue"/>).
    /// </exception>
    public static KaplanMeierTally FromCounts(ReadOnlySpan<double> times, ReadOnlySpan<long> events, ReadOnlySpan<long> censored)
    {
        if (events.Length != times.Length || censored.Length != times.Length)
        {
            throw new ArgumentException($"times ({times.Length}), events ({events.Length}) and censored ({censored.Length}) must have the same length.", nameof(events));
        }

        var tally = new KaplanMeierTally();
        for (int i = 0; i < times.Length; i++)
        {
            CheckDuration(times[i], null, i);
            if (events[i] < 0 || censored[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(events), $"counts at time {times[i]} (position {i}) must be ≥ 0, not {events[i]} events and {censored[i]} censored.");
            }

            double time = times[i] == 0 ? 0 : times[i];
            if (tally.entries.ContainsKey(time))
            {
                throw new ArgumentException($"time {time} appears twice (position {i}); give each distinct time once.", nameof(times));
            }

            if (events[i] > 0 || censored[i] > 0)
            {
                CheckedCount.Total(CheckedCount.Total(tally.Count, events[i], nameof(events)), censored[i], nameof(censored));
                tally.entries[time] = new Entry(events[i], censored[i], events[i], censored[i], 0, 0);
                tally.Events += events[i];
                tally.Censored += censored[i];
                tally.TotalWeight += events[i] + censored[i];
            }
        }

        return tally;
    }

    /// <summary>Adds one observation with weight 1.</summary>
    /// <param name="duration">Observed time, finite and ≥ 0.</param>
    /// <param name="event">Whether it ended with the event; otherwise censored.</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or not finite.</exception>
    public void Add(double duration, bool @event) => Add(duration, @event, 1.0);

    /// <summary>Adds one weighted observation.</summary>
    /// <param name="duration">Observed time, finite and ≥ 0.</param>
    /// <param name="event">Whether it ended with the event; otherwise censored.</param>
    /// <param name="weight">Case weight, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative or not finite, or <paramref name="weight"/> is not finite and greater than 0.</exception>
    public void Add(double duration, bool @event, double weight)
    {
        CheckDuration(duration, null);
        Guard.Weight(weight);
        AddChecked(0, duration == 0 ? 0 : duration, @event, weight);
    }

    /// <summary>
    /// Adds one weighted observation with delayed entry, R's <c>Surv(entry, duration, event)</c>: at risk at t only when
    /// <c>entry &lt; t ≤ duration</c>; an entry of 0 means observed from the start.
    /// </summary>
    /// <param name="entry">Time the observation began, finite, ≥ 0 and below <paramref name="duration"/> (or 0).</param>
    /// <param name="duration">Time it ended (exit), finite and ≥ 0.</param>
    /// <param name="event">Whether it ended with the event; otherwise censored.</param>
    /// <param name="weight">Case weight, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="duration"/> is negative or not finite, <paramref name="entry"/> is negative, not finite or a positive
    /// entry not below the duration, or <paramref name="weight"/> is not finite and greater than 0.
    /// </exception>
    public void Add(double entry, double duration, bool @event, double weight)
    {
        CheckDuration(duration, null);
        CheckEntry(entry, duration, null);
        Guard.Weight(weight);
        AddChecked(entry == 0 ? 0 : entry, duration == 0 ? 0 : duration, @event, weight);
    }

    /// <summary>Adds an observation (already validated by its constructor), with its delayed entry if it has one.</summary>
    /// <param name="observation">The observation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="observation"/> is a <see langword="default"/> value (weight 0).</exception>
    public void Add(SurvivalObservation observation)
    {
        // A default(SurvivalObservation) has weight 0: reject it rather than count a weightless customer.
        Guard.Weight(observation.Weight, observation.Id, nameof(observation));
        AddChecked(observation.Entry, observation.Duration, observation.Event, observation.Weight);
    }

    /// <summary>
    /// Adds unweighted observations from parallel spans: the fast path (one sort of packed keys, then a run-length
    /// pass). Atomic: when a duration is invalid nothing is added and the exception names its position.
    /// </summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags, same length.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or a duration is negative or not finite.</exception>
    public void AddRange(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events)
    {
        var rows = Rows.FromUnweighted(durations, events);
        for (int i = 0; i < rows.Length; i++)
        {
            Accumulate(rows.Times[i], new Entry((long)rows.EventWeight[i], (long)rows.CensoredWeight[i], rows.EventWeight[i], rows.CensoredWeight[i], 0, 0));
        }
    }

    /// <summary>
    /// Adds unweighted observations with delayed entry from parallel spans (<c>Surv(entry, duration, event)</c>). Atomic:
    /// when a value is invalid nothing is added and the exception names its position.
    /// </summary>
    /// <param name="entries">Entry times, finite, ≥ 0 and below the duration (or 0: observed from the start).</param>
    /// <param name="durations">Exit times, finite and ≥ 0, same length.</param>
    /// <param name="events">Event flags, same length.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or a duration or entry is out of range.</exception>
    public void AddRange(ReadOnlySpan<double> entries, ReadOnlySpan<double> durations, ReadOnlySpan<bool> events)
    {
        var rows = Rows.FromDelayed(entries, durations, events);
        for (int i = 0; i < rows.Length; i++)
        {
            Accumulate(rows.Times[i], new Entry(rows.EventCount(i), rows.CensoredCount(i), rows.EventWeight[i], rows.CensoredWeight[i], rows.EntryCount(i), rows.EntryWeight?[i] ?? 0));
        }
    }

    /// <summary>Adds weighted observations from parallel spans. Atomic: on an invalid value nothing is added.</summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags, same length.</param>
    /// <param name="weights">Case weights, finite and &gt; 0, same length.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or a duration or weight is out of range.</exception>
    public void AddRange(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, ReadOnlySpan<double> weights)
    {
        var rows = Rows.FromWeighted(durations, events, weights);
        for (int i = 0; i < rows.Length; i++)
        {
            Accumulate(rows.Times[i], new Entry(rows.EventCount(i), rows.CensoredCount(i), rows.EventWeight[i], rows.CensoredWeight[i], 0, 0));
        }
    }

    /// <summary>Adds another tally's counts into this one; <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public KaplanMeierTally Merge(KaplanMeierTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        CheckedCount.Add(CheckedCount.Add(Events, other.Events, "the event count"), CheckedCount.Add(Censored, other.Censored, "the censored count"), "the observation count");

        foreach (var (time, entry) in other.entries)
        {
            Accumulate(time, entry);
        }

        return this;
    }

    /// <summary>A new tally with the same counts.</summary>
    /// <returns>The copy.</returns>
    public KaplanMeierTally Clone() => new KaplanMeierTally().Merge(this);

    /// <summary>Formats the counts.</summary>
    /// <returns>The counts as text.</returns>
    public override string ToString() => DelayedEntries == 0
        ? $"KaplanMeierTally({Count} observations: {Events} events, {Censored} censored; {DistinctTimes} distinct times)"
        : $"KaplanMeierTally({Count} observations: {Events} events, {Censored} censored, {DelayedEntries} with delayed entry; {DistinctTimes} distinct times)";

    /// <summary>
    /// A stored tally: distinct exit times with their counts and weights, the total weight as it was summed, and the
    /// distinct delayed-entry times with their counts and weights (empty for plain data).
    /// </summary>
    internal static KaplanMeierTally FromStoredRows(
        ReadOnlySpan<double> times, ReadOnlySpan<long> events, ReadOnlySpan<long> censored, ReadOnlySpan<double> eventWeights, ReadOnlySpan<double> censoredWeights, double totalWeight,
        ReadOnlySpan<double> entryTimes = default, ReadOnlySpan<long> entryCounts = default, ReadOnlySpan<double> entryWeights = default)
    {
        var tally = new KaplanMeierTally();
        for (int i = 0; i < times.Length; i++)
        {
            CheckDuration(times[i], null, i);
            // −0 is never stored (times and weights are sums or normalised to +0), so it is refused rather than read as +0.
            bool valid = events[i] >= 0 && censored[i] >= 0 && events[i] <= long.MaxValue - censored[i] && events[i] + censored[i] > 0
                && !double.IsNegative(times[i])
                && double.IsFinite(eventWeights[i]) && double.IsFinite(censoredWeights[i])
                && (events[i] == 0) == (eventWeights[i] == 0) && (censored[i] == 0) == (censoredWeights[i] == 0)
                && !double.IsNegative(eventWeights[i]) && !double.IsNegative(censoredWeights[i]);
            if (!valid || (i > 0 && !(times[i] > times[i - 1])))
            {
                throw new ArgumentOutOfRangeException(nameof(times), times[i], $"row {i} (time {times[i]}: {events[i]} events weighing {eventWeights[i]}, {censored[i]} censored weighing {censoredWeights[i]}) is inconsistent or out of order.");
            }

            tally.Accumulate(times[i] == 0 ? 0 : times[i], new Entry(events[i], censored[i], eventWeights[i], censoredWeights[i], 0, 0));
        }

        for (int i = 0; i < entryTimes.Length; i++)
        {
            bool valid = entryTimes[i] > 0 && double.IsFinite(entryTimes[i]) && entryCounts[i] > 0 && entryCounts[i] <= tally.Count - tally.DelayedEntries
                && entryWeights[i] > 0 && double.IsFinite(entryWeights[i]);
            if (!valid || (i > 0 && !(entryTimes[i] > entryTimes[i - 1])))
            {
                throw new ArgumentOutOfRangeException(nameof(entryTimes), entryTimes[i], $"entry row {i} (time {entryTimes[i]}: {entryCounts[i]} entries weighing {entryWeights[i]}) is inconsistent or out of order.");
            }

            tally.Accumulate(entryTimes[i], new Entry(0, 0, 0, 0, entryCounts[i], entryWeights[i]));
        }

        if (!tally.EntriesConsistent())
        {
            throw new ArgumentOutOfRangeException(nameof(entryTimes), "the delayed entries do not fit the exits: at some time more weight has entered later than leaves at or after it.");
        }

        if (!double.IsFinite(totalWeight) || totalWeight < 0 || (tally.Count == 0) != (totalWeight == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(totalWeight), totalWeight, $"total weight {totalWeight} does not fit {tally.Count} observations.");
        }

        tally.TotalWeight = totalWeight;
        return tally;
    }

    /// <summary>An entry must be finite and ≥ 0, and a positive entry below its exit (R's <c>Surv</c>: stop &gt; start).</summary>
    internal static void CheckEntry(double entry, double duration, string? id, int position = -1, string paramName = "entry")
    {
        if (!(entry >= 0) || double.IsPositiveInfinity(entry) || (entry > 0 && !(entry < duration)))
        {
            string where = position >= 0 ? $" at position {position}" : string.Empty;
            throw new ArgumentOutOfRangeException(paramName, entry, $"entry {entry}{where} must be finite, ≥ 0 and below the exit time {duration} (or 0: observed from the start){Guard.Describe(id, "observation")}.");
        }
    }

    internal static void CheckDuration(double duration, string? id, int position = -1, string paramName = "duration")
    {
        if (!(duration >= 0) || double.IsPositiveInfinity(duration))
        {
            string where = position >= 0 ? $" at position {position}" : string.Empty;
            throw new ArgumentOutOfRangeException(paramName, duration, $"duration {duration}{where} must be finite and ≥ 0{Guard.Describe(id, "observation")}.");
        }
    }

    /// <summary>The rows sorted by time.</summary>
    internal Rows ToRows()
    {
        var times = new double[entries.Count];
        var values = new Entry[entries.Count];
        int k = 0;
        foreach (var (time, entry) in entries)
        {
            times[k] = time;
            values[k++] = entry;
        }

        Array.Sort(times, values);
        var rows = new Rows(times.Length, weighted: true, delayed: DelayedEntries > 0);
        times.CopyTo(rows.Times, 0);
        for (int i = 0; i < values.Length; i++)
        {
            rows.EventCounts![i] = values[i].Events;
            rows.CensoredCounts![i] = values[i].Censored;
            rows.EventWeight[i] = values[i].EventWeight;
            rows.CensoredWeight[i] = values[i].CensoredWeight;
            if (rows.EntryWeight is { } w)
            {
                rows.EntryCounts![i] = values[i].EntryCount;
                w[i] = values[i].EntryWeight;
            }
        }

        return rows;
    }

    /// <summary>
    /// Sorts non-negative keys in place: least-significant-digit radix sort on 8-bit digits, skipping digits that
    /// are equal in every key (so whole-number durations take one or two passes); <see cref="Array.Sort{T}(T[])"/>
    /// for short inputs.
    /// </summary>
    internal static void SortKeys(ulong[] keys) => SortKeys(keys.AsSpan());

    /// <summary>Sorts a span of keys in place, with a pooled scratch buffer.</summary>
    internal static void SortKeys(Span<ulong> keys)
    {
        int n = keys.Length;
        if (n < RadixThreshold)
        {
            keys.Sort();
            return;
        }

        // 8-bit digits: 256 write streams per pass stay cache- and TLB-friendly (16-bit digits thrash on distinct keys).
        const int Digits = 8, Buckets = 256;
        var counts = new int[Digits * Buckets];
        foreach (ulong key in keys)
        {
            for (int digit = 0; digit < Digits; digit++)
            {
                counts[(digit * Buckets) + (int)((key >> (digit * 8)) & 0xFF)]++;
            }
        }

        ulong[] scratch = ArrayPool<ulong>.Shared.Rent(n);
        Span<ulong> source = keys, target = scratch.AsSpan(0, n);
        for (int digit = 0; digit < Digits; digit++)
        {
            var count = counts.AsSpan(digit * Buckets, Buckets);
            int shift = digit * 8;
            if (count[(int)((source[0] >> shift) & 0xFF)] == n)
            {
                continue;
            }

            int offset = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int c = count[b];
                count[b] = offset;
                offset += c;
            }

            foreach (ulong key in source)
            {
                target[count[(int)((key >> shift) & 0xFF)]++] = key;
            }

            var swap = source;
            source = target;
            target = swap;
        }

        if (!source.Overlaps(keys))
        {
            source.CopyTo(keys);
        }

        ArrayPool<ulong>.Shared.Return(scratch);
    }

    private void AddChecked(double entry, double time, bool @event, double weight)
    {
        Accumulate(time, @event ? new Entry(1, 0, weight, 0, 0, 0) : new Entry(0, 1, 0, weight, 0, 0));
        if (entry > 0)
        {
            Accumulate(entry, new Entry(0, 0, 0, 0, 1, weight));
        }
    }

    private void Accumulate(double time, Entry add)
    {
        long events = CheckedCount.Add(Events, add.Events, "the event count");
        long censored = CheckedCount.Add(Censored, add.Censored, "the censored count");
        CheckedCount.Add(events, censored, "the observation count");
        long delayed = CheckedCount.Add(DelayedEntries, add.EntryCount, "the delayed-entry count");
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(entries, time, out _);
        entry = new Entry(
            entry.Events + add.Events, entry.Censored + add.Censored, entry.EventWeight + add.EventWeight, entry.CensoredWeight + add.CensoredWeight,
            entry.EntryCount + add.EntryCount, entry.EntryWeight + add.EntryWeight);
        Events = events;
        Censored = censored;
        DelayedEntries = delayed;
        TotalWeight += add.EventWeight + add.CensoredWeight;
    }

    /// <summary>
    /// Whether, at every time, the delayed entries at or after it number no more than the exits at or after it (each entry
    /// has its exit later): what a tally built from valid observations always satisfies.
    /// </summary>
    private bool EntriesConsistent()
    {
        if (DelayedEntries == 0)
        {
            return true;
        }

        var rows = ToRows();
        long exits = 0, entered = 0;
        for (int i = rows.Length - 1; i >= 0; i--)
        {
            entered += rows.EntryCount(i);
            if (entered > exits)
            {
                return false;
            }

            exits += rows.EventCount(i) + rows.CensoredCount(i);
        }

        return true;
    }

    private readonly record struct Entry(long Events, long Censored, double EventWeight, double CensoredWeight, long EntryCount, double EntryWeight);

    /// <summary>Distinct times in increasing order with their event / censored counts and weights (parallel arrays).</summary>
    internal sealed class Rows
    {
        /// <param name="length">Distinct times.</param>
        /// <param name="weighted">Whether counts differ from weights (then kept in their own arrays).</param>
        /// <param name="delayed">Whether there are delayed entries (then kept in their own arrays).</param>
        public Rows(int length, bool weighted = true, bool delayed = false)
        {
            Times = new double[length];
            EventWeight = new double[length];
            CensoredWeight = new double[length];
            if (weighted)
            {
                EventCounts = new long[length];
                CensoredCounts = new long[length];
            }

            if (delayed)
            {
                EntryWeight = new double[length];
                if (weighted)
                {
                    EntryCounts = new long[length];
                }
            }
        }

        public double[] Times { get; }

        /// <summary>Unweighted counts, or <see langword="null"/> when they equal the weights (the unweighted fast path).</summary>
        public long[]? EventCounts { get; }

        public long[]? CensoredCounts { get; }

        public double[] EventWeight { get; }

        public double[] CensoredWeight { get; }

        /// <summary>Weight of the delayed entries at each time, or <see langword="null"/> without delayed entries.</summary>
        public double[]? EntryWeight { get; }

        /// <summary>Delayed entries at each time when weighted; <see langword="null"/> when they equal the weights or there are none.</summary>
        public long[]? EntryCounts { get; }

        public int Length => Times.Length;

        public long EntryCount(int i) => EntryCounts is { } c ? c[i] : EntryWeight is { } w ? (long)w[i] : 0;

        public long EventCount(int i) => EventCounts is { } c ? c[i] : (long)EventWeight[i];

        public long CensoredCount(int i) => CensoredCounts is { } c ? c[i] : (long)CensoredWeight[i];

        /// <summary>
        /// Packs each (duration, event) into one sortable key — the bits of a non-negative double order like the double
        /// and leave the sign bit free, so <c>bits &lt;&lt; 1 | event</c> loses nothing — sorts, and run-length counts.
        /// </summary>
        public static Rows FromUnweighted(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events)
        {
            if (events.Length != durations.Length)
            {
                throw new ArgumentException($"durations ({durations.Length}) and events ({events.Length}) must have the same length.", nameof(events));
            }

            ulong[] pooled = ArrayPool<ulong>.Shared.Rent(durations.Length);
            var keys = pooled.AsSpan(0, durations.Length);
            for (int i = 0; i < keys.Length; i++)
            {
                double d = durations[i];
                if (!(d >= 0) || double.IsPositiveInfinity(d))
                {
                    CheckDuration(d, null, i, nameof(durations));
                }

                keys[i] = ((ulong)BitConverter.DoubleToInt64Bits(d + 0.0) << 1) | (events[i] ? 1UL : 0UL);
            }

            SortKeys(keys);
            int distinct = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if (i == 0 || (keys[i] >> 1) != (keys[i - 1] >> 1))
                {
                    distinct++;
                }
            }

            var rows = new Rows(distinct, weighted: false);
            int row = -1;
            ulong previous = ulong.MaxValue;
            foreach (ulong key in keys)
            {
                ulong bits = key >> 1;
                if (bits != previous)
                {
                    row++;
                    rows.Times[row] = BitConverter.Int64BitsToDouble((long)bits);
                    previous = bits;
                }

                if ((key & 1) != 0)
                {
                    rows.EventWeight[row]++;
                }
                else
                {
                    rows.CensoredWeight[row]++;
                }
            }

            ArrayPool<ulong>.Shared.Return(pooled);
            return rows;
        }

        /// <summary>
        /// Unweighted observations with delayed entry: the exits as in <see cref="FromUnweighted"/>, the positive entries
        /// radix-sorted and run-length counted apart, then the two sorted lists merged into one set of rows.
        /// </summary>
        public static Rows FromDelayed(ReadOnlySpan<double> entries, ReadOnlySpan<double> durations, ReadOnlySpan<bool> events)
        {
            if (entries.Length != durations.Length)
            {
                throw new ArgumentException($"entries ({entries.Length}) and durations ({durations.Length}) must have the same length.", nameof(entries));
            }

            int delayed = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                double e = entries[i];
                if (!(e >= 0) || !(e == 0 || e < durations[i]) || double.IsPositiveInfinity(e))
                {
                    CheckDuration(durations[i], null, i, nameof(durations));
                    CheckEntry(e, durations[i], null, i, nameof(entries));
                }

                if (e > 0)
                {
                    delayed++;
                }
            }

            var exits = FromUnweighted(durations, events);
            if (delayed == 0)
            {
                return exits;
            }

            ulong[] pooled = ArrayPool<ulong>.Shared.Rent(delayed);
            var keys = pooled.AsSpan(0, delayed);
            int k = 0;
            foreach (double e in entries)
            {
                if (e > 0)
                {
                    keys[k++] = (ulong)BitConverter.DoubleToInt64Bits(e);
                }
            }

            SortKeys(keys);
            int distinctEntries = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if (i == 0 || keys[i] != keys[i - 1])
                {
                    distinctEntries++;
                }
            }

            // Merge the two increasing lists of times; a time in both gets one row.
            int total = exits.Length + distinctEntries, shared = 0;
            for (int i = 0, j = 0; i < exits.Length && j < keys.Length;)
            {
                double entryTime = BitConverter.Int64BitsToDouble((long)keys[j]);
                if (exits.Times[i] < entryTime)
                {
                    i++;
                }
                else
                {
                    if (exits.Times[i] == entryTime)
                    {
                        shared++;
                        i++;
                    }

                    while (j < keys.Length && BitConverter.Int64BitsToDouble((long)keys[j]) == entryTime)
                    {
                        j++;
                    }
                }
            }

            var rows = new Rows(total - shared, weighted: false, delayed: true);
            int r = 0, x = 0, y = 0;
            while (x < exits.Length || y < keys.Length)
            {
                double exitTime = x < exits.Length ? exits.Times[x] : double.PositiveInfinity;
                double entryTime = y < keys.Length ? BitConverter.Int64BitsToDouble((long)keys[y]) : double.PositiveInfinity;
                double t = Math.Min(exitTime, entryTime);
                rows.Times[r] = t;
                if (exitTime == t)
                {
                    rows.EventWeight[r] = exits.EventWeight[x];
                    rows.CensoredWeight[r] = exits.CensoredWeight[x];
                    x++;
                }

                while (y < keys.Length && BitConverter.Int64BitsToDouble((long)keys[y]) == t)
                {
                    rows.EntryWeight![r]++;
                    y++;
                }

                r++;
            }

            ArrayPool<ulong>.Shared.Return(pooled);
            return rows;
        }

        public static Rows FromWeighted(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, ReadOnlySpan<double> weights)
        {
            if (events.Length != durations.Length || weights.Length != durations.Length)
            {
                throw new ArgumentException($"durations ({durations.Length}), events ({events.Length}) and weights ({weights.Length}) must have the same length.", nameof(weights));
            }

            var keys = new double[durations.Length];
            var order = new int[durations.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                CheckDuration(durations[i], null, i, nameof(durations));
                if (!(weights[i] > 0) || double.IsPositiveInfinity(weights[i]))
                {
                    throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"weight {weights[i]} at position {i} must be finite and greater than 0.");
                }

                keys[i] = durations[i] + 0.0;
                order[i] = i;
            }

            Array.Sort(keys, order);
            int distinct = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                if (i == 0 || keys[i] != keys[i - 1])
                {
                    distinct++;
                }
            }

            var rows = new Rows(distinct);
            int row = -1;
            for (int i = 0; i < keys.Length; i++)
            {
                if (i == 0 || keys[i] != keys[i - 1])
                {
                    row++;
                    rows.Times[row] = keys[i];
                }

                int at = order[i];
                if (events[at])
                {
                    rows.EventCounts![row]++;
                    rows.EventWeight[row] += weights[at];
                }
                else
                {
                    rows.CensoredCounts![row]++;
                    rows.CensoredWeight[row] += weights[at];
                }
            }

            return rows;
        }
    }

    /// <summary>The tally of observations.</summary>
    /// <param name="observations">The observations.</param>
    /// <returns>A new tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observations"/> is null.</exception>
    public static KaplanMeierTally Of(IEnumerable<SurvivalObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var tally = new KaplanMeierTally();
        foreach (var observation in observations)
        {
            tally.Add(observation);
        }

        return tally;
    }
}
