using BenchmarkDotNet.Attributes;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Benchmarks.Support;

/// <summary>
/// One-touch, two-touch, first-contact and reopen rates of 1,000,000 judged tickets (up to four public replies, solves and
/// reopens, a tenth still open). Baseline: the naive way — one LINQ pass over the tickets per count (nine passes, each
/// counting the replies up to as-of again), then <see cref="TicketResolution.From"/>. Measured: <see cref="TicketResolutionTally"/>
/// (one pass, the replies counted once per ticket) and the same split over eight shards merged, as a service would.
/// Both give the same counts (compared in the set-up).
/// </summary>
[MemoryDiagnoser]
public class TicketResolutionBenchmarks
{
    private TicketTimes[] times = [];

    public static IEnumerable<int> TicketSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(TicketSizes))]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(21);
        var origin = Instant.FromUtc(2025, 1, 1, 0, 0);
        var asOf = origin + Duration.FromDays(120);
        var calendar = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
        times = new TicketTimes[Tickets];
        for (int i = 0; i < Tickets; i++)
        {
            var created = origin + Duration.FromMinutes(random.Next(115 * 24 * 60));
            var t = created;
            var replies = new Instant[random.Next(5)];
            for (int r = 0; r < replies.Length; r++)
            {
                t += Duration.FromMinutes(random.Next(1, 24 * 60));
                replies[r] = t;
            }

            var changes = new List<TicketStatusChange>();
            if (random.Next(10) != 0)
            {
                t += Duration.FromMinutes(random.Next(1, 600));
                changes.Add(new(t, TicketStatus.Solved));
                if (random.Next(12) == 0)
                {
                    changes.Add(new(t + Duration.FromHours(30), TicketStatus.Reopened));
                    changes.Add(new(t + Duration.FromHours(40), TicketStatus.Solved));
                }
            }

            times[i] = SupportTimes.Of(SupportTicket.Create($"t{i}", "c", "email", created, replies, changes), calendar, asOf);
        }

        if (Naive().OneTouch.Successes != Tally().OneTouch.Successes || Naive().Tickets != Sharded().Tickets)
        {
            throw new InvalidOperationException("the naive count and the tally disagree.");
        }
    }

    private static int RepliesBy(TicketTimes t) => t.Ticket.Replies.Count(r => r <= t.AsOf);

    [Benchmark(Baseline = true, Description = "LINQ, one pass per count (naive)")]
    public TicketResolutionResult Naive()
    {
        var solved = times.Where(t => t.FullResolution is not null).ToList();
        long withoutReply = solved.Count(t => RepliesBy(t) == 0);
        long oneTouch = solved.Count(t => RepliesBy(t) == 1);
        long twoTouch = solved.Count(t => RepliesBy(t) == 2);
        long firstContact = solved.Count(t => RepliesBy(t) == 1 && t.Reopens == 0);
        long replies = solved.Sum(t => (long)RepliesBy(t));
        long solvedOnce = times.Count(t => t.FirstResolution is not null);
        long reopened = times.Count(t => t.Reopens > 0);
        var tally = TicketResolutionTally.FromCounts(times.Length, solved.Count, withoutReply, oneTouch, twoTouch, firstContact, solvedOnce, reopened, replies);
        return TicketResolution.From(tally);
    }

    [Benchmark(Description = "TicketResolutionTally.Of, one pass")]
    public TicketResolutionResult Tally() => TicketResolution.From(TicketResolutionTally.Of(times));

    [Benchmark(Description = "TicketResolutionTally, 8 shards merged")]
    public TicketResolutionResult Sharded()
    {
        var merged = new TicketResolutionTally();
        int shard = (times.Length + 7) / 8;
        for (int s = 0; s < times.Length; s += shard)
        {
            merged.Merge(TicketResolutionTally.Of(new ArraySegment<TicketTimes>(times, s, Math.Min(shard, times.Length - s))));
        }

        return TicketResolution.From(merged);
    }
}
