using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Unicode;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// The parsing half of an <see cref="OrderRows"/> read of a delimited source: fills <see cref="OrderChunk"/>s with accepted
/// orders, in file order. Each row is tried on the bytes of its cells (<see cref="TryFast"/>); a row the span kernels are not
/// sure of goes through the string-based mapping of <see cref="OrderCsv"/>, which shares this run's currency state, accepts
/// it or rejects it with its usual message. The fast path never rejects and changes no state before the whole row is known
/// good, so both paths together accept and reject exactly what the string path alone does. The account goes into a report
/// of the parser's own, copied into each chunk, so that the caller's report follows the rows handed out even when the
/// parser runs ahead on another thread; it touches nothing else the caller can see (customer ids are only hashed here).
/// </summary>
internal sealed class OrderRowParser : IDisposable
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private readonly IdTable ids; // for its hash only (a fixed seed), which is safe from any thread
    private readonly CsvReport report;
    private readonly CsvRowStream stream;
    private readonly Func<CsvRow, Order> map;
    private readonly SingleCurrency currency;
    private readonly TimestampReader timestamps;
    private readonly int customer, placedAt, amount, currencyColumn, id, channel, segment;
    private readonly string placedAtName;
    private readonly byte separator;
    private readonly decimal maxAmount;
    private readonly int maxAmountDigits; // an amount cell of fewer bytes has fewer whole digits than MaxAmount, so it is below it
    private ulong lastDateHead; // the first ten bytes of the last ISO date read, and its days from 1970-01-01
    private ushort lastDateTail;
    private long lastDays;
    private bool haveDate;
    private readonly byte[][] missing;
    private readonly UnixTimeUnit? unix;
    private readonly byte[]? fixedCurrency;
    private readonly NumberFormatInfo numbers;
    private byte[]? first;
    private string? acceptedCurrency;
    private bool finished;

    /// <summary>Opens the source and checks its header (a <see cref="CsvDataException"/> when it lacks a required column).</summary>
    public OrderRowParser(OrderRows owner, CsvSource source)
    {
        ids = owner.CustomerIds;
        var options = owner.Options;
        var columns = owner.Columns;
        report = new CsvReport(owner.Report.Source);
        stream = new CsvRowStream(report, source, options, owner.Required, scan: true);
        string currencyName = OrderCsv.CurrencyColumn(columns);
        currency = new SingleCurrency(owner.FixedCurrency, currencyName);
        map = OrderCsv.Map(columns, currency);
        timestamps = new TimestampReader(options);
        var row = stream.Row;
        customer = row.Ordinal(columns.CustomerId);
        placedAt = row.Ordinal(columns.PlacedAt);
        amount = row.Ordinal(columns.Amount);
        currencyColumn = row.Ordinal(currencyName);
        id = row.Ordinal(columns.Id);
        channel = row.Ordinal(columns.Channel);
        segment = row.Ordinal(columns.Segment);
        placedAtName = columns.PlacedAt;
        separator = (byte)options.DecimalSeparator;
        maxAmount = options.MaxAmount;
        decimal whole = decimal.Truncate(maxAmount);
        maxAmountDigits = whole < 1 ? 0 : whole.ToString(CultureInfo.InvariantCulture).Length;
        missing = [.. options.MissingValues.Select(Encoding.UTF8.GetBytes)];
        unix = options.UnixTime;
        fixedCurrency = owner.FixedCurrency is null ? null : Encoding.ASCII.GetBytes(owner.FixedCurrency);
        numbers = options.DecimalSeparator == '.' ? NumberFormatInfo.InvariantInfo : new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };
    }

    /// <summary>
    /// Fills <paramref name="chunk"/> (cleared first) with the next accepted rows, up to its capacity, and the account after
    /// them. Never throws: what stops the read (strict mode's bad row, an unreadable source) is kept in
    /// <see cref="OrderChunk.Failure"/>, after the rows before it, and ends the read.
    /// </summary>
    public void Fill(OrderChunk chunk)
    {
        chunk.Clear();
        try
        {
            while (!finished && chunk.Count < OrderChunk.Capacity)
            {
                if (!stream.MoveNext())
                {
                    finished = true;
                }
                else if (TryFast(chunk))
                {
                    report.Accept();
                }
                else
                {
                    chunk.RowsReadAsText++;
                    if (stream.TryMap(map, out var order))
                    {
                        acceptedCurrency ??= order.Currency;
                        chunk.AddText(order.CustomerId, order.PlacedAt, order.Amount);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // Raised to the caller once the rows before it have been handed out (on the caller's thread).
            chunk.Failure = ExceptionDispatchInfo.Capture(ex);
            finished = true;
        }

        chunk.End = finished;
        chunk.Currency = acceptedCurrency;
        chunk.Account = report.Snapshot();
        report.MoveRejections(chunk.Rejections);
    }

    public void Dispose() => stream.Dispose();

    /// <summary>
    /// The current row read from its bytes into the chunk (its id copied and hashed; its index is set by the
    /// <see cref="OrderRowReader"/>), or <c>false</c> (nothing changed) when the string path must decide.
    /// </summary>
    private bool TryFast(OrderChunk chunk)
    {
        var r = stream;
        bool ascii = r.AsciiRow; // every cell valid UTF-8, as the scanner saw when it split the line

        // Amount: a plain decimal in range, not negative.
        if (!Cell(r.GetSpan(amount), out var text))
        {
            return false;
        }

        bool plain = Utf8Cells.TryPlainDecimal(text, separator, out decimal value);
        if (!plain && !(System.Text.Ascii.IsValid(text) && decimal.TryParse(text, DecimalStyle, numbers, out value)))
        {
            return false;
        }

        // A plain decimal is never negative; a cell shorter than the maximum's whole digits is below it (no decimal compare).
        if ((!plain && value < 0) || (text.Length >= maxAmountDigits && value > maxAmount))
        {
            return false;
        }

        // Customer id: any valid UTF-8 (trimmed and checked in one pass; ASCII needs only the trim).
        var customerCell = r.GetSpan(customer);
        if (!(ascii ? Utf8Cells.TryTrim(customerCell, out var customerId) : Utf8Cells.TryTrimUtf8(customerCell, out customerId)) || customerId.IsEmpty || IsMissing(customerId))
        {
            return false;
        }

        if (!TryInstant(r.GetSpan(placedAt), out var at))
        {
            return false;
        }

        // Currency: the cell, else the fixed one; three upper-case letters; the file's one currency.
        ReadOnlySpan<byte> code = fixedCurrency;
        if (currencyColumn >= 0)
        {
            if (!Utf8Cells.TryTrim(r.GetSpan(currencyColumn), out var cell))
            {
                return false;
            }

            if (!cell.IsEmpty && !IsMissing(cell))
            {
                code = cell;
            }
        }

        if (code.Length != 3 || !char.IsAsciiLetterUpper((char)code[0]) || !char.IsAsciiLetterUpper((char)code[1]) || !char.IsAsciiLetterUpper((char)code[2]))
        {
            return false;
        }

        if (currency.First is { } known)
        {
            first ??= Encoding.ASCII.GetBytes(known);
            if (code[0] != first[0] || code[1] != first[1] || code[2] != first[2])
            {
                return false;
            }
        }

        // Optional text columns are only checked for valid UTF-8 (the string path rejects a row with bad bytes in any cell it
        // reads); an ASCII row's are.
        if (!ascii && ((id >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(id))) || (channel >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(channel))) || (segment >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(segment)))))
        {
            return false;
        }

        if (currency.First is null)
        {
            string fixedCode = Encoding.ASCII.GetString(code);
            currency.Fix(fixedCode, stream.Row.Line);
            first = code.ToArray();
        }

        acceptedCurrency ??= currency.First;
        int row = chunk.Count;
        int start = chunk.NextIdStart;
        if (start + customerId.Length > chunk.IdBytes.Length)
        {
            Array.Resize(ref chunk.IdBytes, Math.Max(chunk.IdBytes.Length * 2, start + customerId.Length));
        }

        customerId.CopyTo(chunk.IdBytes.AsSpan(start));
        chunk.IdEnds[row] = start + customerId.Length;
        chunk.Hashes[row] = ids.Hash(customerId);
        chunk.Placed[row] = at;
        chunk.Amounts[row] = value;
        chunk.Count = row + 1;
        return true;
    }

    /// <summary>A required cell trimmed: <c>false</c> when empty, a missing-value marker, or not surely trimmed as <see cref="string.Trim()"/> would.</summary>
    private bool Cell(ReadOnlySpan<byte> cell, out ReadOnlySpan<byte> text) =>
        Utf8Cells.TryTrim(cell, out text) && !text.IsEmpty && !IsMissing(text);

    /// <summary>True when the text is one of the missing-value markers (a length check when there are none, the default).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsMissing(ReadOnlySpan<byte> text) => missing.Length != 0 && IsMarker(text);

    private bool IsMarker(ReadOnlySpan<byte> text)
    {
        foreach (byte[] marker in missing)
        {
            if (text.SequenceEqual(marker))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryInstant(ReadOnlySpan<byte> cell, out Instant at)
    {
        at = default;
        if (!Cell(cell, out var text))
        {
            return false;
        }

        if (unix is { } unit)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
            {
                return false;
            }

            // Well inside NodaTime's range (about ±2.5 × 10^11 s); the edges are left to the string path.
            long bound = unit switch { UnixTimeUnit.Seconds => 200_000_000_000L, UnixTimeUnit.Milliseconds => 200_000_000_000_000L, _ => 200_000_000_000_000_000L };
            if (count < -bound || count > bound)
            {
                return false;
            }

            at = unit switch
            {
                UnixTimeUnit.Seconds => Instant.FromUnixTimeSeconds(count),
                UnixTimeUnit.Milliseconds => Instant.FromUnixTimeMilliseconds(count),
                _ => Instant.FromUnixTimeTicks(count * 10),
            };
            return true;
        }

        // The date part is parsed once per distinct date in a row (orders come mostly in time order): a cell that starts with
        // the ten bytes of the last date read has only its time parsed (TryIsoDate + TryIsoTime = TryIsoWithOffset).
        if (text.Length >= 20)
        {
            ulong dateHead = BinaryPrimitives.ReadUInt64LittleEndian(text);
            ushort dateTail = BinaryPrimitives.ReadUInt16LittleEndian(text[8..]);
            if (!haveDate || dateHead != lastDateHead || dateTail != lastDateTail)
            {
                if (!Utf8Cells.TryIsoDate(text, out long days))
                {
                    return TryOtherInstant(text, out at);
                }

                (lastDateHead, lastDateTail, lastDays, haveDate) = (dateHead, dateTail, days, true);
            }

            if (Utf8Cells.TryIsoTime(text, lastDays, out at))
            {
                return true;
            }
        }

        return TryOtherInstant(text, out at);
    }

    /// <summary>A timestamp the byte kernels do not read (a pattern, a local time in the zone, a date): the string reader, on this cell only.</summary>
    private bool TryOtherInstant(ReadOnlySpan<byte> text, out Instant at)
    {
        at = default;

        if (!Utf8.IsValid(text))
        {
            return false;
        }

        try
        {
            at = timestamps.Read(Encoding.UTF8.GetString(text), placedAtName);
            return true;
        }
        catch (CsvFieldException)
        {
            return false;
        }
    }
}
