using NodaTime;

namespace CxMetrics.Time;

/// <summary>
/// The one rule for the instant of judgement (the "as-of" instant: open tickets, unfinished periods, cohort cells not yet
/// observable and carts inside their time-out are pending then) when the caller gives none: the latest event in the data,
/// inclusive — an event at that very instant has happened. Data with no event at all is judged at the Unix epoch
/// (1970-01-01T00:00:00Z), where every result is empty. Every host (the tool, the notebooks) resolves its as-of instant here,
/// so that one shop folder is judged at the same instant by every family.
/// </summary>
public static class AsOfRule
{
    /// <summary>The instant an empty data set is judged at: the Unix epoch.</summary>
    public static Instant Empty { get; } = NodaConstants.UnixEpoch;

    /// <summary>The as-of instant: <paramref name="given"/> when there is one, else <see cref="Default"/> of <paramref name="latestEvent"/>.</summary>
    /// <param name="given">The instant the user asked for, or <see langword="null"/>.</param>
    /// <param name="latestEvent">The latest event instant in the data, or <see langword="null"/> when there is none.</param>
    /// <returns>The instant of judgement.</returns>
    public static Instant Resolve(Instant? given, Instant? latestEvent) => given ?? Default(latestEvent);

    /// <summary>The default as-of instant: the latest event (inclusive), or <see cref="Empty"/> when there is none.</summary>
    /// <param name="latestEvent">The latest event instant in the data, or <see langword="null"/>.</param>
    /// <returns>The instant of judgement.</returns>
    public static Instant Default(Instant? latestEvent) => latestEvent ?? Empty;

    /// <summary>
    /// The latest of <paramref name="instants"/>, or <see langword="null"/> for none: the input of <see cref="Default"/>.
    /// Latest(a ∪ b) = max(Latest(a), Latest(b)), so partial results merge (a null side is the identity).
    /// </summary>
    /// <param name="instants">Event instants, in any order.</param>
    /// <returns>The maximum, or <see langword="null"/>.</returns>
    public static Instant? Latest(ReadOnlySpan<Instant> instants)
    {
        if (instants.IsEmpty)
        {
            return null;
        }

        Instant latest = instants[0];
        for (int i = 1; i < instants.Length; i++)
        {
            if (instants[i] > latest)
            {
                latest = instants[i];
            }
        }

        return latest;
    }

    /// <summary>The later of two partial latest-event instants (<see langword="null"/> is the identity): how <see cref="Latest"/> merges.</summary>
    /// <param name="left">One part's latest event, or <see langword="null"/>.</param>
    /// <param name="right">The other part's latest event, or <see langword="null"/>.</param>
    /// <returns>The later, or <see langword="null"/> when both are.</returns>
    public static Instant? Later(Instant? left, Instant? right) =>
        left is not { } l ? right : right is not { } r ? l : Instant.Max(l, r);
}
