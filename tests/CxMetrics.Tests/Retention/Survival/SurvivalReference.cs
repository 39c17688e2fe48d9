using System.Globalization;
using CxMetrics.Tests.Retention.Cox;

namespace CxMetrics.Tests.Retention.Survival;

/// <summary>
/// The figures of survival_reference.R (R survival 3.5.3), read from its committed output survival_reference.out, and the
/// lung data with the script's artificial delayed entries.
/// </summary>
internal static class SurvivalReference
{
    private static readonly Lazy<string[]> Lines = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Retention", "Survival", "survival_reference.out")));

    /// <summary>The script's entries: floor(time · ((i mod 4) / 5)) for row i = 1..n.</summary>
    public static double[] Entries => [.. LungData.Rows.Select(r => Math.Floor(r.Time * (((r.Index + 1) % 4) / 5.0)))];

    /// <summary>The script's case weights 1 + (i mod 3).</summary>
    public static double[] Weights => [.. LungData.Rows.Select(r => 1.0 + ((r.Index + 1) % 3))];

    /// <summary>The step table of a <c>survfit</c> section: time, n.risk, n.event, n.censor, surv, std.err (of log S), lower, upper.</summary>
    public static double[][] Steps(string section) => [.. Section(section).Skip(1).TakeWhile(l => !l.TrimStart().StartsWith("records", StringComparison.Ordinal)).Select(Numbers)];

    /// <summary>The <c>summary(fit)$table</c> line of a section: records, n.max, n.start, events, rmean, se(rmean), median, LCL, UCL.</summary>
    public static double[] Table(string section) => Numbers(Section(section).SkipWhile(l => !l.TrimStart().StartsWith("records", StringComparison.Ordinal)).Skip(1).First());

    /// <summary>The numbers of each line of a section.</summary>
    public static double[][] Rows(string section) => [.. Section(section).Select(Numbers)];

    /// <summary>The numbers of a section's lines, in order (R's <c>[1]</c> markers dropped).</summary>
    public static double[] Values(string section) => [.. Section(section).SelectMany(Numbers)];

    private static IEnumerable<string> Section(string name)
    {
        var lines = Lines.Value;
        int start = Array.FindIndex(lines, l => l.StartsWith("== " + name, StringComparison.Ordinal));
        Assert.True(start >= 0, $"section '{name}' is not in survival_reference.out");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("==", StringComparison.Ordinal));
    }

    private static double[] Numbers(string line) =>
        [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !t.StartsWith('[')).Select(t => t == "NA" ? double.NaN : t == "Inf" ? double.PositiveInfinity : double.Parse(t, CultureInfo.InvariantCulture))];
}
