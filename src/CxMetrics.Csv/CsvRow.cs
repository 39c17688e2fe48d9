using System.Globalization;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// The current row of a CSV source, read by column name. Getters throw <see cref="CsvFieldException"/> naming the column,
/// the value and what was expected; the reader turns that into a rejection. Numbers use
/// <see cref="CsvReadOptions.DecimalSeparator"/> and never a group separator (<c>1.234,5</c> is rejected, not misread). The row object is reused: do not keep it beyond the mapping call.
/// </summary>
public sealed class CsvRow
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private readonly CsvRowStream reader; // the cells of the current row, from our scanner or CsvHelper
    private readonly Dictionary<string, int> ordinals;
    private readonly JsonLineCells? json;
    private readonly TimestampReader timestamps;
    private readonly NumberFormatInfo numbers;
    private readonly SmallStrings? strings;

    internal CsvRow(CsvRowStream reader, Dictionary<string, int> ordinals, CsvReadOptions options)
    {
        this.reader = reader;
        this.ordinals = ordinals;
        strings = ordinals is null ? null : new SmallStrings(ordinals.Count == 0 ? 0 : ordinals.Values.Max() + 1);
        Options = options;
        timestamps = new TimestampReader(options);
        numbers = options.DecimalSeparator == '.' ? NumberFormatInfo.InvariantInfo : new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };
    }

    /// <summary>A row of a JSON Lines source: the cells are the current object's (and unnested element's) fields.</summary>
    internal CsvRow(JsonLineCells cells, CsvReadOptions options)
        : this(null!, null!, options)
    {
        json = cells;
    }

    /// <summary>The line on which this row starts (the header is line 1).</summary>
    public long Line { get; internal set; }

    /// <summary>The options the source is read with.</summary>
    public CsvReadOptions Options { get; }

    /// <summary>True when the header has a column of this name (names compare exactly after trimming); for JSON Lines, when the current object has the key.</summary>
    public bool HasColumn(string? column) => column is not null && (json?.Has(column) ?? ordinals.ContainsKey(column));

    /// <summary>The field index of a column in the header, or -1 when the column is <c>null</c> or absent (CSV sources only).</summary>
    internal int Ordinal(string? column) => column is not null && ordinals.TryGetValue(column, out int i) ? i : -1;

    /// <summary>The cell of a required column, trimmed; throws when empty.</summary>
    public string GetString(string column)
    {
        string value = Raw(column).Trim();
        if (value.Length > 0 && IsMissing(value))
        {
            throw new CsvFieldException(column, $"is {CsvText.Quote(value)}, the marker of a missing value; a value is required.");
        }

        return value.Length > 0 ? value : throw new CsvFieldException(column, "is empty; a value is required.");
    }

    /// <summary>True when a trimmed cell is one of <see cref="CsvReadOptions.MissingValues"/>.</summary>
    private bool IsMissing(string value)
    {
        var markers = Options.MissingValues;
        for (int i = 0; i < markers.Count; i++)
        {
            if (string.Equals(markers[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The trimmed cell, or <c>null</c> when the column is absent from the header (or not mapped) or the cell is empty.</summary>
    public string? GetOptionalString(string? column)
    {
        if (!HasColumn(column))
        {
            return null;
        }

        string value = Raw(column!).Trim();
        return value.Length > 0 && !IsMissing(value) ? value : null;
    }

    /// <summary>
    /// An instant: ISO 8601 or <see cref="CsvReadOptions.TimestampPattern"/> with an offset, a local time in
    /// <see cref="CsvReadOptions.Zone"/> (skipped / ambiguous times rejected), a date as the start of its day there, or a
    /// Unix time in <see cref="CsvReadOptions.UnixTime"/> units.
    /// </summary>
    public Instant GetInstant(string column)
    {
        // The common layout (ISO 8601 with an offset) straight from the cell's bytes: no string. The byte kernel accepts a
        // subset of what the string path's first reader accepts, with the same instant; anything else goes that way.
        if (Options.UnixTime is null && Span(column) is { } cell && Utf8Cells.TryTrim(cell.Bytes, out var text)
            && Utf8Cells.TryIsoWithOffset(text, out var instant) && !IsMissing(text))
        {
            return instant;
        }

        return timestamps.Read(GetString(column), column);
    }

    /// <summary>
    /// A decimal with <see cref="CsvReadOptions.DecimalSeparator"/> (<c>-12.50</c>, or <c>-12,50</c> with <c>,</c>); no group
    /// (thousands) separators, no currency symbols, no exponent: <c>1.234,50</c> is rejected, never misread.
    /// </summary>
    public decimal GetDecimal(string column)
    {
        string text = GetString(column);
        if (decimal.TryParse(text, DecimalStyle, numbers, out decimal value))
        {
            return value;
        }

        throw new CsvFieldException(column, double.TryParse(text, DecimalStyle, numbers, out double d) && Math.Abs(d) >= 1e28
            ? $"{CsvText.Quote(text)} is beyond the range of decimal numbers (about ±7.9 × 10^28)."
            : $"{CsvText.Quote(text)} is not a number ({ExpectedNumber(text)}).");
    }

    /// <summary>What a number should look like, with a hint when the text seems to use the other separator or a group separator.</summary>
    private string ExpectedNumber(string text)
    {
        char other = Options.DecimalSeparator == '.' ? ',' : '.';
        string expected = Options.DecimalSeparator == '.' ? "expected invariant notation such as 1234.50" : "expected a decimal comma such as 1234,50";
        return text.Contains(other, StringComparison.Ordinal)
            ? $"{expected}, without group separators; the decimal separator is '{Options.DecimalSeparator}' (CsvReadOptions.DecimalSeparator)"
            : expected;
    }

    /// <summary>
    /// A money amount (an order amount, revenue, MRR, a cart value): a decimal as <see cref="GetDecimal"/> whose absolute
    /// value is at most <see cref="CsvReadOptions.MaxAmount"/> (default 10^15). A larger amount is rejected here, so that
    /// exact decimal sums over the accepted rows cannot overflow.
    /// </summary>
    public decimal GetAmount(string column)
    {
        decimal value = GetDecimal(column);
        return Math.Abs(value) <= Options.MaxAmount
            ? value
            : throw new CsvFieldException(column, string.Create(CultureInfo.InvariantCulture, $"amount {value} is beyond ±{Options.MaxAmount} (the largest amount read; see CsvReadOptions.MaxAmount)."));
    }

    /// <summary>An integer, or <c>null</c> when the cell is empty or the column absent.</summary>
    public int? GetOptionalInt32(string? column)
    {
        // Up to nine plain digits straight from the cell's bytes (a score, a count): what int.Parse gives, no string.
        if (column is not null && Span(column) is { } cell && Utf8Cells.TryTrim(cell.Bytes, out var digits)
            && digits.Length is > 0 and <= 9 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9') && !IsMissing(digits))
        {
            int n = 0;
            foreach (byte d in digits)
            {
                n = (n * 10) + (d - '0');
            }

            return n;
        }

        string? text = GetOptionalString(column);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a whole number.");
    }

    /// <summary>A double, or <c>null</c> when the cell is empty or the column absent.</summary>
    public double? GetOptionalDouble(string? column)
    {
        string? text = GetOptionalString(column);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, numbers, out double value) && double.IsFinite(value)
            ? value
            : throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a finite number ({ExpectedNumber(text)}).");
    }

    /// <summary>
    /// A yes/no cell: one of <see cref="CsvReadOptions.TrueValues"/> or <see cref="CsvReadOptions.FalseValues"/>, ignoring
    /// case (defaults true/yes/y/1 and false/no/n/0); anything else is rejected naming both lists.
    /// </summary>
    public bool GetBoolean(string column)
    {
        string text = GetString(column);
        foreach (string spelling in Options.TrueValues)
        {
            if (string.Equals(text, spelling, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (string spelling in Options.FalseValues)
        {
            if (string.Equals(text, spelling, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a yes/no value (expected {string.Join('/', Options.TrueValues)} for yes or {string.Join('/', Options.FalseValues)} for no, any case).");
    }

    /// <summary>
    /// Marks the current row as skipped on purpose (for instance an event name mapped to nothing, such as OTTO's
    /// <c>clicks</c> in a cart event file): the mapping's return value is discarded and the row counts in
    /// <see cref="CsvReport.RowsSkipped"/>, neither accepted nor rejected.
    /// </summary>
    internal void Skip() => SkipRequested = true;

    /// <summary>Set by <see cref="Skip"/> for the current row.</summary>
    internal bool SkipRequested { get; set; }

    /// <summary>
    /// The cell as text. A cell whose bytes are not valid UTF-8 (say, <c>M\xFCller</c> from a Latin-1 export) is rejected
    /// here, never read with replacement characters: two different names must not become the same <c>M\uFFFDller</c>. A
    /// U+FFFD that the file really holds (the bytes EF BF BD) is kept.
    /// </summary>
    private string Raw(string column)
    {
        if (json is not null)
        {
            return json.TryGet(column, out string cell) ? cell : throw new CsvFieldException(column, "is missing from the JSON object; a value is required.");
        }

        if (!ordinals.TryGetValue(column, out int i))
        {
            throw new CsvFieldException(column, "is not in the header.");
        }

        // A column of few distinct values (channel, segment, currency…) hands out the string made the first time.
        bool tabled = strings!.Tables(i);
        if (tabled && strings.Find(i, reader.GetSpan(i)) is { } known)
        {
            return known;
        }

        string value = reader.GetString(i);
        if (value.Contains('\uFFFD', StringComparison.Ordinal) && FirstInvalidUtf8(reader.GetSpan(i)) is { } at)
        {
            var bytes = reader.GetSpan(i);
            throw new CsvFieldException(column, string.Create(CultureInfo.InvariantCulture, $"holds bytes that are not UTF-8 (0x{bytes[at]:X2} at byte {at + 1} of {bytes.Length}); the file seems to be in another encoding: convert it to UTF-8 or set {nameof(CsvReadOptions)}.{nameof(CsvReadOptions.Encoding)} (e.g. Latin-1). Not read with replacement characters."));
        }

        if (tabled)
        {
            strings.Add(i, reader.GetSpan(i), value);
        }

        return value;
    }

    /// <summary>The UTF-8 bytes of a CSV cell of a column in the header, or <c>null</c> (JSON Lines, or no such column).</summary>
    private Utf8Cell? Span(string column) =>
        json is null && ordinals.TryGetValue(column, out int i) ? new Utf8Cell(reader, i) : null;

    /// <summary>True when ASCII text equals one of <see cref="CsvReadOptions.MissingValues"/>.</summary>
    private bool IsMissing(ReadOnlySpan<byte> ascii)
    {
        var markers = Options.MissingValues;
        for (int i = 0; i < markers.Count; i++)
        {
            if (System.Text.Ascii.Equals(ascii, markers[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first byte that does not start a valid UTF-8 sequence, or <c>null</c> when all are valid.</summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        while (at < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return null;
    }

    /// <summary>A cell's bytes, read when needed (a ref struct cannot be nullable).</summary>
    private readonly struct Utf8Cell(CsvRowStream reader, int index)
    {
        public ReadOnlySpan<byte> Bytes => reader.GetSpan(index);
    }
}
