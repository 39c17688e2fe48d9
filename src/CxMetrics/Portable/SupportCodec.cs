using CxMetrics.Support;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="SupportTally"/>: six counts, then one series per non-empty (measure, clock) pair in measure then
/// clock order: the measure and clock numbers and the hours in the order added. Tickets closed without reply travel as the
/// series of measure 6 (<see cref="SupportMeasure.ClosedWithoutReply"/>): their count is the number of its hours, so the
/// layout is unchanged and older payloads read as tallies without such tickets.
/// </summary>
internal sealed class SupportTallyCodec : TallyCodec<SupportTally>
{
    public override TallyKind Kind => TallyKind.Support;

    public override string Name => "support";

    public override void Write(SupportTally tally, TallyFieldWriter writer)
    {
        writer.Int64("tickets", tally.Tickets);
        writer.Int64("responsePending", tally.ResponsePending);
        writer.Int64("resolutionPending", tally.ResolutionPending);
        writer.Int64("solvedOnce", tally.SolvedOnce);
        writer.Int64("reopenedTickets", tally.ReopenedTickets);
        writer.Int64("reopens", tally.Reopens);
        var measures = Enum.GetValues<SupportMeasure>();
        int series = 0;
        foreach (var measure in measures)
        {
            series += (tally.Hours(measure, TimeBasis.Business).Count > 0 ? 1 : 0) + (tally.Hours(measure, TimeBasis.Calendar).Count > 0 ? 1 : 0);
        }

        writer.BeginArray("series", series);
        foreach (var measure in measures)
        {
            foreach (var basis in (ReadOnlySpan<TimeBasis>)[TimeBasis.Business, TimeBasis.Calendar])
            {
                var hours = tally.Span(measure, basis);
                if (hours.Length == 0)
                {
                    continue;
                }

                writer.BeginItem();
                writer.Byte("measure", (byte)measure);
                writer.Byte("basis", (byte)basis);
                writer.BeginArray("hours", hours.Length);
                foreach (double h in hours)
                {
                    writer.Double(null, h);
                }

                writer.EndArray();
                writer.EndItem();
            }
        }

        writer.EndArray();
    }

    public override SupportTally Read(TallyFieldReader reader)
    {
        var tally = SupportTally.FromCounts(
            reader.Int64("tickets"), reader.Int64("responsePending"), reader.Int64("resolutionPending"), reader.Int64("solvedOnce"), reader.Int64("reopenedTickets"), reader.Int64("reopens"));
        int series = reader.BeginArray("series", 10);
        int previous = -1;
        for (int i = 0; i < series; i++)
        {
            reader.BeginItem();
            byte measure = reader.Byte("measure"), basis = reader.Byte("basis");
            if (!Enum.IsDefined((SupportMeasure)measure) || !Enum.IsDefined((TimeBasis)basis) || (measure * 2) + basis <= previous)
            {
                throw TallyFieldReader.Invalid($"series {i} names measure {measure} and clock {basis}: unknown, repeated or out of order.");
            }

            previous = (measure * 2) + basis;
            int n = reader.BeginArray("hours", 8);
            var hours = new double[n];
            for (int j = 0; j < n; j++)
            {
                hours[j] = reader.Double(null);
            }

            reader.EndArray();
            reader.EndItem();
            if (n == 0)
            {
                throw TallyFieldReader.Invalid($"series {i} is empty; empty series are not stored.");
            }

            tally.AddHours((SupportMeasure)measure, (TimeBasis)basis, hours);
        }

        reader.EndArray();
        return tally;
    }
}
