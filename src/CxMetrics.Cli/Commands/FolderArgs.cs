using System.CommandLine.Parsing;
using System.Globalization;
using CxMetrics.Cli.Input;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The settings file of a report folder, <c>report.args</c> (docs/cli.md, "Folder settings"): command-line options of
/// <c>report</c>, split into tokens as a command line is (<see cref="CommandLineParser.SplitCommandLine"/>), one or more per
/// line; <c>#</c> starts a comment line. The lines before the first <c>[FILE]</c> section apply to every file; a section
/// (<c>[tickets.csv]</c>, one of the conventional file names; <c>[assignments.csv]</c> for the experiment) applies to that
/// file only; the options about the whole output (<c>--format</c>, <c>--output</c>, <c>--suppress-below</c>,
/// <c>--suppression</c>) are refused in a section, where they would have no effect. The tokens are parsed by the same parser as the command line (<see cref="ToolCommands"/>), which also lets
/// the command line's own options win.
/// </summary>
internal sealed class FolderArgs
{
    /// <summary>The file's name in a folder.</summary>
    public const string FileName = "report.args";

    /// <summary>The files a section may name: every file <c>report DIR</c> reads.</summary>
    public static readonly string[] Sections = [.. ShopData.KnownFiles, HelpdeskSection.File, SurvivalCommand.SurvivalFile, ExperimentCommand.AssignmentsFile, AcquisitionCommand.SignupsFile];

    /// <summary>The options about the whole output (one document, one format, one small-cell policy): allowed only before the first section.</summary>
    private static readonly string[] WholeOutput = ["--format", "-f", "--output", "-o", "--suppress-below", "--suppression"];

    private readonly Dictionary<string, List<string>> sections = new(StringComparer.Ordinal);

    private FolderArgs(string? path, List<string> global)
    {
        Path = path;
        Global = global;
    }

    /// <summary>The file read, or null when the folder has none.</summary>
    public string? Path { get; }

    /// <summary>The options for every file.</summary>
    public IReadOnlyList<string> Global { get; }

    /// <summary>A file's own options (empty when it has no section).</summary>
    public IReadOnlyList<string> For(string file) => sections.TryGetValue(file, out var tokens) ? tokens : [];

    /// <summary>Reads <c>report.args</c> of <paramref name="folder"/>; no file is no settings. A section naming no file that report reads is a usage error.</summary>
    public static FolderArgs Read(string folder)
    {
        string path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new FolderArgs(null, []);
        }

        var global = new List<string>();
        var args = new FolderArgs(path, global);
        var current = global;
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                string name = line.EndsWith(']') ? line[1..^1].Trim() : line;
                if (!Sections.Contains(name, StringComparer.Ordinal))
                {
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{path} line {number}: '{TerminalText(line)}' is not a section of a file report reads ({string.Join(", ", Sections.Select(s => $"[{s}]"))})."));
                }

                if (args.sections.ContainsKey(name))
                {
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{path} line {number}: section [{name}] is given twice."));
                }

                current = args.sections[name] = [];
                continue;
            }

            var tokens = CommandLineParser.SplitCommandLine(line).ToList();
            if (!ReferenceEquals(current, global)
                && tokens.FirstOrDefault(t => WholeOutput.Any(o => t == o || t.StartsWith(o + "=", StringComparison.Ordinal))) is { } whole)
            {
                // A section's --format would be silently ignored (the output is one document): say so instead.
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} line {number}: {TerminalText(whole.Split('=')[0])} is about the whole output and belongs before the first section ({string.Join(", ", WholeOutput.Where(o => o.StartsWith("--", StringComparison.Ordinal)))} apply to every file)."));
            }

            current.AddRange(tokens);
        }

        return args;
    }

    private static string TerminalText(string text) => Output.TerminalText.Safe(text, Output.TerminalText.MaxCell);
}
