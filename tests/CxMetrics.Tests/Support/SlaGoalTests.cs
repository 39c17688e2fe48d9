using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SlaGoalTests
{
    [Fact]
    public void Score_test_reference_81_of_100_against_90_percent()
    {
        var t = Proportion.ScoreTest(81, 100, 0.9);
        Assert.Equal(-3, t.Z!.Value, 10);
        Assert.Equal(0.0026998, t.PValue!.Value, 6);
        Assert.Equal(0.0013499, t.PValueBelow!.Value, 6);
    }

    [Fact]
    public void Score_test_edges_no_data_and_a_goal_of_one()
    {
        Assert.Null(Proportion.ScoreTest(0, 0, 0.8).PValue);
        Assert.Equal(0, Proportion.ScoreTest(99, 100, 1).PValueBelow);
        Assert.Equal(1, Proportion.ScoreTest(100, 100, 1).PValue);
        Assert.Equal("nullShare", Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.ScoreTest(1, 2, 0)).ParamName);
    }

    [Property(MaxTest = 300)]
    public Property The_target_lies_outside_the_Wilson_interval_exactly_when_the_score_test_rejects() =>
        Prop.ForAll(Gen.Choose(1, 400).SelectMany(n => Gen.Choose(0, n).Select(s => (s, n))).ToArbitrary(), Gen.Choose(1, 99).ToArbitrary(), (x, goal) =>
        {
            double p0 = goal / 100.0;
            var test = Proportion.ScoreTest(x.s, x.n, p0);
            var ci = Proportion.FromCounts(x.s, x.n).Interval!.Value;
            bool outside = p0 < ci.Lower || p0 > ci.Upper;
            bool boundary = Math.Abs(test.PValue!.Value - 0.05) < 1e-9;
            return (boundary || outside == (test.PValue < 0.05)).Label($"{test} vs {ci}");
        });

    [Fact]
    public void Attainment_by_channel_and_week_is_tested_against_the_goal_share()
    {
        var always = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
        var monday = Instant.FromUtc(2024, 5, 6, 9, 0);
        var tickets = new List<TicketTimes>();
        for (int i = 0; i < 20; i++)
        {
            // Week 1: chat answered in 1 h (all within 2 h); week 2: 5 of 20 chats in 3 h.
            var created = monday + Duration.FromHours(i);
            tickets.Add(SupportTimes.Of(SupportTicket.Create($"w1-{i}", "c", "chat", created, [created + Duration.FromHours(1)]), always, monday + Duration.FromDays(30)));
            var later = created + Duration.FromDays(7);
            tickets.Add(SupportTimes.Of(SupportTicket.Create($"w2-{i}", "c", "chat", later, [later + Duration.FromHours(i < 5 ? 3 : 1)]), always, monday + Duration.FromDays(30)));
        }

        var target = new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(2), Goal = 0.95, Basis = TimeBasis.Calendar };
        var weeks = Sla.ByPeriod(tickets, [target], new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week));
        Assert.Equal(2, weeks.Count);
        var w1 = Assert.Single(weeks[0].Cells);
        var w2 = Assert.Single(weeks[1].Cells);
        Assert.Equal(("chat", (string?)null), (w1.Channel, w1.Priority));
        Assert.Equal((20L, 20L), (w1.GoalTest!.Successes, w1.GoalTest.Count));
        Assert.True(w1.GoalTest.PValueBelow > 0.5);
        Assert.Equal(15, w2.Met);
        // 75% against 95% with n = 20: z = −0.2 / √(0.95 · 0.05 / 20) ≈ −4.10.
        Assert.Equal(-0.2 / Math.Sqrt(0.95 * 0.05 / 20), w2.GoalTest!.Z!.Value, 10);
        Assert.True(w2.GoalTest.PValueBelow < 0.001);
    }
}
