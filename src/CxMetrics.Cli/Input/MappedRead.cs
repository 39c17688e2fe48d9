using System.Text;
using CxMetrics.Cli.Commands;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Csv;
using CxMetrics.Retention;
using CxMetrics.Support;
using CxMetrics.Surveys;

namespace CxMetrics.Cli.Input;

/// <summary>
/// Opens a file (or standard input, PATH <c>-</c>) through the CxMetrics.Csv reader of its kind with the resolved column
/// map and value formats of <see cref="InputSettings"/>. Before reading, every header the map names is looked up in the
/// file's header: all absent ones are listed in one error each, with the header the file has (exit 1).
/// </summary>
internal static class MappedRead
{
    public static CsvRecords<SurveyResponse> Surveys(string path, FileKind kind, int min, int max, CliSettings s)
    {
        var (columns, options) = Prepare(path, kind, s);
        var c = columns.Apply(new SurveyColumns());
        return StandardInput.Is(path)
            ? SurveyCsv.Read(StandardInput.Stream(), min, max, c, options, StandardInput.Name)
            : SurveyCsv.Read(path, min, max, c, options);
    }

    public static CsvRecords<SupportTicket> Tickets(string path, CliSettings s)
    {
        var (_, options) = Prepare(path, FileKind.Tickets, s);
        return StandardInput.Is(path) ? TicketCsv.Read(StandardInput.Stream(), options, StandardInput.Name) : TicketCsv.Read(path, options);
    }

