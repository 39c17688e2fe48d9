namespace CxMetrics.Portable;

/// <summary>
/// Thrown by <see cref="TallyFormat"/> when a payload cannot be read as the requested tally: truncated, corrupted, written by
/// a newer format version, of another kind, or inconsistent. Reading never returns a tally with wrong numbers instead.
/// </summary>
public sealed class TallyFormatException : FormatException
{
    /// <summary>Creates the exception with a general message.</summary>
    public TallyFormatException()
        : this(TallyFormatError.InvalidContent, "the payload is not a valid serialised tally.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public TallyFormatException(string message)
        : this(TallyFormatError.InvalidContent, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TallyFormatException(string message, Exception innerException)
        : this(TallyFormatError.InvalidContent, message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="error">What kind of problem it is.</param>
    /// <param name="message">What is wrong, naming the offending value.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TallyFormatException(TallyFormatError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>What kind of problem it is.</summary>
    public TallyFormatError Error { get; }
}
