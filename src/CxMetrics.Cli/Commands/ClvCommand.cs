using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Commerce;
using CxMetrics.Csv;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>clv [PATH]</c>: the customer summary (frequency, recency, age in weeks), the BG/NBD and gamma-gamma fits with their
/// diagnostics, the P(alive) distribution, a holdout check when --calibration-end leaves later orders, and the top customers
/// by predicted discounted value over --horizon months. Without PATH: the bundled CDNOW sample (calibration to 1997-09-30).
/// </summary>
internal static class ClvCommand
{
    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        var data = new ShopData();
        var (source, orders) = data.OrdersOrCdnow(path, s);
        if (path is null)
        {
            s = s with { Family = s.Family with { CalibrationEnd = s.Family.CalibrationEnd ?? new LocalDate(1997, 9, 30) } };
        }

        var doc = new ReportDocument("clv", source);

        Tables(doc, orders, s);
        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    public static void Tables(ReportDocument doc, RecordStream<Order> orders, CliSettings s) => Tables(doc, OrderInput.Of(orders), s);

    /// <summary>
    /// The CLV tables from one pass over the orders: each order at or before --as-of goes into the per-customer summary tally
    /// (one amount per customer and purchase day), and the latest such order (the default calibration end) is tracked on the
    /// way; the calibration/holdout split is made afterwards from the per-customer state, never by reading the orders again.
    /// </summary>
    public static void Tables(ReportDocument doc, OrderInput orders, CliSettings s)
    {
        var (fold, tables) = Fold(orders, s);
        orders.ForEach(fold);
        tables(doc);
    }

    /// <summary>
    /// The CLV fold of <see cref="Tables(ReportDocument, OrderInput, CliSettings)"/> without the read: each order goes into a
    /// per-customer tally; the tables summarise it once every order was pushed (the tally is garbage once the summary is
    /// made, so it never sits beside the fits — unless <paramref name="charts"/>, the HTML report's, keeps it for its charts).
    /// </summary>
    public static (OrderFold Fold, Action<ReportDocument> Tables) Fold(OrderInput orders, CliSettings s, OrderCharts? charts = null)
    {
        var zone = s.PeriodZone;
        var asOf = s.AsOf;
        var tally = new CustomerSummaryTally(zone);
        if (charts is not null)
        {
            charts.Customers = tally;
        }

        var latestInstant = Instant.MinValue;

        // Each row goes into the tally by its dense customer index (no record per row), a reader's batch at a time.
        var ids = orders.Rows is null ? null : orders.CustomerIds;
        void AddRow(OrderRow r)
        {
            if (asOf is { } cut && r.PlacedAt > cut)
            {
                return;
            }

            tally.Add(ids!, r.CustomerIndex, r.PlacedAt, r.Amount, orders.Currency);
            latestInstant = Instant.Max(latestInstant, r.PlacedAt);
        }

        var fold = new OrderFold(AddRow, o =>
        {
            if (asOf is { } cut && o.PlacedAt > cut)
            {
                return;
            }

            tally.Add(o);
            latestInstant = Instant.Max(latestInstant, o.PlacedAt);
        }, b =>
        {
            var latest = OrderFold.Latest(b);
            if (asOf is { } cut && latest > cut)
            {
                // The batch crosses the as-of cut: row by row, each row judged as above.
                for (int i = 0; i < b.Count; i++)
                {
                    AddRow(b[i]);
                }

                return;
            }

            tally.AddRange(ids!, b.CustomerIndexes, b.PlacedAt, b.Amounts, orders.Currency);
            latestInstant = Instant.Max(latestInstant, latest);
        });

        return (fold, doc =>
        {
            if (charts is not null)
            {
                charts.Latest = tally.OrderCount == 0 ? null : latestInstant;
            }

            var summary = Summarize(tally, latestInstant, s);
            tally = null!;
            if (charts is null)
            {
                // The tally (a row per customer and purchase day: most of the process's memory) is garbage now; collect it
                // before the fits allocate, so the peak is the read's and not the read's plus the fits'.
                GC.Collect();
            }
            Write(doc, summary, s);
        });
    }

    /// <summary>The customer summary of the folded tally; <see langword="null"/> without orders at or before --as-of.</summary>
    private static (CustomerBaseSummary Summary, LocalDate CalibrationEnd)? Summarize(CustomerSummaryTally tally, Instant latestInstant, CliSettings s)
    {
        if (tally.OrderCount == 0)
        {
            return null;
        }

        var latest = latestInstant.InZone(s.PeriodZone).Date;
        var calibrationEnd = s.Family.CalibrationEnd ?? latest;
        var options = new CustomerSummaryOptions
        {
            CalibrationEnd = calibrationEnd,
            HoldoutEnd = latest > calibrationEnd ? latest : null,
            TimeUnit = TimeUnit.Week,
        };
        return (s.Progress.Run("summarising customers", _ => CustomerBase.From(tally, options)), calibrationEnd);
    }

