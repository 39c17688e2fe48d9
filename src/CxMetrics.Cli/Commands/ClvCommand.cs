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
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    public static void Tables(ReportDocument doc, IReadOnlyList<Order> orders, CliSettings s) => Tables(doc, OrderInput.InMemory(orders), s);

    public static void Tables(ReportDocument doc, RecordStream<Order> orders, CliSettings s) => Tables(doc, OrderInput.Of(orders), s);

    /// <summary>
    /// Reads the orders into a per-customer tally and summarises it; the tally is garbage once this returns, so it never
    /// sits beside the fits. <see langword="null"/> without orders at or before --as-of.
    /// </summary>
    private static (CustomerBaseSummary Summary, LocalDate CalibrationEnd)? Summarize(OrderInput orders, CliSettings s)
    {
        var zone = s.PeriodZone;
        var asOf = s.AsOf;
        var tally = new CustomerSummaryTally(zone);
        var latestInstant = Instant.MinValue;
        if (orders.Rows is { } rows)
        {
            // Each row goes into the tally by its dense customer index: no record per row.
            var ids = orders.CustomerIds;
            rows.ForEach(r =>
            {
                if (asOf is { } cut && r.PlacedAt > cut)
                {
                    return;
                }

                tally.Add(ids, r.CustomerIndex, r.PlacedAt, r.Amount, orders.Currency);
                latestInstant = Instant.Max(latestInstant, r.PlacedAt);
            });
        }

        orders.Records?.ForEach(o =>
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
            return null;
        }

        var latest = latestInstant.InZone(zone).Date;
        var calibrationEnd = s.Family.CalibrationEnd ?? latest;
        var options = new CustomerSummaryOptions
        {
            CalibrationEnd = calibrationEnd,
            HoldoutEnd = latest > calibrationEnd ? latest : null,
            TimeUnit = TimeUnit.Week,
        };
        return (s.Progress.Run("summarising customers", _ => CustomerBase.From(tally, options)), calibrationEnd);
    }

    /// <summary>
    /// The CLV tables from one pass over the orders: each order at or before --as-of goes into the per-customer summary tally
    /// (one amount per customer and purchase day), and the latest such order (the default calibration end) is tracked on the
    /// way; the calibration/holdout split is made afterwards from the per-customer state, never by reading the orders again.
    /// </summary>
    public static void Tables(ReportDocument doc, OrderInput orders, CliSettings s)
    {
        var zone = s.PeriodZone;
        if (Summarize(orders, s) is not { } read)
        {
            doc.Tables.Add(new ReportTable("Customer lifetime value", "customers", "note").Row("0", "no orders (at or before the as-of instant): nothing to fit"));
            return;
        }

        var (summary, calibrationEnd) = read;
        var options = summary.Options;
        var customers = summary.Customers;
        var rfm = summary.ToRfmData();
        var bg = s.Progress.Run($"fitting {s.Family.Model}", _ => PurchaseModelChoice.Fit(s.Family.Model, rfm));

        // One pass over the customers (a summary builds each record as it is read): the repeat buyers' spend columns and the totals.
        var repeatFrequency = new List<double>();
        var repeatSpend = new List<double>();
        int repeaters = 0;
        long holdoutPurchases = 0;
        double sumX = 0, sumTx = 0, sumT = 0;
        decimal calibrationRevenue = 0;
        foreach (var c in customers)
        {
            if (c.Frequency > 0)
            {
                repeaters++;
                if (c.MeanRepeatSpend is > 0 and var m)
                {
                    repeatFrequency.Add(c.Frequency);
                    repeatSpend.Add(m);
                }
            }

            sumX += c.Frequency;
            sumTx += c.Recency;
            sumT += c.Age;
            calibrationRevenue += c.CalibrationSpend;
            holdoutPurchases += c.HoldoutFrequency ?? 0;
        }

        int zeroSpend = repeaters - repeatSpend.Count;
        var spend = s.Progress.Run("fitting gamma-gamma", _ => GammaGamma.Fit(repeatFrequency.ToArray(), repeatSpend.ToArray()));
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
            "customers", "repeat buyers", "repeat %", "mean x", "mean t_x", "mean T", "calibration revenue", "currency", "acquired after calibration");
        overview.Row(Format.Count(customers.Count), Format.Count(repeaters), Format.Number(100.0 * repeaters / Math.Max(customers.Count, 1)), Format.Number(sumX / customers.Count, "0.00"),
            Format.Number(sumTx / customers.Count, "0.0"), Format.Number(sumT / customers.Count, "0.0"),
            calibrationRevenue.ToString("#,##0.00", CultureInfo.InvariantCulture), summary.Currency ?? Format.None, Format.Count(summary.AcquiredAfterCalibration));
        overview.Note = "x = repeat purchase days, t_x = weeks from first to last purchase, T = weeks from first purchase to calibration end (Fader, Hardie & Lee 2005)";
        doc.Tables.Add(overview);

        var fits = new ReportTable("Model fits (maximum likelihood)", "model", "parameters (SE)", "LL", "customers", "status");
        fits.Row(bg.Name, string.Join(", ", bg.Estimates), Format.Number(bg.Diagnostics.LogLikelihood, "0.0"), Format.Count((long)bg.Diagnostics.Customers), bg.Diagnostics.Status.ToString());
        fits.Row("Gamma-Gamma", string.Join(", ", spend.P, spend.Q, spend.Gamma), Format.Number(spend.Diagnostics.LogLikelihood, "0.0"), Format.Count((long)spend.Diagnostics.Customers), spend.Diagnostics.Status.ToString());
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
            check.Row("observed", Format.Count(holdoutPurchases));
            check.Row($"{bg.Name} expected", Format.Number(expected.Sum(), "0.0"));
            doc.Tables.Add(check);
        }

        if (!spend.Diagnostics.IsConverged || s.Family.Top == 0)
        {
            return;
        }

        var ranked = ClvRanking.TopCustomers(customers, bg.Model, spend, s.Family.Top, s.Family.Horizon, s.Family.Discount);
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

