namespace CxMetrics.Support;

/// <summary>
/// A status change of a support ticket. A ticket starts new (open: the agents' turn); <see cref="Pending"/> and
/// <see cref="OnHold"/> pause the agent-side clocks (Zendesk "pending" and "on-hold", Freshdesk "waiting on customer" and
/// "waiting on third party"); <see cref="Open"/> hands the ticket back to the agents.
/// </summary>
public enum TicketStatus
{
    /// <summary>An agent marked the ticket solved (Zendesk "solved", Freshdesk "resolved", Intercom "closed").</summary>
    Solved = 0,

    /// <summary>The ticket was opened again after being solved (typically the customer replied).</summary>
    Reopened = 1,

    /// <summary>The ticket was closed for good; nothing may happen after it. A ticket closed without being solved first counts as solved at closing.</summary>
    Closed = 2,

    /// <summary>Waiting for the customer (Zendesk "pending", Freshdesk "waiting on customer"): agent work time and the pausable update pause; the requester does not wait.</summary>
    Pending = 3,

    /// <summary>Waiting for a third party (Zendesk "on-hold", Freshdesk "waiting on third party"): agent work time pauses, the requester still waits.</summary>
    OnHold = 4,

    /// <summary>Back with the agents after <see cref="Pending"/> or <see cref="OnHold"/> (Zendesk "open"; typically the customer answered).</summary>
    Open = 5,
}
