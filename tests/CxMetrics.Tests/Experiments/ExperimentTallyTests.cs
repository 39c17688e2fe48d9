using System.Globalization;
using CxMetrics.Experiments;
using CxMetrics.Portable;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Experiments;

public class ExperimentTallyTests
{
    private static ExperimentDesign Design(MultipleComparisonMethod adjustment = MultipleComparisonMethod.Holm) => new()
    {
        ControlArm = "control",
        PlannedSplit = new Dictionary<string, double> { ["control"] = 0.4, ["arm1"] = 0.3, ["arm2"] = 0.3 },
        OutcomeWindow = Duration.FromDays(30),
        Adjustment = adjustment,
        PlannedSampleSizePerArm = 5,
    };

    private static Arbitrary<(ExperimentObservation[] Rows, int Parts, int Seed)> Split { get; } =
        PortableGen.ExperimentObservation.ArrayOf().Select(a => a.Take(120).ToArray())
            .Zip(Gen.Choose(1, 6)).Zip(Gen.Choose(0, int.MaxValue)).Select(x => (x.Item1.Item1, x.Item1.Item2, x.Item2)).ToArbitrary();

    private static ExperimentTally Tally(IEnumerable<ExperimentObservation> rows)
    {
        var t = new ExperimentTally();
        t.AddRange(rows);
        return t;
    }

    /// <summary>The rows dealt at random into <paramref name="parts"/> shards (shops × days), each tallied apart.</summary>
    private static ExperimentTally[] Shards(ExperimentObservation[] rows, int parts, int seed)
    {
        var random = new Random(seed);
        var shards = Enumerable.Range(0, parts).Select(_ => new ExperimentTally()).ToArray();
        foreach (var row in rows)
        {
            shards[random.Next(parts)].Add(row);
        }

        return shards;
    }

    [Property(MaxTest = 150)]
    public Property Read_out_of_the_tally_is_the_read_out_of_the_observations() => Prop.ForAll(Split, x =>
    {
        var design = Design(x.Seed % 2 == 0 ? MultipleComparisonMethod.Holm : MultipleComparisonMethod.BenjaminiHochberg);
        var fromRecords = Experiment.Of(x.Rows, design);
        var fromTally = Experiment.From(Tally(x.Rows), design);

        // And both against the rows counted here with LINQ, cell by cell.
        bool cellsAgree = fromTally.Segments.All(s => s.Arms.All(a =>
        {
            var rows = x.Rows.Where(o => o.Segment == s.Segment && o.Arm == a.Arm).ToArray();
            var observed = rows.Where(o => o.Status == OutcomeStatus.Observed).ToArray();
            return a.Assigned == rows.Length && a.Pending == rows.Length - observed.Length && a.Conversion.Count == observed.Length
                && a.Conversion.Successes == observed.Count(o => o.Converted)
                && (observed.Length == 0 ? a.RevenuePerCustomer.Value is null : Math.Abs(a.RevenuePerCustomer.Value!.Value - observed.Average(o => o.Revenue)) < 1e-9 * Math.Max(1, observed.Average(o => o.Revenue)));
        }));
        bool segmentsAgree = fromTally.Segments.Select(s => s.Segment).SequenceEqual(x.Rows.Select(o => o.Segment).Distinct().OrderBy(g => g is null).ThenBy(g => g, StringComparer.Ordinal));
        return (Digest(fromRecords, exact: true) == Digest(fromTally, exact: true) && cellsAgree && segmentsAgree).Label($"cells {cellsAgree}, segments {segmentsAgree}: {Digest(fromTally, exact: true)}");
    });

    [Property(MaxTest = 150)]
    public Property Tallies_of_shards_merged_in_any_order_read_out_like_the_whole() => Prop.ForAll(Split, x =>
    {
        var shards = Shards(x.Rows, x.Parts, x.Seed);
        var merged = new ExperimentTally();
        foreach (var shard in shards.OrderBy(_ => Guid.NewGuid()))
        {
            merged.Merge(shard);
        }

        var whole = Tally(x.Rows);
        var reversed = Tally(x.Rows.Reverse());
        bool sameCounts = PortableGen.ExperimentText(merged, 1e-9) == PortableGen.ExperimentText(whole, 1e-9)
            && PortableGen.ExperimentText(reversed, 1e-9) == PortableGen.ExperimentText(whole, 1e-9);
        var expected = Experiment.Of(x.Rows, Design());
        bool sameReadout = Close(Experiment.From(merged, Design()), expected) && Close(Experiment.From(reversed, Design()), expected);
        return (sameCounts && sameReadout).Label($"counts {sameCounts}, read-out {sameReadout}");
    });

