using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CxMetrics.Tests.Retention.SubscriptionDashboardFixture;

namespace CxMetrics.Tests.Retention;

public class TrialConversionTests
{
    [Fact]
    public void Worked_shop_converts_one_trial_loses_one_and_one_is_pending()
    {
        var r = TrialConversion.Of(History, Day(3, 1));
        Assert.Equal((3L, 1L, 1L, 1L), (r.Trials, r.Converted, r.Expired, r.Pending));
        Assert.Equal(0.5, r.Rate.Value);
        Assert.Equal(Proportion.FromCounts(1, 2).Interval, r.Rate.Interval);
    }

    [Fact]
    public void A_conversion_after_the_as_of_is_still_pending()
    {
        var r = TrialConversion.Of(History, Day(2, 10));
        Assert.Equal((2L, 0L, 0L, 2L), (r.Trials, r.Converted, r.Expired, r.Pending));
        Assert.Null(r.Rate.Value);
    }

    [Fact]
    public void By_plan_reads_the_plan_of_the_trial()
    {
        var cells = TrialConversion.By(History, e => e.Plan, Day(3, 1), new TrialConversionOptions { ConfidenceLevel = 0.9 });
        Assert.Equal(["basic", "pro"], cells.Select(c => c.Key));
        Assert.Equal((0L, 1L, 1L), (cells[0].Result.Converted, cells[0].Result.Expired, cells[0].Result.Pending));
        Assert.Equal(0.0, cells[0].Result.Rate.Value);
        Assert.Equal(1.0, cells[1].Result.Rate.Value);
        Assert.Equal(Proportion.FromCounts(1, 1, 0.9).Interval, cells[1].Result.Rate.Interval);
        Assert.Equal([1L, 1L], cells.Select(c => c.Count));
    }

    [Fact]
    public void A_start_without_a_trial_is_no_trial_and_a_trial_cannot_be_paused()
    {
        var events = new[] { SubscriptionEvent.Started("x", "c", Day(1, 1), 10m, "EUR") };
        Assert.Equal(0, TrialConversion.Of(SubscriptionHistory.Replay(events), Day(3, 1)).Trials);
        var paused = new[] { SubscriptionEvent.TrialStarted("x", "c", Day(1, 1)), SubscriptionEvent.Paused("x", "c", Day(1, 2)) };
        var error = Assert.Throws<ArgumentException>("events", () => SubscriptionHistory.Replay(paused));
        Assert.Contains("on trial", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>("history", () => TrialConversion.Of(null!, Day(1, 1)));
        Assert.Throws<ArgumentNullException>("key", () => TrialConversion.By<string?>(History, null!, Day(1, 1)));
        Assert.Throws<ArgumentException>("plan", () => SubscriptionEvent.TrialStarted("x", "c", Day(1, 1), " "));
    }

    [Property(MaxTest = 200)]
    public Property Trials_split_into_converted_expired_and_pending_and_the_plans_sum_to_the_whole() =>
        Prop.ForAll(RetentionGen.LabelledSubscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            var asOf = RetentionGen.Origin + Duration.FromDays(70);
            var r = TrialConversion.Of(history, asOf);
            Assert.Equal(events.Count(e => e.Kind == SubscriptionEventKind.TrialStart && e.At <= asOf), r.Trials);
            Assert.Equal(r.Trials, r.Converted + r.Expired + r.Pending);
            Assert.Equal(r.Converted + r.Expired, r.Rate.Count);
            var cells = TrialConversion.By(history, e => e.Plan, asOf);
            Assert.Equal(r.Trials, cells.Sum(c => c.Result.Trials));
            Assert.Equal(r.Converted, cells.Sum(c => c.Result.Converted));
            Assert.True(r.Rate.Value is null or >= 0 and <= 1);
        });
}
