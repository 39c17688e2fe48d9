using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Lifetime;
using CxMetrics.Portable;
using CxMetrics.Retention;
using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Tests.Commerce;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Internal;

/// <summary>
/// The record-based calculators on all cores (partition, tally, merge) against their single-threaded paths, for random
/// inputs, worker counts and therefore partitionings (the minimum chunk is lowered to 1 so small inputs are split too).
/// Identity is checked on the serialised tallies, which capture every stored value in order.
/// </summary>
public class ParallelCalculatorTests
{
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(
        DateTimeZoneProviders.Tzdb["Europe/Berlin"], new LocalTime(9, 0), new LocalTime(17, 0));

    private static readonly Instant AsOf = Instant.FromUtc(2024, 6, 1, 0, 0);

    private static Arbitrary<int> Workers => Gen.Choose(1, 7).ToArbitrary();

    [Property(MaxTest = 40)]
    public Property Ticket_times_in_parallel_equal_the_sequential_times() =>
        Prop.ForAll(SupportGen.TicketTimes.ArrayOf().Select(a => a.Select(t => t.Ticket).ToArray()).ToArbitrary(), Workers, (tickets, workers) =>
            SupportTimes.OfParallel(tickets, Office, AsOf, workers, minimumChunk: 1).SequenceEqual(SupportTimes.Of(tickets, Office, AsOf)));

    [Property(MaxTest = 40)]
    public Property Support_tally_in_parallel_equals_the_sequential_tally() =>
        Prop.ForAll(SupportGen.TicketTimes.ArrayOf().ToArbitrary(), Workers, (times, workers) =>
            TallyFormat.ToBytes(SupportMetrics.TallyParallel(times, workers, 1)).AsSpan().SequenceEqual(TallyFormat.ToBytes(SupportMetrics.Tally(times))));

    [Property(MaxTest = 80)]
    public Property Conversion_tally_in_parallel_equals_the_sequential_tally() =>
        Prop.ForAll(Gen.Choose(0, 30).Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().ToArbitrary(), Workers, ArbMap.Default.ArbFor<bool>(), (rows, workers, perVisitor) =>
        {
            var unit = perVisitor ? ConversionUnit.Visitor : ConversionUnit.Session;
            var sessions = rows.Select((r, i) => new Session($"v{r.Item1}", AsOf + Duration.FromMinutes(i), r.Item2)).ToArray();
            var sequential = new ConversionTally(unit);
            foreach (var s in sessions)
            {
                sequential.Add(s);
            }

            return TallyFormat.ToBytes(ConversionRate.TallyParallel(sessions, unit, workers, 1)).AsSpan().SequenceEqual(TallyFormat.ToBytes(sequential))
                && ConversionRate.OfParallel(sessions, unit) == ConversionRate.Of(sessions, unit);
        });

    [Property(MaxTest = 60)]
    public Property Cohort_accumulator_in_parallel_equals_the_sequential_accumulator() =>
        Prop.ForAll(RetentionGen.Order.ArrayOf().ToArbitrary(), Workers, (orders, workers) =>
        {
            var sequential = new CohortAccumulator();
            foreach (var o in orders)
            {
                sequential.Add(o);
            }

            return TallyFormat.ToBytes(CohortMatrix.AccumulateParallel(orders, workers, 1)).AsSpan().SequenceEqual(TallyFormat.ToBytes(sequential));
        });

    [Property(MaxTest = 60)]
    public Property Customer_summary_tally_in_parallel_equals_the_sequential_tally() =>
        Prop.ForAll(RetentionGen.Order.ArrayOf().ToArbitrary(), Workers, (orders, workers) =>
        {
            var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
            var sequential = new CustomerSummaryTally(zone);
            sequential.AddRange(orders);
            return TallyFormat.ToBytes(CustomerBaseSummary.TallyParallel(orders, zone, workers, 1)).AsSpan().SequenceEqual(TallyFormat.ToBytes(sequential));
        });

    [Property(MaxTest = 60)]
    public Property Cart_tally_in_parallel_equals_the_sequential_tally() =>
        Prop.ForAll(CartGen.RichEvent.ArrayOf().ToArbitrary(), Workers, (events, workers) =>
        {
            var parallel = CartTally.OfParallel(events, workers, 1);
            var sequential = CartTally.Of(events);
            return TallyFormat.ToBytes(parallel).AsSpan().SequenceEqual(TallyFormat.ToBytes(sequential))
                && parallel.OutOfOrderArrivals == sequential.OutOfOrderArrivals
                && CartTestData.Describe(CartTally.OfParallel(events).Evaluate(CartGen.At(300))) == CartTestData.Describe(sequential.Evaluate(CartGen.At(300)));
        });

