using NodaTime;

namespace CxMetrics.Time;

/// <summary>
/// Maps instants to dense indices of consecutive calendar periods in a zone, by binary search over the periods' start
/// instants (computed once with NodaTime, so clock changes are right): no time-zone arithmetic per instant. Built by
/// <see cref="PeriodGrid"/> for a range of its periods; the hot loops of cohorts and churn use it.
/// </summary>
internal sealed class PeriodIndexer
{
    private const long BucketTicks = 15 * 60 * 10_000_000L;
    private const long MaxBuckets = 4_000_000;
    private readonly long[] starts;
    private readonly int[] table = [];

    /// <summary>Periods from <paramref name="first"/> up to and including the one containing <paramref name="lastTicks"/>.</summary>
    public PeriodIndexer(CalendarPeriod first, DateTimeZone zone, long lastTicks)
    {
        var list = new List<long>();
        var period = first;
        var span = period.ToInterval(zone);
        long start = (span.HasStart ? span.Start : Instant.MinValue).ToUnixTimeTicks();
        list.Add(start);
        do
        {
            Periods.Add(period);
            span = period.ToInterval(zone);
            if (!span.HasEnd)
            {
                // The calendar's last period: it runs to the end of time.
                list.Add(Instant.MaxValue.ToUnixTimeTicks() + 1);
                break;
            }

            period = period.Next();
            start = span.End.ToUnixTimeTicks();
            list.Add(start);
        }
        while (start <= lastTicks);

        starts = [.. list];
        First = first;

        // A lookup table of 15-minute buckets: a bucket that lies inside one period maps straight to it; a bucket a boundary
        // cuts through (zones whose offsets are not whole quarter hours) is marked and found by binary search instead.
        long range = starts[^1] - starts[0];
        if (range / BucketTicks < MaxBuckets)
        {
            table = new int[(int)(range / BucketTicks) + 1];
            for (int b = 0; b < table.Length; b++)
            {
                long from = starts[0] + (b * BucketTicks);
                int i = Search(from);
                table[b] = Search(from + BucketTicks - 1) == i ? i : -2;
            }
        }
    }

    /// <summary>The first period.</summary>
    public CalendarPeriod First { get; }

    /// <summary>The periods covered, in order (one fewer than the boundaries).</summary>
    public List<CalendarPeriod> Periods { get; } = [];

    /// <summary>Start instant (Unix ticks) of period <paramref name="i"/>; <c>Start(Count)</c> is the end of the last.</summary>
    public long Start(int i) => starts[i];

    /// <summary>The number of periods covered.</summary>
    public int Count => starts.Length - 1;

    /// <summary>The index of the period containing <paramref name="ticks"/>: −1 before the first; <see cref="Count"/> at or after the end.</summary>
    public int Index(long ticks)
    {
        long b = (ticks - starts[0]) / BucketTicks;
        if (ticks >= starts[0] && b < table.Length && table[b] >= 0)
        {
            return table[b];
        }

        return Search(ticks);
    }

    private int Search(long ticks)
    {
        int lo = 0, hi = starts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= ticks)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }
}
