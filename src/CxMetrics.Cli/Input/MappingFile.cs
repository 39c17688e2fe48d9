using System.Text.Json;
using CxMetrics.Cli.Commands;

namespace CxMetrics.Cli.Input;

/// <summary>
/// A mapping file (<c>--map shop.json</c>): one section per file kind (<c>orders</c>, <c>nps</c>, <c>csat</c>, <c>ces</c>,
/// <c>tickets</c>, <c>sessions</c>, <c>subscriptions</c>, <c>cart_events</c>), each with <c>columns</c> (logical → header)
/// and value formats. Every mistake is listed with its JSON path; unknown keys are mistakes. The keys reserved for value
/// formats are checked here (an event name against the standard names of its file kind), so no setting is ever silently
/// ignored. Format in docs/cli.md.
/// </summary>
internal static class MappingFile
{
    private static readonly string[] Keys = ["columns", "zone", "timestamp_format", "delimiter", "encoding", "currency", "decimal_separator", "unix_time", "true_values", "false_values", "whitespace", "missing_values", "format", "unnest", "event_names"];

    public static IReadOnlyDictionary<FileKind, FileFormat> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FileNotFoundException($"--map: cannot read '{path}': {ex.Message}");
        }

        return Parse(text, path);
    }

    public static IReadOnlyDictionary<FileKind, FileFormat> Parse(string text, string name)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ColumnMapException(ToolCommands.UsageError, [$"--map: {name} is not JSON: {ex.Message}"]);
        }

        using (doc)
        {
            var mistakes = new List<string>();
            var sections = new Dictionary<FileKind, FileFormat>();
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ColumnMapException(ToolCommands.UsageError, [$"--map: $: expected an object with one section per file kind ({Sections()})."]);
            }

            foreach (var section in doc.RootElement.EnumerateObject())
            {
                string at = "$." + section.Name;
                if (FileKinds.FromSection(section.Name) is not { } kind)
                {
                    mistakes.Add($"--map: {at}: unknown section (sections: {Sections()}).");
                    continue;
                }

                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    mistakes.Add($"--map: {at}: expected an object.");
                    continue;
                }

                sections[kind] = Section(kind, section.Value, at, mistakes);
            }

            return mistakes.Count > 0 ? throw new ColumnMapException(ToolCommands.UsageError, mistakes) : sections;
        }
    }

    private static string Sections() => string.Join(", ", FileKinds.All.Select(k => k.Section()));

    private static FileFormat Section(FileKind kind, JsonElement section, string at, List<string> mistakes)
    {
        var format = FileFormat.None;
        foreach (var entry in section.EnumerateObject())
        {
            string path = $"{at}.{entry.Name}";
            var value = entry.Value;
            string? String()
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }

                mistakes.Add($"--map: {path}: expected a string.");
                return null;
            }

            void Add(string? mistake)
            {
                if (mistake is not null)
                {
                    mistakes.Add($"--map: {path}: {mistake}");
                }
            }

            switch (entry.Name)
            {
                case "columns":
                    format = format with { Columns = Columns(kind, value, path, mistakes) };
                    break;
                case "zone" when String() is { } zoneId:
                    Add(ValueFormats.Zone(zoneId, out var zone));
                    format = format with { Zone = zone };
                    break;
                case "timestamp_format" when String() is { } pattern:
                    Add(ValueFormats.TimestampFormat(pattern));
                    format = format with { TimestampFormat = pattern };
                    break;
                case "delimiter" when String() is { } d:
                    Add(ValueFormats.Delimiter(d, out char delimiter));
                    format = format with { Delimiter = delimiter };
                    break;
                case "encoding" when String() is { } e:
                    Add(ValueFormats.Encoding(e, out var encoding));
                    format = format with { Encoding = encoding };
                    break;
                case "currency" when String() is { } c:
                    Add(ValueFormats.Currency(c));
                    format = format with { Currency = c };
                    break;
                case "decimal_separator" when String() is { } separator:
                    if (separator is not ("." or ","))
                    {
                        Add($"'{separator}' is not '.' or ','.");
                    }

                    format = format with { DecimalSeparator = separator.Length == 1 ? separator[0] : null };
                    break;
                case "unix_time" when String() is { } unit:
                    Csv.UnixTimeUnit? timeUnit = unit switch
                    {
                        "seconds" => Csv.UnixTimeUnit.Seconds,
                        "milliseconds" => Csv.UnixTimeUnit.Milliseconds,
                        "microseconds" => Csv.UnixTimeUnit.Microseconds,
                        _ => null,
                    };
                    Add(timeUnit is null ? $"'{unit}' is not seconds, milliseconds or microseconds." : null);
                    format = format with { UnixTime = timeUnit };

                    break;
                case "true_values" or "false_values":
                    if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                    {
                        Add("expected an array of strings, e.g. [\"yes\", \"1\"].");
                        break;
                    }

                    string[] spellings = [.. value.EnumerateArray().Select(v => v.GetString()!)];
                    format = entry.Name == "true_values" ? format with { TrueValues = spellings } : format with { FalseValues = spellings };
                    break;
                case "whitespace":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        Add("expected true or false.");
                    }
                    else
                    {
                        format = format with { Whitespace = value.ValueKind == JsonValueKind.True };
                    }

                    break;
                case "missing_values":
                    if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()) || v.GetString()!.Trim() != v.GetString()))
                    {
                        Add("expected an array of markers such as [\"?\", \"N/A\"] (not empty, not padded with spaces).");
                        break;
                    }

                    format = format with { MissingValues = [.. value.EnumerateArray().Select(v => v.GetString()!)] };
                    break;
                case "event_names":
                    format = format with { EventNames = EventNames(kind, value, path, mistakes) };
                    break;
                case "format" when String() is { } layout:
                    Add(ValueFormats.InputFormat(layout, out var inputFormat, out bool parquet));
                    format = format with { InputFormat = inputFormat, Parquet = parquet };
                    break;
                case "unnest" when String() is { } field:
                    Add(string.IsNullOrWhiteSpace(field) ? "expected the name of an array field, e.g. \"events\"." : null);
                    format = format with { Unnest = field };
                    break;
                case "zone" or "timestamp_format" or "delimiter" or "encoding" or "currency" or "decimal_separator" or "unix_time" or "format" or "unnest":
                    break; // not a string: String() listed the mistake
                default:
                    mistakes.Add($"--map: {path}: unknown key (keys: {string.Join(", ", Keys)}).");
                    break;
            }
        }

        if (format.Unnest is not null && format.InputFormat == Csv.CsvInputFormat.Csv)
        {
            mistakes.Add($"--map: {at}.unnest: only JSON Lines have arrays to unnest, and format says csv.");
        }

        if (format.Whitespace == true && format.InputFormat == Csv.CsvInputFormat.JsonLines)
        {
            mistakes.Add($"--map: {at}.whitespace: a JSON Lines file (format jsonl) has no whitespace-separated fields.");
        }

        if (kind == FileKind.Tickets && !format.Columns.IsEmpty)
        {
            mistakes.Add($"--map: {at}.columns: the ticket reader's column names are fixed ({string.Join(", ", FileKind.Tickets.LogicalColumns())}); ticket column maps are not supported yet (a one-row-per-ticket export takes a ticket_summaries section).");
        }

        return format;
    }

    /// <summary>
    /// The <c>event_names</c> object: file value → standard event name of the kind (cart events, subscription events), or
    /// JSON <c>null</c> to skip the row (not the string "skip", which is a subscription event).
    /// </summary>
    private static Dictionary<string, string?>? EventNames(FileKind kind, JsonElement value, string path, List<string> mistakes)
    {
        if (kind is not (FileKind.CartEvents or FileKind.Subscriptions))
        {
            mistakes.Add($"--map: {path}: only cart_events and subscriptions files name events.");
            return null;
        }

        string standard = kind == FileKind.CartEvents
            ? "created, add_to_cart, begin_checkout, add_shipping_info, add_payment_info, purchase, reminder_sent, recovered_through_reminder"
            : "start, plan_change, upgrade, downgrade, pause, resume, skip, cancel, reactivate";
        if (value.ValueKind != JsonValueKind.Object)
        {
            mistakes.Add($"--map: {path}: expected an object of file value → event name or null, e.g. {{\"Order Completed\": \"purchase\", \"page_view\": null}}.");
            return null;
        }

        var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in value.EnumerateObject())
        {
            string at = $"{path}.{p.Name}";
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                mistakes.Add($"--map: {at}: an event name in the file cannot be empty.");
                continue;
            }

            if (!names.TryAdd(p.Name.Trim(), null))
            {
                mistakes.Add($"--map: {at}: '{p.Name.Trim()}' is named twice (names compare ignoring case).");
                continue;
            }

            if (p.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            string? name = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
            bool known = name is not null && (kind == FileKind.CartEvents ? Csv.CartEventCsv.TryParseKind(name, out _) : Csv.SubscriptionEventCsv.TryParseKind(name, out _));
            if (!known)
            {
                mistakes.Add($"--map: {at}: {(name is null ? "expected an event name (a string) or null (skip the row)" : $"'{name}' is not an event of {kind.Section()} files")} (events: {standard}; null skips the row).");
                continue;
            }

            names[p.Name.Trim()] = name;
        }

        return names;
    }

    private static ColumnMap Columns(FileKind kind, JsonElement value, string path, List<string> mistakes)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            mistakes.Add($"--map: {path}: expected an object of logical column → header, e.g. {{\"customer_id\": \"Customer\"}}.");
            return ColumnMap.Empty;
        }

        var pairs = new List<(string, string)>();
        foreach (var p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                mistakes.Add($"--map: {path}.{p.Name}: expected a header name (a string).");
                continue;
            }

            pairs.Add((p.Name, p.Value.GetString()!));
        }

        var map = new ColumnMap(pairs);
        if (kind != FileKind.Tickets)
        {
            try
            {
                map.Validate(kind, $"--map: {path}");
            }
            catch (ColumnMapException ex)
            {
                mistakes.AddRange(ex.Mistakes);
            }
        }

        return map;
    }
}
