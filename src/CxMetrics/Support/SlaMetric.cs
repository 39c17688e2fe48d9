namespace CxMetrics.Support;

/// <summary>
/// The time an SLA target applies to: Zendesk's SLA policy metrics (support.zendesk.com/hc/en-us/articles/4408829459866).
/// First response, resolution, agent work and requester wait give one judgement per ticket; next reply one per customer
/// message run after the first reply; periodic and pausable update one per ticket with a public agent update (its longest
/// gap). Targets on reply and update metrics need the tickets' <see cref="SupportTicket.Messages"/>.
/// </summary>
public enum SlaMetric
{
    /// <summary>Creation → first public agent reply (Zendesk SLA "first reply time"; Freshdesk "first response due").</summary>
    FirstResponse = 0,

    /// <summary>Creation → latest solve (Zendesk "total resolution time" / full resolution; Freshdesk "resolution due").</summary>
    Resolution = 1,

    /// <summary>Oldest unanswered customer message after the first reply → next public agent reply, each time (Zendesk "next reply time").</summary>
    NextReply = 2,

    /// <summary>The longest gap between public agent updates while unsolved (Zendesk "periodic update").</summary>
    PeriodicUpdate = 3,

    /// <summary>The longest gap between public agent updates with pending time left out (Zendesk "pausable update").</summary>
    PausableUpdate = 4,

    /// <summary>Time new or open up to the solve: pauses on pending and on-hold (Zendesk "agent work time").</summary>
    AgentWork = 5,

    /// <summary>Time new, open or on hold up to the solve: pauses on pending (Zendesk "requester wait time").</summary>
    RequesterWait = 6,
}
