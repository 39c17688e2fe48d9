using System.Globalization;
using CxMetrics.Retention;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>R survival's <c>lung</c> data (see ATTRIBUTION.md next to lung.csv).</summary>
internal static class LungData
{
    private static readonly Lazy<Row[]> All = new(Load);

    public static Row[] Rows => All.Value;

    public static SurvivalObservation[] Observations(IEnumerable<Row> rows, Func<Row, double>? weight = null) =>
        [.. rows.Select(r => new SurvivalObservation(r.Time, r.Dead, weight?.Invoke(r) ?? 1.0))];

    private static Row[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Retention", "Cox", "lung.csv");
        return [.. File.ReadLines(path).Skip(1).Select((line, i) =>
        {
            string[] f = line.Split(',');
            return new Row(i, double.Parse(f[1], CultureInfo.InvariantCulture), f[2] == "2", double.Parse(f[3], CultureInfo.InvariantCulture),
                int.Parse(f[4], CultureInfo.InvariantCulture), f[5] == "NA" ? null : int.Parse(f[5], CultureInfo.InvariantCulture), f[0]);
        })];
    }

    internal sealed record Row(int Index, double Time, bool Dead, double Age, int Sex, int? Ecog, string Institution);
}
