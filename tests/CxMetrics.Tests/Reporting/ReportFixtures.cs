using CxMetrics.Acquisition;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Experiments;
using CxMetrics.Lifetime;
using CxMetrics.Reporting;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;
using CxMetrics.Tests.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Tests.Reporting;

/// <summary>
/// One fixture per result family the tool shows, each described as a <see cref="Report"/>. Fitted models use degenerate
/// (empty) fits so that the snapshots do not depend on the optimiser's iteration count; nonparametric estimates use real data.
/// </summary>
internal static class ReportFixtures
{
    private static readonly Instant AsOf = Instant.FromUtc(2024, 3, 8, 0, 0);
    private static readonly Instant Jul1 = Instant.FromUtc(2024, 7, 1, 0, 0);
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(DateTimeZone.Utc, new LocalTime(9, 0), new LocalTime(17, 0));

    public static readonly IReadOnlyDictionary<string, Func<Report>> Families = new Dictionary<string, Func<Report>>
    {
        ["nps"] = () => Nps.From(NpsTally.FromCounts(1250, 630, 420)).ToReport(),
        ["nps-comparison"] = () => Nps.Compare(Nps.From(NpsTally.FromCounts(50, 30, 20)), Nps.From(NpsTally.FromCounts(40, 30, 30))).ToReport(),
        ["csat"] = () => Rating.Of([5, 4, 1, 3, 5, 5, 4], CsatScale.OneToFive).ToReport(),
        ["ces"] = () => Rating.Of([1, 2, 2, 3, 7, 6], CesScale.Agreement1To7).ToReport(),
        ["support"] = () => SupportMetrics.Of([Ticket("a", 9, 10), Ticket("b", 9, 12), Ticket("c|<x>", 9, null)]).ToReport(),
        ["churn"] = () => InactivityChurn.Of(Orders(), Duration.FromDays(90), Jul1).ToReport(),
        ["cohorts"] = () => Cohorts.Of([new Order("a", Instant.FromUtc(2024, 1, 5, 12, 0), 10m, "EUR"), new Order("a", Instant.FromUtc(2024, 2, 3, 12, 0), 20m, "EUR"),
             new Order("b", Instant.FromUtc(2024, 1, 20, 12, 0), 30m, "EUR"), new Order("c", Instant.FromUtc(2024, 2, 10, 12, 0), 15m, "EUR")], Instant.FromUtc(2024, 3, 1, 0, 0), new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month), CohortOptions.Default).ToReport(),
        ["kaplan-meier"] = () => KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent).ToReport(),
        ["funnel"] = () => Funnel.FromCounts([12000, 6000, 4500, 3000]).ToReport(),
        ["abandonment"] = () => Abandonment.FromCounts(purchased: 3000, abandoned: 7000, pending: 25).ToReport(),
        ["acquisition"] = () => CustomerAcquisition.Of(
            [new AcquiredCustomer("a", Instant.FromUtc(2024, 1, 5, 0, 0), "search"), new AcquiredCustomer("b", Instant.FromUtc(2024, 1, 20, 0, 0), "search"),
             new AcquiredCustomer("c", Instant.FromUtc(2024, 1, 25, 0, 0), "<social>"), new AcquiredCustomer("d", Instant.FromUtc(2024, 2, 10, 0, 0)),
             new AcquiredCustomer("e", Instant.FromUtc(2024, 3, 1, 0, 0), "search")],
            [new Order("a", Instant.FromUtc(2024, 1, 10, 0, 0), 50m, "EUR"), new Order("b", Instant.FromUtc(2024, 3, 15, 0, 0), 100m, "EUR"), new Order("e", Instant.FromUtc(2024, 3, 2, 0, 0), 40m, "EUR")],
            [new AcquisitionSpend("search", CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Month), 300m, "EUR")],
            Instant.FromUtc(2024, 4, 15, 0, 0), new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month), new AcquisitionOptions { RevenueHorizonDays = [30, 60], LtvHorizonDays = 60 }).ToReport(),
        ["conversion"] = () => new ConversionResult(ConversionUnit.Session, Proportion.FromCounts(1908, 12330)).ToReport(),
        ["experiment"] = () => Experiment.Of(Arm("control", 200, 2000).Concat(Arm("<b>10% off</b>", 240, 2000)), Design()).ToReport(),
        ["experiment-bootstrap"] = () => Experiment.Of(Arm("control", 200, 2000).Concat(Arm("<b>10% off</b>", 240, 2000)), Design() with { BootstrapResamples = 2000, BootstrapSeed = 7 }).ToReport(),
        ["clv-bgnbd-empty"] = () => BetaGeoNbd.Fit(RfmData.Create([], [], [])).ToReport(),
        ["clv-calibration-holdout"] = () => new CalibrationHoldoutResult
        {
            Bins = [new(0, false, 1411, 334, 317.6), new(1, false, 439, 306, 229.7), new(2, true, 507, 1242, 1106.1)],
            Model = "BG/NBD", HoldoutLength = 39, TimeUnit = TimeUnit.Week,
        }.ToReport(),
        ["clv-histogram"] = () => new RepeatPurchaseHistogramResult { Bins = [new(0, false, 1411, 1407.68), new(1, false, 439, 460.32), new(2, true, 507, 489.0)], Model = "Pareto/NBD" }.ToReport(),
        ["clv-frequency-recency"] = () => new FrequencyRecencyMatrixResult
        {
            Model = "BG/NBD", Age = 2.5, Horizon = 1, Recencies = [0, 1, 2],
            ExpectedPurchases = [[0.05, 0.05, 0.05], [0.1, 0.2, 0.31]], ProbabilityAlive = [[1, 1, 1], [0.42, 0.7, 0.93]],
        }.ToReport(),
        ["clv-alive-history"] = () => new AliveHistoryResult
        {
            Model = "BG/NBD", TimeUnit = "week", CalibrationEnd = new LocalDate(1997, 1, 3),
            Points = [new(new LocalDate(1997, 1, 1), true, 0, 0, 0, 1), new(new LocalDate(1997, 1, 2), false, 0, 0, 1 / 7.0, 1), new(new LocalDate(1997, 1, 3), true, 1, 2 / 7.0, 2 / 7.0, 0.81), new(new LocalDate(1997, 1, 4), false, 1, 2 / 7.0, 3 / 7.0, 0.8)],
        }.ToReport(),
        ["clv-tracking"] = () => new PurchaseTrackingResult
        {
            Periods = [new(0, new LocalDate(1997, 1, 1), new LocalDate(1997, 1, 7), false, 0, 3.21, 0, 3.21), new(1, new LocalDate(1997, 1, 8), new LocalDate(1997, 1, 14), true, 12, 10.5, 12, 13.71)],
            Model = "BG/NBD", TimeUnit = TimeUnit.Week, CalibrationEnd = new LocalDate(1997, 1, 7), HoldoutEnd = new LocalDate(1997, 1, 14), Customers = 120,
        }.ToReport(),
        ["clv-rfm"] = () => new RfmResult
        {
            Scores = [], Bins = 5, HasValues = true,
            Segments = [new("Champions", 621, 0.2635, 10250.5m, 0.6416, 412.37, 0.912), new("Can't Lose Them", 0, 0, 0m, 0, null, null), new("Others", 400, 0.1697, 1536.2m, 0.0962, 35.1, 0.52)],
        }.ToReport(),
        ["clv-customer"] = () => new CustomerSummary
        {
            CustomerId = "<c&1>", FirstPurchase = new LocalDate(1997, 1, 1), Frequency = 2, Recency = 30.43, Age = 38.86,
            MeanRepeatSpend = 25.5, CalibrationSpend = 8025.5m,
        }.ToReport(),
    };

    private static TicketTimes Ticket(string id, int createdHour, int? repliedHour) =>
        SupportTimes.Of(
            SupportTicket.Create(id, "c", "chat", Instant.FromUtc(2024, 3, 4, createdHour, 0), replies: repliedHour is { } r ? [Instant.FromUtc(2024, 3, 4, r, 0)] : null),
            Office, AsOf);

    private static Order O(string customer, int month, int day) => new(customer, Instant.FromUtc(2024, month, day, 12, 0), 10m, "EUR");

    private static Order[] Orders() => [O("x", 1, 1), O("x", 6, 15), O("x", 7, 5), O("y", 1, 1), O("z", 6, 1), O("z", 6, 20), O("w", 2, 1), O("w", 3, 1)];

    private static ExperimentDesign Design() => new()
    {
        ControlArm = "control",
        PlannedSplit = new Dictionary<string, double> { ["control"] = 0.5, ["<b>10% off</b>"] = 0.5 },
        OutcomeWindow = Duration.FromDays(30),
        Adjustment = MultipleComparisonMethod.Holm,
    };

    private static IEnumerable<ExperimentObservation> Arm(string arm, int converted, int total) =>
        Enumerable.Range(0, total).Select(i => new ExperimentObservation($"{arm}-{i}", arm, null, OutcomeStatus.Observed, i < converted, i < converted ? 20 + (i % 7) : 0));
}
