using System.Diagnostics;
using CxMetrics.Cli.Commands;

namespace CxMetrics.Cli.Tests;

/// <summary>Runs the tool as the tests need it: in-process through its one entry point, or as a separate process.</summary>
internal static class Tool
{
    /// <summary>Runs <c>cxmetrics ARGS</c> in-process (<see cref="ToolCommands.Run"/>) and returns the exit code, stdout and stderr.</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = ToolCommands.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs the built tool as its own process (<c>dotnet CxMetrics.Cli.dll ARGS</c>, progress off) with these bytes on
    /// standard input (closed at once; empty when null), in <paramref name="workingDirectory"/> when given.
    /// </summary>
    public static (int Code, string Output, string Error) RunProcess(byte[]? input, string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CxMetrics.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["CXMETRICS_NO_PROGRESS"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(input ?? []);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    /// <summary><see cref="RunProcess(byte[], string[], string)"/> with text written as UTF-8.</summary>
    public static (int Code, string Output, string Error) RunProcess(string? input, string[] args, string? workingDirectory = null) =>
        RunProcess(input is null ? null : System.Text.Encoding.UTF8.GetBytes(input), args, workingDirectory);
}