    private static void Write(ReportDocument doc, (CustomerBaseSummary Summary, LocalDate CalibrationEnd)? summarized, CliSettings s)
    {
        var zone = s.PeriodZone;
        if (summarized is not { } read)
        {
            doc.Tables.Add(new ReportTable("Customer lifetime value", "customers", "note").Row("0", "no orders (at or before the as-of instant): nothing to fit"));
            return;
        }

        var (summary, calibrationEnd) = read;
        var options = summary.Options;
        var customers = summary.Customers;
        var rfm = summary.ToRfmData();
        var fitOptions = s.Family.Regularise ? FitOptions.Regularised : FitOptions.Default;
        var bg = s.Progress.Run($"fitting {s.Family.Model}", _ => PurchaseModelChoice.Fit(s.Family.Model, rfm, fitOptions));

        // One pass over the customers (a summary builds each record as it is read): the totals of the overview.
        int repeaters = 0;
        double sumX = 0, sumTx = 0, sumT = 0;
        decimal calibrationRevenue = 0;
        foreach (var c in customers)
        {
            repeaters += c.Frequency > 0 ? 1 : 0;
            sumX += c.Frequency;
            sumTx += c.Recency;
            sumT += c.Age;
            calibrationRevenue += c.CalibrationSpend;
        }

        var spend = s.Progress.Run("fitting gamma-gamma", _ => GammaGamma.Fit(summary, fitOptions));
        doc.Results["customerSummary"] = new ClvSummaryJson(customers.Count, summary.AcquiredAfterCalibration, summary.Currency, calibrationEnd.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            options.HoldoutEnd?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), options.TimeUnit.Name);
        doc.Results[bg.JsonKey] = bg.Model;
        doc.Results["gammaGamma"] = spend;
        if (customers.Count == 0)
        {
            // Every order is after the calibration end: the fits have no data (FitStatus.NoData), and there is nothing to average.
            doc.Tables.Add(new ReportTable("Customer lifetime value", "customers", bg.Name, "gamma-gamma", "note")
                .Row("0", bg.Diagnostics.Status.ToString(), spend.Diagnostics.Status.ToString(), string.Create(CultureInfo.InvariantCulture,
                    $"no customer ordered on or before the calibration end {calibrationEnd:yyyy-MM-dd} ({Format.Count(summary.AcquiredAfterCalibration)} first ordered later): the calibration period is empty, nothing to fit")));
            return;
        }

        var overview = new ReportTable($"Customer summary (calibration to {calibrationEnd:yyyy-MM-dd} in {zone.Id}; unit: week; same-day orders merged)",
            "customers", "repeat buyers", "repeat share", "mean x", "mean t_x", "mean T", "calibration revenue", "currency", "acquired after calibration");
        overview.Row(Format.Count(customers.Count), Format.Count(repeaters), new ShareCell((double)repeaters / Math.Max(customers.Count, 1)), new NumberCell(sumX / customers.Count, 2),
            new NumberCell(sumTx / customers.Count), new NumberCell(sumT / customers.Count),
            new MoneyCell(calibrationRevenue), summary.Currency ?? Format.None, Format.Count(summary.AcquiredAfterCalibration));
        overview.Note = "x = repeat purchase days, t_x = weeks from first to last purchase, T = weeks from first purchase to calibration end (Fader, Hardie & Lee 2005)";
        doc.Tables.Add(overview);

        var fits = new ReportTable(s.Family.Regularise ? "Model fits (regularised: maximum a posteriori, normal priors on the log-parameters, σ = 2)" : "Model fits (maximum likelihood)", "model", "parameters (SE)", "LL", "customers", "status");
        fits.Row(bg.Name, string.Join(", ", bg.Estimates), new NumberCell(bg.Diagnostics.LogLikelihood), Format.Count((long)bg.Diagnostics.Customers), bg.Diagnostics.Status.ToString());
        fits.Row("Gamma-Gamma", string.Join(", ", spend.P, spend.Q, spend.Gamma), new NumberCell(spend.Diagnostics.LogLikelihood), Format.Count((long)spend.Diagnostics.Customers), spend.Diagnostics.Status.ToString());
        fits.Note = spend.ZeroSpendExcluded > 0
            ? $"{Format.Count(spend.ZeroSpendExcluded)} repeat buyers with zero mean spend are left out of the gamma-gamma fit (it has no zero-value transactions)"
            : "gamma-gamma is fitted to the repeat buyers (x ≥ 1) only";
        doc.Tables.Add(fits);
        if (s.Family.ClvCovariates is { } covariates)
        {
            ClvCovariateSection.Add(doc, summary, covariates, s.Family.Model, fitOptions, s);
        }

