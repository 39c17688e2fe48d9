using System.CommandLine;
using CxMetrics.Cli.Commands;
using CxMetrics.Csv;
using NodaTime;

namespace CxMetrics.Cli.Input;

/// <summary>
/// The reading options of every command (docs/cli.md, "Column maps, mapping files and presets"): <c>--columns</c>,
/// <c>--map</c>, <c>--from</c>, <c>--encoding</c>, <c>--timestamp-format</c>, <c>--currency</c>, <c>--max-amount</c>,
/// read into <see cref="InputSettings"/>. Bad values are usage errors (exit 2).
/// </summary>
internal static class InputOptions
{
    private static readonly Option<string?> ColumnsOption = new("--columns") { Description = "Column map of the command's file: logical=header pairs, e.g. customer_id=Customer,placed_at=\"Paid at\" (names in double quotes may hold commas, '=' and \"\" for a quote; logical= ignores an optional column).", HelpName = "map" };
    private static readonly Option<string?> MapOption = new("--map") { Description = "JSON mapping file: one section per file kind (orders, nps, csat, ces, tickets, ticket_summaries, sessions, subscriptions, cart_events, survival, assignments, outcomes, reviews, customers) with columns and value formats; flags override it.", HelpName = "file" };
    private static readonly Option<string?> FromOption = new("--from") { Description = "Read a vendor's export by its preset: " + string.Join(", ", CsvPreset.All.Select(p => p.Name)) + ".", HelpName = "preset" };
    private static readonly Option<string?> EncodingOption = new("--encoding") { Description = "Encoding of the files: utf-8 (default, strict: bad bytes reject their row), latin1, windows-1252 or another single-byte code page.", HelpName = "name" };
    private static readonly Option<string?> TimestampFormatOption = new("--timestamp-format") { Description = "NodaTime pattern of the timestamps, e.g. 'dd/MM/uuuu HH:mm', uuuuMMdd (a date is the start of the day) or 'uuuu-MM-dd HH:mm:ss o<+HHmm>'; without an offset it needs --zone.", HelpName = "pattern" };
    private static readonly Option<string?> CurrencyOption = new("--currency") { Description = "ISO 4217 currency of amounts in files without a currency column (or with empty cells), e.g. EUR.", HelpName = "iso" };
    private static readonly Option<string?> InputFormatOption = new("--input-format") { Description = "Layout of the input: csv, jsonl (JSON Lines) or parquet (read by DuckDB); default: by the file's extension (.jsonl, .ndjson are JSON Lines, .parquet Parquet), csv for standard input.", HelpName = "layout" };
    private static readonly Option<string?> EngineOption = new("--engine") { Description = "What reads the files: auto (default: the built-in reader for CSV and JSON Lines, DuckDB for Parquet), builtin, or duckdb (CSV and Parquet files through embedded DuckDB, for very large files).", HelpName = "engine" };
    private static readonly Option<string?> MaxAmountOption = new("--max-amount") { Description = "Largest money amount read; larger ones reject their row (default 10^15).", HelpName = "amount" };

    public static void AddTo(Command command)
    {
        command.Add(ColumnsOption);
        command.Add(MapOption);
        command.Add(FromOption);
        command.Add(EncodingOption);
        command.Add(TimestampFormatOption);
        if (command.Name is not ("nps" or "csat" or "ces" or "support" or "sla" or "conversion" or "reviews"))
        {
            // Money options only where a file holds amounts (orders, subscriptions, cart events, outcomes).
            command.Add(CurrencyOption);
            command.Add(MaxAmountOption);
        }

        command.Add(InputFormatOption);
        command.Add(EngineOption);
    }

    /// <summary>The kinds of file a command reads.</summary>
    public static FileKind[] Reads(string command) => command switch
    {
        "nps" => [FileKind.Nps],
        "csat" => [FileKind.Csat],
        "ces" => [FileKind.Ces],
        "support" or "sla" => [FileKind.TicketSummaries, FileKind.Tickets],
        "survival" => [FileKind.Survival, FileKind.Subscriptions, FileKind.Orders],
        "experiment" => [FileKind.Assignments, FileKind.Outcomes],
        "acquisition" => [FileKind.Signups, FileKind.Orders, FileKind.AcquisitionSpend],
        "conversion" => [FileKind.Sessions],
        "reviews" => [FileKind.Reviews],
        "churn" => [FileKind.Subscriptions, FileKind.Orders],
        "cohorts" => [FileKind.Orders],
        "clv" => [FileKind.Orders, FileKind.Customers],
        "funnel" => [FileKind.CartEvents, FileKind.Sessions],
        _ => FileKinds.All,
    };

