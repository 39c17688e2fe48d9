using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// One message (comment) on a ticket: when, by which side, and whether the customer could see it. Next-reply and update
/// targets read them (<see cref="ReplyTimes"/>): only <em>public</em> messages count; internal notes never answer a customer.
/// </summary>
/// <param name="At">When the message was added.</param>
/// <param name="Author">Customer or agent.</param>
/// <param name="IsPublic">Whether the customer could see it (a public comment); <see langword="false"/> for an internal note. Default <see langword="true"/>.</param>
public readonly record struct TicketMessage(Instant At, MessageAuthor Author, bool IsPublic = true);
