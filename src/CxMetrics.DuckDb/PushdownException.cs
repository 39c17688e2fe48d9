namespace CxMetrics.DuckDb;

/// <summary>
/// A strict pushdown met a row it had to reject, a CSV file could not be split into rows (the message names the file
/// and physical line, or says that the line is unknown), or DuckDB ran out of memory under the connection's memory limit
/// (the message names the limit, the threads and the pushdown's measured minimum). DuckDB's error is the inner exception.
/// </summary>
public sealed class PushdownException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PushdownException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public PushdownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PushdownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
