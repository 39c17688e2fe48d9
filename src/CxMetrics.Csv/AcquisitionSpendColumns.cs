namespace CxMetrics.Csv;

/// <summary>
/// Header names of an acquisition spend file: one row per source and period with what was spent (an ad platform's
/// monthly bill). Optional columns may be absent; set one to <c>null</c> to ignore it.
/// </summary>
public sealed record AcquisitionSpendColumns
{
    /// <summary>Required: the acquisition source, as in the sign-up file. Default <c>source</c>.</summary>
    public string Source { get; init; } = "source";

    /// <summary>Required: the first day of the period the money was spent in (ISO date such as <c>2024-03-01</c>). Default <c>period_start</c>.</summary>
    public string PeriodStart { get; init; } = "period_start";

    /// <summary>Required: the amount spent, ≥ 0. Default <c>amount</c>.</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>
    /// The currency (ISO 4217). Default <c>currency</c>; when the file has no such column or a cell is empty, the currency of
    /// <see cref="CsvReadOptions.Currency"/> is used. Set to <c>null</c> to use only the fixed currency.
    /// </summary>
    public string? Currency { get; init; } = "currency";
}
