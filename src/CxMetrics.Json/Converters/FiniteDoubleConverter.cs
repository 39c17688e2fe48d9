using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxMetrics.Json.Converters;

/// <summary>
/// Doubles as JSON numbers, and only finite ones: the core reports a missing or undefined value as <c>null</c> (never NaN,
/// never ±∞ — e.g. the z of a comparison whose standard error is 0 while the difference is not is <c>null</c>), so a
/// non-finite double in a result is a bug to surface with a clear message, not a value to store. Reading accepts numbers
/// only (not the strings <c>"NaN"</c> / <c>"Infinity"</c>).
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        throw new JsonException($"expected a finite number, not {reader.TokenType}: CxMetrics writes a missing or undefined value as null, never as \"NaN\" or \"Infinity\".");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (!double.IsFinite(value))
        {
            throw new JsonException($"{value.ToString(CultureInfo.InvariantCulture)} cannot be written: CxMetrics reports a missing or undefined value as null (never NaN or ±∞), so a non-finite double in a result is a bug.");
        }

        writer.WriteNumberValue(value);
    }
}
