using System.Text.Json;
using CxMetrics.Lifetime;

namespace CxMetrics.Json.Converters;

/// <summary><see cref="TimeUnit"/> as <c>{ days, name }</c>, read back through its validating constructor.</summary>
internal sealed class TimeUnitConverter : ObjectConverter<TimeUnit>
{
    public override void Write(Utf8JsonWriter writer, TimeUnit value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("days", value.Days);
        writer.WriteString("name", value.Name);
        writer.WriteEndObject();
    }

    protected override TimeUnit Create(JsonElement json, JsonSerializerOptions options) => new(Double(json, "days"), String(json, "name"));
}
