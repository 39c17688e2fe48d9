namespace CxMetrics.Csv;

/// <summary>
/// Header names of a cart event file (one row per event). Optional columns may be absent; set one to <c>null</c> to ignore it.
/// </summary>
public sealed record CartEventColumns
{
    /// <summary>Required: the unit the event belongs to — a cart id, session id or user id (see <c>CartOptions.Unit</c>). Default <c>cart_id</c>.</summary>
    public string Key { get; init; } = "cart_id";

    /// <summary>
    /// Optional: a unit key made of several columns, for exports whose unit has no id of its own — a GA4 session is
    /// <c>user_pseudo_id</c> together with <c>event_params[key=ga_session_id].value.int_value</c> (a session number unique
    /// per user only). When set (two or more columns), every one is required, <see cref="Key"/> is not read, and the key is
    /// the cells in this order joined by <c>|</c>, with <c>\</c> and <c>|</c> inside a cell written <c>\\</c> and
    /// <c>\|</c>, so two different combinations never give the same key. An empty cell in any part rejects the row.
    /// Default <c>null</c>: the key is <see cref="Key"/>.
    /// </summary>
    /// <remarks>Fewer than two columns, an empty name or a column named twice is refused with an <see cref="ArgumentException"/> when a read starts.</remarks>
    public IReadOnlyList<string>? KeyParts { get; init; }

    /// <summary>
    /// Required: what happened. Accepted (any case): <c>created</c>; <c>item_added</c> / <c>add_to_cart</c>;
    /// <c>checkout_started</c> / <c>begin_checkout</c>; <c>shipping_info</c> / <c>add_shipping_info</c>;
    /// <c>payment_info</c> / <c>add_payment_info</c>; <c>purchase</c>; <c>reminder_sent</c>;
    /// <c>recovered_through_reminder</c>. Default <c>event</c>.
    /// </summary>
    public string Kind { get; init; } = "event";

    /// <summary>
    /// Source event names and the kinds they stand for, for exports that name events their own way: OTTO's
    /// <c>carts</c> → <see cref="Commerce.CartEventKind.ItemAdded"/> and <c>orders</c> → <see cref="Commerce.CartEventKind.Purchase"/>,
    /// GA4's <c>view_item</c> → <c>null</c>. A name mapped to <c>null</c> is not a cart event: its row is skipped, counted in
    /// <see cref="CsvReport.RowsSkipped"/> (read = accepted + rejected + skipped), and its other cells are not read. Names
    /// compare with the trimmed cell ignoring case and are looked up before the standard names of <see cref="Kind"/> (which
    /// stay accepted); a value that is neither rejects its row. Default <c>null</c>: the standard names only.
    /// </summary>
    /// <remarks>Two names equal ignoring case, or an empty name, are refused with an <see cref="ArgumentException"/> when a read starts.</remarks>
    public IReadOnlyDictionary<string, Commerce.CartEventKind?>? EventNames { get; init; }

    /// <summary>
    /// Whether an event name that is neither in <see cref="EventNames"/> nor a standard name skips its row (counted in
    /// <see cref="CsvReport.RowsSkipped"/>) instead of rejecting it. For analytics exports that hold every event of a site
    /// (GA4: <c>page_view</c>, <c>scroll</c>, the site's own custom events, …) of which only the cart events matter. A
    /// misspelt cart event is then skipped too, so compare the skipped count with what you expect. Default <c>false</c>.
    /// </summary>
    public bool SkipOtherEvents { get; init; }

    /// <summary>Required: when it happened. Default <c>at</c>.</summary>
    public string At { get; init; } = "at";

    /// <summary>Optional: the cart's value at the event (≥ 0, with <see cref="CsvReadOptions.DecimalSeparator"/>); empty = unknown. Default <c>value</c>.</summary>
    public string? Value { get; init; } = "value";

    /// <summary>ISO 4217 currency of the value (or <see cref="CsvReadOptions.Currency"/>); needed only on rows with a value. Default <c>currency</c>.</summary>
    public string? Currency { get; init; } = "currency";

    /// <summary>Optional item (article, SKU). Default <c>item_id</c>.</summary>
    public string? ItemId { get; init; } = "item_id";

    /// <summary>Optional channel. Default <c>channel</c>.</summary>
    public string? Channel { get; init; } = "channel";

    /// <summary>Optional device class. Default <c>device</c>.</summary>
    public string? Device { get; init; } = "device";

    /// <summary>Optional segment. Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";

    /// <summary>Optional event id. Default <c>event_id</c>.</summary>
    public string? Id { get; init; } = "event_id";
}
