using BenchmarkDotNet.Attributes;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Benchmarks.Support;

/// <summary>
/// Business-time durations of 1,000,000 tickets (Europe/Berlin, Mon–Fri 09:00–17:00, 10 holidays a year, clock changes)
/// spanning up to <see cref="MaxSpanDays"/> days, against a naive baseline that steps through each ticket minute by minute.
/// The baseline runs on the first <see cref="NaiveTickets"/> tickets only (a year of minutes per ticket would take hours
/// for a million); both report time per ticket (OperationsPerInvoke), so the ratio compares like with like.
/// </summary>
[MemoryDiagnoser]
public class BusinessTimeBenchmarks
{
    private const int Tickets = 1_000_000;
    private const int NaiveTickets = 50;

    private BusinessCalendar calendar = null!;
    private Instant[] starts = [];
    private Instant[] ends = [];

    /// <summary>The longest ticket span in days (lengths are uniform up to it).</summary>
    [Params(1, 30, 365)]
    public int MaxSpanDays { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        LocalDate[] holidays =
        [
            new(2024, 1, 1), new(2024, 3, 29), new(2024, 4, 1), new(2024, 5, 1), new(2024, 5, 9), new(2024, 5, 20),
            new(2024, 10, 3), new(2024, 12, 25), new(2024, 12, 26), new(2025, 1, 1), new(2025, 4, 18), new(2025, 4, 21),
        ];
        calendar = BusinessCalendar.Weekdays(zone, new LocalTime(9, 0), new LocalTime(17, 0), holidays);
        var origin = Instant.FromUtc(2024, 1, 1, 0, 0);
        var random = new Random(42);
        int count = BenchmarkSize.Of(Tickets);
        starts = new Instant[count];
        ends = new Instant[count];
        long maxSeconds = MaxSpanDays * 86_400L;
        for (int i = 0; i < count; i++)
        {
            starts[i] = origin + Duration.FromSeconds(random.NextInt64(365L * 86_400));
            ends[i] = starts[i] + Duration.FromSeconds(random.NextInt64(maxSeconds));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = NaiveTickets, Description = "minute-by-minute stepping (naive, per ticket)")]
    public long Naive()
    {
        long total = 0;
        var minute = Duration.FromMinutes(1);
        for (int i = 0, n = BenchmarkSize.Smoke ? 2 : NaiveTickets; i < n; i++)
        {
            for (var t = starts[i]; t < ends[i]; t += minute)
            {
                total += calendar.IsOpenAt(t) ? 1 : 0;
            }
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Tickets, Description = "BusinessCalendar.Between (per ticket)")]
    public long Between()
    {
        long total = 0;
        var s = starts;
        var e = ends;
        for (int i = 0; i < s.Length; i++)
        {
            total += calendar.Between(s[i], e[i]).BclCompatibleTicks;
        }

        return total;
    }
}
