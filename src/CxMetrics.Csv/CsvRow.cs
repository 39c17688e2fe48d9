using System.Globalization;
using NodaTime;
using CsvHelper;

namespace CxMetrics.Csv;

/// <summary>
/// The current row of a CSV source, read by column name. Getters throw <see cref="CsvFieldException"/> naming the column,
/// the value and what was expected; the reader turns that into a rejection. Numbers are culture-invariant (<c>1234.5</c>,
/// never <c>1.234,5</c>). The row object is reused: do not keep it beyond the mapping call.
/// </summary>
public sealed class CsvRow
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private readonly CsvReader reader;
    private readonly Dictionary<string, int> ordinals;
    private readonly TimestampReader timestamps;

    internal CsvRow(CsvReader reader, Dictionary<string, int> ordinals, CsvReadOptions options)
    {
        this.reader = reader;
        this.ordinals = ordinals;
        Options = options;
        timestamps = new TimestampReader(options);
    }

    /// <summary>The line on which this row starts (the header is line 1).</summary>
    public long Line { get; internal set; }

    /// <summary>The options the source is read with.</summary>
    public CsvReadOptions Options { get; }

    /// <summary>True when the header has a column of this name (names compare exactly after trimming).</summary>
    public bool HasColumn(string? column) => column is not null && ordinals.ContainsKey(column);

    /// <summary>The cell of a required column, trimmed; throws when empty.</summary>
    public string GetString(string column)
    {
        string value = Raw(column).Trim();
        return value.Length > 0 ? value : throw new CsvFieldException(column, "is empty; a value is required.");
    }

    /// <summary>The trimmed cell, or <c>null</c> when the column is absent from the header (or not mapped) or the cell is empty.</summary>
    public string? GetOptionalString(string? column)
    {
        if (!HasColumn(column))
        {
            return null;
        }

        string value = Raw(column!).Trim();
        return value.Length > 0 ? value : null;
    }

    /// <summary>An instant: with an offset, or a local time in <see cref="CsvReadOptions.Zone"/> (skipped / ambiguous times rejected).</summary>
    public Instant GetInstant(string column) => timestamps.Read(GetString(column), column);

    /// <summary>A decimal in invariant notation (<c>-12.50</c>); no thousands separators, no currency symbols.</summary>
    public decimal GetDecimal(string column)
    {
        string text = GetString(column);
        return decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out decimal value)
            ? value
            : throw new CsvFieldException(column, $"'{text}' is not a number (expected invariant notation such as 1234.50).");
    }

    /// <summary>An integer, or <c>null</c> when the cell is empty or the column absent.</summary>
    public int? GetOptionalInt32(string? column)
    {
        string? text = GetOptionalString(column);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new CsvFieldException(column, $"'{text}' is not a whole number.");
    }

    /// <summary>A double, or <c>null</c> when the cell is empty or the column absent.</summary>
    public double? GetOptionalDouble(string? column)
    {
        string? text = GetOptionalString(column);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new CsvFieldException(column, $"'{text}' is not a finite number.");
    }

    /// <summary>A yes/no cell: <c>true/false</c>, <c>1/0</c>, <c>yes/no</c> (any case).</summary>
    public bool GetBoolean(string column)
    {
        string text = GetString(column);
        return text.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "Y" => true,
            "FALSE" or "0" or "NO" or "N" => false,
            _ => throw new CsvFieldException(column, $"'{text}' is not a yes/no value (expected true/false, 1/0 or yes/no)."),
        };
    }

    private string Raw(string column) =>
        ordinals.TryGetValue(column, out int i)
            ? reader.GetString(i)
            : throw new CsvFieldException(column, "is not in the header.");
}
