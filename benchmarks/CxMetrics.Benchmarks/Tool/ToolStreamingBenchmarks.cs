using BenchmarkDotNet.Attributes;
using CxMetrics.Cli.Commands;
using CxMetrics.Csv;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Support;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Tool;

/// <summary>
/// The <c>cxmetrics</c> tool's own entry point (<c>ToolCommands.Run</c>, JSON output to a null writer) on generated files
/// (<see cref="ToolWorkloads"/>: 1,000,000 survey rows; 1,000,000 orders of 100,000 customers; 1,000,000 ticket summaries;
/// a hundredth in smoke runs), against the way the tool worked before it streamed: every record read into a list, then the
/// same library calls on the list (for <c>nps</c>: headline, by channel, by month; for <c>cohorts</c>: the matrix; for
/// <c>clv</c>: the customer summary and both fits; for <c>churn</c> on orders with a 90-day window: the headline and 36
/// month ends, each judged on the list; for <c>support</c>: the ticket times, the summary and the cells by channel). The baseline skips the tool's rendering, so the comparison favours it slightly. Allocation is
/// the column to read next to the time: the process-level peak memory is measured with <c>/usr/bin/time -v</c>
/// (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class ToolStreamingBenchmarks
{
    private string folder = string.Empty;

    public static IEnumerable<string> Commands => ["nps", "cohorts", "clv", "churn", "support"];

    [ParamsSource(nameof(Commands))]
    public string Command { get; set; } = "nps";

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), $"cxmetrics-tool-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        ToolWorkloads.WriteSurveys(Path.Combine(folder, "nps.csv"), BenchmarkSize.Of(1_000_000));
        ToolWorkloads.WriteOrders(Path.Combine(folder, "orders.csv"), BenchmarkSize.Of(1_000_000), BenchmarkSize.Of(100_000));
        ToolWorkloads.WriteTickets(Path.Combine(folder, "tickets.csv"), BenchmarkSize.Of(1_000_000));
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
            var byPeriod = Nps.ByPeriod(responses, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month));
            return (int)headline.Count + byKey.Count + byPeriod.Count;
        }

        if (Command == "support")
        {
            var tickets = TicketSummaryCsv.Read(Path.Combine(folder, "tickets.csv")).ToList();
            var asOf = tickets.Max(t => t.StatusChanges.Count > 0 ? Instant.Max(t.CreatedAt, t.StatusChanges[^1].At) : t.CreatedAt);
            var times = SupportTimes.Of(tickets.Where(t => t.CreatedAt <= asOf), BusinessCalendar.AlwaysOpen(DateTimeZone.Utc), asOf);
            return (int)SupportMetrics.Of(times).Tickets + SupportMetrics.By(times, t => t.Ticket.Channel).Count;
        }

        var orders = OrderCsv.Read(Path.Combine(folder, "orders.csv")).ToList();
        var latest = orders.Max(o => o.PlacedAt);
        if (Command == "churn")
        {
            // The headline and the last 36 month ends, each judged on the whole list as the tool did.
            int judged = (int)InactivityChurn.Of(orders, Duration.FromDays(90), latest).Rate.Count;
            var month = latest.InUtc().Date.With(DateAdjusters.StartOfMonth);
            for (int m = 0; m < 36; m++)
            {
                month = month.PlusMonths(-1);
                judged += (int)InactivityChurn.Of(orders, Duration.FromDays(90), month.PlusMonths(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()).Rate.Count;
            }

            return judged;
        }

        if (Command == "cohorts")
        {
            return Cohorts.Of(orders, latest, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month), CohortOptions.Default).Cohorts.Count;
        }

        var summary = CustomerBase.Of(orders, DateTimeZone.Utc, new CustomerSummaryOptions { CalibrationEnd = latest.InUtc().Date, TimeUnit = TimeUnit.Week });
        var bg = BetaGeoNbd.Fit(summary.ToRfmData());
        var repeat = summary.Customers.Where(c => c.Frequency > 0 && c.MeanRepeatSpend is > 0).ToList();
        var spend = GammaGamma.Fit(repeat.Select(c => (double)c.Frequency).ToArray(), repeat.Select(c => c.MeanRepeatSpend!.Value).ToArray());
        return (int)(bg.R.Value + spend.P.Value);
    }

    [Benchmark(Description = "the tool, folding as it reads (after)")]
    public int ToolStreaming()
    {
        string file = Path.Combine(folder, Command switch { "nps" => "nps.csv", "support" => "tickets.csv", _ => "orders.csv" });
        string[] args = Command == "churn" ? [Command, file, "--window", "90d", "--format", "json"] : [Command, file, "--format", "json"];
        int code = ToolCommands.Run(args, TextWriter.Null, TextWriter.Null);
        return code == ToolCommands.Ok ? code : throw new InvalidOperationException($"cxmetrics {Command} exited with {code}");
    }
}
