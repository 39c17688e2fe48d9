using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>clv --covariates FILE --covariate COLUMNS [--reference COLUMN=LEVEL]</c>: the BG/NBD or Pareto/NBD fit with
/// time-invariant customer covariates (<see cref="BetaGeoNbd.Fit(RfmData, CustomerCovariates, CustomerCovariates, FitOptions)"/>,
/// <see cref="ParetoNbd.Fit(RfmData, CustomerCovariates, CustomerCovariates, FitOptions)"/>): the two fits side by side on the
/// same customers, the coefficients (γ, SE, z, p per process) and the likelihood-ratio test. A customer without a value for
/// every covariate (absent from FILE, or an empty or <c>NA</c> cell) is left out of both fits and counted, as <c>--cox</c>'s
/// rows (R's <c>na.omit</c>).
/// </summary>
internal static class ClvCovariateSection
{
    /// <summary>The JSON shape of the covariate run's account (documented in docs/cli.md).</summary>
    internal sealed record Account(string? File, int Customers, int LeftOut, int NotInOrders, IReadOnlyDictionary<string, string> References);

    public static void Add(ReportDocument doc, CustomerBaseSummary summary, ClvCovariateRequest request, string model, FitOptions options, CliSettings s)
    {
        var customers = summary.Customers;
        var columns = Columns(request, s);
        var fileColumns = columns.Where(c => !ExtraOptions.OrderCovariates.Contains(c.Name)).Select(c => c.Name).ToList();
        foreach (var (column, _) in request.References)
        {
            if (!columns.Any(c => c.Name == column))
            {
                throw new UsageException($"--reference: '{column}' is not a column of {request.File} (its covariate columns: {string.Join(", ", columns.Select(c => c.Name))}).");
            }
        }

        // The text of each covariate per customer of the summary (null: missing); customers of the file the orders lack are counted.
        var index = new Dictionary<string, int>(customers.Count, StringComparer.Ordinal);
        for (int i = 0; i < customers.Count; i++)
        {
            index[customers[i].CustomerId] = i;
        }

        var text = new string?[columns.Count][];
        for (int j = 0; j < text.Length; j++)
        {
            text[j] = new string?[customers.Count];
        }

        int notInOrders = 0;
        if (request.File is { } file)
        {
            var records = MappedRead.Customers(file, fileColumns, s);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in records)
            {
                if (!seen.Add(row.CustomerId))
                {
                    throw new FormatException($"{ShopData.SourceName(file)}: customer '{row.CustomerId}' has two rows; a covariates file has one row per customer.");
                }

                if (!index.TryGetValue(row.CustomerId, out int i))
                {
                    notInOrders++;
                    continue;
                }

                for (int k = 0; k < fileColumns.Count; k++)
                {
                    text[columns.FindIndex(c => c.Name == fileColumns[k])][i] = row.Values[k];
                }
            }

            doc.Inputs.Add(records.Report);
        }

        for (int j = 0; j < columns.Count; j++)
        {
            if (ExtraOptions.OrderCovariates.Contains(columns[j].Name))
            {
                for (int i = 0; i < customers.Count; i++)
                {
                    double first = FirstOrderValue(customers[i]);
                    bool log = columns[j].Name == "log_first_order_value";
                    text[j][i] = log && !(first > -1) ? null : (log ? double.LogP1(first) : first).ToString("R", CultureInfo.InvariantCulture);
                }
            }
        }

        var kept = new List<int>(customers.Count);
        for (int i = 0; i < customers.Count; i++)
        {
            bool complete = true;
            for (int j = 0; j < columns.Count && complete; j++)
            {
                complete = text[j][i] is not (null or "NA");
            }

            if (complete)
            {
                kept.Add(i);
            }
        }

        var (table, names) = Design(columns, text, kept, customers, request);
        var purchase = table.Select([.. columns.Where(c => c.Purchase).SelectMany(c => names[c.Name])]);
        var dropout = table.Select([.. columns.Where(c => c.Dropout).SelectMany(c => names[c.Name])]);
        var rfm = summary.ToRfmData();
        var data = RfmData.Create(
            [.. kept.Select(i => rfm.Frequency[i])],
            [.. kept.Select(i => rfm.Recency[i])],
            [.. kept.Select(i => rfm.Age[i])]);

