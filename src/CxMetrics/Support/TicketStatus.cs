namespace CxMetrics.Support;

/// <summary>A status change of a support ticket that the metrics read (other states such as open or pending are not needed).</summary>
public enum TicketStatus
{
    /// <summary>An agent marked the ticket solved (Zendesk "solved", Freshdesk "resolved", Intercom "closed").</summary>
    Solved = 0,

    /// <summary>The ticket was opened again after being solved (typically the customer replied).</summary>
    Reopened = 1,

    /// <summary>The ticket was closed for good; nothing may happen after it. A ticket closed without being solved first counts as solved at closing.</summary>
    Closed = 2,
}
