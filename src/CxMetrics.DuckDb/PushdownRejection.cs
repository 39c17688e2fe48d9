namespace CxMetrics.DuckDb;

/// <summary>Rows the pushed-down query rejected for one reason, with the first offending value seen.</summary>
public sealed record PushdownRejection
{
    /// <summary>Why, e.g. <c>score outside 0–10</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>How many rows.</summary>
    public required long Count { get; init; }

    /// <summary>One offending raw value (the smallest in text order, so runs are repeatable); <see langword="null"/> when the value was missing.</summary>
    public required string? Example { get; init; }

    /// <summary>Formats the rejection.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Example is null ? $"{Count} × {Reason}" : $"{Count} × {Reason} (e.g. '{Example}')";
}
