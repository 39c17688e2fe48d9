using System.Globalization;
using System.Text;
using CxMetrics.Cli.Output;
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

    internal static List<Customer> Load(string path)
    {
        var customers = new List<Customer>();
        int line = 0;
        string[]? header = null;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            var fields = Split(raw);
            if (header is null)
            {
                header = fields;
                continue;
            }

            string Field(string name) => fields[Array.IndexOf(header, name)];
            var id = Field("customerID");
            if (!double.TryParse(Field("tenure"), NumberStyles.Float, CultureInfo.InvariantCulture, out double tenure))
            {
                throw new FormatException($"tenure '{Field("tenure")}' of customer '{id}' on line {line} of {path} is not a number.");
            }

            bool churned = Field("Churn") switch
            {
                "Yes" => true,
                "No" => false,
                var other => throw new FormatException($"Churn '{other}' of customer '{id}' on line {line} of {path} is neither Yes nor No."),
            };
            customers.Add(new Customer(Field("Contract"), new SurvivalObservation(tenure, churned, id: id)));
        }

        return customers;
    }

    /// <summary>Splits one CSV line on commas, honouring double-quoted fields (with "" as an escaped quote).</summary>
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    internal sealed record Customer(string Contract, SurvivalObservation Observation);
}
