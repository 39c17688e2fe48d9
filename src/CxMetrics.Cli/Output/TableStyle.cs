using Spectre.Console;
using Spectre.Console.Rendering;

namespace CxMetrics.Cli.Output;

/// <summary>
/// The one table style of the text output (docs/cli.md, "Text output"), used by every table (<see cref="Renderer"/>):
/// Spectre's ASCII border
/// (<c>+</c>, <c>-</c>, <c>|</c>), so that a table pasted into a ticket, an e-mail or a terminal without box-drawing glyphs
/// keeps its lines; titles and notes are plain lines above and below the table, never centred or padded. On a terminal the
/// layout keeps the terminal's width; redirected or written to a file (or any writer but the process's stdout), lines are
/// as long as their content and are never wrapped.
/// </summary>
internal static class TableStyle
{
    /// <summary>The layout width when the output is not a terminal: wide enough that nothing wraps.</summary>
    public const int Unbounded = 1_000_000;

    public static TableBorder Border => TableBorder.Ascii2;

    /// <summary>A console without colours or ANSI codes on <paramref name="output"/>, laid out as described above.</summary>
    public static IAnsiConsole Console(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Width(output);
        return console;
    }

    /// <summary>The terminal's width when <paramref name="output"/> is the process's stdout on a terminal, else <see cref="Unbounded"/>.</summary>
    public static int Width(TextWriter output)
    {
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            return Unbounded;
        }

        try
        {
            return System.Console.WindowWidth > 0 ? System.Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>Writes a table: its title as a line, the table, then its note as a line (both unpadded).</summary>
    public static void Write(IAnsiConsole console, string? title, Table table, string? note)
    {
        table.Border = Border;
        if (!string.IsNullOrEmpty(title))
        {
            console.Write(new Text(title + "\n"));
        }

        console.Write(table);
        if (!string.IsNullOrEmpty(note))
        {
            console.Write(new Text(note + "\n"));
        }
    }

    /// <summary>A cell of plain text (no markup), right-aligned when <paramref name="right"/>.</summary>
    public static IRenderable Cell(string text, bool right) => new Text(text) { Justification = right ? Justify.Right : Justify.Left };
}
