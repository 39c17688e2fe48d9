namespace CxMetrics.DuckDb;

/// <summary>A strict pushdown met a row it had to reject.</summary>
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
