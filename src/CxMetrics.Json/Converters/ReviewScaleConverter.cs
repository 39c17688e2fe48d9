using System.Text.Json;
using CxMetrics.Reviews;

namespace CxMetrics.Json.Converters;

/// <summary><see cref="ReviewScale"/> as <c>{ min, max, negativeMax, positiveMin, points }</c>, read back through <see cref="ReviewScale.Create"/>.</summary>
internal sealed class ReviewScaleConverter : ObjectConverter<ReviewScale>
{
    public override void Write(Utf8JsonWriter writer, ReviewScale value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("min", value.Min);
        writer.WriteNumber("max", value.Max);
        writer.WriteNumber("negativeMax", value.NegativeMax);
        writer.WriteNumber("positiveMin", value.PositiveMin);
        writer.WriteNumber("points", value.Points);
        writer.WriteEndObject();
    }

    protected override ReviewScale Create(JsonElement json, JsonSerializerOptions options) =>
        ReviewScale.Create(Int32(json, "min"), Int32(json, "max"), Int32(json, "negativeMax"), Int32(json, "positiveMin"));
}
