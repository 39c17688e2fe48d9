using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Interval = NodaTime.Interval;

namespace CxMetrics.Tests.Retention;

public class RepeatPurchaseTests
{
    private static readonly Instant Jul1 = Instant.FromUtc(2024, 7, 1, 0, 0);
    private static readonly Interval Q2 = new(Instant.FromUtc(2024, 4, 1, 0, 0), Jul1);

    private static Order O(string customer, int month, int day) => new(customer, Instant.FromUtc(2024, month, day, 12, 0), 10m, "EUR");

    private static Order[] Orders() =>
    [
        O("x", 1, 1), O("x", 6, 15), O("x", 7, 5), // active; one order after the as-of
        O("y", 1, 1),                             // churned
        O("z", 6, 1), O("z", 6, 20),              // too new to judge
        O("w", 2, 1), O("w", 3, 1),               // churned (last order before 2 April)
    ];

    [Fact]
    public void Inactivity_churn_judges_only_customers_old_enough_and_counts_later_orders()
    {
        var r = InactivityChurn.Of(Orders(), Duration.FromDays(90), Jul1);
        Assert.Equal(4, r.Customers);
        Assert.Equal(1, r.Active);
        Assert.Equal(2, r.Churned);
        Assert.Equal(1, r.Pending);
        Assert.Equal(1, r.OrdersAfterAsOf);
        Assert.Equal(2.0 / 3, r.Rate.Value!.Value, 12);
    }

    [Fact]
    public void Window_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>("window", () => InactivityChurn.Of(Orders(), Duration.Zero, Jul1));

    [Fact]
    public void Repeat_and_returning_rates_are_different_metrics()
    {
        // In Q2: x ordered once but had ordered before (returning, not repeat); z ordered twice, first time (repeat, not returning).
        var repeat = RepeatPurchaseRate.Of(Orders(), Q2);
        var returning = ReturningCustomerRate.Of(Orders(), Q2);
        Assert.Equal((1L, 2L), (repeat.Successes, repeat.Count));
        Assert.Equal((1L, 2L), (returning.Successes, returning.Count));
        var frequency = PurchaseFrequency.Of(Orders(), Q2);
        Assert.Equal(1.5, frequency.Frequency);
    }

    [Fact]
    public void Textbook_retention_is_biased_low_next_to_the_cohort_form()
    {
        // June, 10-day window: p active at start and end; q at start only; r new on 3 June and lapsed; s new on 22 June.
        var june = new Interval(Instant.FromUtc(2024, 6, 1, 0, 0), Jul1);
        Order[] orders = [O("p", 5, 25), O("p", 6, 25), O("q", 5, 28), O("r", 6, 3), O("s", 6, 22)];
        var r = RetentionRate.Of(orders, june, Duration.FromDays(10));
        Assert.Equal((2L, 2L, 2L, 1L), (r.StartCustomers, r.EndCustomers, r.NewCustomers, r.Retained));
        Assert.Equal(0.0, r.Approximate);
        Assert.Equal(0.5, r.Exact.Value);
    }

    [Property(MaxTest = 200)]
    public Property Rates_are_in_0_1() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var period = new Interval(RetentionGen.Origin + Duration.FromDays(60), RetentionGen.AsOf);
            double?[] rates =
            [
                InactivityChurn.Of(x.Orders, Duration.FromDays(45), RetentionGen.AsOf).Rate.Value,
                RepeatPurchaseRate.Of(x.Orders, period).Value,
                ReturningCustomerRate.Of(x.Orders, period).Value,
                RetentionRate.Of(x.Orders, period, Duration.FromDays(30)).Exact.Value,
            ];
            return rates.All(r => r is null or >= 0 and <= 1);
        });
}
