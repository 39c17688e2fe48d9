namespace CxMetrics.Cli.Commands;

/// <summary>
/// The command line is wrong (a bad option value, a segment key the data does not have, a missing required option): one
/// line on stderr and exit code 2. Everything the data causes (a file that cannot be read, a sequence of events that
/// cannot happen, mixed currencies) is a data error with exit code 1 instead.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