/// <summary>The top customers of a CLV ranking (documented in docs/cli.md).</summary>
internal static class ClvRanking
{
    /// <summary>Relative margin by which a customer's bound must fall below the N-th value before they are skipped.</summary>
    private const double BoundMargin = 1e-6;

    /// <summary>
    /// The <paramref name="top"/> customers by predicted discounted value (<see cref="DiscountedClv.DiscreteMonthly(IPurchaseModel, double, double, double, double, int, double, double)"/>),
    /// highest first, ties by id (ordinal) — the same list as ranking every customer and taking the first
    /// <paramref name="top"/>, found with a bounded heap of the best so far. Once the heap is full a customer's value is
    /// bounded first by E[spend] × E[purchases over the whole horizon] (one model evaluation instead of one per month: with
    /// a discount rate ≥ 0 and expected purchases non-decreasing in time, the discounted sum of the monthly increments
    /// cannot exceed their undiscounted sum), and the twelve-month sum is computed only when that bound comes within a
    /// relative 10⁻⁶ of the N-th value. <paramref name="customers"/> must be ordered by id, as summaries are.
    /// </summary>
    public static List<(CustomerSummary Customer, int Index, double Spend, double Clv)> TopCustomers(
        IReadOnlyList<CustomerSummary> customers, IPurchaseModel model, GammaGammaModel spend, int top, int months, double discount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var worstFirst = new PriorityQueue<int, (double Clv, int Index)>(Math.Min(top, customers.Count) + 1, WorstFirst.Instance);
        double horizon = months * DiscountedClv.WeeksPerMonth;
        var clvs = new Dictionary<int, (double Spend, double Clv)>();
        for (int i = 0; i < customers.Count && top > 0; i++)
        {
            var c = customers[i];
            double expectedSpend = spend.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0);
            if (worstFirst.Count == top && expectedSpend >= 0 && discount >= 0)
            {
                worstFirst.TryPeek(out _, out var worst);
                double bound = expectedSpend * model.ConditionalExpectedPurchases(horizon, c.Frequency, c.Recency, c.Age);
                if (bound + (Math.Abs(bound) * BoundMargin) < worst.Clv)
                {
                    continue;
                }
            }

            double clv = DiscountedClv.DiscreteMonthly(model, c.Frequency, c.Recency, c.Age, expectedSpend, months, discount);
            if (worstFirst.Count < top)
            {
                worstFirst.Enqueue(i, (clv, i));
                clvs[i] = (expectedSpend, clv);
            }
            else if (WorstFirst.Instance.Compare((clv, i), PeekPriority(worstFirst)) > 0)
            {
                int dropped = worstFirst.EnqueueDequeue(i, (clv, i));
                clvs.Remove(dropped);
                clvs[i] = (expectedSpend, clv);
            }
        }

        var result = new List<(CustomerSummary Customer, int Index, double Spend, double Clv)>(worstFirst.Count);
        while (worstFirst.TryDequeue(out int i, out _))
        {
            result.Add((customers[i], i, clvs[i].Spend, clvs[i].Clv));
        }

        result.Reverse();
        return result;
    }

    private static (double Clv, int Index) PeekPriority(PriorityQueue<int, (double Clv, int Index)> queue)
    {
        queue.TryPeek(out _, out var priority);
        return priority;
    }

    /// <summary>Orders ranking entries worst first: lower value (NaN lowest, as <see cref="double.CompareTo(double)"/>), then later id.</summary>
    private sealed class WorstFirst : IComparer<(double Clv, int Index)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Clv, int Index) x, (double Clv, int Index) y)
        {
            int byValue = x.Clv.CompareTo(y.Clv);
            return byValue != 0 ? byValue : y.Index.CompareTo(x.Index);
        }
    }
}

/// <summary>The JSON shape of the CLV run's summary (documented in docs/cli.md).</summary>
internal sealed record ClvSummaryJson(int Customers, int AcquiredAfterCalibration, string? Currency, string CalibrationEnd, string? HoldoutEnd, string TimeUnit);
