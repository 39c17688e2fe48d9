using NodaTime;

namespace CxMetrics.Support;

/// <summary>A status change of a ticket at an instant.</summary>
/// <param name="At">When the status changed.</param>
/// <param name="Status">The new status.</param>
public readonly record struct TicketStatusChange(Instant At, TicketStatus Status);
