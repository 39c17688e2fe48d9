using BenchmarkDotNet.Attributes;
using CxMetrics.Cli.Commands;
using CxMetrics.Csv;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Tool;

/// <summary>
/// The <c>cxmetrics</c> tool's own entry point (<c>ToolCommands.Run</c>, JSON output to a null writer) on generated files
/// (<see cref="ToolWorkloads"/>: 1,000,000 survey rows; 1,000,000 orders of 100,000 customers; a hundredth in smoke runs),
/// against the way the tool worked before it streamed: every record read into a list, then the same library calls on the
/// list (for <c>nps</c>: headline, by channel, by month; for <c>cohorts</c>: the matrix; for <c>clv</c>: the customer
/// summary and both fits). The baseline skips the tool's rendering, so the comparison favours it slightly. Allocation is
/// the column to read next to the time: the process-level peak memory is measured with <c>/usr/bin/time -v</c>
/// (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class ToolStreamingBenchmarks
{
    private string folder = string.Empty;

    public static IEnumerable<string> Commands => ["nps", "cohorts", "clv"];

    [ParamsSource(nameof(Commands))]
    public string Command { get; set; } = "nps";

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), $"cxmetrics-tool-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        ToolWorkloads.WriteSurveys(Path.Combine(folder, "nps.csv"), BenchmarkSize.Of(1_000_000));
        ToolWorkloads.WriteOrders(Path.Combine(folder, "orders.csv"), BenchmarkSize.Of(1_000_000), BenchmarkSize.Of(100_000));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(Baseline = true, Description = "read into a list, then compute (before)")]
    public int ListThenCompute()
    {
        if (Command == "nps")
        {
            var responses = SurveyCsv.Read(Path.Combine(folder, "nps.csv"), 0, 10).ToList();
            var headline = Nps.Of(responses);
            var byKey = Nps.By(responses, r => r.Channel);
            var byPeriod = Nps.ByPeriod(responses, DateTimeZone.Utc, PeriodUnit.Month);
            return (int)headline.Count + byKey.Count + byPeriod.Count;
        }

        var orders = OrderCsv.Read(Path.Combine(folder, "orders.csv")).ToList();
        var latest = orders.Max(o => o.PlacedAt);
        if (Command == "cohorts")
        {
            return CohortMatrix.Of(orders, new CohortOptions { Period = PeriodUnit.Month, Zone = DateTimeZone.Utc }, latest).Cohorts.Count;
        }

        var summary = CustomerBaseSummary.Of(orders, DateTimeZone.Utc, new CustomerSummaryOptions { CalibrationEnd = latest.InUtc().Date, TimeUnit = TimeUnit.Week });
        var bg = BetaGeoNbd.Fit(summary.ToRfmData());
        var repeat = summary.Customers.Where(c => c.Frequency > 0 && c.MeanRepeatSpend is > 0).ToList();
        var spend = GammaGamma.Fit(repeat.Select(c => (double)c.Frequency).ToArray(), repeat.Select(c => c.MeanRepeatSpend!.Value).ToArray());
        return (int)(bg.R.Value + spend.P.Value);
    }

    [Benchmark(Description = "the tool, folding as it reads (after)")]
    public int ToolStreaming()
    {
        string file = Path.Combine(folder, Command == "nps" ? "nps.csv" : "orders.csv");
        int code = ToolCommands.Run([Command, file, "--format", "json"], TextWriter.Null, TextWriter.Null);
        return code == ToolCommands.Ok ? code : throw new InvalidOperationException($"cxmetrics {Command} exited with {code}");
    }
}
