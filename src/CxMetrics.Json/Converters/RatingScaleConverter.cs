using System.Text.Json;
using CxMetrics.Surveys;

namespace CxMetrics.Json.Converters;

/// <summary><see cref="RatingScale"/> as <c>{ metric, min, max, favourableMin, favourableMax, direction, favourableLabel, points }</c>, read back through <see cref="RatingScale.Create"/>.</summary>
internal sealed class RatingScaleConverter : ObjectConverter<RatingScale>
{
    public override void Write(Utf8JsonWriter writer, RatingScale value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("metric", value.Metric);
        writer.WriteNumber("min", value.Min);
        writer.WriteNumber("max", value.Max);
        writer.WriteNumber("favourableMin", value.FavourableMin);
        writer.WriteNumber("favourableMax", value.FavourableMax);
        writer.WriteString("direction", value.Direction.ToString());
        writer.WriteString("favourableLabel", value.FavourableLabel);
        writer.WriteNumber("points", value.Points);
        writer.WriteEndObject();
    }

    protected override RatingScale Create(JsonElement json, JsonSerializerOptions options) => RatingScale.Create(
        String(json, "metric"),
        Int32(json, "min"),
        Int32(json, "max"),
        Int32(json, "favourableMin"),
        Int32(json, "favourableMax"),
        Enum<ScaleDirection>(json, "direction"),
        String(json, "favourableLabel"));
}
