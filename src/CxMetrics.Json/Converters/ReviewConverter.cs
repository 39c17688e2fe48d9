using System.Text.Json;
using CxMetrics.Reviews;

namespace CxMetrics.Json.Converters;

/// <summary>
/// <see cref="Review"/> as <c>{ id, source, item, rating, scale, createdAt, repliedAt }</c>, read back through
/// <see cref="Review.Create"/> (so a rating off its scale or a reply before the review is rejected as the core rejects it).
/// </summary>
internal sealed class ReviewConverter : ObjectConverter<Review>
{
    public override void Write(Utf8JsonWriter writer, Review value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", value.Id);
        writer.WriteString("source", value.Source);
        writer.WriteString("item", value.Item);
        writer.WriteNumber("rating", value.Rating);
        writer.WritePropertyName("scale");
        JsonSerializer.Serialize(writer, value.Scale, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ReviewScale>)options.GetTypeInfo(typeof(ReviewScale)));
        WriteInstant(writer, "createdAt", value.CreatedAt);
        if (value.RepliedAt is { } replied)
        {
            WriteInstant(writer, "repliedAt", replied);
        }
        else
        {
            writer.WriteNull("repliedAt");
        }

        writer.WriteEndObject();
    }

    protected override Review Create(JsonElement json, JsonSerializerOptions options) => Review.Create(
        String(json, "id"),
        String(json, "source"),
        String(json, "item"),
        Int32(json, "rating"),
        Required(json, "scale").Deserialize((System.Text.Json.Serialization.Metadata.JsonTypeInfo<ReviewScale>)options.GetTypeInfo(typeof(ReviewScale)))
            ?? throw new JsonException("field 'scale' is null where a review scale was expected."),
        Instant(json, "createdAt"),
        OptionalString(json, "repliedAt") is { } replied ? NodaTime.Text.InstantPattern.ExtendedIso.Parse(replied).Value : null);
}
