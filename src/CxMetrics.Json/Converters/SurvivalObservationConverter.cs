using System.Text.Json;
using CxMetrics.Retention;

namespace CxMetrics.Json.Converters;

/// <summary><see cref="SurvivalObservation"/> as <c>{ duration, event, weight, id }</c>, read back through its validating constructor.</summary>
internal sealed class SurvivalObservationConverter : ObjectConverter<SurvivalObservation>
{
    public override void Write(Utf8JsonWriter writer, SurvivalObservation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("duration", value.Duration);
        writer.WriteBoolean("event", value.Event);
        writer.WriteNumber("weight", value.Weight);
        writer.WriteString("id", value.Id);
        writer.WriteEndObject();
    }

    protected override SurvivalObservation Create(JsonElement json, JsonSerializerOptions options) => new(
        Double(json, "duration"),
        Boolean(json, "event"),
        json.TryGetProperty("weight", out _) ? Double(json, "weight") : 1.0,
        OptionalString(json, "id"));
}
