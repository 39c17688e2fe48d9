using System.Diagnostics;
using System.Globalization;
using CxMetrics.Lifetime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// The BG/NBD fit of <see cref="LifetimeData.RealisticPanel"/> (1,000,000 customers) taken apart in one process
/// (<c>CxMetrics.Benchmarks large-fit [ROUNDS]</c>): each round times the compression alone, the likelihood's set-up,
/// one value + gradient pass and one Hessian pass over the distinct rows, and the whole fit, by wall clock and by the
/// process's CPU time (all threads), after one warm-up round. Under a shared load the CPU column is the one to compare.
/// </summary>
internal static class LargeFitProfile
{
    public static void Run(int rounds, int customers)
    {
        var data = LifetimeData.RealisticPanel(customers);
        var process = Process.GetCurrentProcess();
        for (int round = 0; round <= rounds; round++)
        {
            var compress = Time(process, () => data.Compress());
            var compressed = data.Compress();
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
                $"{(round == 0 ? "warm-up" : $"round {round}")}: fit {fit.Wall:F1} ms (CPU {fit.Cpu:F0}) | compress {compress.Wall:F1} (CPU {compress.Cpu:F0}) | set-up {setUp.Wall:F1} (CPU {setUp.Cpu:F0}) | pass {pass.Wall:F2} (CPU {pass.Cpu:F0}) | Hessian pass {hessianPass.Wall:F2} (CPU {hessianPass.Cpu:F0}) | rows {compressed.Count}, passes {d.Evaluations}, {d.Method}, LL {d.LogLikelihood:R}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load {File.ReadAllText("/proc/loadavg").Trim()}"));
    }

    private static (double Wall, double Cpu) Time(Process process, Action action)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
}
