namespace CxMetrics.Csv;

/// <summary>
/// A CSV source that cannot be read at all (empty, missing or duplicated columns, broken quoting, unreadable bytes), or the
/// first bad row in strict mode. The message names the source, the line and the column where known.
/// </summary>
public sealed class CsvDataException : IOException
{
    /// <summary>Creates the exception.</summary>
    public CsvDataException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CsvDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CsvDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a line and column.</summary>
    public CsvDataException(string message, long line, string? column, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The line at fault, or 0 when the fault is not on one line.</summary>
    public long Line { get; }

    /// <summary>The column at fault, or <c>null</c>.</summary>
    public string? Column { get; }
}
