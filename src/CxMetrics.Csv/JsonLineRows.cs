using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CxMetrics.Csv;

/// <summary>
/// The rows of a JSON Lines source (<see cref="CsvInputFormat.JsonLines"/>): splits the bytes into lines without loading the
/// file, reads each line with <see cref="Utf8JsonReader"/>, flattens the object into cells, and expands the
/// <see cref="CsvReadOptions.Unnest"/> array into one row per element. Only the current line and its rows are held.
/// </summary>
internal sealed class JsonLineRows : IDisposable
{
    /// <summary>The longest line read (128 MiB); a longer one stops the read (a file that is not line-delimited).</summary>
    private const int MaxLineBytes = 128 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly CsvReport report;
    private Action<CsvRejection> reject = _ => { };
    private readonly string? unnest;
    private readonly Stream? bytes;
    private readonly TextReader? text;
    private readonly Queue<Dictionary<string, string>?> elements = new();
    private readonly Stack<Dictionary<string, string>> spare = new();
    private readonly List<(byte[] Utf8, string Name)> names = [];
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private bool endOfData;
    private long line;
    private bool firstPending;

    private JsonLineRows(CsvReport report, CsvReadOptions options, Stream? bytes, TextReader? text)
    {
        this.report = report;
        this.bytes = bytes;
        this.text = text;
        unnest = string.IsNullOrWhiteSpace(options.Unnest) ? null : options.Unnest.Trim();
        Cells = new JsonLineCells(unnest);
        Row = new CsvRow(Cells, options);
    }

    /// <summary>The current row (reused from row to row).</summary>
    public CsvRow Row { get; }

    private JsonLineCells Cells { get; }

