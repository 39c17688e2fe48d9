using CxMetrics.Commerce;

namespace CxMetrics.Csv;

/// <summary>
/// Reads cart and checkout events (<see cref="CartEvent"/>): one row per event; see <see cref="CartEventColumns"/>. A row
/// with a value needs a currency (from the currency column or <see cref="CsvReadOptions.Currency"/>); all values of a file
/// must share one currency — a row in another currency is rejected with both currencies named. For very large files,
/// <see cref="ReadRecords(string, IDictionary{string, int}, CartEventColumns?, CsvReadOptions?)"/> reads the compact
/// 16-byte <see cref="CartEventRecord"/> for <see cref="Funnel.Of(ReadOnlySpan{CartEventRecord}, int, NodaTime.Instant, CartOptions?)"/>.
/// </summary>
public static class CartEventCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The events, streamed, with the account of the read.</returns>
    public static CsvRecords<CartEvent> Read(string path, CartEventColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The events, streamed.</returns>
    public static CsvRecords<CartEvent> Read(TextReader reader, CartEventColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, source), columns, options);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The events, streamed.</returns>
    public static CsvRecords<CartEvent> Read(Stream stream, CartEventColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    /// <summary>
    /// Reads a file as compact records (unit index, kind, time): no strings kept per event. Each new unit key gets the
    /// next dense index in <paramref name="units"/> (order of first appearance; pass an empty dictionary, or one filled by
    /// an earlier file to continue its numbering). Values, items and labels are not read.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="units">Key → dense index, filled while reading.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The records, streamed.</returns>
    public static CsvRecords<CartEventRecord> ReadRecords(string path, IDictionary<string, int> units, CartEventColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(units);
        var c = columns ?? new CartEventColumns();
        var names = EventNameMap<CartEventKind>.Of(c.EventNames, "CartEventColumns.EventNames");
        return CsvTable.Create(CsvSource.File(path), Required(c), row =>
        {
            if (Kind(row, c, names) is not { } kind)
            {
                row.Skip();
                return default;
            }

            var at = row.GetInstant(c.At);
            string key = UnitKey(row, c);
            if (!units.TryGetValue(key, out int unit))
            {
                unit = units.Count;
                units.Add(key, unit);
            }

            return new CartEventRecord(unit, kind, at);
        }, options);
    }

    /// <summary>Parses an event name (see <see cref="CartEventColumns.Kind"/>).</summary>
    /// <param name="text">The name, any case; <c>-</c> and spaces count as <c>_</c>.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseKind(string? text, out CartEventKind kind)
    {
        CartEventKind? parsed = Normalise(text) switch
        {
            "created" or "cart_created" => CartEventKind.Created,
            "item_added" or "add_to_cart" or "itemadded" => CartEventKind.ItemAdded,
            "checkout_started" or "begin_checkout" or "checkoutstarted" => CartEventKind.CheckoutStarted,
            "shipping_info" or "add_shipping_info" or "shippinginfo" => CartEventKind.ShippingInfo,
            "payment_info" or "add_payment_info" or "paymentinfo" => CartEventKind.PaymentInfo,
            "purchase" or "order" => CartEventKind.Purchase,
            "reminder_sent" or "remindersent" => CartEventKind.ReminderSent,
            "recovered_through_reminder" or "recoveredthroughreminder" => CartEventKind.RecoveredThroughReminder,
            _ => null,
        };
        kind = parsed ?? default;
        return parsed is not null;
    }

    private static CsvRecords<CartEvent> Create(CsvSource source, CartEventColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new CartEventColumns();
        var o = options ?? CsvReadOptions.Default;
        string? fixedCurrency = o.Currency is null ? null : CurrencyCode.Validate(o.Currency, nameof(options));
        var names = EventNameMap<CartEventKind>.Of(c.EventNames, "CartEventColumns.EventNames");
        return CsvTable.CreatePerRun<CartEvent>(source, Required(c), () =>
        {
            var currency = new SingleCurrency(fixedCurrency, c.Currency ?? "currency");
            return (CsvRow row) =>
            {
                if (Kind(row, c, names) is not { } kind)
                {
                    row.Skip();
                    return null!;
                }

                decimal? value = row.GetOptionalString(c.Value) is null ? null : row.GetAmount(c.Value!);
                if (value < 0)
                {
                    throw new CsvFieldException(c.Value, FormattableString.Invariant($"cart value {value} is negative."));
                }

                string? code = null;
                if (value is not null)
                {
                    code = currency.Of(row);
                }
                else if (row.GetOptionalString(c.Currency) is { } stray)
                {
                    throw new CsvFieldException(c.Currency, $"currency {CsvText.Quote(stray)} is given without a value.");
                }

                return new CartEvent(UnitKey(row, c), kind, row.GetInstant(c.At), value, code)
                {
                    ItemId = row.GetOptionalString(c.ItemId),
                    Channel = row.GetOptionalString(c.Channel),
                    Device = row.GetOptionalString(c.Device),
                    Segment = row.GetOptionalString(c.Segment),
                    Id = row.GetOptionalString(c.Id),
                };
            };
        }, o);
    }

    /// <summary>The kind of the row's event, or <c>null</c> when <see cref="CartEventColumns.EventNames"/> maps its name to nothing.</summary>
    private static CartEventKind? Kind(CsvRow row, CartEventColumns c, EventNameMap<CartEventKind>? names)
    {
        string column = c.Kind;
        string text = row.GetString(column);
        if (names is not null && names.TryGet(text, out var mapped))
        {
            return mapped;
        }

        if (c.SkipOtherEvents)
        {
            return TryParseKind(text, out var standard) ? standard : null;
        }

        string aliases = names is null ? string.Empty : $", or a name of CartEventColumns.EventNames: {names.Describe()}";
        return TryParseKind(text, out var kind)
            ? kind
            : throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a cart event (expected created, item_added, checkout_started, shipping_info, payment_info, purchase, reminder_sent or recovered_through_reminder{aliases}).");
    }

    /// <summary>The required columns: the key (or its parts), the event and the time; checks <see cref="CartEventColumns.KeyParts"/>.</summary>
    private static string[] Required(CartEventColumns columns)
    {
        var c = columns;
        if (c.KeyParts is not { } parts)
        {
            return [c.Key, c.Kind, c.At];
        }

        if (parts.Count < 2)
        {
            throw new ArgumentException($"CartEventColumns.KeyParts names {parts.Count} column(s); a key made of parts needs two or more (use Key for one column).", nameof(columns));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in parts)
        {
            if (string.IsNullOrWhiteSpace(part) || !seen.Add(part))
            {
                throw new ArgumentException($"CartEventColumns.KeyParts: column {CsvText.Quote(part)} is empty or named twice.", nameof(columns));
            }
        }

        return [.. parts, c.Kind, c.At];
    }

    /// <summary>The row's unit key: the key column, or the parts joined by '|' with '\' and '|' escaped.</summary>
    private static string UnitKey(CsvRow row, CartEventColumns c)
    {
        if (c.KeyParts is not { } parts)
        {
            return row.GetString(c.Key);
        }

        var key = new System.Text.StringBuilder();
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                key.Append('|');
            }

            foreach (char ch in row.GetString(parts[i]))
            {
                if (ch is '|' or '\\')
                {
                    key.Append('\\');
                }

                key.Append(ch);
            }
        }

        return key.ToString();
    }

    private static string Normalise(string? text) =>
        (text ?? string.Empty).Trim().Replace('-', '_').Replace(' ', '_').ToLowerInvariant();
}
