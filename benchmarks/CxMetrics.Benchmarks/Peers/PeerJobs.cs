using System.Diagnostics;
using System.Globalization;
using System.Text;
using CxMetrics.Benchmarks.Csv;
using CxMetrics.Benchmarks.Lifetime;
using CxMetrics.Benchmarks.Retention;
using CxMetrics.Benchmarks.Surveys;
using CxMetrics.Csv;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Surveys;

namespace CxMetrics.Benchmarks.Peers;

/// <summary>
/// The CxMetrics side of the side-by-side peer figures (benchmarks/peers): <see cref="Export"/> writes the exact inputs of
/// the benchmark classes to files the peer scripts read, and <see cref="Run"/> times one job the way the peer scripts do —
/// the input loaded first and not timed, the first call in this fresh process ("cold"), then the median of
/// <c>runs</c> further calls ("warm") — and prints one line in the scripts' format.
/// </summary>
internal static class PeerJobs
{
    /// <summary>The jobs, each a peer script's counterpart.</summary>
    public static IReadOnlyList<string> Jobs { get; } = ["nps", "km", "bgnbd", "pareto", "csv"];

    /// <summary>Writes every job's input into <paramref name="folder"/>.</summary>
    public static void Export(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "nps-scores.u8"), NpsTallyBenchmarks.Scores(100_000_000));
        var (durations, events) = SurvivalKaplanMeierBenchmarks.Lifetimes(1_000_000, wholeDays: true);
        var km = new StringBuilder("time,status\n");
        for (int i = 0; i < durations.Length; i++)
        {
            km.Append(CultureInfo.InvariantCulture, $"{durations[i]},{(events[i] ? 1 : 0)}\n");
        }

        File.WriteAllText(Path.Combine(folder, "km-days.csv"), km.ToString());
        var cdnow = LifetimeData.Cdnow();
        var rfm = new StringBuilder("frequency,recency,T\n");
        for (int i = 0; i < cdnow.Count; i++)
        {
            rfm.Append(CultureInfo.InvariantCulture, $"{cdnow.Frequency[i]:R},{cdnow.Recency[i]:R},{cdnow.Age[i]:R}\n");
        }

        File.WriteAllText(Path.Combine(folder, "cdnow-summary.csv"), rfm.ToString());
        OrderCsvBenchmarks.WriteOrders(Path.Combine(folder, "orders-1m.csv"), 1_000_000);
    }

    /// <summary>Times <paramref name="job"/> on the inputs in <paramref name="folder"/> and prints its line.</summary>
    public static void Run(string job, string folder, int runs)
    {
        Func<string> call = job switch
        {
            "nps" => NpsJob(folder),
            "km" => KaplanMeierJob(folder),
            "bgnbd" => FitJob(folder, pareto: false),
            "pareto" => FitJob(folder, pareto: true),
            "csv" => CsvJob(folder),
            _ => throw new ArgumentException($"unknown job '{job}'; jobs: {string.Join(", ", Jobs)}."),
        };
        var watch = Stopwatch.StartNew();
        string result = call();
        double cold = watch.Elapsed.TotalMilliseconds;
        var warm = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            watch.Restart();
            _ = call();
            warm[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(warm);
        double median = runs == 0 ? double.NaN : runs % 2 == 1 ? warm[runs / 2] : (warm[(runs / 2) - 1] + warm[runs / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"side=cxmetrics job={job} cold_ms={cold:F1} warm_median_ms={median:F1} runs={runs} result={result}"));
    }

    private static Func<string> NpsJob(string folder)
    {
        byte[] scores = File.ReadAllBytes(Path.Combine(folder, "nps-scores.u8"));
        return () => Invariant(Nps.Of(scores).Score);
    }

    private static Func<string> KaplanMeierJob(string folder)
    {
        var rows = File.ReadLines(Path.Combine(folder, "km-days.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        double[] durations = [.. rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture))];
        bool[] events = [.. rows.Select(r => r[1] == "1")];
        return () =>
        {
            var curve = KaplanMeier.Fit(durations, events);
            return Invariant(curve.SurvivalAt(365));
        };
    }

    private static Func<string> FitJob(string folder, bool pareto)
    {
        var rows = File.ReadLines(Path.Combine(folder, "cdnow-summary.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        double[] Column(int k) => [.. rows.Select(r => double.Parse(r[k], CultureInfo.InvariantCulture))];
        var data = RfmData.Create(Column(0), Column(1), Column(2));
        // The result printed is the first parameter, r, to 6 significant figures: the peers scale time or the likelihood
        // differently, so their log-likelihoods are not comparable, while r is.
        return pareto
            ? () => Significant(ParetoNbd.Fit(data).R.Value)
            : () => Significant(BetaGeoNbd.Fit(data).R.Value);
    }

    private static Func<string> CsvJob(string folder)
    {
        string path = Path.Combine(folder, "orders-1m.csv");
        return () =>
        {
            decimal sum = 0;
            foreach (var order in OrderCsv.Read(path))
            {
                sum += order.Amount;
            }

            return sum.ToString(CultureInfo.InvariantCulture);
        };
    }

    private static string Significant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Invariant(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "none";
}
