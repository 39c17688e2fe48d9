using System.Globalization;
using System.Text;
using CxMetrics.Time;
using DuckDB.NET.Data;
using NodaTime;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// Assigns instants to calendar periods of a zone inside DuckDB exactly as NodaTime does, without a range join:
/// <see cref="LocalDay"/> turns UTC microseconds into the local day number (days since 1970-01-01) by adding the zone's
/// offset, taken from a <c>CASE</c> over the zone's offset changes in the data's span (a handful per year, computed by
/// NodaTime); a small temporary table (local_day, idx, start_day) then maps each local day to its period by an equality
/// join. Disposing drops the table.
/// </summary>
internal sealed class PeriodTable : IDisposable
{
    private const long MicrosPerDay = 86_400_000_000;

    // Shifts instants far enough forward that integer division floors (DuckDB's // truncates towards zero).
    private const long ShiftDays = 1_000_000;
    private static readonly LocalDate Epoch = new(1970, 1, 1);
    private readonly DuckDBConnection connection;
    private readonly string offsetCase;

    private PeriodTable(DuckDBConnection connection, string name, IReadOnlyList<CalendarPeriod> periods, string offsetCase)
    {
        this.connection = connection;
        Name = name;
        Periods = periods;
        this.offsetCase = offsetCase;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The periods, indexed by the table's <c>idx</c>.</summary>
    public IReadOnlyList<CalendarPeriod> Periods { get; }

    /// <summary>Days from 1970-01-01 to <paramref name="date"/>.</summary>
    public static long DayNumber(LocalDate date) => Period.DaysBetween(Epoch, date);

    /// <summary>The SQL expression of the local day number of the UTC-microsecond expression <paramref name="micros"/>.</summary>
    public string LocalDay(string micros) =>
        string.Create(CultureInfo.InvariantCulture, $"(({micros} + {offsetCase.Replace("{t}", micros, StringComparison.Ordinal)} + {ShiftDays * MicrosPerDay}) // {MicrosPerDay} - {ShiftDays})");

    /// <summary>Creates the mapping for every local day from the one containing <paramref name="firstMicros"/> to the one containing <paramref name="lastMicros"/>.</summary>
    public static PeriodTable Create(DuckDBConnection connection, PeriodGrid grid, long firstMicros, long lastMicros)
    {
        var zone = grid.Zone;
        var first = Instant.FromUnixTimeTicks(firstMicros * 10);
        var last = Instant.FromUnixTimeTicks(lastMicros * 10);
        string offsets = OffsetCase(zone, first, last);
        var firstDay = first.InZone(zone).Date;
        var lastDay = last.InZone(zone).Date;
        var periods = new List<CalendarPeriod>();
        string name = "cx_periods_" + Guid.NewGuid().ToString("N");
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TEMP TABLE {name} (local_day BIGINT, idx INTEGER, start_day BIGINT)";
            create.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender(name))
        {
            for (var day = firstDay; day <= lastDay; day = day.PlusDays(1))
            {
                var period = grid.Containing(day);
                if (periods.Count == 0 || periods[^1] != period)
                {
                    periods.Add(period);
                }

                appender.CreateRow().AppendValue(DayNumber(day)).AppendValue(periods.Count - 1).AppendValue(DayNumber(period.Start)).EndRow();
            }
        }

        return new PeriodTable(connection, name, periods, offsets);
    }

    /// <summary>Drops the table.</summary>
    public void Dispose()
    {
        using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP TABLE IF EXISTS {Name}";
        drop.ExecuteNonQuery();
    }

    // CASE WHEN {t} < end1 THEN offset1 WHEN {t} < end2 THEN offset2 ... ELSE offsetN END, in microseconds.
    private static string OffsetCase(DateTimeZone zone, Instant first, Instant last)
    {
        var intervals = zone.GetZoneIntervals(first, last + Duration.FromNanoseconds(1)).ToList();
        if (intervals.Count == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{intervals[0].WallOffset.Ticks / 10}");
        }

        var sql = new StringBuilder("CASE");
        for (int i = 0; i < intervals.Count - 1; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {{t}} < {intervals[i].End.ToUnixTimeTicks() / 10} THEN {intervals[i].WallOffset.Ticks / 10}");
        }

        sql.Append(CultureInfo.InvariantCulture, $" ELSE {intervals[^1].WallOffset.Ticks / 10} END");
        return sql.ToString();
    }
}
