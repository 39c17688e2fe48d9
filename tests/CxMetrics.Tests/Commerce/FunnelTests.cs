using CxMetrics.Time;
using CxMetrics.Commerce;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class FunnelTests
{
    private static readonly CartOptions ThreeSteps = new()
    {
        Steps =
        [
            new FunnelStep("cart", CartEventKind.Created, CartEventKind.ItemAdded),
            new FunnelStep("checkout", CartEventKind.CheckoutStarted),
            new FunnelStep("purchase", CartEventKind.Purchase),
        ],
    };

    [Fact]
    public void Reference_1000_600_450_300_gives_step_abandonment_40_25_33_and_overall_70()
    {
        var f = Funnel.FromCounts([1000, 600, 450, 300]);
        Assert.Equal(0.40, f.Steps[0].AbandonmentRate!.Value, 12);
        Assert.Equal(0.25, f.Steps[1].AbandonmentRate!.Value, 12);
        Assert.Equal(0.3333, f.Steps[2].AbandonmentRate!.Value, 4);
        Assert.Null(f.Steps[3].AbandonmentRate);
        Assert.Equal(0.70, f.OverallAbandonment!.Value, 12);
        Assert.Equal(0.70, f.Overall!.Value!.Value, 12);
        Assert.Equal(1000, f.Entered);
        Assert.Equal(300, f.Completed);
        Assert.True(f.Steps[0].Completion.Interval!.Value.Contains(0.6));
    }

    [Fact]
    public void From_counts_rejects_a_closed_funnel_that_grows_and_mismatched_names()
    {
        var ex = Assert.Throws<ArgumentException>("reached", () => Funnel.FromCounts([100, 120]));
        Assert.Contains("must not increase", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("reached", () => Funnel.FromCounts([100]));
        Assert.Throws<ArgumentException>("names", () => Funnel.FromCounts([100, 50], names: ["a"]));
        Assert.Throws<ArgumentOutOfRangeException>("reached", () => Funnel.FromCounts([-1, 0]));
    }

    [Fact]
    public void Open_funnel_from_counts_takes_continuing_units_apart_from_step_counts()
    {
        var f = Funnel.FromCounts([100, 120, 60], FunnelMode.Open, continued: [80, 60]);
        Assert.Equal(0.20, f.Steps[0].AbandonmentRate!.Value, 12);
        Assert.Equal(0.50, f.Steps[1].AbandonmentRate!.Value, 12);
        Assert.Equal(1 - (0.8 * 0.5), f.OverallAbandonment!.Value, 12);
        Assert.Null(f.Overall);
    }

    [Fact]
    public void Closed_funnel_requires_entry_at_step_one_and_open_funnel_does_not()
    {
        var events = new[]
        {
            E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.CheckoutStarted, 2), E("a", CartEventKind.Purchase, 5),
            E("b", CartEventKind.CheckoutStarted, 0), E("b", CartEventKind.Purchase, 3), // buy-now: no add to cart
            E("c", CartEventKind.ItemAdded, 0),
        };
        var asOf = At(600);
        var closed = Funnel.Of(events, asOf, ThreeSteps);
        Assert.Equal([2L, 1, 1], closed.Steps.Select(s => s.Reached));
        Assert.Equal(0.5, closed.Steps[0].Completion.Value);
        Assert.Equal(1.0, closed.Steps[1].Completion.Value);

        var open = Funnel.Of(events, asOf, ThreeSteps with { Mode = FunnelMode.Open });
        Assert.Equal([2L, 2, 2], open.Steps.Select(s => s.Reached));
        Assert.Equal(1, open.Steps[0].Continued);
        Assert.Equal(2, open.Steps[1].Continued);
        Assert.Equal(FunnelMode.Open, open.Mode);
        Assert.Null(open.Overall);
    }

    [Fact]
    public void A_unit_inside_the_time_out_is_pending_at_its_step_and_abandoned_once_past_it()
    {
        var events = new[] { E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.CheckoutStarted, 10), E("b", CartEventKind.ItemAdded, 0) };

        // b last active at 0, a at 10; time-out 30 minutes.
        var early = Funnel.Of(events, At(35), ThreeSteps);
        Assert.Equal(1, early.Steps[0].Abandoned); // b: 35 ≥ 30
        Assert.Equal(1, early.Steps[1].Pending);   // a: 25 < 30
        Assert.Null(early.Steps[1].Completion.Value);
        Assert.Null(early.OverallAbandonment);
        Assert.Null(early.Overall);

        var boundary = Funnel.Of(events, At(40), ThreeSteps);
        Assert.Equal(0, boundary.Steps[1].Pending);
        Assert.Equal(1, boundary.Steps[1].Abandoned); // exactly 30 minutes: abandoned
        Assert.Equal(1.0, boundary.OverallAbandonment);
    }

    [Fact]
    public void Time_between_steps_is_summarised_by_median_and_percentiles()
    {
        var events = new List<CartEvent>();
        double[] gaps = [1, 2, 3, 4, 10];
        for (int i = 0; i < gaps.Length; i++)
        {
            events.Add(E($"u{i}", CartEventKind.ItemAdded, 0));
            events.Add(E($"u{i}", CartEventKind.CheckoutStarted, gaps[i]));
        }

        var f = Funnel.Of(events, At(600), ThreeSteps);
        var t = f.Steps[0].SecondsToNext;
        Assert.Equal(5, t.Count);
        Assert.Equal(180, t.Median!.Value, 9);
        Assert.Equal(120, t.P25!.Value, 9);
        Assert.Equal(240, t.P75!.Value, 9);
        Assert.Equal(600, t.Max!.Value, 9);
    }

    [Fact]
    public void Steps_out_of_sequence_are_counted_and_kept_out_of_the_times()
    {
        var events = new[]
        {
            E("a", CartEventKind.ItemAdded, 5), E("a", CartEventKind.CheckoutStarted, 1), E("a", CartEventKind.Purchase, 9),
        };
        var f = Funnel.Of(events, At(600), ThreeSteps);
        Assert.Equal(1, f.Steps[0].Continued);
        Assert.Equal(1, f.Steps[0].OutOfSequence);
        Assert.Equal(0, f.Steps[0].SecondsToNext.Count);
        Assert.Equal(1, f.StepsOutOfSequence);
        Assert.Equal(480, f.Steps[1].SecondsToNext.Median!.Value, 9);
    }

    [Fact]
    public void Events_after_the_as_of_instant_are_ignored_and_counted()
    {
        var events = new[] { E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.Purchase, 100) };
        var f = Funnel.Of(events, At(50), ThreeSteps);
        Assert.Equal(1, f.EventsAfterAsOf);
        Assert.Equal(1, f.Anomalies!.EventsAfterAsOf);
        Assert.Equal(0, f.Completed);
        var records = new[] { new CartEventRecord(0, CartEventKind.ItemAdded, At(0)), new CartEventRecord(0, CartEventKind.Purchase, At(100)) };
        Assert.Equal(1, Funnel.Of(records, 1, At(50), ThreeSteps).EventsAfterAsOf);
    }

    [Fact]
    public void Default_funnel_has_five_steps_named_after_ga4_events()
    {
        var f = Funnel.Of([E("a", CartEventKind.ItemAdded, 0)], At(600));
        Assert.Equal(["add to cart", "begin checkout", "shipping info", "payment info", "purchase"], f.Steps.Select(s => s.Name));
        Assert.Equal(AnalysisUnit.Cart, f.Unit);
        Assert.Contains("closed funnel by cart", f.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Records_path_rejects_a_unit_index_outside_the_count_naming_its_position()
    {
        var records = new[] { new CartEventRecord(0, CartEventKind.ItemAdded, At(0)), new CartEventRecord(3, CartEventKind.Purchase, At(1)) };
        var ex = Assert.Throws<ArgumentOutOfRangeException>("events", () => Funnel.Of(records, 2, At(5)));
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("unit", () => new CartEventRecord(-1, CartEventKind.Purchase, At(0)));
    }

    [Fact]
    public void Funnel_by_device_gives_one_funnel_per_device()
    {
        var events = new[]
        {
            E("a", CartEventKind.ItemAdded, 0, device: "mobile"), E("b", CartEventKind.ItemAdded, 0, device: "desktop"),
            E("b", CartEventKind.CheckoutStarted, 1), E("b", CartEventKind.Purchase, 2),
        };
        var cells = Funnel.By(CartTally.Of(events), o => o.Device, At(600), ThreeSteps);
        Assert.Equal(["desktop", "mobile"], cells.Select(c => c.Key));
        Assert.Equal(0.0, cells[0].Result.OverallAbandonment);
        Assert.Equal(1.0, cells[1].Result.OverallAbandonment);
        Assert.True(cells[0].IsSmallCell);
    }

    [Fact]
    public void Funnel_by_week_in_the_shops_zone_and_periods_compared()
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"];
        // 2024-05-06 08:00 UTC is Monday 04:00 in New York; 2024-05-13 02:00 UTC is still Sunday 22:00 there (week 19).
        var events = new[]
        {
            E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.CheckoutStarted, 1), E("a", CartEventKind.Purchase, 2),
            E("b", CartEventKind.ItemAdded, (7 * 24 * 60) - 360),
            E("c", CartEventKind.ItemAdded, 7 * 24 * 60), E("c", CartEventKind.CheckoutStarted, (7 * 24 * 60) + 1),
        };
        var cells = Funnel.ByPeriod(CartTally.Of(events), At(30 * 24 * 60), new PeriodGrid(zone, CxMetrics.Time.PeriodUnit.Week), ThreeSteps);
        Assert.Equal(["2024-W19", "2024-W20"], cells.Select(c => c.Period.ToString()));
        Assert.Equal(2, cells[0].Result.Entered);
        Assert.Equal(1, cells[1].Result.Entered);
        var change = CxMetrics.Statistics.Proportion.Compare(cells[1].Result.Steps[1].Completion, cells[0].Result.Steps[1].Completion);
        Assert.Equal(-1.0, change.Difference);
    }

    [Property]
    public Property Closed_counts_never_increase_and_rates_stay_in_0_1() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, (events, minute) =>
        {
            var f = Funnel.Of(events, CartGen.At(minute));
            bool ok = f.OverallAbandonment is null or (>= 0 and <= 1);
            for (int k = 0; k < f.Steps.Count; k++)
            {
                var s = f.Steps[k];
                ok &= s.Completion.Value is null or (>= 0 and <= 1);
                ok &= k == f.Steps.Count - 1 || s.Reached == s.Continued + s.Abandoned + s.Pending;
                ok &= k == 0 || s.Reached <= f.Steps[k - 1].Reached;
                ok &= k == f.Steps.Count - 1 || f.Steps[k + 1].Reached == s.Continued;
            }

            return ok;
        });

    [Property]
    public Property Overall_abandonment_is_one_minus_the_product_of_step_completions() =>
        Prop.ForAll(CartGen.ClosedCounts, counts =>
        {
            var f = Funnel.FromCounts(counts);
            if (counts[0] == 0)
            {
                return f.OverallAbandonment is null && f.Overall!.Value is null;
            }

            double telescoped = 1 - ((double)counts[^1] / counts[0]);
            var completions = f.Steps.Take(f.Steps.Count - 1).Select(s => s.Completion.Value).ToArray();
            bool product = completions.Contains(0.0) || completions.Contains(null)
                ? f.OverallAbandonment == 1 // a step nobody completed: every later step is empty
                : Math.Abs(f.OverallAbandonment!.Value - (1 - completions.Aggregate(1.0, (p, c) => p * c!.Value))) < 1e-12;
            return product
                && Math.Abs(f.OverallAbandonment!.Value - telescoped) < 1e-9
                && f.Overall!.Value is { } v && Math.Abs(v - telescoped) < 1e-12;
        });

    [Property]
    public Property Open_funnel_overall_is_one_minus_the_product_of_its_completions_too() =>
        Prop.ForAll(CartGen.Events, events =>
        {
            var f = Funnel.Of(events, CartGen.At(10_000), CartOptions.Default with { Mode = FunnelMode.Open });
            var completions = f.Steps.Take(f.Steps.Count - 1).Select(s => s.Completion.Value).ToArray();
            if (completions.Contains(0.0))
            {
                return f.OverallAbandonment == 1;
            }

            return completions.Contains(null)
                ? f.OverallAbandonment is null
                : Math.Abs(f.OverallAbandonment!.Value - (1 - completions.Aggregate(1.0, (p, c) => p * c!.Value))) < 1e-12;
        });

    [Property]
    public Property Input_order_does_not_change_the_funnel() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, ArbMap.Default.ArbFor<int>(), (events, minute, seed) =>
            Describe(Funnel.Of(events, CartGen.At(minute))) == Describe(Funnel.Of(CartGen.Shuffle(events, seed), CartGen.At(minute))));

    [Property]
    public Property Span_path_gives_the_same_funnel_as_the_object_path() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, ArbMap.Default.ArbFor<bool>(), (events, minute, open) =>
        {
            var options = CartOptions.Default with { Mode = open ? FunnelMode.Open : FunnelMode.Closed };
            var records = events.Select(e => new CartEventRecord(int.Parse(e.Key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture), e.Kind, e.At)).ToArray();
            var fromObjects = Funnel.Of(events, CartGen.At(minute), options);
            var fromRecords = Funnel.Of(records, 8, CartGen.At(minute), options);
            // Events after the as-of instant: the object path counts distinct ones (copies are duplicates), the span path all.
            return Describe(fromObjects with { EventsAfterAsOf = 0 }) == Describe(fromRecords with { EventsAfterAsOf = 0 });
        });
}
