using CxMetrics.Breakdowns;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Retention;
using CxMetrics.Support;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Tests.Breakdowns;

/// <summary>
/// Every family's <c>ByPeriod</c> returns <see cref="PeriodCell{TResult, TChange}"/> cells under one range rule: inferred
/// (the first to the last period with data, gaps listed) or explicit (exactly first to last, data outside left out), with
/// the range checked against the grid the same way.
/// </summary>
public class ByPeriodShapeTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly PeriodGrid Months = new(Berlin, PeriodUnit.Month);
    private static readonly Instant AsOf = Instant.FromUtc(2024, 6, 1, 0, 0);
    private static readonly CalendarPeriod Jan = Months.Containing(new LocalDate(2024, 1, 1));
    private static readonly CalendarPeriod Feb = Months.Containing(new LocalDate(2024, 2, 1));
    private static readonly CalendarPeriod Mar = Months.Containing(new LocalDate(2024, 3, 1));
    private static readonly CalendarPeriod Apr = Months.Containing(new LocalDate(2024, 4, 1));
    private static readonly CalendarPeriod Dec = Months.Containing(new LocalDate(2023, 12, 1));

    /// <summary>Noon of the given day of January (day 1) or March (day 61): data in January and March, none in February.</summary>
    private static Instant At(int month, int day) => new LocalDateTime(2024, month, day, 12, 0).InZoneLeniently(Berlin).ToInstant();

    /// <summary>One family: its by-period breakdown, inferred (null range) or explicit.</summary>
    public sealed record Family(string Name, Func<PeriodGrid, (CalendarPeriod First, CalendarPeriod Last)?, IReadOnlyList<(CalendarPeriod Period, long Count, bool HasChange)>> ByPeriod)
    {
        public override string ToString() => Name;
    }

    private static IReadOnlyList<(CalendarPeriod, long, bool)> Shape<TResult, TChange>(IReadOnlyList<PeriodCell<TResult, TChange>> cells)
        where TChange : class => [.. cells.Select(c => (c.Period, c.Count, c.ChangeFromPrevious is not null))];

    private static readonly SurveyResponse[] Responses = [new("a", At(1, 10), 9), new("b", At(1, 20), 3), new("c", At(3, 5), 10)];

    private static readonly TicketTimes[] Tickets =
    [
        .. new[] { At(1, 10), At(3, 5) }.Select((t, i) => SupportTimes.Of(
            SupportTicket.Create($"t{i}", "c", "mail", t, replies: [t + Duration.FromHours(2)]), BusinessCalendar.AlwaysOpen(Berlin), AsOf)),
    ];

    private static readonly Session[] Sessions = [new("v1", At(1, 10), true), new("v2", At(1, 11), false), new("v3", At(3, 5), true)];

    private static CartTally Carts() => CartTally.Of(
    [
        new CartEvent("k1", CartEventKind.ItemAdded, At(1, 10)), new CartEvent("k1", CartEventKind.CheckoutStarted, At(1, 10) + Duration.FromMinutes(1)),
        new CartEvent("k1", CartEventKind.Purchase, At(1, 10) + Duration.FromMinutes(2)),
        new CartEvent("k2", CartEventKind.ItemAdded, At(3, 5)), new CartEvent("k2", CartEventKind.CheckoutStarted, At(3, 5) + Duration.FromMinutes(1)),
        new CartEvent("k2", CartEventKind.Purchase, At(3, 5) + Duration.FromMinutes(3)),
    ]);

    private static SubscriptionHistory Subscriptions() => SubscriptionHistory.Replay(
    [
        SubscriptionEvent.Started("s1", "c1", At(1, 10), 10m, "EUR"),
        SubscriptionEvent.Started("s2", "c2", At(1, 12), 20m, "EUR"),
        SubscriptionEvent.Cancelled("s1", "c1", At(3, 5)),
    ]);

    private static readonly ChurnOptions Churn = new() { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Exclude };

    public static TheoryData<Family> Families() =>
    [
        new Family("Nps", (g, r) => Shape(r is { } x ? Nps.ByPeriod(Responses, g, x.First, x.Last) : Nps.ByPeriod(Responses, g))),
        new Family("Csat", (g, r) => Shape(r is { } x ? Rating.ByPeriod(Responses.Select(s => s with { Score = 5 }), CsatScale.OneToFive, g, x.First, x.Last) : Rating.ByPeriod(Responses.Select(s => s with { Score = 5 }), CsatScale.OneToFive, g))),
        new Family("Ces", (g, r) => Shape(r is { } x ? Rating.ByPeriod(Responses.Select(s => s with { Score = 2 }), CesScale.Agreement1To7, g, x.First, x.Last) : Rating.ByPeriod(Responses.Select(s => s with { Score = 2 }), CesScale.Agreement1To7, g))),
        new Family("SupportMetrics", (g, r) => Shape(r is { } x ? SupportMetrics.ByPeriod(Tickets, g, x.First, x.Last) : SupportMetrics.ByPeriod(Tickets, g))),
        new Family("ConversionRate", (g, r) => Shape(r is { } x ? ConversionRate.ByPeriod(Sessions, ConversionUnit.Session, g, x.First, x.Last) : ConversionRate.ByPeriod(Sessions, ConversionUnit.Session, g))),
        new Family("Abandonment", (g, r) => Shape(r is { } x ? Abandonment.ByPeriod(Carts(), AsOf, g, x.First, x.Last) : Abandonment.ByPeriod(Carts(), AsOf, g))),
        new Family("Funnel", (g, r) => Shape(r is { } x ? Funnel.ByPeriod(Carts(), AsOf, g, x.First, x.Last) : Funnel.ByPeriod(Carts(), AsOf, g))),
        new Family("EffortToBuy", (g, r) => Shape(r is { } x ? EffortToBuy.ByPeriod(Carts(), AsOf, g, x.First, x.Last) : EffortToBuy.ByPeriod(Carts(), AsOf, g))),
        new Family("CustomerChurn", (g, r) => Shape(r is { } x ? CustomerChurn.ByPeriod(Subscriptions(), g, x.First, x.Last, Churn) : CustomerChurn.ByPeriod(Subscriptions(), g, Churn))),
        new Family("RevenueChurn", (g, r) => Shape(r is { } x ? RevenueChurn.ByPeriod(Subscriptions(), g, x.First, x.Last) : RevenueChurn.ByPeriod(Subscriptions(), g))),
    ];

    [Theory]
    [MemberData(nameof(Families))]
    public void Inferred_range_runs_from_the_first_to_the_last_period_with_data_gaps_included(Family family)
    {
        var cells = family.ByPeriod(Months, null);
        Assert.Equal([Jan, Feb, Mar], cells.Select(c => c.Period));
        Assert.Equal([false, true, true], cells.Select(c => c.HasChange));
        Assert.Contains(cells, c => c.Count > 0);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Explicit_range_lists_exactly_its_periods(Family family)
    {
        var wide = family.ByPeriod(Months, (Dec, Apr));
        Assert.Equal([Dec, Jan, Feb, Mar, Apr], wide.Select(c => c.Period));
        Assert.Equal([false, true, true, true, true], wide.Select(c => c.HasChange));
        var inferred = family.ByPeriod(Months, null);
        Assert.Equal(inferred.Select(c => c.Count), wide.Skip(1).Take(3).Select(c => c.Count));
        Assert.Single(family.ByPeriod(Months, (Jan, Jan)));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Explicit_range_is_checked_against_the_grid(Family family)
    {
        var week = new PeriodGrid(Berlin, PeriodUnit.Week).Containing(new LocalDate(2024, 1, 10));
        Assert.Equal("first", Assert.Throws<ArgumentException>("first", () => family.ByPeriod(Months, (week, Mar))).ParamName);
        Assert.Equal("last", Assert.Throws<ArgumentException>("last", () => family.ByPeriod(Months, (Jan, week))).ParamName);
        Assert.Equal("last", Assert.Throws<ArgumentException>("last", () => family.ByPeriod(Months, (Mar, Jan))).ParamName);
        Assert.Throws<ArgumentNullException>("grid", () => family.ByPeriod(null!, null));
    }

    [Fact]
    public void Data_outside_an_explicit_range_is_left_out()
    {
        var from = Nps.ByPeriod(Responses, Months, Feb, Mar);
        Assert.Equal([0L, 1L], from.Select(c => c.Count));
        var byKey = Nps.ByKeyAndPeriod(Responses, r => r.CustomerId == "c" ? "late" : "early", Months, Feb, Apr);
        Assert.All(byKey, s => Assert.Equal([Feb, Mar, Apr], s.Periods.Select(c => c.Period)));
        Assert.Equal(0, byKey.Single(s => s.Key == "early").Count); // listed, with its January answers left out
    }
}
