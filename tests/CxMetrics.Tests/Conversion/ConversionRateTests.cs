using CxMetrics.Conversion;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Conversion;

public class ConversionRateTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 15, 9, 0);
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Session S(string visitor, bool converted, int day = 0, string? device = null) =>
        new(visitor, T0.Plus(Duration.FromDays(day)), converted) { Device = device };

    [Fact]
    public void Session_and_visitor_units_differ_and_are_stated()
    {
        var sessions = new[] { S("a", false), S("a", true), S("b", false), S("b", false), S("c", true) };
        var perSession = ConversionRate.Of(sessions, ConversionUnit.Session);
        var perVisitor = ConversionRate.Of(sessions, ConversionUnit.Visitor);
        Assert.Equal((2L, 5L), (perSession.Rate.Successes, perSession.Rate.Count));
        Assert.Equal((2L, 3L), (perVisitor.Rate.Successes, perVisitor.Rate.Count));
        Assert.Contains("of sessions converted", perSession.ToString(), StringComparison.Ordinal);
        Assert.Contains("of visitors converted", perVisitor.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("second", () => ConversionRate.Compare(perSession, perVisitor));
    }

    [Fact]
    public void Breakdown_by_device_with_small_cells_and_periods_with_change()
    {
        var sessions = Enumerable.Range(0, 100).Select(i => S($"v{i}", i % 4 == 0, i % 50, "mobile"))
            .Concat(Enumerable.Range(0, 10).Select(i => S($"d{i}", i % 2 == 0, 40, "desktop"))).ToArray();
        var byDevice = ConversionRate.By(sessions, s => s.Device, ConversionUnit.Session);
        Assert.Equal(["desktop", "mobile"], byDevice.Select(c => c.Key));
        Assert.True(byDevice[0].IsSmallCell);
        Assert.Equal(0.25, byDevice[1].Result.Rate.Value);
        var byMonth = ConversionRate.ByPeriod(sessions, ConversionUnit.Visitor, new PeriodGrid(Berlin, PeriodUnit.Month));
        Assert.Equal(["2024-01", "2024-02", "2024-03"], byMonth.Select(c => c.Period.ToString()));
        Assert.NotNull(byMonth[1].ChangeFromPrevious!.PValue);
        Assert.Equal(sessions.Length, byMonth.Sum(c => c.Count));
    }

    [Fact]
    public void Empty_input_has_no_estimate_and_bad_input_is_rejected()
    {
        Assert.Null(ConversionRate.Of([], ConversionUnit.Session).Rate.Value);
        Assert.Throws<ArgumentException>("VisitorId", () => new Session(" ", T0, true));
        Assert.Throws<ArgumentOutOfRangeException>("unit", () => new ConversionTally((ConversionUnit)9));
        Assert.Throws<ArgumentException>("other", () => new ConversionTally(ConversionUnit.Session).Merge(new ConversionTally(ConversionUnit.Visitor)));
    }

    [Property]
    public Property Visitor_tallies_merge_to_the_whole_even_when_shards_share_visitors() =>
        Prop.ForAll(
            Gen.Choose(0, 30).Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().ToArbitrary(),
            ArbMap.Default.ArbFor<int>(),
            (items, seed) =>
            {
                var sessions = items.Select(x => S($"v{x.Item1}", x.Item2)).ToArray();
                int at = sessions.Length == 0 ? 0 : (int)((uint)seed % (uint)(sessions.Length + 1));
                foreach (var unit in Enum.GetValues<ConversionUnit>())
                {
                    var a = new ConversionTally(unit);
                    var b = new ConversionTally(unit);
                    foreach (var s in sessions[..at])
                    {
                        a.Add(s);
                    }

                    foreach (var s in sessions[at..])
                    {
                        b.Add(s);
                    }

                    var merged = ConversionRate.From(a.Merge(b));
                    var whole = ConversionRate.Of(sessions, unit);
                    if (merged != whole || (merged.Rate.Value is { } v && !merged.Rate.Interval!.Value.Contains(v)))
                    {
                        return false;
                    }
                }

                return true;
            });
    [Fact]
    public void Cells_from_tallies_merge_a_key_given_twice_and_equal_the_cells_of_the_sessions()
    {
        var sessions = new[] { S("a", false, device: "app"), S("b", true, device: "app"), S("c", true, device: null), S("d", false, device: "web"), S("e", true, device: "app") };
        var first = new ConversionTally(ConversionUnit.Session);
        var second = new ConversionTally(ConversionUnit.Session);
        var none = new ConversionTally(ConversionUnit.Session);
        var web = new ConversionTally(ConversionUnit.Session);
        first.Add(sessions[0]);
        first.Add(sessions[1]);
        second.Add(sessions[4]);
        none.Add(sessions[2]);
        web.Add(sessions[3]);
        var fromTallies = ConversionRate.By<string?>([new("web", web), new("app", first), new(null, none), new("app", second)], new ConversionOptions { MinimumCellSize = 2 });
        var direct = ConversionRate.By(sessions, s => s.Device, ConversionUnit.Session, new ConversionOptions { MinimumCellSize = 2 });
        Assert.Equal(direct.Select(c => (c.Key, c.Count, c.IsSmallCell, c.Result.Rate.Successes)), fromTallies.Select(c => (c.Key, c.Count, c.IsSmallCell, c.Result.Rate.Successes)));
        Assert.Equal(3, fromTallies.Single(c => c.Key == "app").Count);
        Assert.Equal(2, first.Count); // the given tallies are not changed
    }
}
