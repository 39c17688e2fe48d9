namespace CxMetrics.Support;

/// <summary>The per-ticket times a <see cref="SupportTally"/> keeps.</summary>
public enum SupportMeasure
{
    /// <summary>Creation → first public agent reply (answered tickets).</summary>
    FirstResponse = 0,

    /// <summary>Creation → as-of, for tickets still waiting for a first reply (censored).</summary>
    ResponsePendingFor = 1,

    /// <summary>Creation → first solved.</summary>
    FirstResolution = 2,

    /// <summary>Creation → latest solved (solved tickets).</summary>
    FullResolution = 3,

    /// <summary>Creation → as-of, for tickets not solved at as-of (censored).</summary>
    ResolutionPendingFor = 4,

    /// <summary>Sum of agent work intervals (tickets with work intervals).</summary>
    HandleTime = 5,

    /// <summary>
    /// Creation → solved (or closed), for tickets solved or closed at as-of without any public reply: they have no first
    /// response and are not waiting for one (help desks' "closed without reply"); the number of values is their count.
    /// </summary>
    ClosedWithoutReply = 6,

    /// <summary>Time new or open up to the latest solve (solved tickets; Zendesk "agent work time": pending and on-hold excluded).</summary>
    AgentWorkTime = 7,

    /// <summary>Time on hold up to the latest solve (solved tickets; Zendesk "on-hold time").</summary>
    OnHoldTime = 8,

    /// <summary>Time pending (waiting for the customer) up to the latest solve (solved tickets; Zendesk "agent wait time").</summary>
    AgentWaitTime = 9,

    /// <summary>Time new, open or on hold up to the latest solve (solved tickets; Zendesk "requester wait time": pending excluded).</summary>
    RequesterWaitTime = 10,
}
