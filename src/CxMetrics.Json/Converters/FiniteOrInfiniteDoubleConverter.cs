using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxMetrics.Json.Converters;

/// <summary>
/// Doubles as JSON numbers, except the two infinities, which JSON has no number for: they are written as the strings
/// <c>"Infinity"</c> and <c>"-Infinity"</c> (the core yields them only at documented edges, e.g. the z statistic of a
/// non-zero difference with a zero standard error). NaN is refused: the core reports missing values as <c>null</c>,
/// so a NaN is a bug to surface, not a value to store.
/// </summary>
internal sealed class FiniteOrInfiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("Infinity"u8))
            {
                return double.PositiveInfinity;
            }

            if (reader.ValueTextEquals("-Infinity"u8))
            {
                return double.NegativeInfinity;
            }
        }

        throw new JsonException($"expected a number, \"Infinity\" or \"-Infinity\", not {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsNaN(value))
        {
            throw new JsonException("NaN cannot be written: CxMetrics reports a missing value as null, so a NaN in a result is a bug.");
        }

        if (double.IsPositiveInfinity(value))
        {
            writer.WriteStringValue("Infinity"u8);
        }
        else if (double.IsNegativeInfinity(value))
        {
            writer.WriteStringValue("-Infinity"u8);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
