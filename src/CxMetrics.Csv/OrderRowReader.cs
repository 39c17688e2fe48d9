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
    private readonly byte[][] missing;
    private readonly UnixTimeUnit? unix;
    private readonly byte[]? fixedCurrency;
    private readonly NumberFormatInfo numbers;
    private byte[]? first;

    // Rows read ahead from their bytes (delimited sources): each row's id is hashed and its hash slot prefetched when the row
    // is parsed, and the ids of the whole batch are looked up (added when new, in row order) only after the batch is full,
    // so the id table's cache misses overlap instead of stalling every row. A row the fast path refuses ends the batch and
    // waits (pending) until the batch has been handed out, so rows, indices and rejections keep the file's order.
    private const int BatchSize = 64;
    private readonly OrderRow[] batch = new OrderRow[BatchSize];
    private readonly int[] hashes = new int[BatchSize];
    private readonly int[] idEnds = new int[BatchSize];
    private byte[] idBytes = new byte[BatchSize * 16];
    private int count;
    private int next;
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
        missing = [.. options.MissingValues.Select(Encoding.UTF8.GetBytes)];
        unix = options.UnixTime;
        fixedCurrency = owner.FixedCurrency is null ? null : Encoding.ASCII.GetBytes(owner.FixedCurrency);
        numbers = options.DecimalSeparator == '.' ? NumberFormatInfo.InvariantInfo : new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };
    }

    public OrderRow Current { get; private set; }

    public bool MoveNext()
    {
        if (records is not null)
        {
            if (!records.MoveNext())
            {
                return false;
            }

            Accepted(records.Current);
            return true;
        }

        if (next < count)
        {
            Current = batch[next++];
            return true;
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
                    return true;
                }
            }

            failure?.Throw();
            count = next = 0;
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
                Current = batch[next++];
                return true;
            }

            if (!pending)
            {
                s.Report.Complete();
                return false;
            }
        }
    }

    /// <summary>Looks up (or adds, in row order) the ids of the batch, whose hash slots were prefetched as the rows were parsed.</summary>
    private void ResolveIds()
    {
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            var customerId = idBytes.AsSpan(start, idEnds[i] - start);
            int index = ids.Find(customerId, hashes[i]);
            batch[i] = batch[i] with { CustomerIndex = index >= 0 ? index : ids.Add(customerId, hashes[i]) };
            start = idEnds[i];
        }
    }

    public void Dispose()
    {
        records?.Dispose();
        stream?.Dispose();
    }

    private void Accepted(Order order)
    {
        Current = new OrderRow(ids.GetOrAdd(order.CustomerId), order.PlacedAt, order.Amount);
        owner.Currency ??= order.Currency;
    }

    /// <summary>
    /// The current row read from its bytes into the batch (its id copied, hashed and its slot prefetched; the index is set by
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

        if (!Utf8Cells.TryPlainDecimal(text, separator, out decimal value)
            && !(System.Text.Ascii.IsValid(text) && decimal.TryParse(text, DecimalStyle, numbers, out value)))
        {
            return false;
        }

        if (value < 0 || value > maxAmount)
        {
            return false;
        }

        // Customer id: any valid UTF-8.
        if (!Cell(r.GetSpan(customer), out var customerId) || !Utf8.IsValid(customerId))
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
        if ((id >= 0 && !Utf8.IsValid(r.GetSpan(id))) || (channel >= 0 && !Utf8.IsValid(r.GetSpan(channel))) || (segment >= 0 && !Utf8.IsValid(r.GetSpan(segment))))
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
        ids.Prefetch(hash, customerId.Length);
        int start = count == 0 ? 0 : idEnds[count - 1];
        if (start + customerId.Length > idBytes.Length)
        {
            Array.Resize(ref idBytes, Math.Max(idBytes.Length * 2, start + customerId.Length));
        }

        customerId.CopyTo(idBytes.AsSpan(start));
        idEnds[count] = start + customerId.Length;
        hashes[count] = hash;
        batch[count] = new OrderRow(-1, at, value);
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

        if (Utf8Cells.TryIsoWithOffset(text, out at))
        {
            return true;
        }

        // Other layouts (a pattern, a local time in the zone, a date): the string reader, on this cell only.
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
