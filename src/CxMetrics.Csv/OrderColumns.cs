namespace CxMetrics.Csv;

/// <summary>Header names of an order file. Optional columns may be absent; set one to <c>null</c> to ignore it.</summary>
public sealed record OrderColumns
{
    /// <summary>Required: the customer. Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>Required: when the order was placed. Default <c>placed_at</c>.</summary>
    public string PlacedAt { get; init; } = "placed_at";

    /// <summary>Required: the amount, non-negative, with <see cref="CsvReadOptions.DecimalSeparator"/>. Default <c>amount</c>.</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>ISO 4217 currency; when absent from the file, <see cref="CsvReadOptions.Currency"/> must be set. Default <c>currency</c>.</summary>
    public string? Currency { get; init; } = "currency";

    /// <summary>Optional order id. Default <c>order_id</c>.</summary>
    public string? Id { get; init; } = "order_id";

    /// <summary>Optional channel. Default <c>channel</c>.</summary>
    public string? Channel { get; init; } = "channel";

    /// <summary>Optional segment. Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";
}
