namespace CxMetrics.Csv;

/// <summary>
/// Header names of a subscription event file (one row per event). Optional columns may be absent; set one to <c>null</c> to ignore it.
/// </summary>
public sealed record SubscriptionEventColumns
{
    /// <summary>Required: the subscription. Default <c>subscription_id</c>.</summary>
    public string SubscriptionId { get; init; } = "subscription_id";

    /// <summary>Required: the customer who owns it. Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>
    /// Required: what happened. Accepted (any case): <c>trial_start</c> (also <c>trial</c>); <c>start</c>; <c>plan_change</c> (also <c>upgrade</c>, <c>downgrade</c>);
    /// <c>pause</c>; <c>resume</c>; <c>skip</c>; <c>cancel</c>; <c>reactivate</c>. Default <c>event</c>.
    /// </summary>
    public string Kind { get; init; } = "event";

    /// <summary>
    /// Source event names and the kinds they stand for, for exports that name events their own way (a billing system's
    /// <c>customer.subscription.created</c> → <see cref="Retention.SubscriptionEventKind.Start"/>,
    /// <c>customer.subscription.deleted</c> → <see cref="Retention.SubscriptionEventKind.Cancel"/>, <c>invoice.paid</c> →
    /// <c>null</c>). A name mapped to <c>null</c> is not a subscription event: its row is skipped, counted in
    /// <see cref="CsvReport.RowsSkipped"/> (read = accepted + rejected + skipped), and its other cells are not read. Names
    /// compare with the trimmed cell ignoring case and are looked up before the standard names of <see cref="Kind"/> (which
    /// stay accepted); a value that is neither rejects its row. Default <c>null</c>: the standard names only.
    /// </summary>
    /// <remarks>Two names equal ignoring case, or an empty name, are refused with an <see cref="ArgumentException"/> when a read starts.</remarks>
    public IReadOnlyDictionary<string, Retention.SubscriptionEventKind?>? EventNames { get; init; }

    /// <summary>Required: when it happened (for a cancel: when access ends). Default <c>at</c>.</summary>
    public string At { get; init; } = "at";

    /// <summary>
    /// The monthly recurring revenue after the event (≥ 0, with <see cref="CsvReadOptions.DecimalSeparator"/>): required on start, plan change and
    /// reactivation rows; must be empty on the others (a cancel may say <c>0</c>). Default <c>mrr</c>.
    /// </summary>
    public string Mrr { get; init; } = "mrr";

    /// <summary>ISO 4217 currency of the MRR; when absent, <see cref="CsvReadOptions.Currency"/> must be set. Default <c>currency</c>.</summary>
    public string? Currency { get; init; } = "currency";

    /// <summary>Optional: the plan after a trial start, start, plan change or reactivation (read on those rows only; empty is none). Default <c>plan</c>.</summary>
    public string? Plan { get; init; } = "plan";

    /// <summary>Optional: the billing interval label after a trial start, start, plan change or reactivation (<c>month</c>, <c>year</c>; read on those rows only). Default <c>interval</c>.</summary>
    public string? BillingInterval { get; init; } = "interval";

    /// <summary>Optional: the customer segment after a trial start, start, plan change or reactivation (read on those rows only). Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";
}
