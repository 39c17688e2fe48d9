using System.Text.Json;
using CxMetrics.Retention;

namespace CxMetrics.Json.Converters;

/// <summary><see cref="CohortBracket"/> as <c>{ first, last }</c>, read back through its validating constructor.</summary>
internal sealed class CohortBracketConverter : ObjectConverter<CohortBracket>
{
    public override void Write(Utf8JsonWriter writer, CohortBracket value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("first", value.First);
        writer.WriteNumber("last", value.Last);
        writer.WriteEndObject();
    }

    protected override CohortBracket Create(JsonElement json, JsonSerializerOptions options) => new(Int32(json, "first"), Int32(json, "last"));
}
