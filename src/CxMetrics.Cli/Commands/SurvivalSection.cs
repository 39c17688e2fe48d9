using System.Globalization;
using System.Text;
using CxMetrics.Cli.Output;
using CxMetrics.Csv;
using CxMetrics.Retention;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// Survival section of the report: Kaplan–Meier retention curves by contract type on the bundled IBM Telco sample
/// (tenure in months, churn flag: right-censored), their medians and restricted means, and the log-rank test.
/// </summary>
internal static class SurvivalSection
{
    private static readonly int[] Months = [1, 3, 6, 12, 24, 36, 48, 60, 72];

    public static string Render(double confidenceLevel)
    {
        var customers = Load(Path.Combine(AppContext.BaseDirectory, "samples", "telco", "telco_churn_tenure.csv"));
        var options = new KaplanMeierOptions { ConfidenceLevel = confidenceLevel };
        string level = (confidenceLevel * 100).ToString("#,##0.##", CultureInfo.InvariantCulture) + "% CI";
        var curves = KaplanMeier.By(customers, c => c.Contract, c => c.Observation, options);

        var headers = new List<string> { "month" };
        foreach (var cell in curves)
        {
            headers.Add($"{cell.Key} %");
            headers.Add(level);
        }

        var curve = new TextTable(
            $"Retention curve by contract — Kaplan–Meier, IBM Telco sample ({Format.Count(customers.Count)} customers; still-active customers censored at their tenure)",
            [.. headers]);
        foreach (int month in Months)
        {
            var row = new List<string> { month.ToString(CultureInfo.InvariantCulture) };
            foreach (var cell in curves)
            {
                var step = cell.Result.StepAt(month);
                row.Add(Format.Number((step?.Survival ?? 1.0) * 100));
                row.Add(Format.Interval(step?.Interval, 100));
            }

            curve.Row([.. row]);
        }

        var summary = new TextTable("Survival by contract", "contract", "n", "churned", "censored", "median (months)", level, "RMST 72 m", level);
        foreach (var cell in curves)
        {
            var r = cell.Result;
            var rmst = KaplanMeier.RestrictedMean(r, 72);
            summary.Row(cell.Key, Format.Count(r.Count), Format.Count(r.Events), Format.Count(r.Censored), Median(r.Median),
                $"[{Median(r.MedianLower)}, {Median(r.MedianUpper)}]", Format.Number(rmst.Value), Format.Interval(rmst.Interval));
        }

        var test = LogRank.By(customers, c => c.Contract, c => c.Observation);
        var text = new StringBuilder();
        text.Append(curve).Append('\n').Append(summary);
        text.Append(string.Create(
            CultureInfo.InvariantCulture,
            $"Log-rank test, contracts equal: χ² = {Format.Number(test.ChiSquare, "0.0")} on {test.DegreesOfFreedom} df, p {PValue(test.PValue)}. Median \"—\": the curve (or band) never falls to 50% within follow-up.\n"));
        return text.ToString();
    }

    private static string Median(double? months) => months is { } m ? m.ToString("#,##0.#", CultureInfo.InvariantCulture) : Format.None;

    private static string PValue(double? p) => Format.PValue(p) is var text && text.StartsWith('<') ? text : "= " + text;

    /// <summary>
    /// The bundled Telco file read as a duration/event file by <see cref="SurvivalCsv"/> (tenure in months, Churn yes/no,
    /// by contract), as <c>survival --columns duration=tenure,event=Churn --segment Contract</c> reads it; a row the reader
    /// rejects is a broken bundled file.
    /// </summary>
    internal static List<Customer> Load(string path)
    {
        var records = SurvivalCsv.Read(path, new SurvivalColumns { Duration = "tenure", Event = "Churn", Id = "customerID", Segment = "Contract" }, new CsvReadOptions { Strict = true });
        var customers = new List<Customer>();
        foreach (var record in records)
        {
            customers.Add(new Customer(record.Segment ?? "(none)", record.Observation));
        }

        return customers;
    }

    internal sealed record Customer(string Contract, SurvivalObservation Observation);
}
