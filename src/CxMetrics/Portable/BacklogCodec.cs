using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="BacklogTally"/>: the grid (zone id, unit, week start), asOfTicks, the first and the last period's
/// start dates, the age edges in nanoseconds, the ticket count, then one item per period in time order with its created,
/// solved, reopened and open counts and the open tickets per age band. Reading checks that the periods are the grid's range,
/// that every period's bands add up to its open count and that the flow adds up from one period to the next
/// (open = open before + created + reopened − solved).
/// </summary>
internal sealed class BacklogTallyCodec : TallyCodec<BacklogTally>
{
    public override TallyKind Kind => TallyKind.Backlog;

    public override string Name => "backlog";

    public override void Write(BacklogTally tally, TallyFieldWriter writer)
    {
        writer.String("zone", tally.Grid.Zone.Id);
        writer.Byte("unit", (byte)tally.Grid.Unit);
        writer.Byte("weekStart", (byte)tally.Grid.WeekStart);
        writer.Int64("asOfTicks", tally.AsOf.ToUnixTimeTicks());
        writer.Date("first", tally.Periods[0].Start);
        writer.Date("last", tally.Periods[^1].Start);
        writer.BeginArray("ageEdges", tally.AgeEdges.Count);
        foreach (var edge in tally.AgeEdges)
        {
            writer.Int64(null, edge.ToInt64Nanoseconds());
        }

        writer.EndArray();
        writer.Int64("tickets", tally.Tickets);
        writer.BeginArray("periods", tally.Periods.Count);
        for (int p = 0; p < tally.Periods.Count; p++)
        {
            writer.BeginItem();
            writer.Int64("created", tally.Created(p));
            writer.Int64("solved", tally.Solved(p));
            writer.Int64("reopened", tally.Reopened(p));
            writer.Int64("open", tally.Open(p));
            var ages = tally.Ages(p);
            writer.BeginArray("ages", ages.Length);
            foreach (long count in ages)
            {
                writer.Int64(null, count);
            }

            writer.EndArray();
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override BacklogTally Read(TallyFieldReader reader)
    {
        string zoneId = reader.RequiredString("zone");
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw TallyFieldReader.Invalid($"zone '{zoneId}' is not in this library's tz database ({DateTimeZoneProviders.Tzdb.VersionId}).");
        byte unit = reader.Byte("unit");
        byte weekStart = reader.Byte("weekStart");
        if (!Enum.IsDefined((PeriodUnit)unit) || weekStart is < 1 or > 7)
        {
            throw TallyFieldReader.Invalid($"unit {unit} and week start {weekStart} are not a known period unit and ISO weekday.");
        }

        var grid = new PeriodGrid(zone, (PeriodUnit)unit, (IsoDayOfWeek)weekStart);
        var asOf = Instant.FromUnixTimeTicks(reader.Int64("asOfTicks"));
        var first = PeriodOf(grid, reader.Date("first"), "first");
        var last = PeriodOf(grid, reader.Date("last"), "last");
        int edgeCount = reader.BeginArray("ageEdges", 8);
        var edges = new Duration[edgeCount];
        for (int i = 0; i < edgeCount; i++)
        {
            edges[i] = Duration.FromNanoseconds(reader.Int64(null));
        }

        reader.EndArray();
        long tickets = reader.Int64("tickets");
        int n = reader.BeginArray("periods", 40);

        // The stored count bounds the walk, so a hostile range allocates nothing before it is refused.
        var period = first;
        for (int i = 1; i < n && period < last; i++)
        {
            period = period.Next();
        }

        if (n == 0 || period != last)
        {
            throw TallyFieldReader.Invalid($"{n} periods are stored for the range {first}…{last} of the grid {grid}.");
        }

        var tally = new BacklogTally(asOf, grid, first, last, edges);
        var ages = new long[edgeCount + 1];
        long previousOpen = 0;
        for (int p = 0; p < n; p++)
        {
            reader.BeginItem();
            long created = reader.Int64("created"), solved = reader.Int64("solved"), reopened = reader.Int64("reopened"), open = reader.Int64("open");
            int bands = reader.BeginArray("ages", 8);
            if (bands != ages.Length)
            {
                throw TallyFieldReader.Invalid($"period {p} stores {bands} age bands, not {ages.Length}.");
            }

            long inBands = 0;
            bool negative = false;
            for (int b = 0; b < bands; b++)
            {
                ages[b] = reader.Int64(null);
                negative |= ages[b] < 0;
                inBands = negative ? 0 : checked(inBands + ages[b]);
            }

            reader.EndArray();
            reader.EndItem();
            if (negative || created < 0 || solved < 0 || reopened < 0 || open < 0 || inBands != open || created > tickets
                || (p > 0 && open != checked(previousOpen + created + reopened - solved)))
            {
                throw TallyFieldReader.Invalid($"period {p} ({tally.Periods[p]}) has negative counts, age bands that do not add up to its {open} open tickets, or a flow that does not add up from the period before.");
            }

            tally.Restore(p, created, solved, reopened, open, ages);
            previousOpen = open;
        }

        reader.EndArray();
        tally.RestoreTickets(tickets);
        return tally;
    }

    private static CalendarPeriod PeriodOf(PeriodGrid grid, LocalDate start, string field)
    {
        var period = grid.Containing(start);
        return period.Start == start ? period : throw TallyFieldReader.Invalid($"field '{field}' ({start}) is not the start of a period of the grid {grid}.");
    }
}
