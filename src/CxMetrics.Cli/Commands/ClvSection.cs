using System.Globalization;
using CxMetrics.Cli.Output;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The CLV section of <c>report</c>: on the bundled CDNOW sample (2,357 customers, 39-week calibration to 1997-09-30,
/// weeks) the BG/NBD, Pareto/NBD and gamma-gamma fits, the P(alive) distribution, the holdout check, and the customers
/// with the highest predicted value.
/// </summary>
internal static class ClvSection
{
    internal static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static string Render(int top = 10)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "samples", "cdnow", "CDNOW_sample.txt");
        if (!File.Exists(path))
        {
            return "CLV — bundled CDNOW sample not found next to the tool; section skipped.\n";
        }

        var summary = CustomerBaseSummary.Of(ReadOrders(path), Zone, new CustomerSummaryOptions
        {
            CalibrationEnd = new LocalDate(1997, 9, 30),
            HoldoutEnd = new LocalDate(1998, 6, 30),
            TimeUnit = TimeUnit.Week,
        });
        var data = summary.ToRfmData();
        var bg = BetaGeoNbd.Fit(data);
        var pareto = ParetoNbd.Fit(data);
        var spend = GammaGamma.Fit(summary);
        var output = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"CLV — CDNOW sample (Fader & Hardie), {summary.Customers.Count:N0} customers, calibration to {summary.Options.CalibrationEnd:yyyy-MM-dd}, unit {summary.Options.TimeUnit.Name}, USD\n"),
        };

        var fits = new TextTable("Model fits (maximum likelihood)", "model", "parameters (SE)", "LL", "n", "status");
        fits.Row("BG/NBD", string.Join(", ", bg.R, bg.Alpha, bg.A, bg.B), Format.Number(bg.Diagnostics.LogLikelihood, "0.0"), Format.Count((long)bg.Diagnostics.Customers), bg.Diagnostics.Status.ToString());
        fits.Row("Pareto/NBD", string.Join(", ", pareto.R, pareto.Alpha, pareto.S, pareto.Beta), Format.Number(pareto.Diagnostics.LogLikelihood, "0.0"), Format.Count((long)pareto.Diagnostics.Customers), pareto.Diagnostics.Status.ToString());
        fits.Row("Gamma-Gamma", string.Join(", ", spend.P, spend.Q, spend.Gamma), Format.Number(spend.Diagnostics.LogLikelihood, "0.0"), Format.Count((long)spend.Diagnostics.Customers), spend.Diagnostics.Status.ToString());
        output.Add(fits.ToString());
        if (!bg.Diagnostics.IsConverged || !pareto.Diagnostics.IsConverged || !spend.Diagnostics.IsConverged)
        {
            output.Add("A fit did not converge; predictions are not shown.\n");
            return string.Join('\n', output);
        }

        var aliveBg = new double[data.Count];
        var alivePareto = new double[data.Count];
        var holdoutBg = new double[data.Count];
        var holdoutPareto = new double[data.Count];
        bg.ProbabilityAlive(data, aliveBg);
        pareto.ProbabilityAlive(data, alivePareto);
        bg.ConditionalExpectedPurchases(39, data, holdoutBg);
        pareto.ConditionalExpectedPurchases(39, data, holdoutPareto);

        var distribution = new TextTable("P(alive) at calibration end", "P(alive)", "BG/NBD customers", "share", "Pareto/NBD customers", "share");
        for (int bin = 0; bin < 10; bin++)
        {
            double lo = bin / 10.0, hi = (bin + 1) / 10.0;
            int a = aliveBg.Count(p => p >= lo && (p < hi || (bin == 9 && p <= 1)));
            int b = alivePareto.Count(p => p >= lo && (p < hi || (bin == 9 && p <= 1)));
            distribution.Row(string.Create(CultureInfo.InvariantCulture, $"{lo:0.0}–{hi:0.0}"), Format.Count(a), Format.Number(100.0 * a / data.Count, "0.0'%'"), Format.Count(b), Format.Number(100.0 * b / data.Count, "0.0'%'"));
        }

        distribution.Row("median", Format.Number(Quantile.Median(aliveBg), "0.000"), string.Empty, Format.Number(Quantile.Median(alivePareto), "0.000"), string.Empty);
        output.Add(distribution.ToString());

        int actual = summary.Customers.Sum(c => c.HoldoutFrequency ?? 0);
        var holdout = new TextTable("Holdout check: repeat transactions in the next 39 weeks", "source", "transactions");
        holdout.Row("observed", Format.Count(actual));
        holdout.Row("BG/NBD expected", Format.Number(holdoutBg.Sum(), "0.0"));
        holdout.Row("Pareto/NBD expected", Format.Number(holdoutPareto.Sum(), "0.0"));
        output.Add(holdout.ToString());

        double delta = DiscountedClv.ContinuousRate(0.15, 52);
        var ranked = summary.Customers
            .Select((c, i) => (Customer: c, Index: i, Spend: spend.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0)))
            .Select(r => (r.Customer, r.Index, r.Spend, Clv: DiscountedClv.DiscreteMonthly(bg, r.Customer.Frequency, r.Customer.Recency, r.Customer.Age, r.Spend, months: 12, monthlyDiscountRate: 0.01)))
            .OrderByDescending(r => r.Clv)
            .ThenBy(r => r.Customer.CustomerId, StringComparer.Ordinal)
            .Take(top);
        var best = new TextTable(
            $"Top {top} customers by predicted 12-month value (BG/NBD × gamma-gamma, 1%/month discrete discounting; DERT: Pareto/NBD, 15%/year continuous)",
            "customer", "x", "t_x", "T", "P(alive)", "E[purchases 52 wk]", "E[spend]", "CLV 12 mo", "DERT × spend");
        foreach (var r in ranked)
        {
            var c = r.Customer;
            best.Row(c.CustomerId, Format.Count(c.Frequency), Format.Number(c.Recency, "0.00"), Format.Number(c.Age, "0.00"), Format.Number(aliveBg[r.Index], "0.000"),
                Format.Number(bg.ConditionalExpectedPurchases(52, c.Frequency, c.Recency, c.Age), "0.00"), Format.Number(r.Spend, "0.00"), Format.Number(r.Clv, "0.00"),
                Format.Number(pareto.DiscountedExpectedResidualTransactions(delta, c.Frequency, c.Recency, c.Age) * r.Spend, "0.00"));
        }

        output.Add(best.ToString());
        return string.Join('\n', output);
    }

    internal static List<Order> ReadOrders(string path)
    {
        // The bundled file: master id, sample id, YYYYMMDD, CDs, dollar value, whitespace-separated.
        var orders = new List<Order>();
        foreach (string line in File.ReadLines(path))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var date = LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            orders.Add(new Order(f[1].TrimStart('0'), date.At(new LocalTime(12, 0)).InZoneLeniently(Zone).ToInstant(), decimal.Parse(f[4], CultureInfo.InvariantCulture), "USD"));
        }

        return orders;
    }
}
