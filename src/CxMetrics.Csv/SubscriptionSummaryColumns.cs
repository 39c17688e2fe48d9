namespace CxMetrics.Csv;

/// <summary>
/// Header names of a subscription summary file: one row per subscription, as billing systems export their subscription
/// lists (Stripe's dashboard export, see <see cref="CsvPreset.Stripe"/>). Optional columns may be absent; set one to
/// <c>null</c> to ignore it. See <see cref="SubscriptionSummaryCsv"/> for how a row becomes subscription events.
/// </summary>
public sealed record SubscriptionSummaryColumns
{
    /// <summary>Required: the subscription. Default <c>subscription_id</c>.</summary>
    public string SubscriptionId { get; init; } = "subscription_id";

    /// <summary>Required: the customer who owns it. Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>
    /// Optional: the subscription's status (Stripe's <c>active</c>, <c>past_due</c>, <c>unpaid</c>, <c>canceled</c>,
    /// <c>trialing</c>, <c>incomplete</c>, <c>incomplete_expired</c>, <c>paused</c>; any case). Without it a subscription is
    /// cancelled exactly when it has an end or cancel time. Default <c>status</c>.
    /// </summary>
    public string? Status { get; init; } = "status";

    /// <summary>Required: when the subscription started (Stripe's start date, which may precede its creation when backdated). Default <c>started_at</c>.</summary>
    public string StartedAt { get; init; } = "started_at";

    /// <summary>
    /// Optional: when a free trial ended (or ends). Paying starts there: a start inside the trial is moved to the trial's end,
    /// and a subscription that ended before its trial did never paid (its row is skipped). Default <c>trial_end</c>.
    /// </summary>
    public string? TrialEnd { get; init; } = "trial_end";

    /// <summary>
    /// Optional: when the cancellation was asked for. Used as the cancel time only when <see cref="EndedAt"/> is absent or
    /// empty; on a subscription still active it is a cancellation scheduled for the period's end, not yet churn. Default
    /// <c>canceled_at</c>.
    /// </summary>
    public string? CanceledAt { get; init; } = "canceled_at";

    /// <summary>Optional: when the subscription ended (access stopped); the cancel time of a cancelled subscription. Default <c>ended_at</c>.</summary>
    public string? EndedAt { get; init; } = "ended_at";

    /// <summary>Required: the price of one unit for one billing interval, in major units (<c>29.00</c>), with <see cref="CsvReadOptions.DecimalSeparator"/>. Default <c>amount</c>.</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>Optional: how many units (seats); a whole number ≥ 0, empty is 1. Default <c>quantity</c>.</summary>
    public string? Quantity { get; init; } = "quantity";

    /// <summary>Required: the billing interval, <c>day</c>, <c>week</c>, <c>month</c> or <c>year</c> (any case; plural and <c>-ly</c> forms too). Default <c>interval</c>.</summary>
    public string Interval { get; init; } = "interval";

    /// <summary>Optional: how many intervals one billing period spans (3 with <c>month</c> is quarterly); a whole number ≥ 1, empty is 1. Default <c>interval_count</c>.</summary>
    public string? IntervalCount { get; init; } = "interval_count";

    /// <summary>Optional: when the free trial started; the trial start event is at the earlier of it and the start time. Default <c>trial_start</c>.</summary>
    public string? TrialStart { get; init; } = "trial_start";

    /// <summary>Optional: the plan (Stripe's <c>Plan</c>: the price's nickname or id), the key of MRR by plan. Default <c>plan</c>.</summary>
    public string? Plan { get; init; } = "plan";

    /// <summary>Optional: the customer segment. Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";

    /// <summary>ISO 4217 currency of the amount, any case (Stripe writes <c>usd</c>); when absent, <see cref="CsvReadOptions.Currency"/> must be set. Default <c>currency</c>.</summary>
    public string? Currency { get; init; } = "currency";
}
