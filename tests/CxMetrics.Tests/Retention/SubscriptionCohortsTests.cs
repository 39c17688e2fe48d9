using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CxMetrics.Tests.Retention.SubscriptionDashboardFixture;

namespace CxMetrics.Tests.Retention;

public class SubscriptionCohortsTests
{
    private static readonly PeriodGrid Monthly = new(DateTimeZone.Utc, PeriodUnit.Month);

    [Fact]
    public void Worked_shop_january_cohort_keeps_half_its_logos_and_three_quarters_of_its_mrr()
    {
        var m = SubscriptionCohorts.Of(History, Day(4, 1), Monthly);
        Assert.Equal(["2024-01", "2024-02"], m.Cohorts.Select(c => c.ToString()));
        Assert.Equal([2L, 1L], m.Sizes);
        Assert.Equal([40m, 30m], m.StartingMrr);
        Assert.Equal(3, m.Columns);
        Assert.Equal(new double?[] { 1.0, 0.5, 0.5 }, Enumerable.Range(0, 3).Select(k => m.LogoRetention(0, k)));
        Assert.Equal(new double?[] { 1.0, 0.75, 0.75 }, Enumerable.Range(0, 3).Select(k => m.MrrRetention(0, k)));
        Assert.Equal(new double?[] { 1.0, 1.0, null }, Enumerable.Range(0, 3).Select(k => m.LogoRetention(1, k)));
        Assert.Equal(new decimal?[] { 30m, 30m, null }, m.Mrr[1]);
    }

    [Fact]
    public void Nobody_paying_gives_an_empty_matrix()
    {
        var m = SubscriptionCohorts.Of(SubscriptionHistory.Replay([SubscriptionEvent.TrialStarted("x", "c", Day(1, 1))]), Day(4, 1), Monthly);
        Assert.Empty(m.Cohorts);
        Assert.Equal(0, m.Columns);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>("history", () => SubscriptionCohorts.Of(null!, Day(1, 1), Monthly));
        Assert.Throws<ArgumentNullException>("grid", () => SubscriptionCohorts.Of(History, Day(1, 1), null!));
        var daily = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day);
        Assert.Throws<ArgumentOutOfRangeException>("options", () => SubscriptionCohorts.Of(History, Day(4, 1), daily, new RevenueChurnOptions { MaxPeriods = 10 }));
    }

    [Property(MaxTest = 150)]
    public Property Cohorts_hold_every_paying_customer_once_and_cells_match_the_ledger() =>
        Prop.ForAll(RetentionGen.LabelledSubscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            var asOf = RetentionGen.Origin + Duration.FromDays(100);
            var m = SubscriptionCohorts.Of(history, asOf, Monthly);
            Assert.Equal(history.Ledger.Where(x => x.At <= asOf && x.Kind == MrrMovementKind.New).Select(x => x.CustomerId).Distinct().Count(), m.Sizes.Sum());
            for (int c = 0; c < m.Cohorts.Count; c++)
            {
                for (int k = 0; k < m.Columns; k++)
                {
                    var period = m.Cohorts[c];
                    for (int i = 0; i < k; i++)
                    {
                        period = period.Next();
                    }

                    var end = period.ToInterval(DateTimeZone.Utc).End;
                    Assert.Equal(end <= asOf && m.Sizes[c] > 0, m.PayingCustomers[c][k] is not null);
                    if (m.PayingCustomers[c][k] is { } paying)
                    {
                        // The cohort's MRR at the period's end, recomputed customer by customer from the ledger.
                        var members = history.Ledger.Where(x => x.Kind == MrrMovementKind.New && Monthly.Containing(x.At) == m.Cohorts[c]).Select(x => x.CustomerId).ToHashSet();
                        var mrr = members.Select(id => history.MrrJustBefore(id, end)).ToList();
                        Assert.Equal(mrr.Count(x => x > 0), paying);
                        Assert.Equal(mrr.Sum(), m.Mrr[c][k]);
                        Assert.InRange(m.LogoRetention(c, k)!.Value, 0, 1);
                    }
                }
            }
        });
}