        if (!bg.Diagnostics.IsConverged)
        {
            fits.Note += string.Create(CultureInfo.InvariantCulture, $"; {bg.Name} did not converge ({bg.Diagnostics.Message ?? bg.Diagnostics.Status.ToString()}): no predictions are shown");
            return;
        }

        var alive = new double[rfm.Count];
        bg.ProbabilityAlive(rfm, alive);
        var distribution = new ReportTable($"P(alive) at calibration end ({bg.Name})", "P(alive)", "customers", "share");
        var counts = AliveBins(alive);
        for (int bin = 0; bin < 10; bin++)
        {
            double lo = bin / 10.0, hi = (bin + 1) / 10.0;
            distribution.Row(string.Create(CultureInfo.InvariantCulture, $"{lo:0.0}–{hi:0.0}"), Format.Count(counts[bin]), new ShareCell((double)counts[bin] / alive.Length));
        }

        distribution.Row("median", new NumberCell(Quantile.Median(alive), 3), string.Empty);
        doc.Tables.Add(distribution);

        if (options.HoldoutEnd is not null)
        {
            // The fit check by calibration frequency (BTYD's conditional-expectation table); its 'all' row is the holdout total.
            var check = s.Progress.Run("checking the fit on the holdout", _ => CalibrationHoldout.Of(summary, bg.Model));
            doc.Results["calibrationHoldout"] = check;
            doc.Add(check.ToReport());
        }

        if (s.Family.Segments)
        {
            var segments = spend.Diagnostics.IsConverged
                ? RfmSegments.Of(summary, s.Progress.Run("valuing customers for the segments", _ => CustomerValue.Of(summary, bg.Model, spend, s.Family.Horizon, s.Family.Discount)))
                : RfmSegments.Of(summary);
            doc.Results["rfmSegments"] = segments.Segments;
            doc.Add(segments.ToReport());
        }

        if (!spend.Diagnostics.IsConverged || s.Family.Top == 0)
        {
            return;
        }

        var values = s.Progress.Run("predicting customer values", _ => CustomerValue.Top(summary, bg.Model, spend, s.Family.Top, s.Family.Horizon, s.Family.Discount));
        doc.Results["customerValues"] = values;
        doc.Add(values.ToReport());
        if (s.Family.Intervals)
        {
            var intervalOptions = new CustomerValueIntervalOptions { Draws = s.Family.Draws, Seed = (ulong)s.Family.Seed, ConfidenceLevel = s.ConfidenceLevel };
            var intervals = s.Progress.Run($"drawing {s.Family.Draws} parameter sets for the intervals", _ => CustomerValueIntervals.Of(summary, bg.Model, spend, s.Family.Horizon, s.Family.Discount, intervalOptions));
            var top = new HashSet<string>(values.Rows.Select(r => r.CustomerId), StringComparer.Ordinal);
            var byId = intervals.Rows.Where(r => top.Contains(r.CustomerId)).ToDictionary(r => r.CustomerId, StringComparer.Ordinal);
            var rows = values.Rows.Select(r => byId[r.CustomerId]).ToList();
            // The base totals with their intervals, then the top customers' rows (highest value first) with theirs.
            var shown = intervals with { Rows = rows };
            doc.Results["customerValueIntervals"] = shown;
            doc.Add(shown.ToReport());
        }
    }

    /// <summary>
    /// Customers per tenth of P(alive) in one pass: bin b holds lo ≤ p &lt; hi with lo = b/10, hi = (b + 1)/10, the last bin
    /// closed at 1; a value outside [0, 1] falls in none.
    /// </summary>
    private static int[] AliveBins(ReadOnlySpan<double> alive)
    {
        var counts = new int[10];
        foreach (double p in alive)
        {
            if (!(p >= 0 && p <= 1))
            {
                continue;
            }

            // A first guess from p·10, moved onto the bin whose bounds (computed as the rows print them) hold p.
            int bin = Math.Min((int)(p * 10), 9);
            while (bin > 0 && p < bin / 10.0)
            {
                bin--;
            }

            while (bin < 9 && p >= (bin + 1) / 10.0)
            {
                bin++;
            }

            counts[bin]++;
        }

        return counts;
    }
}

/// <summary>The JSON shape of the CLV run's summary (documented in docs/cli.md).</summary>
internal sealed record ClvSummaryJson(int Customers, int AcquiredAfterCalibration, string? Currency, string CalibrationEnd, string? HoldoutEnd, string TimeUnit);
