namespace CxMetrics.Cli.Input;

/// <summary>
/// Mistakes in a column map, a mapping file or a preset choice, all of them at once (one line each on stderr). Exit code 2
/// when the map itself is wrong (the command line or the mapping file), 1 when the map names a header the file lacks.
/// </summary>
internal sealed class ColumnMapException(int exitCode, IReadOnlyList<string> mistakes) : Exception(string.Join(" ", mistakes))
{
    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Mistakes { get; } = mistakes;
}
