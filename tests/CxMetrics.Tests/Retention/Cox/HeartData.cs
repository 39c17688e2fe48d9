using System.Globalization;
using CxMetrics.Retention;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>R survival's <c>heart</c> data in counting-process form (see ATTRIBUTION.md next to heart.csv).</summary>
internal static class HeartData
{
    private static readonly Lazy<Row[]> All = new(Load);

    public static Row[] Rows => All.Value;

    public static SurvivalObservation[] Observations => [.. Rows.Select(r => new SurvivalObservation(r.Start, r.Stop, r.Event))];

    public static CoxDesign Design(bool strataBySurgery = false)
    {
        var design = new CoxDesign().WithNumeric("age", Rows.Select(r => r.Age).ToArray());
        if (!strataBySurgery)
        {
            design = design.WithNumeric("year", Rows.Select(r => r.Year).ToArray()).WithNumeric("surgery", Rows.Select(r => r.Surgery).ToArray());
        }

        design = design.WithNumeric("transplant", Rows.Select(r => r.Transplant).ToArray());
        return strataBySurgery ? design.WithStrata("surgery", Rows.Select(r => r.Surgery.ToString(CultureInfo.InvariantCulture)).ToArray()) : design;
    }

    private static Row[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Retention", "Cox", "heart.csv");
        return [.. File.ReadLines(path).Skip(1).Select(line =>
        {
            double[] f = [.. line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
            return new Row(f[0], f[1], f[2] == 1, f[3], f[4], f[5], f[6], (int)f[7]);
        })];
    }

    internal sealed record Row(double Start, double Stop, bool Event, double Age, double Year, double Surgery, double Transplant, int Id);
}
