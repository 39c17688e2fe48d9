using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Internal;

/// <summary>
/// Maps instants to dense indices of consecutive calendar periods in a zone, by binary search over the periods' start
/// instants (computed once with NodaTime, so clock changes are right): no time-zone arithmetic per instant.
/// </summary>
internal sealed class PeriodIndexer
{
    private readonly long[] starts;

    /// <summary>Periods from <paramref name="first"/> up to and including the one containing <paramref name="lastTicks"/>.</summary>
    public PeriodIndexer(CalendarPeriod first, DateTimeZone zone, long lastTicks)
    {
        var list = new List<long>();
        var period = first;
        long start = zone.AtStartOfDay(period.Start).ToInstant().ToUnixTimeTicks();
        list.Add(start);
        do
        {
            Periods.Add(period);
            period = period.Next();
            start = zone.AtStartOfDay(period.Start).ToInstant().ToUnixTimeTicks();
            list.Add(start);
        }
        while (start <= lastTicks);

        starts = [.. list];
        First = first;
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
