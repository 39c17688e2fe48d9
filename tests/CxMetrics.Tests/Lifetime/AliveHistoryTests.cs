using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class AliveHistoryTests
{
    private static readonly CustomerSummaryOptions Weeks = new() { CalibrationEnd = new LocalDate(1997, 9, 30), HoldoutEnd = new LocalDate(1998, 6, 30) };

    [Fact]
    public void Worked_example_values_each_day_as_if_the_data_ended_then()
    {
        // Purchases on 1997-01-01 (two that day: one transaction), 01-15 and 02-05 (UTC days); weeks.
        Instant[] purchases = [Instant.FromUtc(1997, 1, 1, 9, 0), Instant.FromUtc(1997, 1, 1, 18, 0), Instant.FromUtc(1997, 1, 15, 12, 0), Instant.FromUtc(1997, 2, 5, 12, 0), Instant.FromUtc(1998, 7, 2, 0, 0)];
        var model = FitCheckFixture.Bg;
        var history = AliveHistory.Of(purchases, model, DateTimeZone.Utc, Weeks);
        Assert.Equal(Period.DaysBetween(new LocalDate(1997, 1, 1), new LocalDate(1998, 6, 30)) + 1, history.Points.Count);
        Assert.Equal(3, history.Points.Count(p => p.Purchased)); // the purchase after the holdout end is not used

        var first = history.Points[0];
        Assert.Equal((0, 0.0, 0.0), (first.Frequency, first.Recency, first.Age));
        Assert.Equal(1, first.ProbabilityAlive); // x = 0: BG/NBD's P(alive) is 1

        var day20 = history.Points[20]; // 1997-01-21: x = 1 (01-15), t_x = 14 days, T = 20 days
        Assert.Equal(new LocalDate(1997, 1, 21), day20.Date);
        Assert.Equal((1, 2.0, 20 / 7.0), (day20.Frequency, day20.Recency, day20.Age));
        Assert.Equal(model.ProbabilityAlive(1, 2, 20 / 7.0), day20.ProbabilityAlive);

        var last = history.Points[^1];
        Assert.Equal((2, 5.0), (last.Frequency, last.Recency));
        Assert.Equal(model.ProbabilityAlive(2, 5, last.Age), history.Current);
        Assert.Equal(new LocalDate(1997, 9, 30), history.CalibrationEnd);
    }

    [Fact]
    public void Local_days_are_the_zones()
    {
        // 1997-01-01 23:30 UTC is 1997-01-02 in Berlin: one purchase day later than in UTC.
        Instant[] purchases = [Instant.FromUtc(1996, 12, 31, 12, 0), Instant.FromUtc(1997, 1, 1, 23, 30)];
        var utc = AliveHistory.Of(purchases, FitCheckFixture.Bg, DateTimeZone.Utc, Weeks);
        var berlin = AliveHistory.Of(purchases, FitCheckFixture.Bg, DateTimeZoneProviders.Tzdb["Europe/Berlin"], Weeks);
        Assert.True(utc.Points[1].Purchased);
        Assert.False(berlin.Points[1].Purchased);
        Assert.True(berlin.Points[2].Purchased);
    }

    [Fact]
    public void Report_lists_purchases_the_calibration_end_and_the_last_day()
    {
        Instant[] purchases = [Instant.FromUtc(1997, 1, 1, 9, 0), Instant.FromUtc(1997, 3, 1, 9, 0)];
        var table = AliveHistory.Of(purchases, FitCheckFixture.Bg, DateTimeZone.Utc, Weeks).ToReport().Tables[0];
        var events = table.Rows.Select(r => ((CxMetrics.Reporting.TextCell)r[1]).Text).ToArray();
        Assert.Equal(["purchase", "day before a purchase", "purchase", "calibration end", "last day"], events);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Instant[] one = [Instant.FromUtc(1997, 1, 1, 0, 0)];
        Assert.Throws<ArgumentNullException>("purchases", () => AliveHistory.Of(null!, FitCheckFixture.Bg, DateTimeZone.Utc, Weeks));
        Assert.Throws<ArgumentNullException>("model", () => AliveHistory.Of(one, null!, DateTimeZone.Utc, Weeks));
        Assert.Throws<ArgumentNullException>("zone", () => AliveHistory.Of(one, FitCheckFixture.Bg, null!, Weeks));
        Assert.Throws<ArgumentNullException>("options", () => AliveHistory.Of(one, FitCheckFixture.Bg, DateTimeZone.Utc, null!));
        Assert.Throws<ArgumentException>("purchases", () => AliveHistory.Of([Instant.FromUtc(1999, 1, 1, 0, 0)], FitCheckFixture.Bg, DateTimeZone.Utc, Weeks));
        Assert.Throws<ArgumentException>("purchases", () => AliveHistory.Of([Instant.FromUtc(1900, 1, 1, 0, 0)], FitCheckFixture.Bg, DateTimeZone.Utc, Weeks));
    }

    [Property(MaxTest = 60)]
    public Property Between_purchases_p_alive_never_rises() =>
        Prop.ForAll(FitCheckFixture.Shops, shop =>
        {
            // Under BG/NBD with x and t_x fixed, P(alive) falls as T grows (FHL 2005 eq. 11); the first customer's path.
            var byCustomer = shop.Orders.GroupBy(o => o.CustomerId).FirstOrDefault();
            if (byCustomer is null)
            {
                return true;
            }

            var history = AliveHistory.Of(byCustomer.Select(o => o.PlacedAt), shop.Model, DateTimeZone.Utc, FitCheckFixture.ShopOptions);
            var points = history.Points;
            for (int i = 1; i < points.Count; i++)
            {
                if (points[i].ProbabilityAlive is < 0 or > 1
                    || (!points[i].Purchased && points[i].ProbabilityAlive > points[i - 1].ProbabilityAlive + 1e-12))
                {
                    return false;
                }
            }

            return points.Count(p => p.Purchased) == byCustomer.Select(o => o.PlacedAt.InUtc().Date).Distinct().Count(d => d <= FitCheckFixture.ShopOptions.HoldoutEnd);
        });
}
