using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// Support load: tickets relative to how much the product was used — per 1,000 active-user hours or per active user —
/// with an exact Poisson (Garwood) interval (<see cref="PoissonRate"/>). A rising ratio flags friction even when the user
/// base grows.
/// </summary>
public static class SupportLoad
{
    /// <summary>Tickets per 1,000 active-user hours. Reference: 30 tickets over 1,200 h → 25 per 1,000 h, 95% CI [16.87, 35.69].</summary>
    /// <param name="tickets">Tickets created in the period, ≥ 0.</param>
    /// <param name="activeUserHours">Active-user hours in the same period, ≥ 0.</param>
    /// <param name="options">The confidence level of the interval (the rest is not used); <see cref="SupportOptions.Default"/> when omitted.</param>
    /// <returns>The rate per 1,000 hours.</returns>
    public static RateEstimate PerThousandActiveUserHours(long tickets, double activeUserHours, SupportOptions? options = null) =>
        PoissonRate.FromCounts(tickets, activeUserHours, 1000, (options ?? SupportOptions.Default).ConfidenceLevel);

    /// <summary>Tickets per active user (or per <paramref name="per"/> users), treating tickets as Poisson counts over user exposure.</summary>
    /// <param name="tickets">Tickets created in the period, ≥ 0.</param>
    /// <param name="activeUsers">Active users in the same period, ≥ 0.</param>
    /// <param name="per">Scale, e.g. 100 for "per 100 users" (default 1).</param>
    /// <param name="options">The confidence level of the interval (the rest is not used); <see cref="SupportOptions.Default"/> when omitted.</param>
    /// <returns>The rate.</returns>
    public static RateEstimate PerActiveUser(long tickets, long activeUsers, double per = 1, SupportOptions? options = null) =>
        PoissonRate.FromCounts(tickets, activeUsers, per, (options ?? SupportOptions.Default).ConfidenceLevel);

    /// <summary>
    /// Tickets per agent-hour staffed: the load on the team, with an exact Poisson (Garwood) interval — the staffing side of
    /// <see cref="PerThousandActiveUserHours"/>. Reference: 30 tickets over 12 agent hours → 2.5 per agent-hour.
    /// </summary>
    /// <param name="tickets">Tickets created in the period, ≥ 0.</param>
    /// <param name="agentHours">Agent hours staffed in the same period, finite and ≥ 0.</param>
    /// <param name="options">The confidence level of the interval; <see cref="SupportOptions.Default"/> when omitted.</param>
    /// <returns>The rate per agent-hour.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count or the hours are negative or not finite, or tickets were counted without hours.</exception>
    public static RateEstimate PerAgentHour(long tickets, double agentHours, SupportOptions? options = null)
    {
        if (!double.IsFinite(agentHours) || agentHours < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(agentHours), agentHours, $"agent hours {agentHours} must be finite and ≥ 0.");
        }

        return PoissonRate.FromCounts(tickets, agentHours, 1, (options ?? SupportOptions.Default).ConfidenceLevel);
    }
}
