using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Portable;

/// <summary>
/// Reads the fields <see cref="JsonFieldWriter"/> wrote from a parsed JSON object, strictly: properties must come in the
/// written order with the written names, and nothing may be left over.
/// </summary>
internal sealed class JsonFieldReader : TallyFieldReader
{
    private readonly Stack<Frame> frames = new();

    public JsonFieldReader(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"'payload' must be a JSON object, not {payload.ValueKind}.");
        }

        frames.Push(new Frame(payload.EnumerateObject()));
    }

    public override long Int64(string? name) =>
        Next(name, JsonValueKind.Number).TryGetInt64(out long v) ? v : throw Invalid($"field '{name}' is not a 64-bit integer.");

    public override int Int32(string? name) =>
        Next(name, JsonValueKind.Number).TryGetInt32(out int v) ? v : throw Invalid($"field '{name}' is not a 32-bit integer.");

    public override byte Byte(string? name) =>
        Next(name, JsonValueKind.Number).TryGetByte(out byte v) ? v : throw Invalid($"field '{name}' is not a byte (0–255).");

    public override bool Bool(string? name)
    {
        var e = Next(name, null);
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"field '{name}' is {e.ValueKind}, not true or false."),
        };
    }

    public override double Double(string? name) =>
        Next(name, JsonValueKind.Number).TryGetDouble(out double v) && double.IsFinite(v) ? v : throw Invalid($"field '{name}' is not a finite number.");

    public override decimal Decimal(string? name) =>
        Next(name, JsonValueKind.Number).TryGetDecimal(out decimal v) ? v : throw Invalid($"field '{name}' is not a decimal number.");

    public override string? String(string? name)
    {
        var e = Next(name, null);
        return e.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => e.GetString(),
            _ => throw Invalid($"field '{name}' is {e.ValueKind}, not a string."),
        };
    }

    public override LocalDate Date(string? name)
    {
        string text = String(name) ?? throw Invalid($"field '{name}' is null, not a date.");
        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw Invalid($"field '{name}' holds '{text}', not an ISO date yyyy-MM-dd.");
    }

    public override int BeginArray(string name, int minimumItemBytes)
    {
        var e = Next(name, JsonValueKind.Array);
        frames.Push(new Frame(e.EnumerateArray()));
        return e.GetArrayLength();
    }

    public override void EndArray() => Close("array");

    public override void BeginItem()
    {
        var e = Next(null, JsonValueKind.Object);
        frames.Push(new Frame(e.EnumerateObject()));
    }

    public override void EndItem() => Close("object");

    /// <summary>Passes over a field read separately (the JSON envelope's payload).</summary>
    public void Skip(string name) => Next(name, null);

    public override bool Has(string name) => frames.Count != 0 && frames.Peek().Peek() == name;

    public override void End()
    {
        Close("payload");
        if (frames.Count != 0)
        {
            throw Invalid("the payload ended inside an array or object.");
        }
    }

    private void Close(string what)
    {
        var frame = frames.Pop();
        if (frame.MoveNext(out string? extra, out _))
        {
            throw Invalid($"unexpected {(extra is null ? "item" : $"field '{extra}'")} at the end of the {what}.");
        }
    }

    private JsonElement Next(string? name, JsonValueKind? kind)
    {
        if (frames.Count == 0 || !frames.Peek().MoveNext(out string? found, out var value))
        {
            throw Invalid($"field '{name ?? "item"}' is missing.");
        }

        if (name is not null && found != name)
        {
            throw Invalid($"expected field '{name}', found '{found ?? "an array item"}'.");
        }

        if (kind is { } k && value.ValueKind != k)
        {
            throw Invalid($"field '{name ?? found ?? "item"}' is {value.ValueKind}, expected {k}.");
        }

        return value;
    }

    private sealed class Frame
    {
        private JsonElement.ObjectEnumerator properties;
        private JsonElement.ArrayEnumerator items;
        private readonly bool isObject;

        public Frame(JsonElement.ObjectEnumerator properties)
        {
            this.properties = properties;
            isObject = true;
        }

        public Frame(JsonElement.ArrayEnumerator items) => this.items = items;

        /// <summary>The name of the next property without moving past it (null at the end or in an array).</summary>
        public string? Peek()
        {
            if (!isObject)
            {
                return null;
            }

            var copy = properties;
            return copy.MoveNext() ? copy.Current.Name : null;
        }

        public bool MoveNext(out string? name, out JsonElement value)
        {
            if (isObject)
            {
                bool more = properties.MoveNext();
                name = more ? properties.Current.Name : null;
                value = more ? properties.Current.Value : default;
                return more;
            }

            bool next = items.MoveNext();
            name = null;
            value = next ? items.Current : default;
            return next;
        }
    }
}
