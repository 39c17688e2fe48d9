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
        return Open(path, kind, options, s, (stream, o, name) => SurveyCsv.Read(stream, min, max, c, o, name), (file, o) => SurveyCsv.Read(file, min, max, c, o));
    }

    public static CsvRecords<SupportTicket> Tickets(string path, CliSettings s)
    {
        var (_, options) = Prepare(path, FileKind.Tickets, s);
        return Open(path, FileKind.Tickets, options, s, (stream, o, name) => TicketCsv.Read(stream, o, name), (file, o) => TicketCsv.Read(file, o));
    }

    public static CsvRecords<Session> Sessions(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Sessions, s);
        var c = columns.Apply(new SessionColumns());
        return Open(path, FileKind.Sessions, options, s, (stream, o, name) => SessionCsv.Read(stream, c, o, name), (file, o) => SessionCsv.Read(file, c, o));
    }

    public static CsvRecords<Order> Orders(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Orders, s);
        var c = columns.Apply(new OrderColumns());
        return Open(path, FileKind.Orders, options, s, (stream, o, name) => OrderCsv.Read(stream, c, o, name), (file, o) => OrderCsv.Read(file, c, o));
    }

    /// <summary>
    /// The orders of a file as <see cref="OrderRow"/> values (customer index, instant, amount; no string or record per
    /// row): the same rows accepted and rejected, with the same report, as <see cref="Orders"/>. It has no channel or
    /// segment: a command that keys orders by one reads <see cref="Orders"/>.
    /// </summary>
    public static OrderRows OrderRows(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Orders, s);
        var c = columns.Apply(new OrderColumns());
        if (DuckDbInput.Reads(path, FileKind.Orders, s, options))
        {
            return OrderCsv.ReadRows(DuckDbInput.Open(path, FileKind.Orders, s, options), c, DuckDbInput.TextOptions(options), path);
        }

        return StandardInput.Is(path) ? OrderCsv.ReadRows(StandardInput.Stream(), c, options, StandardInput.Name) : OrderCsv.ReadRows(path, c, options);
    }

    public static CsvRecords<SubscriptionEvent> Subscriptions(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Subscriptions, s);
        if (s.Input.SubscriptionSummaries is { } summary)
        {
            // One row per subscription (Stripe): start and cancel events are made by the reader; a map renames the ids and currency only.
            var sc = columns.Apply(summary);
            return Open(path, FileKind.Subscriptions, options, s, (stream, o, name) => SubscriptionSummaryCsv.Read(stream, sc, o, name), (file, o) => SubscriptionSummaryCsv.Read(file, sc, o));
        }

        var c = columns.Apply(new SubscriptionEventColumns()) with { EventNames = Aliases<SubscriptionEventKind>(s.Input.For(FileKind.Subscriptions), SubscriptionEventCsv.TryParseKind) };
        return Open(path, FileKind.Subscriptions, options, s, (stream, o, name) => SubscriptionEventCsv.Read(stream, c, o, name), (file, o) => SubscriptionEventCsv.Read(file, c, o));
    }

    public static CsvRecords<CartEvent> CartEvents(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.CartEvents, s);
        var c = columns.Apply(s.Input.CartEvents ?? new CartEventColumns());
        c = c with { EventNames = Aliases<CartEventKind>(s.Input.For(FileKind.CartEvents), CartEventCsv.TryParseKind) ?? c.EventNames };
        return Open(path, FileKind.CartEvents, options, s, (stream, o, name) => CartEventCsv.Read(stream, c, o, name), (file, o) => CartEventCsv.Read(file, c, o));
    }

    private delegate bool KindParser<TKind>(string? text, out TKind kind);

    /// <summary>
    /// A file through its reader: rows DuckDB hands over as CSV text (Parquet, <c>--engine duckdb</c>; <see cref="DuckDbInput"/>),
    /// standard input, or the file itself.
    /// </summary>
    private static CsvRecords<T> Open<T>(string path, FileKind kind, CsvReadOptions options, CliSettings s, Func<Stream, CsvReadOptions, string, CsvRecords<T>> fromStream, Func<string, CsvReadOptions, CsvRecords<T>> fromFile)
    {
        if (DuckDbInput.Reads(path, kind, s, options))
        {
            return fromStream(DuckDbInput.Open(path, kind, s, options), DuckDbInput.TextOptions(options), path);
        }

        return StandardInput.Is(path) ? fromStream(StandardInput.Stream(), options, StandardInput.Name) : fromFile(path, options);
    }

    /// <summary>The mapping file's <c>event_names</c> as the reader's aliases (names were checked when the file was read).</summary>
    private static Dictionary<string, TKind?>? Aliases<TKind>(FileFormat format, KindParser<TKind> parse)
        where TKind : struct, Enum =>
        format.EventNames?.ToDictionary(p => p.Key, p => p.Value is { } name && parse(name, out var kind) ? kind : (TKind?)null, StringComparer.OrdinalIgnoreCase);

    /// <summary>A ticket summary file (one row per ticket, or a snapshot log when <c>updated_at</c> is mapped).</summary>
    public static CsvRecords<SupportTicket> TicketSummaries(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.TicketSummaries, s);
        var c = columns.Apply(new TicketSummaryColumns());
        return Open(path, FileKind.TicketSummaries, options, s, (stream, o, name) => TicketSummaryCsv.Read(stream, c, o, name), (file, o) => TicketSummaryCsv.Read(file, c, o));
    }

    /// <summary>
    /// A survival file (duration + event); <paramref name="segment"/> (from <c>--segment</c>) names the segment column when
    /// given, <paramref name="stratum"/> (from <c>--strata</c>) the stratum column, <paramref name="covariates"/> (from
    /// <c>--cox</c>) the Cox covariate columns.
    /// </summary>
    public static CsvRecords<SurvivalRecord> Survival(string path, string? segment, CliSettings s, string? stratum = null, IReadOnlyList<string>? covariates = null)
    {
        var (columns, options) = Prepare(path, FileKind.Survival, s);
        var c = columns.Apply(new SurvivalColumns());
        c = segment is null ? c : c with { Segment = segment };
        c = stratum is null ? c : c with { Stratum = stratum };
        c = covariates is null ? c : c with { Covariates = covariates };
        return Open(path, FileKind.Survival, options, s, (stream, o, name) => SurvivalCsv.Read(stream, c, o, name), (file, o) => SurvivalCsv.Read(file, c, o));
    }

    /// <summary>A sign-up file (customer, acquired instant, source, campaign).</summary>
    public static CsvRecords<Acquisition.AcquiredCustomer> Signups(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Signups, s);
        var c = columns.Apply(new AcquisitionColumns());
        return Open(path, FileKind.Signups, options, s, (stream, o, name) => AcquisitionCsv.Read(stream, c, o, name), (file, o) => AcquisitionCsv.Read(file, c, o));
    }

    /// <summary>An acquisition spend file (source, period start on <paramref name="grid"/>, amount, currency).</summary>
    public static CsvRecords<Acquisition.AcquisitionSpend> AcquisitionSpend(string path, Time.PeriodGrid grid, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.AcquisitionSpend, s);
        var c = columns.Apply(new AcquisitionSpendColumns());
        return Open(path, FileKind.AcquisitionSpend, options, s, (stream, o, name) => AcquisitionSpendCsv.Read(stream, grid, c, o, name), (file, o) => AcquisitionSpendCsv.Read(file, grid, c, o));
    }

    /// <summary>A review file (one row per review); a review preset (Google) keeps its source name, rating names and resource-name items.</summary>
    public static CsvRecords<Reviews.Review> Reviews(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Reviews, s);
        var c = columns.Apply(s.Input.Reviews ?? new ReviewColumns());
        return Open(path, FileKind.Reviews, options, s, (stream, o, name) => ReviewCsv.Read(stream, c, o, name), (file, o) => ReviewCsv.Read(file, c, o));
    }

    /// <summary>
    /// A customer attribute file (clv --covariates): one row per customer, the <c>customers</c> section's
    /// <c>customer_id</c> column and the named attribute columns, each read as text (an empty cell is null).
    /// </summary>
    public static CsvRecords<CustomerAttributes> Customers(string path, IReadOnlyList<string> columns, CliSettings s)
    {
        var (map, options) = Prepare(path, FileKind.Customers, s);
        string id = map.HeaderOf("customer_id")!;
        string[] required = [id, .. columns];
        CustomerAttributes Row(CsvRow row) => new(row.GetString(id), [.. columns.Select(row.GetOptionalString)]);
        return Open(path, FileKind.Customers, options, s, (stream, o, name) => CsvTable.Read(stream, required, Row, o, name), (file, o) => CsvTable.Read(file, required, Row, o));
    }

    public static CsvRecords<Experiments.Assignment> Assignments(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Assignments, s);
        string customer = columns.HeaderOf("customer_id")!, arm = columns.HeaderOf("arm")!, at = columns.HeaderOf("assigned_at")!;
        return AssignmentCsv.Read(path, options, customer, arm, at, columns.HeaderOf("segment"), s.Family.Covariate);
    }

    public static CsvRecords<Experiments.OutcomeEvent> Outcomes(string path, CliSettings s)
    {
        var (columns, options) = Prepare(path, FileKind.Outcomes, s);
        string customer = columns.HeaderOf("customer_id")!, at = columns.HeaderOf("occurred_at")!, revenue = columns.HeaderOf("revenue")!;
        return OutcomeCsv.Read(path, options, customer, at, revenue, columns.HeaderOf("currency") ?? "currency");
    }

    /// <summary>The header names of a file as the readers see them, or null for an empty file; standard input's first line is kept for the reader.</summary>
    public static IReadOnlySet<string>? HeaderOf(string path, FileKind kind, CliSettings s)
    {
        var options = s.Input.Options(kind, s);
        return DuckDbInput.Reads(path, kind, s, options) ? DuckDbInput.Header(path, kind, s, options) : Header(path, options);
    }

    /// <summary>The survey kind of a conventional file name or command (nps, csat, ces).</summary>
    public static FileKind SurveyKind(int min, int max, RatingScale? scale) =>
        scale is null && min == 0 && max == 10 ? FileKind.Nps : ReferenceEquals(scale, CesScale.Agreement1To7) ? FileKind.Ces : FileKind.Csat;

    private static (ColumnMap Columns, CsvReadOptions Options) Prepare(string path, FileKind kind, CliSettings s)
    {
        var format = s.Input.For(kind);
        var options = s.Input.Options(kind, s);
        bool duckDb = DuckDbInput.Reads(path, kind, s, options);
        if (options.Unnest is not null && !IsJsonLines(path, options))
        {
            throw new UsageException($"{kind.Section()}: unnest '{options.Unnest}' applies to JSON Lines, and {(StandardInput.Is(path) ? StandardInput.Name : path)} is read as CSV (name it .jsonl or .ndjson, or give \"format\": \"jsonl\" or --input-format jsonl).");
        }

        var named = format.Columns.Pairs.Where(p => p.Header.Length > 0).ToList();
        if (named.Count > 0 && (duckDb || !IsJsonLines(path, options)))
        {
            var header = duckDb ? DuckDbInput.Header(path, kind, s, options) : Header(path, options);
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
    internal static HashSet<string>? Header(string path, CsvReadOptions options)
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

/// <summary>One row of a customer attribute file: the customer and the text of each requested column (null when empty).</summary>
internal sealed record CustomerAttributes(string CustomerId, string?[] Values);