    /// <summary>Whether a source is read as JSON Lines: the explicit format, else a path ending in .jsonl or .ndjson.</summary>
    public static bool Applies(CsvSource source, CsvReadOptions options) =>
        options.Format is { } format
            ? format == CsvInputFormat.JsonLines
            : source.Path is { } path && (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens the source (UTF-8 bytes from a path, or text lines from a reader or in another encoding).</summary>
    public static JsonLineRows Create(CsvReport report, CsvSource source, CsvReadOptions options)
    {
        bool utf8 = options.Encoding is null || options.Encoding.CodePage == Encoding.UTF8.CodePage;
        try
        {
            Stream? raw = source.Path is { } path
                ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)
                : source.Stream;
            return raw is null
                ? new JsonLineRows(report, options, null, source.Reader!)
                : utf8
                    ? new JsonLineRows(report, options, raw, null)
                    : new JsonLineRows(report, options, null, new StreamReader(raw, options.Encoding!, detectEncodingFromByteOrderMarks: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CsvDataException($"{report.Source}: cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Reads up to the first row, whose columns must include <paramref name="required"/> (as a CSV header must); lines
    /// before it that are not JSON objects are rejected through <paramref name="rejection"/>. Disposes itself when it throws.
    /// </summary>
    /// <returns>The row object.</returns>
    public CsvRow Open(IReadOnlyCollection<string> required, Action<CsvRejection> rejection)
    {
        reject = rejection;
        try
        {
            firstPending = Advance();
            if (firstPending)
            {
                foreach (string column in required)
                {
                    if (!Cells.Has(column))
                    {
                        throw new CsvDataException(
                            string.Create(CultureInfo.InvariantCulture, $"{report.Source}: required column '{column}' is missing from the first JSON object (line {line}), which has: {Cells.KeyList()}."),
                            line,
                            column);
                    }
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        return Row;
    }

    /// <summary>Moves to the next row (counted as read); lines that are not JSON objects are rejected on the way.</summary>
    public bool MoveNext()
    {
        if (firstPending)
        {
            firstPending = false;
            report.Read();
            return true;
        }

        if (Advance())
        {
            report.Read();
            return true;
        }

        return false;
    }

    public void Dispose()
    {
        bytes?.Dispose();
        text?.Dispose();
    }

    /// <summary>Makes the next row current, reading lines as needed; false at the end.</summary>
    private bool Advance()
    {
        while (elements.Count == 0)
        {
            if (NextLine() is not { } content)
            {
                return false;
            }

            if (content.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            Cells.Parent.Clear();
            if (Parse(content.Span) is { } reason)
            {
                while (elements.Count > 0)
                {
                    Release(elements.Dequeue());
                }
                report.Read();
                reject(new CsvRejection(line, null, reason));
            }
        }

        Release(Cells.Element);
        Cells.Element = elements.Dequeue();
        Row.Line = line;
        return true;
    }

    /// <summary>The next line's bytes (without its line end), or null at the end of the data.</summary>
    private ReadOnlyMemory<byte>? NextLine()
    {
        if (text is not null)
        {
            string? read = text.ReadLine();
            if (read is null)
            {
                return null;
            }

            line++;
            return Encoding.UTF8.GetBytes(line == 1 ? read.TrimStart('\uFEFF') : read);
        }

        while (true)
        {
            int at = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (at >= 0 || (endOfData && start < end))
            {
                int length = at >= 0 ? at : end - start;
                ReadOnlyMemory<byte> content = buffer.AsMemory(start, length);
                start += at >= 0 ? at + 1 : length;
                if (content.Span.EndsWith("\r"u8))
                {
                    content = content[..^1];
                }

                line++;
                if (line == 1)
                {
                    content = FirstLine(content);
                }

                return content;
            }

            if (endOfData)
            {
                return null;
            }

            Fill();
        }
    }

    private ReadOnlyMemory<byte> FirstLine(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return content[3..];
        }

        return span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            ? throw new CsvDataException($"{report.Source}: the file starts with a UTF-16 byte-order mark; JSON Lines are UTF-8 (convert the file, or set {nameof(CsvReadOptions)}.{nameof(CsvReadOptions.Encoding)}).", 1, null)
            : content;
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxLineBytes)
            {
                throw new CsvDataException(string.Create(CultureInfo.InvariantCulture, $"{report.Source}: line {line + 1} is longer than {MaxLineBytes >> 20} MiB; is the file JSON Lines (one object per line)?"), line + 1, null);
            }

            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
        }

        int read;
        try
        {
            read = bytes!.Read(buffer, end, buffer.Length - end);
        }
        catch (IOException ex)
        {
            throw new CsvDataException(string.Create(CultureInfo.InvariantCulture, $"{report.Source}: the file cannot be read on from about line {line + 1}: {ex.Message}"), line + 1, null, ex);
        }

        end += read;
        endOfData = read == 0;
    }

    /// <summary>Flattens one line into the parent cells and queues its rows; returns the reason when the line is not one JSON object.</summary>
    private string? Parse(ReadOnlySpan<byte> content)
    {
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return $"the line is not a JSON object (it starts with {CsvText.Quote(Start(content))}).";
            }

            bool unnested = false;
            string? fault = ReadObject(ref reader, content, string.Empty, Cells.Parent, ref unnested);
            if (fault is not null)
            {
                return fault;
            }

            if (!AtEnd(ref reader))
            {
                return "the line holds more than one JSON value; JSON Lines hold one object per line.";
            }

            if (!unnested)
            {
                elements.Enqueue(null);
            }

            return null;
        }
        catch (JsonException ex)
        {
            return $"the line is not valid JSON: {FirstSentence(ex.Message)}";
        }
        catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException)
        {
            return "the line holds bytes that are not UTF-8; convert the file to UTF-8 (not read with replacement characters).";
        }
    }

    private static bool AtEnd(ref Utf8JsonReader reader)
    {
        try
        {
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private string? ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> content, string prefix, Dictionary<string, string> into, ref bool unnested)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = prefix.Length == 0 ? Name(ref reader) : prefix + reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                string? fault = ReadObject(ref reader, content, key + ".", into, ref unnested);
                if (fault is not null)
                {
                    return fault;
                }

                continue;
            }

            if (reader.TokenType == JsonTokenType.StartArray && string.Equals(key, unnest, StringComparison.Ordinal) && ReferenceEquals(into, Cells.Parent))
            {
                string? fault = ReadElements(ref reader, content, key);
                if (fault is not null)
                {
                    return fault;
                }

                unnested = elements.Count > 0;
                continue;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                string? fault = ReadArray(ref reader, content, key, into);
                if (fault is not null)
                {
                    return fault;
                }

                continue;
            }

            string value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                _ => string.Empty, // null
            };
            if (!into.TryAdd(key, value))
            {
                return $"key {CsvText.Quote(key)} appears twice in the object.";
            }
        }

        return null;
    }