    [Property(MaxTest = 60)]
    public Property Shards_sent_as_payloads_merge_to_the_whole() => Prop.ForAll(Split, x =>
    {
        var shards = Shards(x.Rows, x.Parts, x.Seed);
        byte[] merged = TallyFormat.ToBytes(new ExperimentTally());
        foreach (var shard in shards)
        {
            merged = TallyFormat.Merge(merged, x.Seed % 2 == 0 ? TallyFormat.ToBytes(shard) : TallyFormat.ToBytes(TallyFormat.FromJson<ExperimentTally>(TallyFormat.ToJson(shard))));
        }

        var read = TallyFormat.FromBytes<ExperimentTally>(merged);
        return PortableGen.ExperimentText(read, 1e-9) == PortableGen.ExperimentText(Tally(x.Rows), 1e-9) && Close(Experiment.From(read, Design()), Experiment.Of(x.Rows, Design()));
    });

    [Fact]
    public void The_reference_experiment_split_over_two_shops_reads_out_the_reference_numbers()
    {
        static IEnumerable<ExperimentObservation> Arm(string arm, int converted, int total, int shop) =>
            Enumerable.Range(0, total).Where(i => i % 2 == shop).Select(i => new ExperimentObservation($"{arm}-{i}", arm, null, OutcomeStatus.Observed, i < converted * 2 && i % 2 == shop, i < converted * 2 ? 20 + (i % 7) : 0));

        var design = Design(MultipleComparisonMethod.None) with { PlannedSplit = new Dictionary<string, double> { ["control"] = 0.5, ["arm1"] = 0.5 }, PlannedSampleSizePerArm = null };
        var shops = Enumerable.Range(0, 2).Select(shop => Tally(Arm("control", 100, 2000, shop).Concat(Arm("arm1", 120, 2000, shop)))).ToArray();
        var merged = TallyFormat.FromBytes<ExperimentTally>(TallyFormat.Merge(TallyFormat.ToBytes(shops[0]), TallyFormat.ToBytes(shops[1])));
        var readout = Experiment.From(merged, design);
        var cmp = Assert.Single(Assert.Single(readout.Segments).Comparisons);
        Assert.Equal(2.0213, cmp.Difference.Z!.Value, 0.00005);
        Assert.Equal(0.043245, cmp.Difference.PValue!.Value, 0.0000005);
        Assert.Equal(4000, readout.Observed);
        Assert.Equal(Digest(Experiment.Of(Arm("control", 100, 2000, 0).Concat(Arm("control", 100, 2000, 1)).Concat(Arm("arm1", 120, 2000, 0)).Concat(Arm("arm1", 120, 2000, 1)), design), exact: false), Digest(readout, exact: false));
    }

