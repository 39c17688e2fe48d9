using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Json.Converters;

/// <summary>
/// <see cref="SupportTicket"/> as <c>{ id, customerId, channel, createdAt, replies, statusChanges, workIntervals, priority,
/// segment, agentGroup, messages }</c>, read back through <see cref="SupportTicket.Create"/> (so a reply before creation or an
/// overlapping work interval is rejected as the core rejects it).
/// </summary>
internal sealed class SupportTicketConverter : ObjectConverter<SupportTicket>
{
    public override void Write(Utf8JsonWriter writer, SupportTicket value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        writer.WriteString("customerId", value.CustomerId);
        writer.WriteString("channel", value.Channel);
        WriteInstant(writer, "createdAt", value.CreatedAt);
        writer.WritePropertyName("replies");
        JsonSerializer.Serialize(writer, value.Replies, Info<IReadOnlyList<Instant>>(options));
        writer.WritePropertyName("statusChanges");
        JsonSerializer.Serialize(writer, value.StatusChanges, Info<IReadOnlyList<TicketStatusChange>>(options));
        writer.WritePropertyName("workIntervals");
        JsonSerializer.Serialize(writer, value.WorkIntervals, Info<IReadOnlyList<Interval>>(options));
        writer.WriteString("priority", value.Priority);
        writer.WriteString("segment", value.Segment);
        writer.WriteString("agentGroup", value.AgentGroup);
        writer.WritePropertyName("messages");
        JsonSerializer.Serialize(writer, value.Messages, Info<IReadOnlyList<TicketMessage>>(options));
        writer.WriteEndObject();
    }

    protected override SupportTicket Create(JsonElement json, JsonSerializerOptions options)
    {
        return SupportTicket.Create(
            String(json, "id"),
            String(json, "customerId"),
            String(json, "channel"),
            Instant(json, "createdAt"),
            List<Instant>(json, "replies", options),
            List<TicketStatusChange>(json, "statusChanges", options),
            List<Interval>(json, "workIntervals", options),
            OptionalString(json, "priority"),
            OptionalString(json, "segment"),
            OptionalString(json, "agentGroup"),
            List<TicketMessage>(json, "messages", options));
    }

    private static IReadOnlyList<TItem>? List<TItem>(JsonElement json, string name, JsonSerializerOptions options) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.Deserialize(Info<IReadOnlyList<TItem>>(options))
            : null;

    private static JsonTypeInfo<TValue> Info<TValue>(JsonSerializerOptions options) => (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue));
}
