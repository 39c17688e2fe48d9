namespace CxMetrics.Cli.Input;

/// <summary>The kinds of file the tool reads; each is one section of a mapping file and has its own logical column names.</summary>
internal enum FileKind
{
    Nps,
    Csat,
    Ces,
    Tickets,
    Sessions,
    Orders,
    Subscriptions,
    CartEvents,
    TicketSummaries,
    Survival,
    Assignments,
    Outcomes,
    Signups,
    AcquisitionSpend,
    Reviews,
    Customers,
}

/// <summary>Names of the file kinds: the mapping-file section, the conventional file in a folder, and the columns it takes.</summary>
internal static class FileKinds
{
    public static readonly FileKind[] All = Enum.GetValues<FileKind>();

    /// <summary>The section name in a mapping file (<c>orders</c>, <c>cart_events</c>, …).</summary>
    public static string Section(this FileKind kind) => kind switch
    {
        FileKind.CartEvents => "cart_events",
        FileKind.TicketSummaries => "ticket_summaries",
        FileKind.AcquisitionSpend => "acquisition_spend",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The logical column names: the conventional header names of docs/cli.md, required ones first.</summary>
    public static IReadOnlyList<string> LogicalColumns(this FileKind kind) => kind switch
    {
        FileKind.Nps or FileKind.Csat or FileKind.Ces => ["customer_id", "answered_at", "score", "response_id", "channel", "touchpoint", "segment", "weight"],
        FileKind.Tickets => ["ticket_id", "event", "at", "customer_id", "channel", "priority", "segment", "agent_group"],
        FileKind.Sessions => ["visitor_id", "started_at", "converted", "session_id", "channel", "traffic_source", "device", "visitor_type", "segment"],
        FileKind.Orders => ["customer_id", "placed_at", "amount", "currency", "order_id", "channel", "segment"],
        // An event file's columns, then those of a one-row-per-subscription export (--from stripe; ColumnMap.Apply refuses
        // each set's names for the other shape).
        FileKind.Subscriptions => ["subscription_id", "customer_id", "event", "at", "mrr", "currency", .. ColumnMap.SubscriptionExportOnly],
        FileKind.TicketSummaries => ["ticket_id", "created_at", "channel", "customer_id", "first_reply_at", "first_reply_minutes", "solved_at", "status", "priority", "agent_group", "reopens", "segment", "updated_at"],
        FileKind.Survival => ["duration", "event", "id", "segment", "weight", "entry"],
        FileKind.Assignments => ["customer_id", "arm", "assigned_at", "segment"],
        FileKind.Outcomes => ["customer_id", "occurred_at", "revenue", "currency"],
        FileKind.Signups => ["customer_id", "acquired_at", "source", "campaign"],
        FileKind.AcquisitionSpend => ["source", "period_start", "amount", "currency"],
        FileKind.Reviews => ["source", "item", "rating", "created_at", "review_id", "scale", "replied_at"],
        FileKind.Customers => ["customer_id"],
        _ => ["cart_id", "event", "at", "value", "currency", "item_id", "channel", "device", "segment", "event_id"],
    };

    public static FileKind? FromSection(string section) => All.Cast<FileKind?>().FirstOrDefault(k => k!.Value.Section() == section);
}
