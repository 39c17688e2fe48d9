using System.Globalization;

namespace CxMetrics.Support;

/// <summary>
/// Where one ticket's unsolved time went, as Zendesk's status-based duration metrics split it: the time it was new or open
/// (the agents' turn), on hold (waiting for a third party) and pending (waiting for the customer). Time while solved (between
/// a solve and a reopen) belongs to none of them. Each part is measured on both clocks; on either clock the three parts add
/// up to <see cref="Total"/> exactly, because business time is additive over adjacent spans.
/// </summary>
/// <remarks>
/// Sources: Zendesk, "About native Support time duration metrics" (support.zendesk.com/hc/en-us/articles/4408834848154:
/// agent wait time is the time in pending, requester wait time the time in new, open and on-hold, on-hold time the time in
/// on-hold); Zendesk, "Defining SLA policies" (support.zendesk.com/hc/en-us/articles/4408829459866: agent work time is the
/// time in new and open and pauses on pending and on-hold; requester wait time pauses on pending only). Freshdesk's
/// "waiting on customer" / "waiting on third party" statuses pause its SLA timer the same way.
/// </remarks>
/// <param name="AgentWork">Time new or open: the agents' turn (Zendesk "agent work time"; pauses on pending and on-hold).</param>
/// <param name="OnHold">Time on hold, waiting for a third party (Zendesk "on-hold time").</param>
/// <param name="AgentWait">Time pending, waiting for the customer (Zendesk "agent wait time").</param>
/// <param name="IsRunning">Whether the ticket is not solved at as-of, so the current part is still growing (censored at as-of).</param>
public readonly record struct StatusTimes(ElapsedTime AgentWork, ElapsedTime OnHold, ElapsedTime AgentWait, bool IsRunning)
{
    /// <summary>Time the requester waited for the help desk: <c>AgentWork + OnHold</c> (Zendesk "requester wait time": new, open and on-hold; pauses only on pending).</summary>
    public ElapsedTime RequesterWait => AgentWork + OnHold;

    /// <summary>All unsolved time since creation: <c>AgentWork + OnHold + AgentWait</c>; for a ticket never reopened, its full resolution time (or time pending resolution).</summary>
    public ElapsedTime Total => AgentWork + OnHold + AgentWait;

    /// <summary>Formats as <c>agent work 3.00 h, on hold 1.00 h, agent wait 24.00 h (business)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"agent work {AgentWork.Business.TotalHours:0.00} h, on hold {OnHold.Business.TotalHours:0.00} h, agent wait {AgentWait.Business.TotalHours:0.00} h (business){(IsRunning ? ", running" : "")}");
}
