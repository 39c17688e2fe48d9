using CxMetrics.Cli.Commands;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Input;

/// <summary>
/// How a command reads its files, resolved from <c>--from</c> (a preset of CxMetrics.Csv), <c>--map</c> (a mapping file)
/// and the flags (<c>--columns</c>, <c>--encoding</c>, <c>--timestamp-format</c>, <c>--currency</c>, <c>--max-amount</c>,
/// and <c>--zone</c> / <c>--delimiter</c> when given), each layer overriding the one before.
/// </summary>
internal sealed record InputSettings
{
    public static InputSettings Default { get; } = new();

    public CsvPreset? Preset { get; init; }

    /// <summary>The mapping file's name, for messages; null without <c>--map</c>.</summary>
    public string? MapName { get; init; }

    public IReadOnlyDictionary<FileKind, FileFormat> Map { get; init; } = new Dictionary<FileKind, FileFormat>();

    /// <summary>The flags; their columns (<c>--columns</c>) apply to the kinds in <see cref="ColumnsFor"/> only.</summary>
    public FileFormat Flags { get; init; } = FileFormat.None;

    /// <summary>The kinds of file <c>--columns</c> maps: the command's own file.</summary>
    public IReadOnlyList<FileKind> ColumnsFor { get; init; } = [];

    /// <summary>What reads the files (<c>--engine</c>).</summary>
    public InputEngine Engine { get; init; } = InputEngine.Auto;

    /// <summary>The header that holds the subscription id (how churn tells subscription events from orders), without validating the rest of the map.</summary>
    public string SubscriptionIdHeader()
    {
        var pairs = (Map.TryGetValue(FileKind.Subscriptions, out var section) ? section.Columns : ColumnMap.Empty).With(Flags.Columns).Pairs;
        string fallback = Preset?.SubscriptionSummaries?.SubscriptionId ?? "subscription_id";
        return pairs.LastOrDefault(p => p.Logical == "subscription_id").Header is { Length: > 0 } header ? header : fallback;
    }

    /// <summary>
    /// The kinds a preset applies to: order presets to orders, survey presets to the three survey files, a subscription export
    /// (Stripe) to subscriptions, an event export (GA4) to cart events, a ticket export (Zendesk, Freshdesk) to ticket summaries.
    /// </summary>
    public static FileKind[] Kinds(CsvPreset preset) =>
        preset.Orders is not null ? [FileKind.Orders]
        : preset.Surveys is not null ? [FileKind.Nps, FileKind.Csat, FileKind.Ces]
        : preset.SubscriptionSummaries is not null ? [FileKind.Subscriptions]
        : preset.CartEvents is not null ? [FileKind.CartEvents]
        : preset.TicketSummaries is not null ? [FileKind.TicketSummaries]
        : preset.Reviews is not null ? [FileKind.Reviews]
        : [];

    /// <summary>What a preset's export is, for messages.</summary>
    public static string Describe(CsvPreset preset) =>
        preset.Orders is not null ? "an orders export"
        : preset.Surveys is not null ? "a survey export"
        : preset.SubscriptionSummaries is not null ? "a subscriptions export"
        : preset.CartEvents is not null ? "an event export (cart events)"
        : preset.Reviews is not null ? "a review export"
        : "a ticket export (one row per ticket)";

    /// <summary>The preset's subscription summary columns when it applies to subscription files (Stripe), else null.</summary>
    public SubscriptionSummaryColumns? SubscriptionSummaries => Preset?.SubscriptionSummaries;

    /// <summary>The preset's cart-event columns when it applies to cart-event files (GA4), else null.</summary>
    public CartEventColumns? CartEvents => Preset?.CartEvents;

    /// <summary>The preset's review columns when it applies to review files (Google), else null.</summary>
    public ReviewColumns? Reviews => Preset?.Reviews;

    /// <summary>The resolved format of one kind of file.</summary>
    public FileFormat For(FileKind kind)
    {
        var format = Preset is { } p && Kinds(p).Contains(kind) ? FromPreset(p) : FileFormat.None;
        if (Map.TryGetValue(kind, out var section))
        {
            format = format.With(section);
        }

        var flags = ColumnsFor.Contains(kind) ? Flags : Flags with { Columns = ColumnMap.Empty };
        if (!flags.Columns.IsEmpty)
        {
            flags.Columns.Validate(kind, "--columns");
        }

        // An export that says its zone (Stripe's "(UTC)" headers) keeps it: --zone then only cuts the periods. A mapping-file
        // section's zone, which is about this file's timestamps, still wins.
        bool sectionZone = Map.TryGetValue(kind, out var own) && own.Zone is not null;
        return Preset is { Zone: { } exportZone } exporter && Kinds(exporter).Contains(kind) && !sectionZone
            ? format.With(flags) with { Zone = exportZone }
            : format.With(flags);
    }

