using System.Globalization;
using CxMetrics.Cli.Output;
using CxMetrics.Csv;
using CxMetrics.Retention;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>survival FILE --cox COLUMNS [--reference COLUMN=LEVEL]</c>: the Cox regression of a duration/event file's lifetimes
/// on its covariate columns (<see cref="CoxRegression"/>; entries, weights and <c>--strata</c> as the file gives them),
/// shown with the model's own tables and the proportional-hazards test (<see cref="CoxProportionalHazardsTest"/>).
/// A row with an empty or <c>NA</c> covariate is left out of the fit and counted, as R's default <c>na.omit</c>. The fit
/// runs on the file's distinct rows with their counts (<see cref="CoxRows"/>), which gives the fit on every row.
/// </summary>
internal static class CoxSection
{
    public static void Add(ReportDocument doc, CoxRows rows, CoxRequest request, string? strata, string source, double level)
    {
        int p = request.Columns.Count;
        var kept = rows.Rows;
        long missing = rows.Missing;
        var design = new CoxDesign();
        for (int j = 0; j < p; j++)
        {
            string name = request.Columns[j];
            if (request.References.TryGetValue(name, out string? reference))
            {
                string[] levels = ExtraOptions.CheckedLevels(kept.Select(r => r.Covariates[j]!), name, reference);
                design = design.WithCategorical(name, levels, reference);
                continue;
            }

            var values = new double[kept.Count];
            for (int i = 0; i < values.Length; i++)
            {
                string text = kept[i].Covariates[j]!;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                {
                    string which = kept[i].Id is { } id ? $"the row of id '{id}'" : string.Create(CultureInfo.InvariantCulture, $"row {rows.FirstPosition(i) + 1} of the fit");
                    throw new FormatException($"--cox: column '{name}' holds '{text}' in {which} of {source}, not a number; a numeric covariate takes numbers (an empty cell or NA leaves the row out), or name the column in --reference COLUMN=LEVEL to make it categorical.");
                }
            }

            design = design.WithNumeric(name, values);
        }

        if (strata is not null)
        {
            design = design.WithStrata(strata, [.. kept.Select(r => r.Stratum ?? "(none)")]);
        }

        var model = CoxRegression.Fit([.. kept.Select(r => r.Observation)], rows.Counts, design, new CoxOptions { ConfidenceLevel = level });
        int first = doc.Tables.Count;
        doc.Add(model.ToReport());
        doc.Results["cox"] = model;
        var notes = new List<string> { "R coxph: Efron ties; HR = exp(coef), the factor on the churn hazard per unit of a numeric column or for a level against the reference" };
        if (request.References.Count > 0)
        {
            notes.Add("reference levels: " + string.Join(", ", request.References.Select(r => $"{r.Key}={r.Value}")));
        }

        if (strata is not null)
        {
            notes.Add($"stratified by {strata} (a baseline hazard per stratum)");
        }

        if (missing > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{missing:#,##0} rows with an empty or NA covariate left out of the fit (R's na.omit)"));
        }

        var summary = doc.Tables[first];
        summary.Note = string.Join("; ", summary.Note is null ? notes : [summary.Note, .. notes]);
        if (model.Diagnostics.IsConverged && model.Coefficients.Count > 0)
        {
            try
            {
                var zph = model.ProportionalHazardsTest();
                doc.Add(zph.ToReport());
                doc.Results["coxZph"] = zph;
                doc.Tables[^1].Note = "a small p says the term's hazard ratio drifts over time (scaled Schoenfeld residuals against the Kaplan–Meier transform of time, R cox.zph)";
            }
            catch (InvalidOperationException ex)
            {
                summary.Note += "; no proportional-hazards test: " + ex.Message;
            }
        }
    }
}
