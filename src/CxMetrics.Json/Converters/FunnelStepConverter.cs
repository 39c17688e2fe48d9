using System.Text.Json;
using CxMetrics.Commerce;

namespace CxMetrics.Json.Converters;

/// <summary><see cref="FunnelStep"/> as <c>{ name, kinds: [...] }</c>, read back through its validating constructor.</summary>
internal sealed class FunnelStepConverter : ObjectConverter<FunnelStep>
{
    public override void Write(Utf8JsonWriter writer, FunnelStep value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        writer.WriteStartArray("kinds");
        foreach (var kind in value.Kinds)
        {
            writer.WriteStringValue(kind.ToString());
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    protected override FunnelStep Create(JsonElement json, JsonSerializerOptions options)
    {
        var kinds = Required(json, "kinds");
        if (kinds.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("the field 'kinds' of a FunnelStep must be an array of event kinds.");
        }

        var list = new CartEventKind[kinds.GetArrayLength()];
        int i = 0;
        foreach (var kind in kinds.EnumerateArray())
        {
            list[i++] = kind.ValueKind == JsonValueKind.String && kind.GetString() is { Length: > 0 } text && char.IsAsciiLetter(text[0]) && System.Enum.TryParse<CartEventKind>(text, out var k) && System.Enum.IsDefined(k)
                ? k
                : throw new JsonException($"'{kind}' in the field 'kinds' of a FunnelStep is not a CartEventKind name.");
        }

        return new FunnelStep(String(json, "name"), list);
    }
}
