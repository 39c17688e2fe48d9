using CxMetrics.Reporting;

namespace CxMetrics.Cli.Output;

/// <summary>
/// The last step before the tool's own text from the data (rejection reasons, header echoes in error lines, paths,
/// progress labels) reaches a terminal or a Markdown file: the core's rule (<see cref="ControlCharacters"/>), which the
/// core text and Markdown writers apply to every table (docs/cli.md, "Text from the data").
/// </summary>
internal static class TerminalText
{
    /// <summary>The longest error line or rejection line printed, in characters (before the size note).</summary>
    public const int MaxLine = ControlCharacters.MaxLine;

    /// <summary>The longest table cell or echoed value printed, in characters (before the size note).</summary>
    public const int MaxCell = ControlCharacters.MaxCell;

    /// <summary>Escapes control characters; text longer than <paramref name="max"/> is cut there and ends with <c>… (N characters)</c>.</summary>
    public static string Safe(string? text, int max = MaxLine) => ControlCharacters.Escape(text, max);
}