    public static CsvRecords<Session> Sessions(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Sessions, s);
        var c = columns.Apply(new SessionColumns());
        return StandardInput.Is(path) ? SessionCsv.Read(StandardInput.Stream(), c, options, StandardInput.Name) : SessionCsv.Read(path, c, options);
    }

    public static CsvRecords<Order> Orders(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Orders, s);
        var c = columns.Apply(new OrderColumns());
        return StandardInput.Is(path) ? OrderCsv.Read(StandardInput.Stream(), c, options, StandardInput.Name) : OrderCsv.Read(path, c, options);
    }

    public static CsvRecords<SubscriptionEvent> Subscriptions(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Subscriptions, s);
        if (s.Input.SubscriptionSummaries is { } summary)
        {
            // One row per subscription (Stripe): start and cancel events are made by the reader; a map renames the ids and currency only.
            var sc = columns.Apply(summary);
            return StandardInput.Is(path) ? SubscriptionSummaryCsv.Read(StandardInput.Stream(), sc, options, StandardInput.Name) : SubscriptionSummaryCsv.Read(path, sc, options);
        }

        var c = columns.Apply(new SubscriptionEventColumns()) with { EventNames = Aliases<SubscriptionEventKind>(s.Input.For(FileKind.Subscriptions), SubscriptionEventCsv.TryParseKind) };
        return StandardInput.Is(path) ? SubscriptionEventCsv.Read(StandardInput.Stream(), c, options, StandardInput.Name) : SubscriptionEventCsv.Read(path, c, options);
    }

    public static CsvRecords<CartEvent> CartEvents(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.CartEvents, s);
        var c = columns.Apply(s.Input.CartEvents ?? new CartEventColumns());
        c = c with { EventNames = Aliases<CartEventKind>(s.Input.For(FileKind.CartEvents), CartEventCsv.TryParseKind) ?? c.EventNames };
        return StandardInput.Is(path) ? CartEventCsv.Read(StandardInput.Stream(), c, options, StandardInput.Name) : CartEventCsv.Read(path, c, options);
    }

    private delegate bool KindParser<TKind>(string? text, out TKind kind);

    /// <summary>The mapping file's <c>event_names</c> as the reader's aliases (names were checked when the file was read).</summary>
    private static Dictionary<string, TKind?>? Aliases<TKind>(FileFormat format, KindParser<TKind> parse)
        where TKind : struct, Enum =>
        format.EventNames?.ToDictionary(p => p.Key, p => p.Value is { } name && parse(name, out var kind) ? kind : (TKind?)null, StringComparer.OrdinalIgnoreCase);

    /// <summary>A ticket summary file (one row per ticket, or a snapshot log when <c>updated_at</c> is mapped).</summary>
    public static CsvRecords<SupportTicket> TicketSummaries(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.TicketSummaries, s);
        var c = columns.Apply(new TicketSummaryColumns());
        return StandardInput.Is(path) ? TicketSummaryCsv.Read(StandardInput.Stream(), c, options, StandardInput.Name) : TicketSummaryCsv.Read(path, c, options);
    }

    /// <summary>A survival file (duration + event); <paramref name="segment"/> (from <c>--segment</c>) names the segment column when given.</summary>
    public static CsvRecords<SurvivalRecord> Survival(string path, string? segment, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Survival, s);
        var c = columns.Apply(new SurvivalColumns());
        c = segment is null ? c : c with { Segment = segment };
        return StandardInput.Is(path) ? SurvivalCsv.Read(StandardInput.Stream(), c, options, StandardInput.Name) : SurvivalCsv.Read(path, c, options);
    }

    public static CsvRecords<Experiments.Assignment> Assignments(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Assignments, s);
        string customer = columns.HeaderOf("customer_id")!, arm = columns.HeaderOf("arm")!, at = columns.HeaderOf("assigned_at")!;
        return AssignmentCsv.Read(path, options, customer, arm, at, columns.HeaderOf("segment"));
    }

    public static CsvRecords<Experiments.OutcomeEvent> Outcomes(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Outcomes, s);
        string customer = columns.HeaderOf("customer_id")!, at = columns.HeaderOf("occurred_at")!, revenue = columns.HeaderOf("revenue")!;
        return OutcomeCsv.Read(path, options, customer, at, revenue, columns.HeaderOf("currency") ?? "currency");
    }

    /// <summary>The header names of a file as the readers see them, or null for an empty file; standard input's first line is kept for the reader.</summary>
    public static IReadOnlySet<string>? HeaderOf(string path, FileKind kind, CliSettings s) => Header(path, s.Input.Options(kind, s));

    /// <summary>The survey kind of a conventional file name or command (nps, csat, ces).</summary>
    public static FileKind SurveyKind(int min, int max, RatingScale? scale) =>
        scale is null && min == 0 && max == 10 ? FileKind.Nps : ReferenceEquals(scale, CesScale.Agreement1To7) ? FileKind.Ces : FileKind.Csat;

    private static (ColumnMap Columns, CsvReadOptions Options) Prepare(string path, FileKind kind, CliSettings s)
    {
        var format = s.Input.For(kind);
        var options = s.Input.Options(kind, s);
        if (options.Unnest is not null && !IsJsonLines(path, options))
        {
            throw new UsageException($"{kind.Section()}: unnest '{options.Unnest}' applies to JSON Lines, and {(StandardInput.Is(path) ? StandardInput.Name : path)} is read as CSV (name it .jsonl or .ndjson, or give \"format\": \"jsonl\" or --input-format jsonl).");
        }

        var named = format.Columns.Pairs.Where(p => p.Header.Length > 0).ToList();
        if (named.Count > 0 && !IsJsonLines(path, options))
        {
            var header = Header(path, options);
            if (header is not null)
            {
                var missing = named.Where(p => !header.Contains(p.Header)).Select(p =>
                    $"{(StandardInput.Is(path) ? StandardInput.Name : path)}: column '{p.Header}' (mapped to {p.Logical}) is missing. The header has: {string.Join(", ", header.Select(h => $"'{h}'"))}.").ToList();
                if (missing.Count > 0)
                {
                    throw new ColumnMapException(ToolCommands.DataError, missing);
                }
            }
        }

        return (format.Columns, options);
    }

    /// <summary>The header names of a file (trimmed, byte-order mark removed, as the readers see them); null for an empty file (the reader says so).</summary>
    private static HashSet<string>? Header(string path, CsvReadOptions options)
    {
        string? line;
        if (StandardInput.Is(path))
        {
            line = StandardInput.HeaderLine(options.Encoding);
        }
        else
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var reader = new StreamReader(path, options.Encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            line = reader.ReadLine();
        }

        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        IEnumerable<string> cells = options.WhitespaceSeparated ? line.TrimStart('\uFEFF').Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) : Split(line, options.Delimiter);
        return new HashSet<string>(cells.Select(h => h.Trim().TrimStart('\uFEFF')), StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the readers take the source as JSON Lines (the format given, else a name ending in .jsonl or .ndjson, as
    /// CxMetrics.Csv decides): its keys are checked by the reader (a required key missing from the first row is one data
    /// error listing the keys it has), as a JSON object has no header line to check beforehand.
    /// </summary>
    public static bool IsJsonLines(string path, CsvReadOptions options) =>
        options.Format is { } format ? format == CsvInputFormat.JsonLines
            : path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits one header line at the delimiter, honouring double quotes (<c>""</c> is one quote).</summary>
    internal static List<string> Split(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