    /// <param name="parse">The parse result.</param>
    /// <param name="command">The command's name.</param>
    /// <param name="zone">The <c>--zone</c> flag, when given.</param>
    /// <param name="delimiter">The <c>--delimiter</c> flag, when given explicitly.</param>
    public static InputSettings Read(ParseResult parse, string command, DateTimeZone? zone, char? delimiter)
    {
        var flags = new FileFormat { Zone = zone, Delimiter = delimiter };
        if (parse.GetValue(EncodingOption) is { } encodingName)
        {
            ValueFormats.Check("--encoding", ValueFormats.Encoding(encodingName, out var encoding));
            flags = flags with { Encoding = encoding };
        }

        if (parse.GetValue(TimestampFormatOption) is { } pattern)
        {
            ValueFormats.Check("--timestamp-format", ValueFormats.TimestampFormat(pattern));
            flags = flags with { TimestampFormat = pattern };
        }

        if (parse.GetValue(CurrencyOption) is { } currency)
        {
            ValueFormats.Check("--currency", ValueFormats.Currency(currency));
            flags = flags with { Currency = currency };
        }

        if (parse.GetValue(MaxAmountOption) is { } maxText)
        {
            ValueFormats.Check("--max-amount", ValueFormats.MaxAmount(maxText, out decimal max));
            flags = flags with { MaxAmount = max };
        }

        if (parse.GetValue(InputFormatOption) is { } layout)
        {
            ValueFormats.Check("--input-format", ValueFormats.InputFormat(layout, out var inputFormat, out bool parquet));
            flags = flags with { InputFormat = inputFormat, Parquet = parquet };
        }

        var reads = Reads(command);
        FileKind[] columnsFor = command == "churn" ? [FileKind.Subscriptions, FileKind.Orders] : [reads[0]];
        if (parse.GetValue(ColumnsOption) is { } columnsText)
        {
            if (command == "report")
            {
                throw new UsageException("--columns: report reads several files; give one section per file in a mapping file (--map) instead.");
            }

            if (command == "experiment")
            {
                throw new UsageException("--columns: experiment reads two files; give an assignments and an outcomes section in a mapping file (--map) instead.");
            }

            var map = ColumnMap.Parse(columnsText);
            if (command != "churn")
            {
                map.Validate(reads[0], "--columns");
            }

            flags = flags with { Columns = map };
        }

        CsvPreset? preset = null;
        if (parse.GetValue(FromOption) is { } presetName)
        {
            string? near = CsvPreset.All.Select(p => p.Name).FirstOrDefault(n => ToolCommands.Levenshtein(presetName.ToLowerInvariant(), n) <= 2);
            preset = CsvPreset.Find(presetName) ?? throw new UsageException($"--from: '{presetName}' is not a preset{(near is null ? string.Empty : $"; did you mean {near}?")} (presets: {string.Join(", ", CsvPreset.All.Select(p => p.Name))}).");
            if (!InputSettings.Kinds(preset).Any(reads.Contains))
            {
                throw new UsageException($"--from: {preset.Name} is {InputSettings.Describe(preset)}; {command} reads {string.Join(" or ", reads.Select(k => k.Section()))} files.");
            }
        }

        IReadOnlyDictionary<FileKind, FileFormat> sections = new Dictionary<FileKind, FileFormat>();
        string? mapPath = parse.GetValue(MapOption);
        if (mapPath is not null)
        {
            if (!File.Exists(mapPath))
            {
                throw new FileNotFoundException($"--map: no such file '{mapPath}'.");
            }

            sections = MappingFile.Read(mapPath);
        }

        var engine = InputEngine.Auto;
        if (parse.GetValue(EngineOption) is { } engineName)
        {
            engine = engineName.ToLowerInvariant() switch
            {
                "auto" => InputEngine.Auto,
                "builtin" => InputEngine.Builtin,
                "duckdb" => InputEngine.DuckDb,
                _ => throw new UsageException($"--engine: '{engineName}' is not auto, builtin or duckdb."),
            };
        }

        return new InputSettings { Preset = preset, MapName = mapPath, Map = sections, Flags = flags, ColumnsFor = columnsFor, Engine = engine };
    }
}
