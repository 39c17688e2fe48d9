namespace CxMetrics.Csv;

/// <summary>
/// A field of the current row that cannot be read (missing, empty where required, not a number or a timestamp). Thrown by
/// <see cref="CsvRow"/>'s getters and caught by the reader, which turns it into a <see cref="CsvRejection"/>; custom
/// mappers given to <see cref="CsvTable.Read{T}(string, IReadOnlyCollection{string}, Func{CsvRow, T}, CsvReadOptions?)"/> may throw it too.
/// </summary>
public sealed class CsvFieldException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CsvFieldException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CsvFieldException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CsvFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a column.</summary>
    public CsvFieldException(string? column, string message)
        : base(message)
    {
        Column = column;
    }

    /// <summary>The column at fault, or <c>null</c> for the row as a whole.</summary>
    public string? Column { get; }
}
