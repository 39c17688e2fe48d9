namespace CxMetrics.Csv;

/// <summary>
/// Header names of a sign-up (acquisition) file: one row per acquired customer with when and through which source and
/// campaign they came. Optional columns may be absent; set one to <c>null</c> to ignore it.
/// </summary>
public sealed record AcquisitionColumns
{
    /// <summary>Required: the customer, matched with the orders' customer id. Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>Required: when the customer was acquired (sign-up or first visit), read by <see cref="CsvRow.GetInstant"/>. Default <c>acquired_at</c>.</summary>
    public string AcquiredAt { get; init; } = "acquired_at";

    /// <summary>Optional acquisition source or channel (paid search, social, …); an empty cell is no source (its own cohort). Default <c>source</c>.</summary>
    public string? Source { get; init; } = "source";

    /// <summary>Optional campaign. Default <c>campaign</c>.</summary>
    public string? Campaign { get; init; } = "campaign";
}
