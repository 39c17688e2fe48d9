using System.Text.Json;
using CxMetrics.Commerce;

namespace CxMetrics.Json.Converters;

/// <summary><see cref="CartEventRecord"/> as <c>{ unit, kind, at }</c>, read back through its validating constructor.</summary>
internal sealed class CartEventRecordConverter : ObjectConverter<CartEventRecord>
{
    public override void Write(Utf8JsonWriter writer, CartEventRecord value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("unit", value.Unit);
        writer.WriteString("kind", value.Kind.ToString());
        WriteInstant(writer, "at", value.At);
        writer.WriteEndObject();
    }

    protected override CartEventRecord Create(JsonElement json, JsonSerializerOptions options) => new(Int32(json, "unit"), Enum<CartEventKind>(json, "kind"), Instant(json, "at"));
}
