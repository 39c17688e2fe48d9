using CxMetrics.Breakdowns;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Charts.Tests;

/// <summary>Small, fixed inputs for the chart tests.</summary>
internal static class ChartData
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>The observation times of <see cref="Curve"/> (gehan-like: 21 patients).</summary>
    public static double[] Times(int shift = 0) => [6 + shift, 6 + shift, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];

    /// <summary>Whether each observation of <see cref="Times"/> ended with the event (false: censored).</summary>
    public static readonly bool[] Events = [true, true, true, false, true, false, true, false, false, true, true, false, false, false, true, true, false, false, false, false, false];

    public static KaplanMeierResult Curve(int shift = 0) => KaplanMeier.Fit(Times(shift), Events);

    public static IReadOnlyList<BreakdownCell<string, KaplanMeierResult>> Curves() =>
    [
        new BreakdownCell<string, KaplanMeierResult>("monthly", Curve(), 21, false),
        new BreakdownCell<string, KaplanMeierResult>("yearly", Curve(4), 21, false),
        new BreakdownCell<string, KaplanMeierResult>("two-year", Curve(8), 21, false),
    ];

    /// <summary>Six months of answers, the fourth month without any (a gap), the last one small.</summary>
    public static IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> NpsMonths()
    {
        var responses = new List<SurveyResponse>();
        int id = 0;
        int[] perMonth = [80, 90, 70, 0, 85, 12];
        for (int month = 0; month < perMonth.Length; month++)
        {
            var at = new LocalDate(2025, 1 + month, 10).AtStartOfDayInZone(Zone).ToInstant();
            for (int i = 0; i < perMonth[month]; i++)
            {
                responses.Add(new SurveyResponse($"c{id}", at, (i * 7 + month) % 11) { Id = $"r{id++}" });
            }
        }

        responses.Add(new SurveyResponse("blank", new LocalDate(2025, 4, 12).AtStartOfDayInZone(Zone).ToInstant(), null) { Id = "blank" });
        return Nps.ByPeriod(responses, new PeriodGrid(Zone, PeriodUnit.Month), new SurveyOptions { MinimumCellSize = 30 });
    }

    /// <summary>Four monthly cohorts observed to the middle of the fifth month: later offsets are not observable.</summary>
    public static CohortMatrix Cohorts()
    {
        var orders = new List<Order>();
        for (int c = 0; c < 4; c++)
        {
            for (int customer = 0; customer < 10; customer++)
            {
                string id = $"c{c}-{customer}";
                var first = new LocalDate(2025, 1 + c, 3);
                orders.Add(Order(id, first));
                for (int k = 1; c + k < 5; k++)
                {
                    if ((customer + k) % (k + 1) == 0)
                    {
                        orders.Add(Order(id, first.PlusMonths(k)));
                    }
                }
            }
        }

        return CxMetrics.Retention.Cohorts.Of(orders, new LocalDate(2025, 5, 15).AtStartOfDayInZone(Zone).ToInstant(), new PeriodGrid(Zone, PeriodUnit.Month), CohortOptions.Default);
    }

    public static FunnelResult Funnel() =>
        Commerce.Funnel.FromCounts([1000, 420, 180, 95], names: ["view", "add to cart", "checkout", "purchase"], unit: AnalysisUnit.Session);

    /// <summary>The CDNOW calibration summary (2,357 customers, weeks) bundled in samples/cdnow.</summary>
    public static RfmData Customers()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "cdnow", "cdnow_customers_summary.csv"));
        int n = lines.Length - 1;
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            var f = lines[i + 1].Split(',');
            x[i] = double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            tx[i] = double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture);
            t[i] = double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture);
        }

        return RfmData.Create(x, tx, t);
    }

    /// <summary>The CDNOW sample's orders (master id, sample id, date, CDs, dollars), at the start of each UTC day.</summary>
    public static List<Order> CdnowOrders()
    {
        var orders = new List<Order>();
        int line = 0;
        foreach (string text in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "cdnow", "CDNOW_sample.txt")))
        {
            string[] f = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var date = LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
            orders.Add(new Order(f[0], date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), decimal.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture), "USD") { Id = $"o{line++}" });
        }

        return orders;
    }

    /// <summary>The CDNOW sample's orders summarised to 1997-09-30 with a holdout to 1998-06-30, in weeks.</summary>
    public static CustomerBaseSummary CdnowWithHoldout() =>
        CustomerBase.Of(CdnowOrders(), DateTimeZone.Utc, new CustomerSummaryOptions
        {
            CalibrationEnd = new LocalDate(1997, 9, 30),
            HoldoutEnd = new LocalDate(1998, 6, 30),
            TimeUnit = Lifetime.TimeUnit.Week,
        });

    private static Order Order(string customer, LocalDate date) =>
        new(customer, date.AtStartOfDayInZone(Zone).ToInstant().Plus(Duration.FromHours(12)), 20m, "EUR") { Id = $"{customer}@{date}" };
}
