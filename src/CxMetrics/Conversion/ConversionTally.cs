using CxMetrics.Internal;

namespace CxMetrics.Conversion;

/// <summary>
/// The sufficient statistic of a conversion rate in a stated <see cref="ConversionUnit"/>. Per session it is two counts;
/// per visitor it keeps each visitor's "converted in any session" flag, so that merging shards that saw the same
/// visitor counts them once (merge = union by visitor id, converted = OR). The empty tally is the identity of
/// <see cref="Merge"/>.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class ConversionTally
{
    private readonly Dictionary<string, bool>? visitors;
    private long conversions;
    private long trials;

    /// <summary>Creates an empty tally.</summary>
    /// <param name="unit">What is counted.</param>
    public ConversionTally(ConversionUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown conversion unit.");
        }

        Unit = unit;
        visitors = unit == ConversionUnit.Visitor ? new Dictionary<string, bool>(StringComparer.Ordinal) : null;
    }

    /// <summary>What is counted.</summary>
    public ConversionUnit Unit { get; }

    /// <summary>
    /// When set, every id this tally's <c>Add</c> methods receive is stored as its keyed pseudonym (see
    /// <see cref="Portable.IdPseudonymiser"/>), so its payload carries no raw id; counts and metrics are unchanged. Use the
    /// same pseudonymiser on every shard that is merged. <see langword="null"/> (default): ids are stored as given.
    /// </summary>
    public Portable.IdPseudonymiser? Pseudonymiser { get; init; }

    /// <summary>Converted units.</summary>
    public long Conversions => conversions;

    /// <summary>All units (sessions or distinct visitors).</summary>
    public long Count => visitors?.Count ?? trials;

    /// <summary>Per visitor: each visitor's id and whether any of their sessions converted (empty per session).</summary>
    internal IEnumerable<KeyValuePair<string, bool>> Visitors => visitors ?? [];

    /// <summary>A per-session tally from counts (e.g. a <c>GROUP BY</c>).</summary>
    /// <param name="conversions">Converted sessions.</param>
    /// <param name="sessions">All sessions.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="conversions"/> or <paramref name="sessions"/> is negative, or <paramref name="conversions"/> exceeds <paramref name="sessions"/>.</exception>
    public static ConversionTally FromCounts(long conversions, long sessions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conversions);
        ArgumentOutOfRangeException.ThrowIfNegative(sessions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(conversions, sessions);
        return new ConversionTally(ConversionUnit.Session) { conversions = conversions, trials = sessions };
    }

    /// <summary>Adds a session.</summary>
    /// <param name="session">The session.</param>
    public void Add(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Add(session.VisitorId, session.Converted);
    }

    /// <summary>Adds one session of a visitor.</summary>
    /// <param name="visitorId">The visitor.</param>
    /// <param name="converted">Whether the session converted.</param>
    public void Add(string visitorId, bool converted)
    {
        if (visitors is null)
        {
            trials = CheckedCount.Add(trials, 1, "the session count");
            conversions += converted ? 1 : 0;
            return;
        }

        ArgumentNullException.ThrowIfNull(visitorId);
        visitorId = Pseudonymiser?.Pseudonymise(visitorId) ?? visitorId;
        if (visitors.TryGetValue(visitorId, out bool before))
        {
            if (converted && !before)
            {
                visitors[visitorId] = true;
                conversions++;
            }
        }
        else
        {
            visitors.Add(visitorId, converted);
            conversions += converted ? 1 : 0;
        }
    }

    /// <summary>A new tally with the same unit, counts, visitors and pseudonymiser.</summary>
    /// <returns>The copy.</returns>
    public ConversionTally Clone() => new ConversionTally(Unit) { Pseudonymiser = Pseudonymiser }.Merge(this);

    /// <summary>Adds another tally of the same unit into this one.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentException">The units differ.</exception>
    /// <exception cref="OverflowException">The merged session count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public ConversionTally Merge(ConversionTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.Unit != Unit)
        {
            throw new ArgumentException($"cannot merge a per-{other.Unit} tally into a per-{Unit} tally.", nameof(other));
        }

        if (visitors is null)
        {
            trials = CheckedCount.Add(trials, other.trials, "the session count");
            conversions += other.conversions; // conversions ≤ sessions, so this cannot overflow
            return this;
        }

        foreach (var (visitor, converted) in other.visitors!)
        {
            Add(visitor, converted);
        }

        return this;
    }
}
