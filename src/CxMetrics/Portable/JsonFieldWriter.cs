using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Portable;

/// <summary>Writes fields as JSON properties (arrays as JSON arrays, records as objects, dates as ISO <c>yyyy-MM-dd</c>).</summary>
internal sealed class JsonFieldWriter(Utf8JsonWriter json) : TallyFieldWriter
{
    public override void Int64(string? name, long value)
    {
        Name(name);
        json.WriteNumberValue(value);
    }

    public override void Int32(string? name, int value)
    {
        Name(name);
        json.WriteNumberValue(value);
    }

    public override void Byte(string? name, byte value)
    {
        Name(name);
        json.WriteNumberValue(value);
    }

    public override void Bool(string? name, bool value)
    {
        Name(name);
        json.WriteBooleanValue(value);
    }

    public override void Double(string? name, double value)
    {
        Name(name);
        json.WriteNumberValue(value);
    }

    public override void Decimal(string? name, decimal value)
    {
        Name(name);
        json.WriteNumberValue(value);
    }

    public override void String(string? name, string? value)
    {
        Name(name);
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }

    public override void Date(string? name, LocalDate value) => String(name, LocalDatePattern.Iso.Format(value));

    public override void BeginArray(string name, int count) => json.WriteStartArray(name);

    public override void EndArray() => json.WriteEndArray();

    public override void BeginItem() => json.WriteStartObject();

    public override void EndItem() => json.WriteEndObject();

    private void Name(string? name)
    {
        if (name is not null)
        {
            json.WritePropertyName(name);
        }
    }
}
