namespace CxMetrics.DuckDb;

/// <summary>
/// What a pushed-down query produced, with a full account of the rows scanned:
/// <see cref="RowsRead"/> = <see cref="RowsAccepted"/> + the sum of <see cref="Rejections"/>.
/// </summary>
/// <typeparam name="T">The payload (tallies per cell, or a customer summary).</typeparam>
public sealed record PushdownResult<T>
{
    /// <summary>The payload.</summary>
    public required T Value { get; init; }

    /// <summary>Rows DuckDB scanned.</summary>
    public required long RowsRead { get; init; }

    /// <summary>Rows counted into <see cref="Value"/>.</summary>
    public required long RowsAccepted { get; init; }

    /// <summary>Rows left out, by reason (empty when none were).</summary>
    public required IReadOnlyList<PushdownRejection> Rejections { get; init; }

    /// <summary>Rows left out in all.</summary>
    public long RowsRejected => Rejections.Sum(r => r.Count);
}