    [Property(MaxTest = 80)]
    public Property Funnel_of_records_in_parallel_equals_the_sequential_funnel() =>
        Prop.ForAll(
            Gen.Choose(0, 40).Zip(Gen.Choose(0, 7)).Zip(Gen.Choose(0, 600)).ArrayOf().ToArbitrary(), Gen.Choose(41, 60).Zip(ArbMap.Default.GeneratorFor<bool>()).ToArbitrary(), Workers,
            (rows, shape, workers) =>
            {
                var (unitCount, open) = shape;
                var records = rows.Select(r => new CartEventRecord(r.Item1.Item1, (CartEventKind)r.Item1.Item2, CartGen.At(r.Item2))).ToArray();
                var options = CartOptions.Default with { Mode = open ? FunnelMode.Open : FunnelMode.Closed };
                var sequential = Funnel.OfRecords(records, unitCount, CartGen.At(400), options);
                var parallel = Funnel.OfRecordsParallel(records, unitCount, CartGen.At(400), options, workers, 1);
                return CartTestData.Describe(parallel) == CartTestData.Describe(sequential)
                    && parallel.Unit == sequential.Unit && parallel.Mode == sequential.Mode;
            });

    [Fact]
    public void A_bad_unit_index_or_a_second_currency_fails_in_parallel_as_on_one_thread()
    {
        var records = Enumerable.Range(0, 100).Select(i => new CartEventRecord(i == 77 ? 500 : i % 10, CartEventKind.ItemAdded, AsOf)).ToArray();
        var sequential = Assert.Throws<ArgumentOutOfRangeException>(() => Funnel.OfRecords(records, 10, AsOf));
        var parallel = Assert.Throws<ArgumentOutOfRangeException>(() => Funnel.OfRecordsParallel(records, 10, AsOf, null, 3, 1));
        Assert.Equal(sequential.Message, parallel.Message);
        Assert.Contains("position 77", parallel.Message, StringComparison.Ordinal);

        var events = Enumerable.Range(0, 100).Select(i => new CartEvent($"c{i % 7}", CartEventKind.ItemAdded, AsOf + Duration.FromMinutes(i), 1m, i == 77 ? "USD" : "EUR")).ToArray();
        var one = Assert.Throws<InvalidOperationException>(() => CartTally.Of(events));
        var many = Assert.Throws<InvalidOperationException>(() => CartTally.OfParallel(events, 4, 1));
        Assert.Equal(one.Message, many.Message);
    }

    [Fact]
    public void Large_order_logs_use_several_workers_and_match_the_sequential_results()
    {
        var random = new Random(7);
        var start = Instant.FromUtc(2023, 1, 1, 0, 0);
        var orders = new Order[(3 * CxMetrics.Internal.ParallelTally.MinimumRecordChunk) + 17];
        for (int i = 0; i < orders.Length; i++)
        {
            orders[i] = new Order($"c{random.Next(5000)}", start + Duration.FromMinutes(random.Next(500 * 24 * 60)), random.Next(100_00) / 100m, "EUR");
        }

        var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var options = new CohortOptions { Period = CxMetrics.Time.PeriodUnit.Month, Zone = zone };
        var asOf = Instant.FromUtc(2024, 6, 1, 0, 0);
        var parallel = CohortMatrix.OfParallel(orders, options, asOf, 3);
        var sequential = CohortMatrix.Of(orders, options, asOf);
        Assert.Equal(sequential.Sizes, parallel.Sizes);
        Assert.Equal(sequential.Active.SelectMany(r => r), parallel.Active.SelectMany(r => r));
        Assert.Equal(sequential.Revenue.SelectMany(r => r), parallel.Revenue.SelectMany(r => r));
        var summaryOptions = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 1, 1) };
        Assert.Equal(CustomerBaseSummary.Of(orders, zone, summaryOptions).Customers, CustomerBaseSummary.OfParallel(orders, zone, summaryOptions, 2).Customers);
    }

    [Fact]
    public void A_second_currency_fails_as_on_one_thread()
    {
        var orders = Enumerable.Range(0, 100).Select(i => new Order($"c{i % 7}", AsOf + Duration.FromHours(i), 1m, i == 77 ? "USD" : "EUR")).ToArray();
        var sequential = Assert.Throws<InvalidOperationException>(() => CohortMatrix.Of(orders, new CohortOptions { Period = CxMetrics.Time.PeriodUnit.Month, Zone = DateTimeZone.Utc }, AsOf));
        var parallel = Assert.Throws<InvalidOperationException>(() => CohortMatrix.AccumulateParallel(orders, 4, 1));
        Assert.Equal(sequential.Message, parallel.Message);
    }
}
