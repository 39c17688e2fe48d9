namespace CxMetrics.Csv;

/// <summary>
/// Header names of a ticket summary file: one row per ticket, as help desks export them (Zendesk, Freshdesk, CFPB). Optional
/// columns may be absent; set one to <c>null</c> to ignore it. A Zendesk export maps as <c>TicketId = "Id", CreatedAt =
/// "Created at", SolvedAt = "Solved at", FirstReplyAt = null, FirstReplyMinutes = "First reply time in minutes", Status =
/// "Status", Channel = "Via", Priority = "Priority", AgentGroup = "Group", CustomerId = "Requester id", Reopens = "Reopens"</c>;
/// a Freshdesk export as <c>TicketId = "Ticket ID", CreatedAt = "Created time", FirstReplyAt = "Initial response time",
/// SolvedAt = "Resolved time", Status = "Status", Channel = "Source", Priority = "Priority", AgentGroup = "Group",
/// CustomerId = "Contact ID"</c>.
/// </summary>
public sealed record TicketSummaryColumns
{
    /// <summary>Required: the ticket id. Default <c>ticket_id</c>.</summary>
    public string TicketId { get; init; } = "ticket_id";

    /// <summary>Required: when the ticket was created. Default <c>created_at</c>.</summary>
    public string CreatedAt { get; init; } = "created_at";

    /// <summary>Optional: the first public agent reply; an empty cell means no reply yet. Default <c>first_reply_at</c>.</summary>
    public string? FirstReplyAt { get; init; } = "first_reply_at";

    /// <summary>
    /// Optional: a help desk's own first-reply time in calendar minutes (Zendesk's "First reply time in minutes": created →
    /// first public agent comment, Zendesk's definition and clock). Used only on rows whose <see cref="FirstReplyAt"/> cell is
    /// absent or empty: the reply is then placed at created + minutes. Timestamps are always preferred. Do not map a
    /// "within business hours" variant here (business minutes added to a calendar time give a wrong instant). Default <c>null</c>.
    /// </summary>
    public string? FirstReplyMinutes { get; init; }

    /// <summary>Optional: when the ticket was (last) solved or resolved; empty when not solved. Default <c>solved_at</c>.</summary>
    public string? SolvedAt { get; init; } = "solved_at";

    /// <summary>
    /// Optional: the ticket's status; when absent, a ticket is solved exactly when it has a solved time. See
    /// <see cref="TicketSummaryCsv"/> for the values read. Default <c>status</c>.
    /// </summary>
    public string? Status { get; init; } = "status";

    /// <summary>Required: the channel the ticket came in on (email, chat, web, phone). Default <c>channel</c>.</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Optional priority. Default <c>priority</c>.</summary>
    public string? Priority { get; init; } = "priority";

    /// <summary>Optional agent group (team). Default <c>agent_group</c>.</summary>
    public string? AgentGroup { get; init; } = "agent_group";

    /// <summary>
    /// The customer who raised the ticket; required when set. Default <c>customer_id</c>. Set to <c>null</c> for exports
    /// without a customer (CFPB complaints): each ticket is then its own customer (the ticket id is used as customer id).
    /// </summary>
    public string? CustomerId { get; init; } = "customer_id";

    /// <summary>Optional: how many times the ticket was reopened (a whole number ≥ 0; empty is 0). Default <c>reopens</c>.</summary>
    public string? Reopens { get; init; } = "reopens";

    /// <summary>Optional customer segment. Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";

    /// <summary>
    /// Set only for <em>snapshot logs</em> — several rows per ticket, one per update, each repeating the ticket's fields as they
    /// were after that update (the ServiceNow incident log): the time of the row's update. When set, the rows of a ticket must
    /// be together (a ticket id that appears again after other tickets' rows rejects that ticket); the <b>last row of a ticket
    /// wins</b> (its created, solved, status, reopens, channel, priority, group, customer, segment), and the ticket's earlier
    /// rows are counted as skipped (<see cref="CsvReport.RowsSkipped"/>: read = accepted + rejected + skipped). Its first reply
    /// is the last row's <see cref="FirstReplyAt"/> (or <see cref="FirstReplyMinutes"/>); when both are absent or empty, the
    /// update time of the ticket's first row whose <see cref="Status"/> is not <c>new</c> (the first update that takes the
    /// ticket out of New, as the ServiceNow data set's authors suggest; an acknowledgement or assignment, not necessarily a
    /// public reply), and none without a status column. Default <c>null</c>: one row per ticket.
    /// </summary>
    public string? UpdatedAt { get; init; }
}
