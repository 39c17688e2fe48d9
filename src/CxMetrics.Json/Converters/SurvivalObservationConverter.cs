using System.Text.Json;
using CxMetrics.Retention;

namespace CxMetrics.Json.Converters;

/// <summary>
/// <see cref="SurvivalObservation"/> as <c>{ duration, event, weight, id, entry }</c>, read back through its validating
/// constructor; <c>entry</c> (delayed entry) is written only when it is above 0 and read as 0 when absent.
/// </summary>
internal sealed class SurvivalObservationConverter : ObjectConverter<SurvivalObservation>
{
    public override void Write(Utf8JsonWriter writer, SurvivalObservation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("duration", value.Duration);
        writer.WriteBoolean("event", value.Event);
        writer.WriteNumber("weight", value.Weight);
        writer.WriteString("id", value.Id);
        if (value.Entry > 0)
        {
            writer.WriteNumber("entry", value.Entry);
        }

        writer.WriteEndObject();
    }

    protected override SurvivalObservation Create(JsonElement json, JsonSerializerOptions options) => new(
        json.TryGetProperty("entry", out _) ? Double(json, "entry") : 0,
        Double(json, "duration"),
        Boolean(json, "event"),
        json.TryGetProperty("weight", out _) ? Double(json, "weight") : 1.0,
        OptionalString(json, "id"));
}