        int leftOut = customers.Count - kept.Count;
        var account = new Account(request.File is null ? null : ShopData.SourceName(request.File), kept.Count, leftOut, notInOrders, request.References);
        doc.Results["covariateCustomers"] = account;
        var notes = new List<string>();
        if (leftOut > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{leftOut:#,##0} customers without a value for every covariate (not in the covariates file, or an empty or NA cell) left out of both fits (R's na.omit)"));
        }

        if (notInOrders > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{notInOrders:#,##0} customers of the covariates file have no order in the calibration period and are not fitted"));
        }

        if (request.References.Count > 0)
        {
            notes.Add("reference levels: " + string.Join(", ", request.References.Select(r => $"{r.Key}={r.Value}")));
        }

        string processes = string.Join(", ", columns.Select(c => c.Name + (c.Purchase && c.Dropout ? " (purchase, dropout)" : c.Purchase ? " (purchase)" : " (dropout)")));
        var fits = new ReportTable(string.Create(CultureInfo.InvariantCulture, $"{(model == "pareto" ? "Pareto/NBD" : "BG/NBD")} with and without covariates ({Format.Count(kept.Count)} customers; covariates: {processes})"),
            "model", "parameters (SE)", "LL", "customers", "status");
        if (model == "pareto")
        {
            var m = s.Progress.Run("fitting Pareto/NBD with covariates", _ => ParetoNbd.Fit(data, purchase, dropout, options));
            var plain = m.WithoutCovariates;
            Row(fits, "without covariates", [plain.R, plain.Alpha, plain.S, plain.Beta], plain.Diagnostics);
            Row(fits, "with covariates (base: all covariates 0)", [m.R, m.Alpha, m.S, m.Beta], m.Diagnostics);
            doc.Tables.Add(fits);
            doc.Add(m.ToReport());
            doc.Results["paretoNbdCovariates"] = m;
        }
        else
        {
            var m = s.Progress.Run("fitting BG/NBD with covariates", _ => BetaGeoNbd.Fit(data, purchase, dropout, options));
            var plain = m.WithoutCovariates;
            Row(fits, "without covariates", [plain.R, plain.Alpha, plain.A, plain.B], plain.Diagnostics);
            Row(fits, "with covariates (base: all covariates 0)", [m.R, m.Alpha, m.A, m.B], m.Diagnostics);
            doc.Tables.Add(fits);
            doc.Add(m.ToReport());
            doc.Results["bgNbdCovariates"] = m;
        }

        notes.Add("a purchase γ > 0 multiplies the mean purchase rate by e^γ per unit (or for the level against the reference)");
        fits.Note = string.Join("; ", notes);
    }

    /// <summary>The covariate columns: those of --covariate, or every column of FILE but the customer id (both processes).</summary>
    private static List<ClvCovariateColumn> Columns(ClvCovariateRequest request, CliSettings s)
    {
        if (request.File is not { } file)
        {
            return [.. request.Columns!];
        }

        if (!StandardInput.Is(file) && !File.Exists(file))
        {
            throw new FileNotFoundException($"--covariates: no such file: '{file}'.");
        }

        var header = MappedRead.HeaderOf(file, FileKind.Customers, s)
            ?? throw new FormatException($"{ShopData.SourceName(file)}: the covariates file is empty; it needs a header with the customer id and the covariate columns.");
        string id = s.Input.For(FileKind.Customers).Columns.HeaderOf("customer_id")!;
        if (!header.Contains(id))
        {
            throw new UsageException($"--covariates: {ShopData.SourceName(file)} has no customer id column '{id}' (its columns: {string.Join(", ", header.Select(h => $"'{h}'"))}); rename it with a customers section in --map.");
        }

        if (request.Columns is { } named)
        {
            if (named.FirstOrDefault(c => !ExtraOptions.OrderCovariates.Contains(c.Name) && !header.Contains(c.Name)) is { } unknown)
            {
                throw new UsageException($"--covariate: '{unknown.Name}' is not a column of {ShopData.SourceName(file)} (its columns: {string.Join(", ", header.Select(h => $"'{h}'"))}) nor one the orders give ({string.Join(", ", ExtraOptions.OrderCovariates)}).");
            }

            return [.. named];
        }

        var all = header.Where(h => h != id).Select(h => new ClvCovariateColumn(h, true, true)).ToList();
        return all.Count > 0 ? all : throw new UsageException($"--covariates: {ShopData.SourceName(file)} has no column besides the customer id '{id}'.");
    }

    /// <summary>The covariate table of the kept customers (numbers, or dummies against --reference) and each column's names in it.</summary>
    private static (CustomerCovariates Table, Dictionary<string, string[]> Names) Design(List<ClvCovariateColumn> columns, string?[][] text, List<int> kept, IReadOnlyList<CustomerSummary> customers, ClvCovariateRequest request)
    {
        var table = CustomerCovariates.None(kept.Count);
        var names = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (int j = 0; j < columns.Count; j++)
        {
            string name = columns[j].Name;
            int before = table.Names.Count;
            if (request.References.TryGetValue(name, out string? reference))
            {
                string[] levels = ExtraOptions.CheckedLevels(kept.Select(i => text[j][i]!), name, reference);
                table = kept.Count == 0 ? table : table.WithCategory(name, levels, reference);
            }
            else
            {
                var values = new double[kept.Count];
                for (int k = 0; k < values.Length; k++)
                {
                    string cell = text[j][kept[k]]!;
                    if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
                    {
                        string where = request.File is { } file ? ShopData.SourceName(file) : "the orders";
                        throw new FormatException($"--covariate: column '{name}' holds '{cell}' for customer '{customers[kept[k]].CustomerId}' of {where}, not a number; a numeric covariate takes numbers (an empty cell or NA leaves the customer out), or name the column in --reference COLUMN=LEVEL to make it categorical.");
                    }
                }

                table = table.With(name, values);
            }

            names[name] = [.. table.Names.Skip(before)];
        }

        return (table, names);
    }

    /// <summary>The spend of the customer's first purchase day: the calibration spend less the x repeat purchases' mean spend.</summary>
    private static double FirstOrderValue(CustomerSummary c) => (double)c.CalibrationSpend - ((c.MeanRepeatSpend ?? 0) * c.Frequency);

    private static void Row(ReportTable table, string label, ParameterEstimate[] estimates, FitDiagnostics diagnostics) =>
        table.Row(label, string.Join(", ", estimates.AsEnumerable()), new NumberCell(diagnostics.LogLikelihood), Format.Count((long)diagnostics.Customers), diagnostics.Status.ToString());
}
