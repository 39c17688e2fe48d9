using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Commerce;
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
        Renderer.Write(doc, s.Format, output);
        return ToolCommands.Ok;
    }

    public static void Tables(ReportDocument doc, IReadOnlyList<Order> orders, CliSettings s) => Tables(doc, RecordStream<Order>.InMemory(orders), s);

    /// <summary>
    /// The CLV tables from one pass over the orders: each order at or before --as-of goes into the per-customer summary tally
    /// (one amount per customer and purchase day), and the latest such order (the default calibration end) is tracked on the
    /// way; the calibration/holdout split is made afterwards from the per-customer state, never by reading the orders again.
    /// </summary>
    public static void Tables(ReportDocument doc, RecordStream<Order> orders, CliSettings s)
    {
        var zone = s.PeriodZone;
        var asOf = s.AsOf;
        var tally = new CustomerSummaryTally(zone);
        var latestInstant = Instant.MinValue;
        orders.ForEach(o =>
        {
            if (asOf is { } cut && o.PlacedAt > cut)
            {
                return;
            }

            tally.Add(o);
            latestInstant = Instant.Max(latestInstant, o.PlacedAt);
        });

        if (tally.OrderCount == 0)
        {
            doc.Tables.Add(new ReportTable("Customer lifetime value", "customers", "note").Row("0", "no orders (at or before the as-of instant): nothing to fit"));
            return;
        }

        var latest = latestInstant.InZone(zone).Date;
        var calibrationEnd = s.Family.CalibrationEnd ?? latest;
        var options = new CustomerSummaryOptions
        {
            CalibrationEnd = calibrationEnd,
            HoldoutEnd = latest > calibrationEnd ? latest : null,
            TimeUnit = TimeUnit.Week,
        };
        var summary = s.Progress.Run("summarising customers", _ => tally.Summarize(options));
        var customers = summary.Customers;
        var rfm = summary.ToRfmData();
        var bg = s.Progress.Run($"fitting {s.Family.Model}", _ => PurchaseModelChoice.Fit(s.Family.Model, rfm));
        var repeat = customers.Where(c => c.Frequency > 0 && c.MeanRepeatSpend is > 0).ToList();
        int zeroSpend = customers.Count(c => c.Frequency > 0) - repeat.Count;
        var spend = s.Progress.Run("fitting gamma-gamma", _ => GammaGamma.Fit(repeat.Select(c => (double)c.Frequency).ToArray(), repeat.Select(c => c.MeanRepeatSpend!.Value).ToArray()));
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

        int repeaters = customers.Count(c => c.Frequency > 0);
        var overview = new ReportTable($"Customer summary (calibration to {calibrationEnd:yyyy-MM-dd} in {zone.Id}; unit: week; same-day orders merged)",
            "customers", "repeat buyers", "repeat %", "mean x", "mean t_x", "mean T", "calibration revenue", "currency", "acquired after calibration");
        overview.Row(Format.Count(customers.Count), Format.Count(repeaters), Format.Number(100.0 * repeaters / Math.Max(customers.Count, 1)), Format.Number(customers.Average(c => c.Frequency), "0.00"),
            Format.Number(customers.Average(c => c.Recency), "0.0"), Format.Number(customers.Average(c => c.Age), "0.0"),
            customers.Sum(c => c.CalibrationSpend).ToString("#,##0.00", CultureInfo.InvariantCulture), summary.Currency ?? Format.None, Format.Count(summary.AcquiredAfterCalibration));
        overview.Note = "x = repeat purchase days, t_x = weeks from first to last purchase, T = weeks from first purchase to calibration end (Fader, Hardie & Lee 2005)";
        doc.Tables.Add(overview);

        var fits = new ReportTable("Model fits (maximum likelihood)", "model", "parameters (SE)", "LL", "customers", "status");
        fits.Row(bg.Name, string.Join(", ", bg.Estimates), Format.Number(bg.Diagnostics.LogLikelihood, "0.0"), Format.Count((long)bg.Diagnostics.Customers), bg.Diagnostics.Status.ToString());
        fits.Row("Gamma-Gamma", string.Join(", ", spend.Estimates), Format.Number(spend.Diagnostics.LogLikelihood, "0.0"), Format.Count((long)spend.Diagnostics.Customers), spend.Diagnostics.Status.ToString());
        fits.Note = zeroSpend > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{zeroSpend} repeat buyers with zero mean spend are left out of the gamma-gamma fit (it has no zero-value transactions)")
            : "gamma-gamma is fitted to the repeat buyers (x ≥ 1) only";
        doc.Tables.Add(fits);
        if (!bg.Diagnostics.IsConverged)
        {
            fits.Note += string.Create(CultureInfo.InvariantCulture, $"; {bg.Name} did not converge ({bg.Diagnostics.Message ?? bg.Diagnostics.Status.ToString()}): no predictions are shown");
            return;
        }

        var alive = new double[rfm.Count];
        bg.ProbabilityAlive(rfm, alive);
        var distribution = new ReportTable($"P(alive) at calibration end ({bg.Name})", "P(alive)", "customers", "share");
        for (int bin = 0; bin < 10; bin++)
        {
            double lo = bin / 10.0, hi = (bin + 1) / 10.0;
            int count = alive.Count(p => p >= lo && (p < hi || (bin == 9 && p <= 1)));
            distribution.Row(string.Create(CultureInfo.InvariantCulture, $"{lo:0.0}–{hi:0.0}"), Format.Count(count), Format.Number(100.0 * count / alive.Length, "0.0'%'"));
        }

        distribution.Row("median", Format.Number(Quantile.Median(alive), "0.000"), string.Empty);
        doc.Tables.Add(distribution);

        if (options.HoldoutEnd is { } holdoutEnd)
        {
            double weeks = Period.Between(calibrationEnd, holdoutEnd, PeriodUnits.Days).Days / 7.0;
            var expected = new double[rfm.Count];
            bg.ConditionalExpectedPurchases(weeks, rfm, expected);
            var check = new ReportTable(string.Create(CultureInfo.InvariantCulture, $"Holdout check: repeat purchases in the {weeks:0.#} weeks to {holdoutEnd:yyyy-MM-dd}"), "source", "purchases");
            check.Row("observed", Format.Count(customers.Sum(c => c.HoldoutFrequency ?? 0)));
            check.Row($"{bg.Name} expected", Format.Number(expected.Sum(), "0.0"));
            doc.Tables.Add(check);
        }

        if (!spend.Diagnostics.IsConverged || s.Family.Top == 0)
        {
            return;
        }

        var ranked = customers
            .Select((c, i) => (Customer: c, Index: i, Spend: spend.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0)))
            .Select(r => (r.Customer, r.Index, r.Spend, Clv: DiscountedClv.DiscreteMonthly(bg.Model, r.Customer.Frequency, r.Customer.Recency, r.Customer.Age, r.Spend, s.Family.Horizon, s.Family.Discount)))
            .OrderByDescending(r => r.Clv)
            .ThenBy(r => r.Customer.CustomerId, StringComparer.Ordinal)
            .Take(s.Family.Top);
        var best = new ReportTable(
            string.Create(CultureInfo.InvariantCulture, $"Top {s.Family.Top:N0} customers by predicted {s.Family.Horizon}-month value ({bg.Name} × gamma-gamma, {s.Family.Discount:0.###} monthly discount)"),
            "customer", "x", "t_x", "T", "P(alive)", $"E[purchases {s.Family.Horizon} mo]", "E[spend]", "CLV");
        double weeksAhead = s.Family.Horizon * DiscountedClv.WeeksPerMonth;
        foreach (var r in ranked)
        {
            var c = r.Customer;
            best.Row(c.CustomerId, Format.Count(c.Frequency), Format.Number(c.Recency, "0.00"), Format.Number(c.Age, "0.00"), Format.Number(alive[r.Index], "0.000"),
                Format.Number(bg.ConditionalExpectedPurchases(weeksAhead, c.Frequency, c.Recency, c.Age), "0.00"), Format.Number(r.Spend, "0.00"), Format.Number(r.Clv, "0.00"));
        }

        best.Note = "CLV = Σ_m E[spend] × (E[purchases to month m] − E[purchases to month m−1]) / (1 + d)^m, as lifetimes' customer_lifetime_value computes it (weeks per month 4.345)";
        doc.Tables.Add(best);
    }
}

/// <summary>The JSON shape of the CLV run's summary (documented in docs/cli.md).</summary>
internal sealed record ClvSummaryJson(int Customers, int AcquiredAfterCalibration, string? Currency, string CalibrationEnd, string? HoldoutEnd, string TimeUnit);
