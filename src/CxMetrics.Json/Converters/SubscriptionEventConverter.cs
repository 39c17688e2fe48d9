using System.Text.Json;
using CxMetrics.Retention;

namespace CxMetrics.Json.Converters;

/// <summary>
/// <see cref="SubscriptionEvent"/> as <c>{ subscriptionId, customerId, at, kind, mrr, currency, plan, billingInterval, segment }</c>
/// (the three labels written only when set), read back through
/// the factory of its kind (so an MRR on a pause, or a start without one, is rejected as the core rejects it).
/// </summary>
internal sealed class SubscriptionEventConverter : ObjectConverter<SubscriptionEvent>
{
    public override void Write(Utf8JsonWriter writer, SubscriptionEvent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("subscriptionId", value.SubscriptionId);
        writer.WriteString("customerId", value.CustomerId);
        WriteInstant(writer, "at", value.At);
        writer.WriteString("kind", value.Kind.ToString());
        if (value.Mrr is { } mrr)
        {
            writer.WriteNumber("mrr", mrr);
        }
        else
        {
            writer.WriteNull("mrr");
        }

        writer.WriteString("currency", value.Currency);
        WriteLabel(writer, "plan", value.Plan);
        WriteLabel(writer, "billingInterval", value.BillingInterval);
        WriteLabel(writer, "segment", value.Segment);
        writer.WriteEndObject();
    }

    protected override SubscriptionEvent Create(JsonElement json, JsonSerializerOptions options)
    {
        string subscription = String(json, "subscriptionId");
        string customer = String(json, "customerId");
        var at = Instant(json, "at");
        var kind = Enum<SubscriptionEventKind>(json, "kind");
        decimal? mrr = OptionalDecimal(json, "mrr");
        string? currency = OptionalString(json, "currency");
        string? plan = OptionalString(json, "plan");
        string? interval = OptionalString(json, "billingInterval");
        string? segment = OptionalString(json, "segment");
        if (kind is not (SubscriptionEventKind.TrialStart or SubscriptionEventKind.Start or SubscriptionEventKind.PlanChange or SubscriptionEventKind.Reactivate) && (plan ?? interval ?? segment) is not null)
        {
            throw new JsonException($"a {kind} subscription event carries no plan, billingInterval or segment.");
        }

        return kind switch
        {
            SubscriptionEventKind.TrialStart => NoMrr(SubscriptionEvent.TrialStarted(subscription, customer, at, plan, interval, segment), mrr),
            SubscriptionEventKind.Start => SubscriptionEvent.Started(subscription, customer, at, Mrr(mrr, kind), Currency(currency, kind), plan, interval, segment),
            SubscriptionEventKind.PlanChange => SubscriptionEvent.PlanChanged(subscription, customer, at, Mrr(mrr, kind), Currency(currency, kind), plan, interval, segment),
            SubscriptionEventKind.Reactivate => SubscriptionEvent.Reactivated(subscription, customer, at, Mrr(mrr, kind), Currency(currency, kind), plan, interval, segment),
            SubscriptionEventKind.Pause => NoMrr(SubscriptionEvent.Paused(subscription, customer, at), mrr),
            SubscriptionEventKind.Resume => NoMrr(SubscriptionEvent.Resumed(subscription, customer, at), mrr),
            SubscriptionEventKind.Skip => NoMrr(SubscriptionEvent.Skipped(subscription, customer, at), mrr),
            SubscriptionEventKind.Cancel => NoMrr(SubscriptionEvent.Cancelled(subscription, customer, at), mrr),
            _ => throw new JsonException($"subscription event kind {kind} is not known."),
        };
    }

    private static void WriteLabel(Utf8JsonWriter writer, string name, string? label)
    {
        if (label is not null)
        {
            writer.WriteString(name, label);
        }
    }

    private static decimal Mrr(decimal? mrr, SubscriptionEventKind kind) =>
        mrr ?? throw new JsonException($"a {kind} subscription event needs an 'mrr'.");

    private static string Currency(string? currency, SubscriptionEventKind kind) =>
        currency ?? throw new JsonException($"a {kind} subscription event needs a 'currency'.");

    private static SubscriptionEvent NoMrr(SubscriptionEvent value, decimal? mrr) =>
        mrr is null ? value : throw new JsonException($"a {value.Kind} subscription event carries no 'mrr' (got {mrr}).");
}
