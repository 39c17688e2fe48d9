using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.DuckDb.Tests;

public sealed class DuckDbOrdersTests : IDisposable
{
    private static readonly CustomerSummaryOptions Options = new() { CalibrationEnd = new LocalDate(2025, 3, 31), HoldoutEnd = new LocalDate(2025, 12, 31) };

    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void Customer_summary_equals_the_in_memory_summary_with_holdout()
    {
        var orders = TestData.Orders(20_000, customers: 3_000, seed: 11);
        string path = data.WriteOrders("orders.csv", orders);
        using var connection = DuckDbConnections.Open();

        var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options);

        var expected = CustomerBase.Of(orders, TestData.Berlin, Options);
        AssertSame(expected, result.Value);
        Assert.Equal(orders.Count, result.RowsRead);
        Assert.Equal(orders.Count, result.RowsAccepted);
        Assert.True(result.Value.AcquiredAfterCalibration > 0);
        Assert.Contains(result.Value.Customers, c => c.Frequency > 3);
    }

    [Theory]
    [InlineData(PeriodUnit.Week, "Day")]
    [InlineData(PeriodUnit.Month, "Week")]
    [InlineData(PeriodUnit.Day, "Month")]
    public void Merge_periods_and_time_units_match_the_in_memory_tally(PeriodUnit mergeWithin, string unit)
    {
        var orders = TestData.Orders(5_000, customers: 800, seed: 12);
        string path = data.WriteOrders("merge.csv", orders);
        var timeUnit = unit switch { "Day" => TimeUnit.Day, "Week" => TimeUnit.Week, _ => TimeUnit.Month };
        var options = Options with { TimeUnit = timeUnit, HoldoutEnd = null };
        using var connection = DuckDbConnections.Open();

        var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, options, new OrderPushdown { MergeWithin = mergeWithin });

        var tally = new CustomerSummaryTally(TestData.Berlin, mergeWithin);
        tally.AddRange(orders);
        AssertSame(CustomerBase.From(tally, options), result.Value);
    }

    [Fact]
    public void The_cdnow_log_summarised_by_duckdb_equals_the_published_summary_path()
    {
        var orders = ReadCdnow();
        string path = data.WriteOrders("cdnow.csv", orders);
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(1997, 9, 30), HoldoutEnd = new LocalDate(1998, 6, 30) };
        using var connection = DuckDbConnections.Open();

        var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), zone, options);

        AssertSame(CustomerBase.Of(orders, zone, options), result.Value);
        Assert.Equal(2_357, result.Value.Customers.Count);
        Assert.Equal(1_411, result.Value.Customers.Count(c => c.Frequency == 0));
        var fit = BetaGeoNbd.Fit(result.Value.ToRfmData());
        Assert.Equal(0.243, fit.R.Value, 3);
    }

    [Fact]
    public void Bad_rows_are_rejected_by_reason_and_the_rest_still_equals_the_in_memory_summary()
    {
        var orders = TestData.Orders(2_000, customers: 300, seed: 13);
        string path = data.WriteOrders("bad.csv", orders,
        [
            "b1,,2024-05-01T10:00:00Z,10.00,EUR",
            "b2,c1,2024-05-01 10:00:00,10.00,EUR",
            "b3,c1,2024-05-01T10:00:00Z,ten,EUR",
            "b4,c1,2024-05-01T10:00:00Z,-5.00,EUR",
            "b5,c1,2024-05-01T10:00:00Z,5.00,eur",
            "b6,c1,2024-05-01T10:00:00Z,5.00,",
            "b7,c1,2024-05-01T10:00:00Z,5.0000001,EUR",
        ]);
        using var connection = DuckDbConnections.Open();

        var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options);

        AssertSame(CustomerBase.Of(orders, TestData.Berlin, Options), result.Value);
        Assert.Equal(orders.Count + 7, result.RowsRead);
        Assert.Equal(result.RowsRead, result.RowsAccepted + result.RowsRejected);
        var reasons = result.Rejections.ToDictionary(r => r.Reason, r => r.Count);
        Assert.Equal(1, reasons["customer id missing"]);
        Assert.Equal(1, reasons["order time missing, unreadable or without an offset"]);
        Assert.Equal(1, reasons["amount missing, not a number or beyond ±10^12"]);
        Assert.Equal(1, reasons["amount is negative (record refunds separately)"]);
        Assert.Equal(2, reasons["currency is not an ISO 4217 code"]);
        Assert.Equal(1, reasons["amount has more than 6 decimals"]);
        Assert.Throws<PushdownException>(() => DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options, new OrderPushdown { Strict = true }));
    }

    [Fact]
    public void Mixed_currencies_are_refused_not_summed()
    {
        var orders = TestData.Orders(100, customers: 10, seed: 14);
        string path = data.WriteOrders("mixed.csv", orders, ["m1,c1,2024-05-01T10:00:00Z,10.00,USD"]);
        using var connection = DuckDbConnections.Open();

        var error = Assert.Throws<InvalidOperationException>(() => DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options));

        Assert.Contains("mixed currencies", error.Message, StringComparison.Ordinal);
        Assert.Contains("the order at line 102 of CSV", error.Message, StringComparison.Ordinal);
        Assert.Contains("is in USD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_currency_replaces_a_missing_currency_column()
    {
        var orders = TestData.Orders(500, customers: 50, seed: 15);
        string path = data.WriteOrders("fixed.csv", orders);
        using var connection = DuckDbConnections.Open();

        var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options, new OrderPushdown { CurrencyColumn = null, Currency = "EUR" });

        Assert.Equal("EUR", result.Value.Currency);
        Assert.Throws<ArgumentException>("columns", () => DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options, new OrderPushdown { CurrencyColumn = null }));
    }

    [Fact]
    public void Under_a_memory_cap_with_a_spill_folder_the_summary_is_the_same()
    {
        var orders = TestData.Orders(300_000, customers: 100_000, seed: 16);
        string path = data.WriteOrders("large.csv", orders);
        using var connection = DuckDbConnections.Open(memoryLimit: "128MB", tempDirectory: data.PathOf("spill"), threads: 1);

        var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options);

        AssertSame(CustomerBase.Of(orders, TestData.Berlin, Options), result.Value);
    }

    [Property(MaxTest = 15)]
    public Property Random_order_logs_summarise_the_same_in_duckdb_and_in_memory() =>
        Prop.ForAll(
            Gen.Choose(0, 400).SelectMany(n => Gen.Choose(1, 40).Select(c => (n, c))).SelectMany(t => Gen.Choose(0, 1_000_000).Select(seed => (t.n, t.c, seed))).ToArbitrary(),
            t =>
            {
                var orders = TestData.Orders(t.n, t.c, t.seed);
                string path = data.WriteOrders(string.Create(CultureInfo.InvariantCulture, $"p{t.seed}-{t.n}.csv"), orders);
                using var connection = DuckDbConnections.Open();
                var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options);
                var expected = CustomerBase.Of(orders, TestData.Berlin, Options);
                return expected.Customers.SequenceEqual(result.Value.Customers) && expected.AcquiredAfterCalibration == result.Value.AcquiredAfterCalibration && result.RowsRead == t.n;
            });

    [Fact]
    public void Running_out_of_memory_names_the_memory_limit_and_what_to_change()
    {
        string path = data.WriteOrders("memory.csv", TestData.Orders(2_000, customers: 300, seed: 5));
        string spill = Path.Combine(data.Folder, "spill");
        using var connection = DuckDbConnections.Open(memoryLimit: "1MB", tempDirectory: spill, threads: 1);

        var error = Assert.Throws<PushdownException>(() => DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options));

        Assert.Contains("DuckDB ran out of memory under memoryLimit", error.Message, StringComparison.Ordinal);
        Assert.Contains("with 1 thread(s). This pushdown needs at least", error.Message, StringComparison.Ordinal);
        Assert.Contains("larger memoryLimit", error.Message, StringComparison.Ordinal);
        Assert.IsType<DuckDB.NET.Data.DuckDBException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public void Spend_sums_keep_the_decimals_of_the_amounts_as_the_in_memory_path_does()
    {
        string path = data.PathOf("scale.csv");
        File.WriteAllText(path, """
            order_id,customer_id,placed_at,amount,currency
            o1,a,2025-01-10T10:00:00Z,10.10,EUR
            o2,a,2025-02-10T10:00:00Z,10.10,EUR
            o3,a,2025-05-10T10:00:00Z,2.50,EUR
            o4,a,2025-06-10T10:00:00Z,3.50,EUR
            o5,b,2025-01-10T10:00:00Z,7,EUR
            o6,b,2025-01-11T10:00:00Z,3.000,EUR
            o7,c,2025-02-01T10:00:00Z,4.1,EUR
            """.ReplaceLineEndings("\n"));
        var orders = CxMetrics.Csv.OrderCsv.Read(path).ToList();
        using var connection = DuckDbConnections.Open();

        var result = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), TestData.Berlin, Options);

        var expected = CustomerBase.Of(orders, TestData.Berlin, Options);
        Assert.Equal(["20.20", "10.000", "4.1"], expected.Customers.Select(c => c.CalibrationSpend.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(
            expected.Customers.Select(c => (c.CalibrationSpend.ToString(CultureInfo.InvariantCulture), c.HoldoutSpend?.ToString(CultureInfo.InvariantCulture))),
            result.Value.Customers.Select(c => (c.CalibrationSpend.ToString(CultureInfo.InvariantCulture), c.HoldoutSpend?.ToString(CultureInfo.InvariantCulture))));
    }

    private static void AssertSame(CustomerBaseSummary expected, CustomerBaseSummary actual)
    {
        Assert.Equal(expected.Customers.Count, actual.Customers.Count);
        for (int i = 0; i < expected.Customers.Count; i++)
        {
            Assert.Equal(expected.Customers[i], actual.Customers[i]);
        }

        Assert.Equal(expected.AcquiredAfterCalibration, actual.AcquiredAfterCalibration);
        Assert.Equal(expected.Currency, actual.Currency);
    }

    private static List<Order> ReadCdnow()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var orders = new List<Order>();
        foreach (string line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "cdnow", "CDNOW_sample.txt")))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var date = LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            var instant = date.At(new LocalTime(12, 0)).InZoneLeniently(zone).ToInstant();
            orders.Add(new Order(int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), instant, decimal.Parse(f[4], CultureInfo.InvariantCulture), "USD"));
        }

        return orders;
    }
}
