using System.Text;
using NodaTime;

namespace CxMetrics.Cli.Input;

/// <summary>
/// How one kind of file is read, as a mapping-file section, a preset or the command line gives it: column map and value
/// formats. Unset values (<c>null</c>) fall back to the next layer (preset, then mapping file, then command line, each
/// overriding the one before).
/// </summary>
internal sealed record FileFormat
{
    public static FileFormat None { get; } = new();

    public ColumnMap Columns { get; init; } = ColumnMap.Empty;

    public DateTimeZone? Zone { get; init; }

    public string? TimestampFormat { get; init; }

    public char? Delimiter { get; init; }

    public Encoding? Encoding { get; init; }

    public string? Currency { get; init; }

    public decimal? MaxAmount { get; init; }

    public char? DecimalSeparator { get; init; }

    public Csv.UnixTimeUnit? UnixTime { get; init; }

    public IReadOnlyList<string>? TrueValues { get; init; }

    public IReadOnlyList<string>? FalseValues { get; init; }

    public bool? Whitespace { get; init; }

    /// <summary>JSON Lines or CSV (<c>format</c>, <c>--input-format</c>); unset: by the file's extension.</summary>
    public Csv.CsvInputFormat? InputFormat { get; init; }

    /// <summary>Parquet (<c>format</c> or <c>--input-format parquet</c>): true; csv or jsonl given: false; unset: by the file's extension.</summary>
    public bool? Parquet { get; init; }

    /// <summary>The JSON Lines array field whose elements become rows (<c>unnest</c>).</summary>
    public string? Unnest { get; init; }

    /// <summary>
    /// Event-name aliases (<c>event_names</c>): the file's value → the standard event name it stands for (checked against
    /// the kind's names when the mapping file is read), or <c>null</c> to skip the row.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? EventNames { get; init; }
    /// <summary>Cells that mean "no value" (<c>missing_values</c>, e.g. ServiceNow's <c>?</c>).</summary>
    public IReadOnlyList<string>? MissingValues { get; init; }

    /// <summary>This format with every value <paramref name="over"/> sets replacing this one's (columns pair by pair).</summary>
    public FileFormat With(FileFormat over) => new()
    {
        Columns = Columns.With(over.Columns),
        Zone = over.Zone ?? Zone,
        TimestampFormat = over.TimestampFormat ?? TimestampFormat,
        Delimiter = over.Delimiter ?? Delimiter,
        Encoding = over.Encoding ?? Encoding,
        Currency = over.Currency ?? Currency,
        MaxAmount = over.MaxAmount ?? MaxAmount,
        DecimalSeparator = over.DecimalSeparator ?? DecimalSeparator,
        UnixTime = over.UnixTime ?? UnixTime,
        TrueValues = over.TrueValues ?? TrueValues,
        FalseValues = over.FalseValues ?? FalseValues,
        Whitespace = over.Whitespace ?? Whitespace,
        InputFormat = over.Parquet == true ? null : over.InputFormat ?? InputFormat,
        Parquet = over.Parquet ?? Parquet,
        Unnest = over.Unnest ?? Unnest,
        EventNames = over.EventNames ?? EventNames,
        MissingValues = over.MissingValues ?? MissingValues,
    };
}
