namespace CxMetrics.Cli.Commands;

/// <summary><c>report</c> printed every family it could, but one or more had data that cannot be judged: exit code 1.</summary>
internal sealed class PartialReportException(string message) : Exception(message);
