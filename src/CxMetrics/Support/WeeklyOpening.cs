using System.Globalization;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// One opening interval of a weekly schedule: on <see cref="Day"/>, from <see cref="Start"/> to <see cref="End"/> local time.
/// An end that is not after the start lies on the next day, so <c>22:00–06:00</c> is a night shift that crosses midnight,
/// <c>09:00–00:00</c> runs until midnight, and equal start and end (e.g. <c>00:00–00:00</c>) mean a full 24 hours.
/// </summary>
/// <remarks>The interval belongs to the day it starts on: when that day is a holiday, the whole interval is closed, also its
/// part after midnight.</remarks>
/// <param name="Day">The day of the week the interval starts on.</param>
/// <param name="Start">The local opening time.</param>
/// <param name="End">The local closing time (on the next day when not after <paramref name="Start"/>).</param>
public readonly record struct WeeklyOpening(IsoDayOfWeek Day, LocalTime Start, LocalTime End)
{
    /// <summary>The nominal length on the local clock (a clock change inside it is handled by the calendar, on instants).</summary>
    public Duration Length => Duration.FromTicks(LengthTicks);

    internal long LengthTicks
    {
        get
        {
            long length = End.TickOfDay - Start.TickOfDay;
            return length > 0 ? length : length + NodaConstants.TicksPerDay;
        }
    }

    /// <summary>Formats as <c>Monday 09:00–17:00</c>.</summary>
    /// <returns>The interval as text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Day} {Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{End.ToString("HH:mm", CultureInfo.InvariantCulture)}");
}
