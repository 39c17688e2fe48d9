using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// The parsing half of an <see cref="OrderRows"/> read of a delimited source: fills <see cref="OrderChunk"/>s with accepted
/// orders, in file order. Each row is tried on the bytes of its cells (<see cref="TryRead"/>); a row the span kernels are not
/// sure of goes through the string-based mapping of <see cref="OrderCsv"/>, which shares this run's currency state, accepts
/// it or rejects it with its usual message. The fast path never rejects and changes no state, so both paths together accept
/// and reject exactly what the string path alone does. The account goes into a report of the parser's own, copied into each
/// chunk, so that the caller's report follows the rows handed out even when the parser runs ahead on another thread; it
/// touches nothing else the caller can see (customer ids are only hashed here).
/// <para>
/// While the scanner reads the source, a chunk takes three steps (see <see cref="OrderChunk"/>): <see cref="Fill"/> only
/// copies the lines, <see cref="Evaluate"/> reads their cells on any thread and in any chunk order, and <see cref="Finish"/>
/// commits them strictly in chunk order: the account, the currency (fixed by the first accepted row) and the string path
/// for the lines the kernels left. Once CsvHelper reads on (a line the scanner is not sure of, or from the start),
/// <see cref="Fill"/> does all three itself, and must then not run before the chunks filled earlier are committed
/// (<see cref="Inline"/>).
/// </para>
/// </summary>
internal sealed class OrderRowParser : IDisposable
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
    private readonly IdTable ids; // for its hash only (a fixed seed), which is safe from any thread
    private readonly CsvReport report;
    private readonly CsvRowStream stream;
    private readonly CsvRowStream replayer; // the string path of copied lines, at commit
    private readonly Func<CsvRow, Order> map; // the stream's rows' and the replayer's (the row is the argument)
    private readonly SingleCurrency currency;
    private readonly int customer, placedAt, amount, currencyColumn, id, channel, segment;
    private readonly int columns; // the header's field count
    private readonly string placedAtName;
    private readonly byte separator;
    private readonly decimal maxAmount;
    private readonly int maxAmountDigits; // an amount cell of fewer bytes has fewer whole digits than MaxAmount, so it is below it
    private readonly byte[][] missing;
    private readonly UnixTimeUnit? unix;
    private readonly byte[]? fixedCurrency;
    private readonly NumberFormatInfo numbers;
    private readonly Evaluator filling, taking; // the cells' readers of the thread that fills chunks (Fill, and Evaluate there) and of the one that takes them
    private string? firstText; // the file's currency as last seen, and as a code
    private int firstCode;
    private int fileCode; // firstCode once a commit has seen the currency fixed (0 before): what evaluation expects, read on any thread
    private string? acceptedCurrency;
    private bool finished;
    private OrderChunk? filled; // the chunk Fill is adding scanned lines to
    private int runStart = -1, runEnd; // the bytes of its lines added since the last run was copied, in the scanner's buffer

    /// <summary>Opens the source and checks its header (a <see cref="CsvDataException"/> when it lacks a required column).</summary>
    public OrderRowParser(OrderRows owner, CsvSource source)
    {
        ids = owner.CustomerIds;
        var options = owner.Options;
        var columnNames = owner.Columns;
        report = new CsvReport(owner.Report.Source);
        stream = new CsvRowStream(report, source, options, owner.Required, scan: true);
        replayer = stream.Replayer();
        if (stream.Scanner is { } scanner)
        {
            scanner.Refilling = AddRun; // before the lines' bytes move
        }

        string currencyName = OrderCsv.CurrencyColumn(columnNames);
        currency = new SingleCurrency(owner.FixedCurrency, currencyName);
        map = OrderCsv.Map(columnNames, currency);
        filling = new Evaluator(options);
        taking = new Evaluator(options);
        var row = stream.Row;
        columns = stream.ColumnCount;
        customer = row.Ordinal(columnNames.CustomerId);
        placedAt = row.Ordinal(columnNames.PlacedAt);
        amount = row.Ordinal(columnNames.Amount);
        currencyColumn = row.Ordinal(currencyName);
        id = row.Ordinal(columnNames.Id);
        channel = row.Ordinal(columnNames.Channel);
        segment = row.Ordinal(columnNames.Segment);
        placedAtName = columnNames.PlacedAt;
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
    /// Whether the next <see cref="Fill"/> reads through CsvHelper and commits its rows itself: it must then wait until every
    /// chunk filled before is committed (the scanner has handed over, or never read).
    /// </summary>
    public bool Inline => stream.Scanner is null;

    /// <summary>
    /// Fills <paramref name="chunk"/> (cleared first) with the next rows, up to its capacity: while the scanner reads, their
    /// copied lines (a chunk ends early where the scanner hands over, possibly empty); else the accepted rows, committed.
    /// Never throws: what stops the read (strict mode's bad row, an unreadable source) is kept in
    /// <see cref="OrderChunk.Failure"/>, after the rows before it, and ends the read.
    /// </summary>
    public void Fill(OrderChunk chunk)
    {
        chunk.Clear();
        if (stream.Scanner is { } scanner)
        {
            chunk.Scanned = true;
            filled = chunk;
            try
            {
                while (!finished && chunk.LineCount < OrderChunk.Capacity)
                {
                    var scan = stream.ScanNext();
                    if (scan == Utf8LineScanner.Scan.Row)
                    {
                        // The line's bytes are copied with the lines around it: before a refill moves them, or at the chunk's end.
                        int start = scanner.LineStart;
                        if (runStart < 0)
                        {
                            runStart = start;
                        }

                        chunk.AddLine(chunk.TextLength + (start - runStart), scanner.FieldEnds, scanner.Line, scanner.Ascii, columns + 1);
                        runEnd = scanner.LineEnd;
                    }
                    else if (scan == Utf8LineScanner.Scan.End)
                    {
                        finished = true;
                    }
                    else
                    {
                        break; // handed over to CsvHelper: the next chunk is read inline
                    }
                }
            }
            catch (Exception ex)
            {
                chunk.Failure = ExceptionDispatchInfo.Capture(ex); // after the lines before it, once they are committed
                finished = true;
            }

            AddRun(scanner.Buffer);
            filled = null;
            chunk.End = finished;
            return;
        }

        try
        {
            while (!finished && chunk.Count < OrderChunk.Capacity)
            {
                if (!stream.MoveNext())
                {
                    finished = true;
                }
                else if (TryRead(new StreamCells(stream), filling, out var customerId, out var at, out decimal value, out int code)
                    && Accepts(code, stream.Row.Line))
                {
                    report.Accept();
                    chunk.AddRow(customerId, ids.Hash(customerId), at, value);
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
        Account(chunk);
    }

    /// <summary>
    /// Reads the cells of a filled chunk's copied lines (on the thread that fills chunks when <paramref name="onParsingThread"/>,
    /// else on the one that takes them): each line the span kernels are sure of gets its values at its own index, and
    /// <see cref="OrderChunk.Fast"/>. Touches only the chunk (and the thread's own date cache), so it may run while other
    /// chunks are filled, evaluated or committed. Nothing to do for a chunk read through CsvHelper, or twice.
    /// </summary>
    public void Evaluate(OrderChunk chunk, bool onParsingThread)
    {
        if (!chunk.Scanned || chunk.Evaluated)
        {
            return;
        }

        var evaluator = onParsingThread ? filling : taking;
        int chunkCode = Volatile.Read(ref fileCode); // the file's currency once fixed (it never changes), else the first line's
        int fast = 0;
        ref byte text = ref MemoryMarshal.GetArrayDataReference(chunk.Text);
        int line = 0;
        try
        {
            for (; line < chunk.LineCount; line++)
            {
                chunk.Fast[line] = false;
                if (chunk.FieldCounts[line] != columns
                    || !TryRead(new LineCells(chunk, line), evaluator, out var customerId, out var at, out decimal value, out int code))
                {
                    continue;
                }

                // A chunk's lines read fast share one currency (a line of another goes to the string path, which decides).
                // (fileCode is -1 for a fixed currency no line can match: every line then goes to the string path.)
                if (chunkCode == 0)
                {
                    chunkCode = code;
                }
                else if (code != chunkCode)
                {
                    continue;
                }

                chunk.Fast[line] = true;
                fast++;
                chunk.Placed[line] = at;
                chunk.Amounts[line] = value;
                chunk.IdStarts[line] = (int)Unsafe.ByteOffset(ref text, ref MemoryMarshal.GetReference(customerId));
                chunk.IdLengths[line] = customerId.Length;
                chunk.Hashes[line] = ids.Hash(customerId);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never thrown out of here (the read-ahead thread must finish the chunk): this line and the rest go to the string
            // path, which accepts or rejects them — or ends the read with the same error, in its place, on the caller's side.
            for (; line < chunk.LineCount; line++)
            {
                chunk.Fast[line] = false;
            }
        }

        chunk.FastCount = fast;
        chunk.Code = chunkCode;
        chunk.Evaluated = true; // last: the caller may take the chunk from here on
    }

    /// <summary>
    /// Commits a filled chunk's copied lines, evaluating them first when no thread has (on the caller's thread): in line
    /// order, each is counted as read; one of the wrong field count is rejected; one read fast whose currency is the file's
    /// (fixing it, for the first) is accepted; any other is mapped by the string path, which accepts or rejects it. The
    /// accepted rows are moved down over the dropped ones. Must run in chunk order, and not while an inline
    /// <see cref="Fill"/> runs. Never throws: strict mode's stop ends the chunk, after the rows before it.
    /// </summary>
    public void Finish(OrderChunk chunk)
    {
        if (!chunk.Scanned)
        {
            return; // read through CsvHelper: committed as it was filled
        }

        Evaluate(chunk, onParsingThread: false);
        int line = 0;
        if (chunk.FastCount == chunk.LineCount && chunk.LineCount > 0 && Accepts(chunk.Code, chunk.Lines[0]))
        {
            // Every line read fast, in the file's currency (fixed by the first, when it is the read's first): all accepted, in place.
            report.ReadAndAccept(chunk.LineCount);
            chunk.Count = chunk.LineCount;
            line = chunk.LineCount;
        }

        try
        {
            for (; line < chunk.LineCount; line++)
            {
                if (chunk.Fast[line] && Accepts(chunk.Code, chunk.Lines[line]))
                {
                    report.Read();
                    report.Accept();
                    chunk.Keep(line);
                    continue;
                }

                if (!replayer.Replay(chunk.Text, chunk.LineStarts[line], chunk.Ends, line * chunk.Stride, chunk.FieldCounts[line], chunk.Lines[line], chunk.AsciiLines[line]))
                {
                    continue; // the wrong field count: rejected
                }

                chunk.RowsReadAsText++;
                if (replayer.TryMap(map, out var order))
                {
                    acceptedCurrency ??= order.Currency;
                    chunk.AddText(order.CustomerId, order.PlacedAt, order.Amount);
                }
            }
        }
        catch (Exception ex)
        {
            chunk.Failure = ExceptionDispatchInfo.Capture(ex); // strict mode's stop, before the source's failure (if any)
            chunk.End = true;
        }

        if (fileCode == 0 && currency.First is { } known)
        {
            Volatile.Write(ref fileCode, CodeOf(known));
        }

        Account(chunk);
    }

    public void Dispose() => stream.Dispose();

    /// <summary>Copies the bytes of the lines added since the last run (they lie end to end in the scanner's buffer) into the chunk.</summary>
    private void AddRun(byte[] buffer)
    {
        if (runStart >= 0)
        {
            filled!.AddRun(buffer.AsSpan(runStart, runEnd - runStart));
            runStart = -1;
        }
    }

    /// <summary>The read's currency and account after a committed chunk, with the chunk's rejections.</summary>
    private void Account(OrderChunk chunk)
    {
        chunk.Currency = acceptedCurrency;
        chunk.Account = report.Snapshot();
        report.MoveRejections(chunk.Rejections);
    }

    /// <summary>
    /// Whether a row read fast with currency <paramref name="code"/> (on line <paramref name="line"/>) is accepted: it is the
    /// file's currency, or it fixes it as the first. (A row in another currency goes to the string path, which rejects it.)
    /// </summary>
    private bool Accepts(int code, long line)
    {
        string? known = currency.First;
        if (known is null)
        {
            known = string.Create(3, code, static (chars, c) => (chars[0], chars[1], chars[2]) = ((char)(byte)c, (char)(byte)(c >> 8), (char)(byte)(c >> 16)));
            currency.Fix(known, line);
        }

        if (CodeOf(known) != code)
        {
            return false;
        }

        acceptedCurrency ??= known;
        return true;
    }

    /// <summary>The file's currency as a code (three ASCII letters, the first in the low byte), or −1 when no code can match it.</summary>
    private int CodeOf(string known)
    {
        if (!ReferenceEquals(known, firstText))
        {
            firstText = known;
            firstCode = known.Length == 3 && Ascii.IsValid(known) ? known[0] | (known[1] << 8) | (known[2] << 16) : -1;
        }

        return firstCode;
    }

    /// <summary>
    /// A row's values read from the bytes of its cells, or <c>false</c> when the string path must decide. Changes nothing but
    /// the evaluator's date cache: the currency is returned (three upper-case ASCII letters, the first in the low byte), not
    /// checked against the file's.
    /// </summary>
    private bool TryRead<TCells>(TCells r, Evaluator evaluator, out ReadOnlySpan<byte> customerId, out Instant at, out decimal value, out int code)
        where TCells : struct, IRowCells, allows ref struct
    {
        customerId = default;
        at = default;
        code = 0;
        bool ascii = r.Ascii; // every cell valid UTF-8, as the scanner saw when it split the line

        // Amount: a plain decimal in range, not negative.
        if (!Cell(r.GetSpan(amount), out var text))
        {
            value = 0;
            return false;
        }

        bool plain = Utf8Cells.TryPlainDecimal(text, separator, out value);
        if (!plain && !(Ascii.IsValid(text) && decimal.TryParse(text, DecimalStyle, numbers, out value)))
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
        if (!(ascii ? Utf8Cells.TryTrim(customerCell, out customerId) : Utf8Cells.TryTrimUtf8(customerCell, out customerId)) || customerId.IsEmpty || IsMissing(customerId))
        {
            return false;
        }

        if (!TryInstant(r.GetSpan(placedAt), evaluator, out at))
        {
            return false;
        }

        // Currency: the cell, else the fixed one; three upper-case letters.
        ReadOnlySpan<byte> cellCode = fixedCurrency;
        if (currencyColumn >= 0)
        {
            if (!Utf8Cells.TryTrim(r.GetSpan(currencyColumn), out var cell))
            {
                return false;
            }

            if (!cell.IsEmpty && !IsMissing(cell))
            {
                cellCode = cell;
            }
        }

        if (cellCode.Length != 3 || !char.IsAsciiLetterUpper((char)cellCode[0]) || !char.IsAsciiLetterUpper((char)cellCode[1]) || !char.IsAsciiLetterUpper((char)cellCode[2]))
        {
            return false;
        }

        // Optional text columns are only checked for valid UTF-8 (the string path rejects a row with bad bytes in any cell it
        // reads); an ASCII row's are.
        if (!ascii && ((id >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(id))) || (channel >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(channel))) || (segment >= 0 && !Utf8Cells.IsValidUtf8(r.GetSpan(segment)))))
        {
            return false;
        }

        code = cellCode[0] | (cellCode[1] << 8) | (cellCode[2] << 16);
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

    private bool TryInstant(ReadOnlySpan<byte> cell, Evaluator evaluator, out Instant at)
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
            var e = evaluator;
            if (!e.HaveDate || dateHead != e.LastDateHead || dateTail != e.LastDateTail)
            {
                if (!Utf8Cells.TryIsoDate(text, out long days))
                {
                    return TryOtherInstant(text, evaluator, out at);
                }

                (e.LastDateHead, e.LastDateTail, e.LastDays, e.HaveDate) = (dateHead, dateTail, days, true);
            }

            if (Utf8Cells.TryIsoTime(text, e.LastDays, out at))
            {
                return true;
            }
        }

        return TryOtherInstant(text, evaluator, out at);
    }

    /// <summary>A timestamp the byte kernels do not read (a pattern, a local time in the zone, a date): the string reader, on this cell only.</summary>
    private bool TryOtherInstant(ReadOnlySpan<byte> text, Evaluator evaluator, out Instant at)
    {
        at = default;

        if (!Utf8.IsValid(text))
        {
            return false;
        }

        try
        {
            at = evaluator.Timestamps.Read(Encoding.UTF8.GetString(text), placedAtName);
            return true;
        }
        catch (CsvFieldException)
        {
            return false;
        }
    }

    /// <summary>The cells of a row, from the stream or from a chunk's copied line.</summary>
    private interface IRowCells
    {
        /// <summary>Whether the row's bytes are known to be all ASCII.</summary>
        bool Ascii { get; }

        /// <summary>The bytes of cell <paramref name="index"/> (a column of the header).</summary>
        ReadOnlySpan<byte> GetSpan(int index);
    }

    /// <summary>The current row of the stream.</summary>
    private readonly ref struct StreamCells(CsvRowStream stream) : IRowCells
    {
        public bool Ascii => stream.AsciiRow;

        public ReadOnlySpan<byte> GetSpan(int index) => stream.GetSpan(index);
    }

    /// <summary>A copied line of a chunk, of the header's field count.</summary>
    private readonly ref struct LineCells(OrderChunk chunk, int line) : IRowCells
    {
        public bool Ascii => chunk.AsciiLines[line];

        public ReadOnlySpan<byte> GetSpan(int index) => chunk.Cell(line, index);
    }

    /// <summary>What one thread's reading of cells keeps between rows: the last ISO date read, and a timestamp reader.</summary>
    private sealed class Evaluator(CsvReadOptions options)
    {
        public readonly TimestampReader Timestamps = new(options);
        public ulong LastDateHead; // the first ten bytes of the last ISO date read, and its days from 1970-01-01
        public ushort LastDateTail;
        public long LastDays;
        public bool HaveDate;
    }
}
