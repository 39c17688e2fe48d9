using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>Benchmark inputs: the bundled CDNOW summary (found by walking up to the repository's samples folder) and simulated bases.</summary>
internal static class LifetimeData
{
    /// <summary>
    /// A customer base summary of <paramref name="data"/>'s rows with a seeded spend per customer (mean repeat spend
    /// log-normal around e³ ≈ 20, calibration spend the mean × (x + 1)), calibrated to 2025-01-01: the input of the CLV
    /// ranking and interval benchmarks.
    /// </summary>
    public static CustomerBaseSummary WithSpend(RfmData data)
    {
        var random = new Random(14);
        var customers = new List<CustomerSummary>(data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            int x = (int)data.Frequency[i];
            double mean = Math.Exp(3 + (0.8 * ((random.NextDouble() + random.NextDouble() + random.NextDouble()) - 1.5)));
            customers.Add(new CustomerSummary
            {
                CustomerId = $"C{i:D7}",
                FirstPurchase = new LocalDate(2024, 1, 1),
                Frequency = x,
                Recency = data.Recency[i],
                Age = data.Age[i],
                MeanRepeatSpend = x > 0 ? mean : null,
                CalibrationSpend = (decimal)Math.Round(mean * (x + 1), 2),
            });
        }

        return new CustomerBaseSummary { Customers = customers, AcquiredAfterCalibration = 0, Currency = "USD", Options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2025, 1, 1) } };
    }

    /// <summary>
    /// A transaction log of <paramref name="data"/>'s customers as a per-customer tally with a 39-week holdout: customer i's
    /// first purchase T_i weeks before the calibration end 2025-01-01, its x repeat purchases spread evenly up to t_x, and a
    /// seeded Poisson number of holdout purchases (mean 0.8·(x + 0.3)/(T + 4)·39) on uniform days up to 2025-09-30. Every
    /// purchase is a separate day, so the summary of the tally gives back (x, t_x, T) for all but rounding collisions. The
    /// input of the fit-diagnostics benchmarks.
    /// </summary>
    public static (CustomerSummaryTally Tally, CustomerSummaryOptions Options) WithHoldout(RfmData data)
    {
        var calibrationEnd = new LocalDate(2025, 1, 1);
        var options = new CustomerSummaryOptions { CalibrationEnd = calibrationEnd, HoldoutEnd = calibrationEnd.PlusDays(273) };
        var tally = new CustomerSummaryTally(DateTimeZone.Utc);
        var random = new Random(18);
        Instant At(LocalDate day) => day.AtMidnight().InUtc().ToInstant().Plus(Duration.FromHours(12));
        for (int i = 0; i < data.Count; i++)
        {
            string id = $"C{i:D7}";
            int x = (int)data.Frequency[i];
            var first = calibrationEnd.PlusDays(-(int)Math.Round(data.Age[i] * 7));
            tally.Add(new Order(id, At(first), 10m, "USD"));
            for (int k = 1; k <= x; k++)
            {
                tally.Add(new Order(id, At(first.PlusDays((int)Math.Round(data.Recency[i] * 7 * k / x))), 10m, "USD"));
            }

            // Poisson by inversion of its CDF.
            double mean = 0.8 * (x + 0.3) / (data.Age[i] + 4) * 39, u = random.NextDouble(), p = Math.Exp(-mean), cdf = p;
            int holdout = 0;
            while (u > cdf && holdout < 1000)
            {
                holdout++;
                p *= mean / holdout;
                cdf += p;
            }

            for (int k = 0; k < holdout; k++)
            {
                tally.Add(new Order(id, At(calibrationEnd.PlusDays(1 + random.Next(273))), 10m, "USD"));
            }
        }

        return (tally, options);
    }

    /// <summary>The published CDNOW calibration summary (2,357 customers, weeks).</summary>
    public static RfmData Cdnow()
    {
        string path = Find(Path.Combine("samples", "cdnow", "cdnow_customers_summary.csv"));
        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        double P(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return RfmData.Create(rows.Select(r => P(r[1])).ToArray(), rows.Select(r => P(r[2])).ToArray(), rows.Select(r => P(r[3])).ToArray());
    }

    /// <summary>
    /// Customers simulated from the CDNOW BG/NBD estimates, acquired over 12 weeks (84 daily cohorts, T = 27 … 38.86 weeks)
    /// with purchase times on a daily grid, as a real transaction log would give.
    /// </summary>
    public static RfmData Simulated(int customers) => Cohorts(customers, (n, age, seed) => BetaGeoNbd.Simulate(0.243, 4.414, 0.793, 2.426, n, age, seed, resolution: 1.0 / 7));

    /// <summary>
    /// A panel like a real shop's: customers drawn from BG/NBD with r = 0.243, a = 0.793, b = 2.426 (CDNOW's, in weeks) and
    /// α = 12 (CDNOW's 4.414 would make 58% never buy again; at 12 it is 70%, the share a typical web shop sees), born at
    /// a uniformly random hour over two years (104 weeks before the as-of instant) and buying at hourly resolution. Rows
    /// are therefore mostly distinct: 1,000,000 customers give 320,380 distinct (x, t_x, T) rows (seeded, so every run
    /// draws the same panel), against 107,175 for <see cref="Simulated"/>'s daily grid.
    /// </summary>
    public static RfmData RealisticPanel(int customers)
    {
        const int Hours = 104 * 168;
        var random = new Random(17);
        var ages = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            ages[i] = (Hours - random.Next(Hours)) / 168.0;
        }

        return BetaGeoNbd.Simulate(0.243, 12, 0.793, 2.426, ages, 23, resolution: 1.0 / 168);
    }

    /// <summary>
    /// <see cref="RealisticPanel"/>'s pattern (births at a random hour over 104 weeks, hourly purchase times) with customers
    /// drawn from Pareto/NBD with CDNOW's r = 0.553, s = 0.606, β = 11.669 and α = 20 (71% never buy again): 1,000,000
    /// customers give 310,698 distinct rows. Seeded per birth hour, so every run draws the same panel.
    /// </summary>
    public static RfmData RealisticParetoPanel(int customers)
    {
        const int Hours = 104 * 168;
        var random = new Random(17);
        var born = new int[Hours];
        for (int i = 0; i < customers; i++)
        {
            born[random.Next(Hours)]++;
        }

        var x = new List<double>(customers);
        var tx = new List<double>(customers);
        var t = new List<double>(customers);
        for (int h = 0; h < Hours; h++)
        {
            if (born[h] > 0)
            {
                var part = ParetoNbd.Simulate(0.553, 20, 0.606, 11.669, born[h], (Hours - h) / 168.0, 1000 + h, resolution: 1.0 / 168);
                x.AddRange(part.Frequency.ToArray());
                tx.AddRange(part.Recency.ToArray());
                t.AddRange(part.Age.ToArray());
            }
        }

        return RfmData.Create([.. x], [.. tx], [.. t]);
    }

    /// <summary>The same acquisition pattern with customers drawn from the CDNOW Pareto/NBD estimates (r = 0.553, α = 10.578, s = 0.606, β = 11.669).</summary>
    public static RfmData SimulatedPareto(int customers) => Cohorts(customers, (n, age, seed) => ParetoNbd.Simulate(0.553, 10.578, 0.606, 11.669, n, age, seed, resolution: 1.0 / 7));

    private static RfmData Cohorts(int customers, Func<int, double, int, RfmData> simulate)
    {
        var x = new List<double>(customers);
        var tx = new List<double>(customers);
        var t = new List<double>(customers);
        const int Cohorts = 84;
        for (int c = 0; c < Cohorts; c++)
        {
            int n = (customers / Cohorts) + (c < customers % Cohorts ? 1 : 0);
            var part = simulate(n, (272 - c) / 7.0, 1000 + c);
            x.AddRange(part.Frequency.ToArray());
            tx.AddRange(part.Recency.ToArray());
            t.AddRange(part.Age.ToArray());
        }

        return RfmData.Create([.. x], [.. tx], [.. t]);
    }

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
