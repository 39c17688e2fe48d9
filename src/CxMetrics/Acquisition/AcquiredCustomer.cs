using CxMetrics.Conversion;
using NodaTime;

namespace CxMetrics.Acquisition;

/// <summary>
/// A customer the shop acquired: who, when (their first visit or their sign-up) and through which source (channel) and
/// campaign. The input of <see cref="CustomerAcquisition"/>; build it from sign-up records with the constructor, or from
/// sessions with <see cref="FromSessions"/> (each visitor's first dated session).
/// </summary>
public sealed record AcquiredCustomer
{
    /// <summary>Creates an acquired customer.</summary>
    /// <param name="customerId">Who was acquired; not empty. Matched with <see cref="Commerce.Order.CustomerId"/> ordinally.</param>
    /// <param name="acquiredAt">When: the first visit or the sign-up.</param>
    /// <param name="source">The acquisition source or channel (paid search, social, email, …); <see langword="null"/> when unknown (its own cohort).</param>
    /// <param name="campaign">The campaign; optional.</param>
    /// <exception cref="ArgumentException">The customer id is empty.</exception>
    /// <exception cref="ArgumentNullException">The customer id is null.</exception>
    public AcquiredCustomer(string customerId, Instant acquiredAt, string? source = null, string? campaign = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        CustomerId = customerId;
        AcquiredAt = acquiredAt;
        Source = source;
        Campaign = campaign;
    }

    /// <summary>Who was acquired.</summary>
    public string CustomerId { get; }

    /// <summary>When the customer was acquired (first visit or sign-up).</summary>
    public Instant AcquiredAt { get; }

    /// <summary>The acquisition source or channel, or <see langword="null"/> when unknown.</summary>
    public string? Source { get; }

    /// <summary>The campaign, or <see langword="null"/>.</summary>
    public string? Campaign { get; }

    /// <summary>
    /// The acquired customers of a session log: one per visitor, acquired at the start of their first session, with that
    /// session's <see cref="Session.Channel"/> as source and its <see cref="Session.TrafficSource"/> as campaign (first-touch
    /// attribution). Sessions starting at the same instant are ordered by channel, then traffic source (ordinal), so the
    /// answer does not depend on the order of the log. Visitors are listed in order of their id (ordinal).
    /// </summary>
    /// <param name="sessions">The sessions; each needs a start time.</param>
    /// <returns>One acquired customer per visitor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sessions"/> or one of its sessions is null.</exception>
    /// <exception cref="ArgumentException">A session has no start time (<see cref="Session.StartedAt"/> is <see langword="null"/>).</exception>
    public static IReadOnlyList<AcquiredCustomer> FromSessions(IEnumerable<Session> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var first = new Dictionary<string, Session>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            ArgumentNullException.ThrowIfNull(session, nameof(sessions));
            if (session.StartedAt is null)
            {
                throw new ArgumentException($"session '{session.Id ?? session.VisitorId}' has no start time, so it cannot date an acquisition.", nameof(sessions));
            }

            if (!first.TryGetValue(session.VisitorId, out var before) || Earlier(session, before))
            {
                first[session.VisitorId] = session;
            }
        }

        return [.. first.Values.OrderBy(s => s.VisitorId, StringComparer.Ordinal).Select(s => new AcquiredCustomer(s.VisitorId, s.StartedAt!.Value, s.Channel, s.TrafficSource))];
    }

    /// <summary>Whether <paramref name="a"/> comes first: by start, then channel, then traffic source.</summary>
    private static bool Earlier(Session a, Session b)
    {
        int c = a.StartedAt!.Value.CompareTo(b.StartedAt!.Value);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Channel, b.Channel);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.TrafficSource, b.TrafficSource);
        }

        return c < 0;
    }
}
