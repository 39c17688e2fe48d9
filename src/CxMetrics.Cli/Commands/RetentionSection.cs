using System.Globalization;
using CxMetrics.Cli.Output;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The retention part of <c>report</c>, on the bundled CDNOW sample (samples/cdnow, Fader &amp; Hardie; 2,357 customers
/// who first bought in Q1 1997, purchases to 30 June 1998): repeat-purchase churn for several inactivity windows, the
/// repeat, returning and frequency metrics, and the monthly cohort matrix.
/// </summary>
internal static class RetentionSection
{
    internal static readonly Instant AsOf = Instant.FromUtc(1998, 7, 1, 0, 0);

    public static string Render(double confidenceLevel)
    {
        var orders = ReadCdnow();
        string level = (confidenceLevel * 100).ToString("#,##0.##", CultureInfo.InvariantCulture) + "% CI";
        var parts = new List<string>
        {
            $"Retention — CDNOW sample (Fader & Hardie; {Format.Count(orders.Length)} purchases, samples/cdnow), dates in UTC, as of 1998-07-01\n",
        };

        var churn = new TextTable("Repeat-purchase churn: no purchase within the last N days (N is a choice, not a default)", "window N", "churn %", level, "churned", "judged", "pending");
        foreach (int days in new[] { 90, 180, 365 })
        {
            var r = RepeatPurchase.InactivityChurn(orders, AsOf, Duration.FromDays(days), confidenceLevel);
            churn.Row($"{days} days", Format.Number(r.Rate.Value * 100), Format.Interval(r.Rate.Interval, 100), Format.Count(r.Churned), Format.Count(r.Rate.Count), Format.Count(r.Pending));
        }

        parts.Add(churn.ToString());

        var repeat = new TextTable("Repeat purchase by quarter", "quarter", "repeat %", "returning %", "orders/customer", "customers", "retention (E−N)/S", "cohort |S∩E|/|S|");
        var zone = DateTimeZone.Utc;
        for (var q = CalendarPeriod.Containing(new LocalDate(1997, 1, 1), PeriodUnit.Quarter); q.Start < new LocalDate(1998, 7, 1); q = q.Next())
        {
            var span = q.ToInterval(zone);
            var rate = RepeatPurchase.RepeatPurchaseRate(orders, span, confidenceLevel);
            var returning = RepeatPurchase.ReturningCustomerRate(orders, span, confidenceLevel);
            var frequency = RepeatPurchase.PurchaseFrequency(orders, span);
            var retention = RepeatPurchase.RetentionRate(orders, span, Duration.FromDays(90), confidenceLevel);
            repeat.Row(q.ToString(), Format.Number(rate.Value * 100), Format.Number(returning.Value * 100), Format.Number(frequency.Frequency, "0.00"),
                Format.Count(frequency.Customers), Format.Number(retention.Approximate * 100), Format.Number(retention.Exact.Value * 100));
        }

        parts.Add(repeat.ToString() + "(every CDNOW customer first bought in 1997-Q1, so later buyers are all returning; retention uses a 90-day activity window,\n (E−N)/S is the textbook form, |S∩E|/|S| the exact cohort form — here lapsed customers coming back push the textbook form up)\n");

        var matrix = CohortMatrix.Of(orders, new CohortOptions { Period = PeriodUnit.Month, Zone = zone, ConfidenceLevel = confidenceLevel }, AsOf);
        var headers = new List<string> { "cohort", "n" };
        headers.AddRange(Enumerable.Range(1, matrix.Columns - 1).Select(k => "+" + k.ToString(CultureInfo.InvariantCulture)));
        var grid = new TextTable("Monthly cohorts: % of the cohort buying in month +k (N-period retention)", [.. headers]);
        var unbounded = new TextTable("Monthly cohorts: unbounded retention (buying in month +k or later) and revenue retention", "cohort", "n", "+1 or later", "+3 or later", "+6 or later", "+12 or later", "revenue +1", "revenue +12");
        for (int r = 0; r < matrix.Cohorts.Count; r++)
        {
            var row = new List<string> { matrix.Cohorts[r].ToString(), Format.Count(matrix.Sizes[r]).ToString() };
            row.AddRange(Enumerable.Range(1, matrix.Columns - 1).Select(k => Format.Number(matrix.Retention(r, k) * 100)));
            grid.Row([.. row]);
            unbounded.Row(matrix.Cohorts[r].ToString(), Format.Count(matrix.Sizes[r]), Pct(matrix.UnboundedRetention(r, 1)), Pct(matrix.UnboundedRetention(r, 3)),
                Pct(matrix.UnboundedRetention(r, 6)), Pct(matrix.UnboundedRetention(r, 12)), Pct(matrix.RevenueRetention(r, 1)), Pct(matrix.RevenueRetention(r, 12)));
        }

        parts.Add(grid.ToString());
        parts.Add(unbounded.ToString());
        return string.Join('\n', parts);
    }

    private static string Pct(double? share) => Format.Number(share * 100, "0.0'%'");

    internal static Order[] ReadCdnow()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "samples", "cdnow", "CDNOW_sample.txt");
        var orders = new List<Order>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            var f = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }

            var date = LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            orders.Add(new Order(f[1], date.At(new LocalTime(12, 0)).InUtc().ToInstant(), decimal.Parse(f[4], CultureInfo.InvariantCulture), "USD") { Id = $"CDNOW line {line}" });
        }

        return [.. orders];
    }
}
