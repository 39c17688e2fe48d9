using System.Diagnostics;
using System.Globalization;
using CxMetrics.Lifetime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// The BG/NBD fit of <see cref="LifetimeData.RealisticPanel"/> (1,000,000 customers) taken apart in one process
/// (<c>CxMetrics.Benchmarks large-fit [ROUNDS]</c>): each round times the compression alone (in order of first appearance,
/// <see cref="RfmData.Compress"/>, and by x, what the fit compresses to), the likelihood's set-up on the fit's rows, one
/// value + gradient pass and one Hessian pass over the distinct rows, and the whole fit, by wall clock and by the
/// process's CPU time (all threads), after one warm-up round; for the compression and the fit also the garbage
/// collections (generations 0/1/2), the bytes allocated and the minor page faults. The last lines give the minimum,
/// median and maximum over the rounds. Under a shared load the CPU column is the one to compare.
/// </summary>
internal static class LargeFitProfile
{
    public static void Run(int rounds, int customers)
    {
        var data = LifetimeData.RealisticPanel(customers);
        var process = Process.GetCurrentProcess();
        var names = new[] { "fit", "compress", "compress by x", "set-up", "pass", "Hessian pass" };
        var walls = names.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round <= rounds; round++)
        {
            var compress = Time(process, () => data.Compress());
            var byX = Time(process, () => data.CompressByFrequency().Dispose());
            using var rows = data.CompressByFrequency();
            var compressed = rows.Data;
            var setUp = Time(process, () => GC.KeepAlive(new BetaGeoLikelihood(compressed, modified: false)));
            var likelihood = new BetaGeoLikelihood(compressed, modified: false);
            double[] at = [Math.Log(0.243), Math.Log(12), Math.Log(0.793), Math.Log(2.426)];
            var gradient = new double[4];
            var hessian = new double[16];
            var pass = Time(process, () => likelihood.Evaluate(at, gradient));
            var hessianPass = Time(process, () => likelihood.Hessian(at, hessian));
            BetaGeoNbdModel? model = null;
            var fit = Time(process, () => model = BetaGeoNbd.Fit(data));
            var d = model!.Diagnostics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(round == 0 ? "warm-up" : $"round {round}")}: fit {fit} | compress {compress} | compress by x {byX} | set-up {setUp} | pass {pass.Wall:F2} (CPU {pass.Cpu:F0}) | Hessian pass {hessianPass.Wall:F2} (CPU {hessianPass.Cpu:F0}) | rows {compressed.Count}, passes {d.Evaluations}, {d.Method}, LL {d.LogLikelihood:R}"));
            if (round > 0)
            {
                foreach (var (k, m) in new[] { fit, compress, byX, setUp, pass, hessianPass }.Select((m, k) => (k, m)))
                {
                    walls[k].Add(m.Wall);
                }
            }
        }

        for (int k = 0; k < names.Length && rounds > 0; k++)
        {
            var sorted = walls[k].Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[k]}: min {sorted[0]:F1} ms, median {Median(sorted):F1}, max {sorted[^1]:F1} (wall, {rounds} rounds)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load {File.ReadAllText("/proc/loadavg").Trim()}, server GC {System.Runtime.GCSettings.IsServerGC}, concurrent {System.Runtime.GCSettings.LatencyMode}"));
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static Measure Time(Process process, Action action)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long faults = MinorFaults();
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        return new Measure(
            watch.Elapsed.TotalMilliseconds,
            (process.TotalProcessorTime - cpu).TotalMilliseconds,
            $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}",
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6,
            MinorFaults() - faults);
    }

    /// <summary>The process's minor page faults so far (field 10 of /proc/self/stat); 0 where there is no such file.</summary>
    private static long MinorFaults()
    {
        const string Stat = "/proc/self/stat";
        if (!File.Exists(Stat))
        {
            return 0;
        }

        string text = File.ReadAllText(Stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    private readonly record struct Measure(double Wall, double Cpu, string Collections, double AllocatedMb, long Faults)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall:F1} ms (CPU {Cpu:F0}, GC {Collections}, {AllocatedMb:F1} MB, {Faults} faults)");
    }
}
