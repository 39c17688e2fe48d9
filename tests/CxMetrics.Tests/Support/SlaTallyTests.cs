using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SlaTallyTests
{
    private static string Cells(IEnumerable<SlaCell> cells) => string.Join(";", cells.Select(c => c.ToString()));

    [Property(MaxTest = 60)]
    public Property Merged_shard_tallies_give_the_cells_of_the_whole_stream() =>
        Prop.ForAll(SupportGen.TicketTimes.Zip(Gen.Choose(0, 2)).ArrayOf().Select(a => a.Take(12).ToArray()).ToArbitrary(), ArbMap.Default.GeneratorFor<bool>().ToArbitrary(), (rows, byPriority) =>
        {
            var shards = Enumerable.Range(0, 3).Select(s =>
            {
                var t = new SlaTally(PortableGen.SlaTargets.Reverse(), byPriority); // the order of the targets does not matter
                t.AddRange(rows.Where(r => r.Item2 == s).Select(r => r.Item1));
                return t;
            }).ToArray();
            var merged = new SlaTally(PortableGen.SlaTargets, byPriority).Merge(shards[2]).Merge(shards[0]).Merge(shards[1]);
            var whole = Sla.Of(rows.Select(r => r.Item1), PortableGen.SlaTargets, byPriority);
            return (Cells(Sla.From(merged)) == Cells(whole) && merged.Tickets == rows.Length).Label($"{Cells(Sla.From(merged))} vs {Cells(whole)}");
        });

    [Property(MaxTest = 60)]
    public Property Every_ticket_is_judged_once_per_metric_and_attainment_is_a_share() =>
        Prop.ForAll(SupportGen.TicketTimes.ArrayOf().Select(a => a.Take(12).ToArray()).ToArbitrary(), rows =>
        {
            var cells = Sla.Of(rows, PortableGen.SlaTargets);
            long judgements = cells.Sum(c => c.Met + c.Breached + c.PendingBreached + c.PendingWithinTarget + c.WithoutTarget + c.ClosedWithoutReply);
            bool shares = cells.All(c => c.Attainment.Value is not { } v || (v >= 0 && v <= 1));
            return (judgements == 2L * rows.Length && shares).Label($"{judgements} judgements for {rows.Length} tickets");
        });

    [Fact]
    public void Tallies_of_other_targets_or_grouping_do_not_merge()
    {
        var tally = new SlaTally(PortableGen.SlaTargets);
        Assert.Throws<ArgumentException>("other", () => tally.Merge(new SlaTally(PortableGen.SlaTargets, byPriority: false)));
        Assert.Throws<ArgumentException>("other", () => tally.Merge(new SlaTally([new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(1) }])));
        Assert.Throws<ArgumentException>("other", () => tally.Merge(tally));
    }
}
