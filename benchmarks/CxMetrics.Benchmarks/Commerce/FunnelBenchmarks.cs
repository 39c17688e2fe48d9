using BenchmarkDotNet.Attributes;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Benchmarks.Commerce;

/// <summary>
/// The default five-step closed checkout funnel (counts, pending, completion, time to next step) over 50 million events of
/// 5 million carts. Events are compact 16-byte <see cref="CartEventRecord"/>s (dense cart index, kind, Unix ticks) in one
/// array — 800 MB; as 50 million <see cref="CartEvent"/> objects with string keys they would take several GB, too much
/// for CI's dry run. Baseline: the naive LINQ way (GroupBy cart, per-step Min, Count, OrderBy for the median) — run on
/// 5 million events of 500,000 carts drawn the same way, because at 50 million it takes over a minute and 12.9 GB of
/// allocations per call (measured once: 74.5 s), which breaks CI's two-minute dry run. Every method declares the events
/// it processes as <c>OperationsPerInvoke</c>, so BenchmarkDotNet reports time per event and the ratio compares cost per
/// event; <see cref="Funnel.Of"/> is also run at 5 million for a like-for-like size.
/// </summary>
[MemoryDiagnoser]
public class FunnelBenchmarks
{
    private const int Large = 50_000_000;
    private const int Small = 5_000_000;
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 1, 0, 0);
    private static readonly Instant AsOf = Start.Plus(Duration.FromDays(30));
    private static readonly long TimeoutTicks = Duration.FromMinutes(30).BclCompatibleTicks;
    private CartEventRecord[] large = [];
    private CartEventRecord[] small = [];

    [GlobalSetup]
    public void Setup()
    {
        var check = Generate(100_000, 10_000);
        if (Linq(check, 10_000) != Span(check, 10_000))
        {
            throw new InvalidOperationException("the LINQ baseline and Funnel.Of disagree; the benchmark would compare different work.");
        }

        small = Generate(BenchmarkSize.Of(Small), BenchmarkSize.Of(Small) / 10);
        large = Generate(BenchmarkSize.Of(Large), BenchmarkSize.Of(Large) / 10);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // CI runs every benchmark in one process: give the 880 MB back.
        large = [];
        small = [];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Small, Description = "LINQ GroupBy (naive), 5M events")]
    public (long Entered, long Completed, long Pending, double? MedianToCheckout) LinqSmall() => Linq(small, small.Length / 10);

    [Benchmark(OperationsPerInvoke = Small, Description = "Funnel.Of(span), 5M events")]
    public (long Entered, long Completed, long Pending, double? MedianToCheckout) SpanSmall() => Span(small, small.Length / 10);

    [Benchmark(OperationsPerInvoke = Large, Description = "Funnel.Of(span), 50M events")]
    public (long Entered, long Completed, long Pending, double? MedianToCheckout) SpanLarge() => Span(large, large.Length / 10);

    private static (long Entered, long Completed, long Pending, double? MedianToCheckout) Linq(CartEventRecord[] events, int cartCount)
    {
        _ = cartCount;
        long asOfTicks = AsOf.ToUnixTimeTicks();
        var steps = FunnelStep.Defaults;
        var carts = events
            .Where(e => e.UnixTicks <= asOfTicks)
            .GroupBy(e => e.Unit)
            .Select(g => new
            {
                First = steps.Select(s => g.Where(e => s.IsReachedBy(e.Kind)).Select(e => (long?)e.UnixTicks).Min()).ToArray(),
                Purchased = g.Any(e => e.Kind is CartEventKind.Purchase or CartEventKind.RecoveredThroughReminder),
                HasCart = g.Any(e => e.Kind <= CartEventKind.PaymentInfo),
                Last = g.Where(e => e.Kind != CartEventKind.ReminderSent).Max(e => e.UnixTicks),
            })
            .ToList();
        var reached = Enumerable.Range(0, steps.Count).Select(k => carts.Count(c => c.First.Take(k + 1).All(t => t is not null))).ToArray();
        long pending = carts.Count(c => c.HasCart && c.First[0] is not null && !c.Purchased && asOfTicks - c.Last < TimeoutTicks && c.First[1] is null);
        var gaps = carts.Where(c => c.First[0] is not null && c.First[1] is not null && c.First[1] >= c.First[0])
            .Select(c => (c.First[1]!.Value - c.First[0]!.Value) / (double)NodaConstants.TicksPerSecond)
            .OrderBy(x => x)
            .ToList();
        double? median = gaps.Count == 0 ? null : gaps.Count % 2 == 1 ? gaps[gaps.Count / 2] : (gaps[(gaps.Count / 2) - 1] + gaps[gaps.Count / 2]) / 2;
        return (reached[0], reached[^1], pending, median);
    }

    private static (long Entered, long Completed, long Pending, double? MedianToCheckout) Span(CartEventRecord[] events, int cartCount)
    {
        var f = Funnel.Of(events, cartCount, AsOf);
        return (f.Entered, f.Completed, f.Steps[0].Pending, f.Steps[0].SecondsToNext.Median);
    }

    /// <summary>
    /// Deterministic events: each cart gets 10 events — add-to-cart events, then the checkout steps it reaches (depth drawn
    /// so that about 60% / 75% / 67% / 90% continue, Baymard-like), a reminder for some abandoned carts — spread over 30
    /// days and written in time order across carts (a feed), with a little local disorder.
    /// </summary>
    internal static CartEventRecord[] Generate(int count, int carts)
    {
        var records = new CartEventRecord[count];
        ulong state = 0x9E3779B97F4A7C15UL;
        ulong Next()
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        long spanTicks = Duration.FromDays(30).BclCompatibleTicks;
        long startTicks = Start.ToUnixTimeTicks();
        long minute = Duration.FromMinutes(1).BclCompatibleTicks;
        int perCart = count / carts;
        int i = 0;
        for (int c = 0; c < carts; c++)
        {
            long t = startTicks + (long)((double)c / carts * spanTicks);
            int depth = 1;
            double[] go = [0.60, 0.75, 0.67, 0.90];
            while (depth < 5 && (Next() % 1000) / 1000.0 < go[depth - 1])
            {
                depth++;
            }

            int steps = depth - 1;
            int adds = perCart - steps;
            for (int k = 0; k < adds; k++)
            {
                bool reminder = depth < 5 && k == adds - 1 && (Next() & 1) == 0;
                t += (long)(Next() % 5) * minute;
                records[i++] = reminder
                    ? new CartEventRecord(c, CartEventKind.ReminderSent, Instant.FromUnixTimeTicks(t + (60 * minute)))
                    : new CartEventRecord(c, CartEventKind.ItemAdded, Instant.FromUnixTimeTicks(t));
            }

            for (int s = 1; s < depth; s++)
            {
                t += (long)(1 + (Next() % 4)) * minute;
                records[i++] = new CartEventRecord(c, (CartEventKind)(s + 1), Instant.FromUnixTimeTicks(t));
            }
        }

        // Interleave carts like a live feed: shuffle within windows of 4096 events.
        for (int w = 0; w < count; w += 4096)
        {
            int end = Math.Min(count, w + 4096);
            for (int k = end - 1; k > w; k--)
            {
                int j = w + (int)(Next() % (ulong)(k - w + 1));
                (records[k], records[j]) = (records[j], records[k]);
            }
        }

        return records;
    }
}
