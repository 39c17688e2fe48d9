using CxMetrics.Time;

namespace CxMetrics.DuckDb;

/// <summary>Columns of a pushed-down order summary. Column names match <c>CxMetrics.Csv</c>'s defaults.</summary>
public sealed record OrderPushdown
{
    /// <summary>The customer id column. Default <c>customer_id</c>.</summary>
    public string CustomerIdColumn { get; init; } = "customer_id";

    /// <summary>The order time column: text with an explicit offset or a TIMESTAMPTZ column. Default <c>placed_at</c>.</summary>
    public string PlacedAtColumn { get; init; } = "placed_at";

    /// <summary>The amount column (a non-negative decimal, invariant culture). Default <c>amount</c>.</summary>
    public string AmountColumn { get; init; } = "amount";

    /// <summary>The ISO 4217 currency column; <see langword="null"/> when <see cref="Currency"/> gives one fixed currency. Default <c>currency</c>.</summary>
    public string? CurrencyColumn { get; init; } = "currency";

    /// <summary>The currency of every order when the file has no currency column.</summary>
    public string? Currency { get; init; }

    /// <summary>
    /// Purchases of one customer in the same period of this unit (weeks start on Monday) are one transaction, as in
    /// <c>CustomerSummaryTally</c>. Default a day.
    /// </summary>
    public PeriodUnit MergeWithin { get; init; } = PeriodUnit.Day;

    /// <summary>Throw a <see cref="PushdownException"/> instead of reporting rejected rows. Default false.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// For CSV sources, how many rejected rows per reason are located by line (<see cref="PushdownRejection.Rows"/>, in file
    /// order); the counts are exact whatever this is. Locating costs one more scan of each file, made only when a row was
    /// rejected, plus a read of the file up to the last row located. 0 turns it off. Default 100.
    /// </summary>
    public int RejectedRowsPerReason { get; init; } = 100;
}