    [Fact]
    public void A_design_with_a_bootstrap_is_refused_since_the_tally_keeps_no_customer_revenue()
    {
        var tally = Tally([new ExperimentObservation("c", "control", null, OutcomeStatus.Observed, true, 5)]);
        var e = Assert.Throws<ArgumentException>(() => Experiment.From(tally, Design() with { BootstrapResamples = 200 }));
        Assert.Equal("design", e.ParamName);
        Assert.Contains("bootstrap", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arm_outside_the_planned_split_is_refused_naming_it()
    {
        var tally = Tally([new ExperimentObservation("c", "free shipping", "vip", OutcomeStatus.Observed, true, 5)]);
        var e = Assert.Throws<ArgumentException>(() => Experiment.From(tally, Design()));
        Assert.Equal("tally", e.ParamName);
        Assert.Contains("'free shipping'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_give_back_the_tally_and_invalid_cells_are_refused()
    {
        var tally = Tally(PortableGen.ExperimentObservation.Sample(50, 1).SelectMany(x => new[] { x }).Take(50));
        var again = ExperimentTally.FromCounts(tally.Cells);
        Assert.Equal(PortableGen.ExperimentText(tally, null), PortableGen.ExperimentText(again, null));
        Assert.Equal("cells", Assert.Throws<ArgumentException>(() => ExperimentTally.FromCounts([new ExperimentCell(null, "a", 0, 2, 3, 1, 0)])).ParamName);
        Assert.Equal("cells", Assert.Throws<ArgumentException>(() => ExperimentTally.FromCounts([new ExperimentCell(null, "a", 0, 0, 0, 0, 0)])).ParamName);
        Assert.Equal("cells", Assert.Throws<ArgumentException>(() => ExperimentTally.FromCounts([new ExperimentCell(null, "a", 1, 0, 0, 0, 0), new ExperimentCell(null, "a", 1, 0, 0, 0, 0)])).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => tally.Merge(tally)).ParamName);
    }

    /// <summary>Everything the read-out holds, as text: exactly, or with the revenue statistics to 8 significant digits.</summary>
    private static string Digest(ExperimentReadout r, bool exact)
    {
        string N(double? v) => v is null ? "—" : exact ? v.Value.ToString("R", CultureInfo.InvariantCulture) : v.Value.ToString("G8", CultureInfo.InvariantCulture);
        string I(ConfidenceInterval? i) => i is { } v ? $"[{N(v.Lower)},{N(v.Upper)}]" : "—";
        string R(double? v) => v is null ? "—" : v.Value.ToString("R", CultureInfo.InvariantCulture);
        string RI(ConfidenceInterval? i) => i is { } v ? $"[{R(v.Lower)},{R(v.Upper)}]" : "—";
        var text = new System.Text.StringBuilder();
        text.Append($"{r.Observed}/{r.Pending}/{string.Join(",", r.SampleRatio.Observed)}/{R(r.SampleRatio.Test.Statistic)}/{R(r.SampleRatio.Test.PValue)}/{r.SampleRatio.IsMismatch}|{string.Join("|", r.Warnings)}");
        foreach (var s in r.Segments)
        {
            text.Append($"\n{s.Segment}: best {s.BestArm} runner-up {s.RunnerUp} {R(s.BestVersusRunnerUp?.PValue)} {R(s.BestVersusRunnerUpAdjustedPValue)} {s.IsBestDistinguishable}");
            foreach (var a in s.Arms)
            {
                text.Append($"\n  {a.Arm} {a.Assigned} {a.Pending} {a.Conversion.Successes}/{a.Conversion.Count} {R(a.Conversion.Value)} {RI(a.Conversion.Interval)} rev {a.RevenuePerCustomer.Count} {N(a.RevenuePerCustomer.Value)} {N(a.RevenuePerCustomer.StandardError)} {I(a.RevenuePerCustomer.Interval)}");
            }

            foreach (var c in s.Comparisons)
            {
                text.Append($"\n  {c.Arm}: {R(c.Difference.Difference)} {RI(c.Difference.Interval)} {R(c.Difference.PValue)} {R(c.AdjustedPValue)} {R(c.Uplift.Ratio)} {RI(c.Uplift.Interval)} rev {N(c.Revenue.Difference)} {I(c.Revenue.Interval)} {N(c.Revenue.PValue)} {N(c.RevenueAdjustedPValue)} {c.RevenueBootstrapInterval}");
            }
        }

        return text.ToString();
    }

    /// <summary>Equal read-outs: every count, conversion statistic and warning exactly, the revenue statistics to a relative 1e-9.</summary>
    private static bool Close(ExperimentReadout actual, ExperimentReadout expected)
    {
        if (Digest(actual, exact: false).Length == 0 || actual.Segments.Count != expected.Segments.Count)
        {
            return false;
        }

        static IEnumerable<double?> Revenue(ExperimentReadout r) => r.Segments.SelectMany(s =>
            s.Arms.SelectMany(a => new[] { a.RevenuePerCustomer.Value, a.RevenuePerCustomer.StandardError, a.RevenuePerCustomer.Interval?.Lower, a.RevenuePerCustomer.Interval?.Upper })
                .Concat(s.Comparisons.SelectMany(c => new[] { c.Revenue.Difference, c.Revenue.Interval?.Lower, c.Revenue.Interval?.Upper, c.Revenue.PValue, c.RevenueAdjustedPValue })));
        static string Counts(ExperimentReadout r) => string.Join("\n", Digest(r, exact: true).Split('\n').Select(l => l.Split(" rev ")[0]));
        return Counts(actual) == Counts(expected) && Revenue(actual).Zip(Revenue(expected)).All(p =>
            p.First is null ? p.Second is null : p.Second is { } e && Math.Abs(p.First.Value - e) <= 1e-9 * Math.Max(1, Math.Abs(e)));
    }
}
