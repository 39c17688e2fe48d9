using BenchmarkDotNet.Attributes;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Benchmarks.Support;

/// <summary>
/// SLA attainment of 1,000,000 judged tickets (3 channels × 4 priorities, a tenth still open) against five targets (a
/// default, a channel's, a priority's and a channel × priority one per metric). Baseline: the naive way — for each
/// ticket and metric, find the most specific target by a LINQ search of the target list, then group the judged tickets
/// with LINQ <c>GroupBy</c> on (channel, priority, metric, target) and count each outcome with <c>Count</c>. Measured:
/// <see cref="SlaTally"/> (one dictionary lookup per level of specificity, counts in place) and <see cref="Sla.From"/>.
/// Both give the same counts (the met counts are compared in the set-up).
/// </summary>
[MemoryDiagnoser]
public class SlaTallyBenchmarks
{
    private static readonly string[] Channels = ["chat", "email", "phone"];
    private static readonly string?[] Priorities = ["urgent", "high", "normal", null];
    private static readonly SlaTarget[] Targets =
    [
        new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(8), Basis = TimeBasis.Calendar },
        new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(1), Channel = "chat", Basis = TimeBasis.Calendar },
        new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(2), Priority = "urgent", Basis = TimeBasis.Calendar },
        new() { Metric = SlaMetric.Resolution, Target = Duration.FromHours(48), Basis = TimeBasis.Calendar },
        new() { Metric = SlaMetric.Resolution, Target = Duration.FromHours(12), Channel = "phone", Priority = "urgent", Basis = TimeBasis.Calendar },
    ];

    private TicketTimes[] times = [];

    public static IEnumerable<int> TicketSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(TicketSizes))]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(14);
        var origin = Instant.FromUtc(2025, 1, 1, 0, 0);
        var asOf = origin + Duration.FromDays(120);
        var calendar = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
        times = new TicketTimes[Tickets];
        for (int i = 0; i < Tickets; i++)
        {
            var created = origin + Duration.FromMinutes(random.Next(115 * 24 * 60));
            var reply = created + Duration.FromMinutes(random.Next(1, 16 * 60));
            var solved = reply + Duration.FromMinutes(random.Next(1, 72 * 60));
            bool open = random.Next(10) == 0;
            var ticket = SupportTicket.Create(
                $"t{i}", $"c{random.Next(Tickets / 3 + 1)}", Channels[random.Next(Channels.Length)], created,
                open ? [] : [reply], open ? [] : [new TicketStatusChange(solved, TicketStatus.Solved)], priority: Priorities[random.Next(Priorities.Length)]);
            times[i] = SupportTimes.Of(ticket, calendar, asOf);
        }

        if (Naive() != Tally())
        {
            throw new InvalidOperationException("the naive count and the tally disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ target search + GroupBy + Count per outcome (naive)")]
    public long Naive()
    {
        var judged = times.SelectMany(t => new[] { SlaMetric.FirstResponse, SlaMetric.Resolution }
            .Where(m => Targets.Any(x => x.Metric == m))
            .Select(m =>
            {
                var ticket = t.Ticket;
                var target = Targets.FirstOrDefault(x => x.Metric == m && x.Channel == ticket.Channel && x.Priority == ticket.Priority && ticket.Priority is not null)
                    ?? Targets.FirstOrDefault(x => x.Metric == m && x.Channel == ticket.Channel && x.Priority is null)
                    ?? Targets.FirstOrDefault(x => x.Metric == m && x.Channel is null && x.Priority == ticket.Priority && ticket.Priority is not null)
                    ?? Targets.FirstOrDefault(x => x.Metric == m && x.Channel is null && x.Priority is null);
                var counts = new long[6];
                Sla.Judge(t, m, target, counts);
                return (ticket.Channel, ticket.Priority, Metric: m, Target: target, Outcome: Array.IndexOf(counts, 1L));
            }));
        long met = 0;
        foreach (var cell in judged.GroupBy(j => (j.Channel, j.Priority, j.Metric, j.Target)))
        {
            met += cell.Count(j => j.Outcome == 0);
            _ = cell.Count(j => j.Outcome == 1) + cell.Count(j => j.Outcome == 2) + cell.Count(j => j.Outcome == 3) + cell.Count(j => j.Outcome == 4) + cell.Count(j => j.Outcome == 5);
        }

        return met;
    }

    [Benchmark(Description = "SlaTally.AddRange + Sla.From")]
    public long Tally()
    {
        var tally = new SlaTally(Targets);
        tally.AddRange(times);
        long met = 0;
        foreach (var cell in Sla.From(tally))
        {
            met += cell.Met;
        }

        return met;
    }
}
