using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// One run of <see cref="OrderRows"/>: each row is tried on the bytes of its cells (<see cref="TryFast"/>); a row the span
/// kernels are not sure of goes through the string-based mapping of <see cref="OrderCsv"/>, which shares this run's currency
/// state, accepts it or rejects it with its usual message. The fast path never rejects and changes no state before the
/// whole row is known good, so both paths together accept and reject exactly what the string path alone does.
/// </summary>
internal sealed class OrderRowReader : IDisposable
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private readonly OrderRows owner;
    private readonly IdTable ids;
    private readonly IEnumerator<Order>? records;
    private readonly CsvRowStream? stream;
    private readonly CsvReader? csv;
    private readonly Func<CsvRow, Order>? map;
    private readonly SingleCurrency? currency;
    private readonly TimestampReader? timestamps;
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

    // Rows read ahead, as columns: from their bytes (delimited sources), each row's id is hashed when the row is parsed, and
    // the ids of the whole batch are looked up (their slots prefetched together, then added when new, in row order) only
    // after the batch is full, so the id table's cache misses overlap instead of stalling every row. A row the fast path refuses ends
    // the batch and waits (pending) until the batch has been handed out; read by the string path, it then starts the next
    // batch with its id looked up at once (as every row of a JSON Lines source is), so rows, indices and rejections keep the
    // file's order. A batch is handed out row by row (MoveNext) or whole (MoveNextBatch).
    public const int BatchSize = 64;
    private readonly int[] customers = new int[BatchSize];
    private readonly Instant[] placed = new Instant[BatchSize];
    private readonly decimal[] amounts = new decimal[BatchSize];
    private readonly int[] hashes = new int[BatchSize];
    private readonly int[] idEnds = new int[BatchSize];
    private byte[] idBytes = new byte[BatchSize * 16];
    private int count;
    private int resolved; // rows at the front of the batch whose index is known (a string-path row)
    private int next;
    private int batchFrom;
    private int batchLength;
    private bool pending;
    private bool finished;
    private ExceptionDispatchInfo? failure;

    /// <summary>A run read by the string path alone (JSON Lines).</summary>
    public OrderRowReader(OrderRows owner, CsvRecords<Order> strings)
    {
        this.owner = owner;
        ids = owner.CustomerIds;
        records = strings.GetEnumerator();
        placedAtName = string.Empty;
        missing = [];
        numbers = NumberFormatInfo.InvariantInfo;
    }

    /// <summary>A run over a delimited source.</summary>
    public OrderRowReader(OrderRows owner, CsvSource source)
    {
        this.owner = owner;
        ids = owner.CustomerIds;
        var options = owner.Options;
        var columns = owner.Columns;
        owner.Report.Reset();
        stream = new CsvRowStream(owner.Report, source, options, owner.Required);
        csv = stream.Reader!;
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

    public OrderRow Current { get; private set; }

    /// <summary>The rows handed out by the last <see cref="MoveNextBatch"/> (empty after the end).</summary>
    public OrderBatch Batch => new(customers.AsSpan(batchFrom, batchLength), placed.AsSpan(batchFrom, batchLength), amounts.AsSpan(batchFrom, batchLength));

    public bool MoveNext()
    {
        if (next >= count && !Fill())
        {
            return false;
        }

        Current = new OrderRow(customers[next], placed[next], amounts[next]);
        next++;
        return true;
    }

    /// <summary>Hands out the rows of the batch not handed out yet (reading the next batch when there are none).</summary>
    public bool MoveNextBatch()
    {
        batchLength = 0;
        if (next >= count && !Fill())
        {
            return false;
        }

        batchFrom = next;
        batchLength = count - next;
        Current = new OrderRow(customers[count - 1], placed[count - 1], amounts[count - 1]);
        next = count;
        return true;
    }

    /// <summary>Reads the next batch of accepted rows; <c>false</c> at the end (the report is then complete).</summary>
    private bool Fill()
    {
        count = next = resolved = 0;
        failure?.Throw();
        if (records is not null)
        {
            return FillFromRecords();
        }

        var s = stream!;
        while (true)
        {
            if (pending)
            {
                // The row that ended the last batch, now that every row before it has been handed out.
                pending = false;
                owner.RowsReadAsText++;
                if (s.TryMap(map!, out var order))
                {
                    Accepted(order);
                }
            }

            while (!finished && count < BatchSize)
            {
                bool more;
                try
                {
                    more = s.MoveNext();
                }
                catch (CsvDataException ex) when (count > 0)
                {
                    // Strict mode's bad row or an unreadable source: raised once the rows before it have been handed out.
                    failure = ExceptionDispatchInfo.Capture(ex);
                    break;
                }

                if (!more)
                {
                    finished = true;
                }
                else if (TryFast())
                {
                    s.Report.Accept();
                    count++;
                }
                else
                {
                    pending = true;
                    break;
                }
            }

            if (count > 0)
            {
                ResolveIds();
                return true;
            }

            if (!pending)
            {
                s.Report.Complete();
                return false;
            }
        }
    }

    private bool FillFromRecords()
    {
        var r = records!;
        while (!finished && count < BatchSize)
        {
            bool more;
            try
            {
                more = r.MoveNext();
            }
            catch (CsvDataException ex) when (count > 0)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
                break;
            }

            if (!more)
            {
                finished = true;
            }
            else
            {
                Accepted(r.Current);
            }
        }

        return count > 0;
    }

    /// <summary>
    /// Looks up (or adds, in row order) the ids of the batch, whose hashes were computed as the rows were parsed. Their hash
    /// slots are prefetched first, together: on a large table each slot is a cache and TLB miss (a page walk, on a virtual
    /// machine a nested one), and a prefetch waits for its translation, so prefetches interleaved with the parsing stalled
    /// every row, while a run of them overlaps the walks.
    /// </summary>
    private void ResolveIds()
    {
        for (int i = resolved; i < count; i++)
        {
            ids.Prefetch(hashes[i], idEnds[i] - (i == 0 ? 0 : idEnds[i - 1]));
        }

        for (int i = resolved; i < count; i++)
        {
            int start = i == 0 ? 0 : idEnds[i - 1];
            var customerId = idBytes.AsSpan(start, idEnds[i] - start);
            int index = ids.Find(customerId, hashes[i]);
            customers[i] = index >= 0 ? index : ids.Add(customerId, hashes[i]);
        }

        resolved = count;
    }

    public void Dispose()
    {
        records?.Dispose();
        stream?.Dispose();
    }

    /// <summary>A row accepted by the string path, appended to the batch (its rows before it have their indices, so order is kept).</summary>
    private void Accepted(Order order)
    {
        customers[count] = ids.GetOrAdd(order.CustomerId);
        placed[count] = order.PlacedAt;
        amounts[count] = order.Amount;
        idEnds[count] = count == 0 ? 0 : idEnds[count - 1];
        owner.Currency ??= order.Currency;
        count++;
        resolved = count;
    }

    /// <summary>
    /// The current row read from its bytes into the batch (its id copied and hashed; the index is set by
    /// <see cref="ResolveIds"/>), or <c>false</c> (nothing changed) when the string path must decide.
    /// </summary>
    private bool TryFast()
    {
        var r = csv!;

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

        // Customer id: any valid UTF-8.
        if (!Cell(r.GetSpan(customer), out var customerId) || !Utf8Cells.IsValidUtf8(customerId))
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

        if (currency!.First is { } known)
        {
            owner.Currency ??= known;
            first ??= Encoding.ASCII.GetBytes(known);
            if (!code.SequenceEqual(first))
            {
                return false;
            }
        }

        // Optional text columns are only checked for valid UTF-8 (the string path rejects a row with bad bytes in any cell it reads).
        if ((id >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(id))) || (channel >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(channel))) || (segment >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(segment))))
        {
            return false;
        }

        if (currency.First is null)
        {
            string fixedCode = Encoding.ASCII.GetString(code);
            currency.Fix(fixedCode, stream!.Row.Line);
            first = code.ToArray();
            owner.Currency ??= fixedCode;
        }

        int hash = ids.Hash(customerId);
        int start = count == 0 ? 0 : idEnds[count - 1];
        if (start + customerId.Length > idBytes.Length)
        {
            Array.Resize(ref idBytes, Math.Max(idBytes.Length * 2, start + customerId.Length));
        }

        customerId.CopyTo(idBytes.AsSpan(start));
        idEnds[count] = start + customerId.Length;
        hashes[count] = hash;
        placed[count] = at;
        amounts[count] = value;
        return true;
    }

    /// <summary>A required cell trimmed: <c>false</c> when empty, a missing-value marker, or not surely trimmed as <see cref="string.Trim()"/> would.</summary>
    private bool Cell(ReadOnlySpan<byte> cell, out ReadOnlySpan<byte> text) =>
        Utf8Cells.TryTrim(cell, out text) && !text.IsEmpty && !IsMissing(text);

    private bool IsMissing(ReadOnlySpan<byte> text)
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
            at = timestamps!.Read(Encoding.UTF8.GetString(text), placedAtName);
            return true;
        }
        catch (CsvFieldException)
        {
            return false;
        }
    }
}
