using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="SlaTally"/>: byPriority, tickets, the targets in the tally's order (metric, target in nanoseconds,
/// channel, priority, basis, goal), then the cells in (channel, priority with null last, metric, target) order, each with
/// its six counts (met, breached, pending breached, pending within target, without target, closed without reply).
/// </summary>
internal sealed class SlaTallyCodec : TallyCodec<SlaTally>
{
    public override TallyKind Kind => TallyKind.SlaAttainment;

    public override string Name => "sla";

    private static readonly string[] CountNames = ["met", "breached", "pendingBreached", "pendingWithinTarget", "withoutTarget", "closedWithoutReply"];

    public override void Write(SlaTally tally, TallyFieldWriter writer)
    {
        writer.Bool("byPriority", tally.ByPriority);
        writer.Int64("tickets", tally.Tickets);
        writer.BeginArray("targets", tally.Targets.Count);
        foreach (var t in tally.Targets)
        {
            writer.BeginItem();
            writer.Byte("metric", (byte)t.Metric);
            writer.Int64("targetNanoseconds", t.Target.ToInt64Nanoseconds());
            writer.String("channel", t.Channel);
            writer.String("priority", t.Priority);
            writer.Byte("basis", (byte)t.Basis);
            writer.Double("goal", t.Goal);
            writer.EndItem();
        }

        writer.EndArray();
        var cells = tally.Cells.OrderBy(c => c.Key, KeyOrder.Instance).ToArray();
        writer.BeginArray("cells", cells.Length);
        foreach (var (key, counts) in cells)
        {
            writer.BeginItem();
            writer.String("channel", key.Channel);
            writer.String("priority", key.Priority);
            writer.Byte("metric", (byte)key.Metric);
            writer.Int32("target", key.Target);
            for (int i = 0; i < CountNames.Length; i++)
            {
                writer.Int64(CountNames[i], counts[i]);
            }

            writer.EndItem();
        }

        writer.EndArray();
    }

    public override SlaTally Read(TallyFieldReader reader)
    {
        bool byPriority = reader.Bool("byPriority");
        long tickets = reader.Int64("tickets");
        int n = reader.BeginArray("targets", 26);
        var targets = new SlaTarget[n];
        for (int i = 0; i < n; i++)
        {
            reader.BeginItem();
            byte metric = reader.Byte("metric");
            long nanos = reader.Int64("targetNanoseconds");
            string? channel = reader.String("channel"), priority = reader.String("priority");
            byte basis = reader.Byte("basis");
            double goal = reader.Double("goal");
            reader.EndItem();
            if (!Enum.IsDefined((SlaMetric)metric) || !Enum.IsDefined((TimeBasis)basis))
            {
                throw TallyFieldReader.Invalid($"target {i} names metric {metric} and clock {basis}: unknown.");
            }

            targets[i] = new SlaTarget { Metric = (SlaMetric)metric, Target = Duration.FromNanoseconds(nanos), Channel = channel, Priority = priority, Basis = (TimeBasis)basis, Goal = goal };
        }

        reader.EndArray();
        var tally = new SlaTally(targets, byPriority);
        if (!tally.Targets.SequenceEqual(targets))
        {
            throw TallyFieldReader.Invalid("the targets are not stored in their canonical order (metric, channel, priority).");
        }

        int m = reader.BeginArray("cells", 61);
        (string Channel, string? Priority, SlaMetric Metric, int Target)? previous = null;
        long judged = 0;
        var metrics = targets.Select(t => t.Metric).Distinct().Count();
        for (int i = 0; i < m; i++)
        {
            reader.BeginItem();
            string channel = reader.RequiredString("channel");
            string? priority = reader.String("priority");
            byte metric = reader.Byte("metric");
            int target = reader.Int32("target");
            var counts = new long[CountNames.Length];
            for (int k = 0; k < counts.Length; k++)
            {
                counts[k] = reader.Int64(CountNames[k]);
                if (counts[k] < 0)
                {
                    throw TallyFieldReader.Invalid($"cell {i} has a negative {CountNames[k]} count.");
                }

                judged = checked(judged + counts[k]);
            }

            reader.EndItem();
            var key = (channel, priority, (SlaMetric)metric, target);
            if (!Enum.IsDefined((SlaMetric)metric) || target < -1 || target >= n || (target >= 0 && targets[target].Metric != (SlaMetric)metric)
                || (!byPriority && priority is not null) || (previous is { } p && KeyOrder.Instance.Compare(p, key) >= 0))
            {
                throw TallyFieldReader.Invalid($"cell {i} ({channel}, {priority}, metric {metric}, target {target}) is unknown, out of order or repeated.");
            }

            previous = key;
            tally.Restore(channel, priority, (SlaMetric)metric, target, counts);
        }

        reader.EndArray();
        if (judged != checked(tickets * metrics))
        {
            throw TallyFieldReader.Invalid($"the cells count {judged} judgements, but {tickets} tickets × {metrics} metrics were judged.");
        }

        tally.RestoreTickets(tickets);
        return tally;
    }

    /// <summary>The payload's cell order: channel, priority (null last), metric, target.</summary>
    private sealed class KeyOrder : IComparer<(string Channel, string? Priority, SlaMetric Metric, int Target)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((string Channel, string? Priority, SlaMetric Metric, int Target) x, (string Channel, string? Priority, SlaMetric Metric, int Target) y)
        {
            int c = string.CompareOrdinal(x.Channel, y.Channel);
            if (c != 0)
            {
                return c;
            }

            c = (x.Priority is null).CompareTo(y.Priority is null);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(x.Priority, y.Priority);
            return c != 0 ? c : x.Metric != y.Metric ? x.Metric.CompareTo(y.Metric) : x.Target.CompareTo(y.Target);
        }
    }
}