    /// <summary>A preset as a format: only the columns it renames are pairs, so a column it leaves alone keeps the reader's own message.</summary>
    private static FileFormat FromPreset(CsvPreset preset)
    {
        var pairs = new List<(string, string)>();
        void Pair(string logical, string? header, string? conventional)
        {
            if (header != conventional)
            {
                pairs.Add((logical, header ?? string.Empty));
            }
        }

        if (preset.Orders is { } o)
        {
            var d = new OrderColumns();
            Pair("customer_id", o.CustomerId, d.CustomerId);
            Pair("placed_at", o.PlacedAt, d.PlacedAt);
            Pair("amount", o.Amount, d.Amount);
            Pair("currency", o.Currency, d.Currency);
            Pair("order_id", o.Id, d.Id);
            Pair("channel", o.Channel, d.Channel);
            Pair("segment", o.Segment, d.Segment);
        }
        else if (preset.Surveys is { } s)
        {
            var d = new SurveyColumns();
            Pair("customer_id", s.CustomerId, d.CustomerId);
            Pair("answered_at", s.AnsweredAt, d.AnsweredAt);
            Pair("score", s.Score, d.Score);
            Pair("response_id", s.Id, d.Id);
            Pair("channel", s.Channel, d.Channel);
            Pair("touchpoint", s.Touchpoint, d.Touchpoint);
            Pair("segment", s.Segment, d.Segment);
            Pair("weight", s.Weight, d.Weight);
        }

        else if (preset.TicketSummaries is { } t)
        {
            var d = new TicketSummaryColumns();
            Pair("ticket_id", t.TicketId, d.TicketId);
            Pair("created_at", t.CreatedAt, d.CreatedAt);
            Pair("channel", t.Channel, d.Channel);
            Pair("customer_id", t.CustomerId, d.CustomerId);
            Pair("first_reply_at", t.FirstReplyAt, d.FirstReplyAt);
            Pair("first_reply_minutes", t.FirstReplyMinutes, d.FirstReplyMinutes);
            Pair("solved_at", t.SolvedAt, d.SolvedAt);
            Pair("status", t.Status, d.Status);
            Pair("priority", t.Priority, d.Priority);
            Pair("agent_group", t.AgentGroup, d.AgentGroup);
            Pair("reopens", t.Reopens, d.Reopens);
            Pair("segment", t.Segment, d.Segment);
            Pair("updated_at", t.UpdatedAt, d.UpdatedAt);
        }

        // Subscription, cart-event and review presets keep their columns records (a summary's columns, a key of several parts), used by MappedRead.
        return new FileFormat { Columns = new ColumnMap(pairs), TimestampFormat = preset.TimestampPattern, UnixTime = preset.UnixTime, Zone = preset.Zone };
    }

    /// <summary>The reading options of a kind of file: the command's strictness plus the resolved value formats.</summary>
    public CsvReadOptions Options(FileKind kind, CliSettings settings)
    {
        var f = For(kind);
        var zone = f.Zone;
        if (f.TimestampFormat is not null && zone is null && !ValueFormats.HasOffset(f.TimestampFormat))
        {
            throw new UsageException($"{kind.Section()}: the timestamp format '{f.TimestampFormat}' reads local times and needs a zone (--zone, or \"zone\" in the mapping file).");
        }

        var options = new CsvReadOptions
        {
            Delimiter = f.Delimiter ?? ',',
            Zone = zone,
            Strict = settings.Strict,
            TimestampPattern = f.TimestampFormat,
            Encoding = f.Encoding,
            Currency = f.Currency,
        };
        options = f.MaxAmount is { } max ? options with { MaxAmount = max } : options;
        options = f.DecimalSeparator is { } separator ? options with { DecimalSeparator = separator } : options;
        options = options with { UnixTime = f.UnixTime, WhitespaceSeparated = f.Whitespace ?? false, Format = f.InputFormat, Unnest = f.Unnest };
        options = options.Format is null && Preset is { Format: { } format } p && Kinds(p).Contains(kind) ? options with { Format = format } : options;
        options = f.TrueValues is { } yes ? options with { TrueValues = yes } : options;
        options = f.FalseValues is { } no ? options with { FalseValues = no } : options;
        options = f.MissingValues is { } missing ? options with { MissingValues = missing } : options;
        string at = $"{MapName ?? "--map"}: {kind.Section()}";
        if (options.UnixTime is not null && options.TimestampPattern is not null)
        {
            throw new UsageException($"{at}: unix_time and a timestamp format both say how timestamps are written; give one.");
        }

        if (options.WhitespaceSeparated && f.Delimiter is not null)
        {
            throw new UsageException($"{at}: whitespace-separated fields and a delimiter both say how fields are separated; give one.");
        }

        if (options.Unnest is not null && options.Format == CsvInputFormat.Csv)
        {
            throw new UsageException($"{at}: only JSON Lines have arrays to unnest, and the input format is csv.");
        }

        if (options.WhitespaceSeparated && options.Format == CsvInputFormat.JsonLines)
        {
            throw new UsageException($"{at}: whitespace-separated fields and JSON Lines both say how a line is laid out; give one.");
        }

        if (!options.WhitespaceSeparated && options.DecimalSeparator == options.Delimiter)
        {
            throw new UsageException($"{at}: the decimal separator and the delimiter are both '{options.Delimiter}'; use another delimiter (e.g. ';').");
        }

        var clash = options.TrueValues.Concat(options.FalseValues).FirstOrDefault(v => v.Length == 0 || v.Trim() != v || (options.TrueValues.Contains(v, StringComparer.OrdinalIgnoreCase) && options.FalseValues.Contains(v, StringComparer.OrdinalIgnoreCase)));
        return clash is null ? options : throw new UsageException($"{at}: the yes/no spelling '{clash}' is empty, padded with spaces, or in both true_values and false_values.");
    }
}