    private string? ReadElements(ref Utf8JsonReader reader, ReadOnlySpan<byte> content, string key)
    {
        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return string.Create(CultureInfo.InvariantCulture, $"element {index} of {CsvText.Quote(key)} is not an object; only arrays of objects can be unnested.");
            }

            var element = Rent();
            bool ignored = false;
            string? fault = ReadObject(ref reader, content, string.Empty, element, ref ignored);
            if (fault is not null)
            {
                return fault;
            }

            elements.Enqueue(element);
            index++;
        }

        return null;
    }

    /// <summary>A cleared cell dictionary, reused from rows already served (no allocation per element row once warm).</summary>
    private Dictionary<string, string> Rent()
    {
        if (spare.TryPop(out var cells))
        {
            cells.Clear();
            return cells;
        }

        return new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private void Release(Dictionary<string, string>? cells)
    {
        if (cells is not null && spare.Count < 1024)
        {
            spare.Push(cells);
        }
    }

    /// <summary>A top-level property name, reusing the string of a name seen before (the same few keys repeat on every line).</summary>
    private string Name(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!;
        }

        var span = reader.ValueSpan;
        foreach (var (utf8, name) in names)
        {
            if (span.SequenceEqual(utf8))
            {
                return name;
            }
        }

        string made = reader.GetString()!;
        if (names.Count < 64)
        {
            names.Add((span.ToArray(), made));
        }

        return made;
    }

    /// <summary>
    /// An array that is not unnested: the cell <paramref name="key"/> holds its JSON text as written; and every element that
    /// is an object with a non-empty <c>key</c> field (GA4's <c>event_params</c>, <c>user_properties</c>) gives its other
    /// fields as <c>name[key=K].field</c> cells, e.g. <c>event_params[key=ga_session_id].value.int_value</c>.
    /// </summary>
    private string? ReadArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> content, string key, Dictionary<string, string> into)
    {
        int from = checked((int)reader.TokenStartIndex);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var element = Rent();
            bool ignored = false;
            string? fault = ReadObject(ref reader, content, string.Empty, element, ref ignored);
            if (fault is not null)
            {
                return fault;
            }

            if (element.TryGetValue("key", out string? name) && name.Length > 0)
            {
                foreach (var (field, value) in element)
                {
                    if (field != "key" && !into.TryAdd($"{key}[key={name}].{field}", value))
                    {
                        return $"key {CsvText.Quote($"{key}[key={name}]")} appears twice in the object.";
                    }
                }
            }

            Release(element);
        }

        int to = checked((int)reader.BytesConsumed);
        return into.TryAdd(key, StrictUtf8.GetString(content[from..to])) ? null : $"key {CsvText.Quote(key)} appears twice in the object.";
    }

    private static string Start(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, 16)];
        return Encoding.UTF8.GetString(head);
    }

    private static string FirstSentence(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at > 0 ? message[..at] : message).Trim();
    }
}

/// <summary>The cells of the current JSON Lines row: the object's own fields and, when unnesting, one element's.</summary>
internal sealed class JsonLineCells(string? unnest)
{
    private readonly string? elementPrefix = unnest is null ? null : unnest + ".";

    public Dictionary<string, string> Parent { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string>? Element { get; set; }

    public bool Has(string column) => TryGet(column, out _);

    /// <summary>A column's cell: the object's field, else the element's field by its own name or by the array path (<c>events.aid</c>).</summary>
    public bool TryGet(string column, out string value)
    {
        if (Parent.TryGetValue(column, out value!))
        {
            return true;
        }

        if (Element is null)
        {
            return false;
        }

        return Element.TryGetValue(column, out value!)
            || (elementPrefix is not null && column.StartsWith(elementPrefix, StringComparison.Ordinal) && Element.TryGetValue(column[elementPrefix.Length..], out value!));
    }

    /// <summary>The row's column names for a message (at most 50).</summary>
    public string KeyList()
    {
        var keys = Parent.Keys.Concat(Element?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
        string list = string.Join(", ", keys.Take(50).Select(CsvText.Quote));
        return keys.Count > 50 ? string.Create(CultureInfo.InvariantCulture, $"{list}, … ({keys.Count} keys)") : list.Length == 0 ? "no keys" : list;
    }
}
