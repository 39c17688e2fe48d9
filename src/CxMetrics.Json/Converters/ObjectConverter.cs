using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Json.Converters;

/// <summary>
/// Base for the few core types that validate in a constructor or factory and so cannot be bound by System.Text.Json
/// (private constructors, structs with get-only properties): reads the JSON object into a <see cref="JsonElement"/>
/// and rebuilds the value through the type's own public factory, so the core's validation runs on every input.
/// </summary>
/// <typeparam name="T">The converted type.</typeparam>
internal abstract class ObjectConverter<T> : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"a {typeof(T).Name} must be a JSON object, not {reader.TokenType}.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return Create(document.RootElement, options);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"invalid {typeof(T).Name}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"invalid {typeof(T).Name}: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new JsonException($"invalid {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>Rebuilds the value from its JSON object.</summary>
    protected abstract T Create(JsonElement json, JsonSerializerOptions options);

    protected static JsonElement Required(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new JsonException($"a {typeof(T).Name} needs the field '{name}'.");

    protected static string String(JsonElement json, string name) =>
        Required(json, name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new JsonException($"the field '{name}' of a {typeof(T).Name} must be a string.");

    protected static string? OptionalString(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    protected static TEnum Enum<TEnum>(JsonElement json, string name)
        where TEnum : struct, Enum
    {
        string text = String(json, name);
        return text.Length > 0 && char.IsAsciiLetter(text[0]) && System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new JsonException($"the field '{name}' of a {typeof(T).Name} is not a {typeof(TEnum).Name} name: '{text}'.");
    }

    protected static int Int32(JsonElement json, string name) =>
        Required(json, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out int number)
            ? number
            : throw new JsonException($"the field '{name}' of a {typeof(T).Name} must be a 32-bit integer.");

    protected static long Int64(JsonElement json, string name) =>
        Required(json, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out long number)
            ? number
            : throw new JsonException($"the field '{name}' of a {typeof(T).Name} must be an integer.");

    protected static double Double(JsonElement json, string name) =>
        Required(json, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out double number)
            ? number
            : throw new JsonException($"the field '{name}' of a {typeof(T).Name} must be a number.");

    protected static decimal? OptionalDecimal(JsonElement json, string name) =>
        !json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number) ? number
        : throw new JsonException($"the field '{name}' of a {typeof(T).Name} must be a decimal number or null.");

    protected static bool Boolean(JsonElement json, string name) =>
        Required(json, name).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new JsonException($"the field '{name}' of a {typeof(T).Name} must be true or false."),
        };

    protected static LocalDate Date(JsonElement json, string name) => LocalDatePattern.Iso.Parse(String(json, name)).Value;

    protected static Instant Instant(JsonElement json, string name) => InstantPattern.ExtendedIso.Parse(String(json, name)).Value;

    protected static void WriteInstant(Utf8JsonWriter writer, string name, Instant value) =>
        writer.WriteString(name, InstantPattern.ExtendedIso.Format(value));
}
