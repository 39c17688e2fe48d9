using CxMetrics.Time;
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
            TallyFormat.ToBytes(SupportMetrics.TallyParallel(times, workers, 1)).AsSpan().SequenceEqual(TallyFormat.ToBytes(SupportTally.Of(times))));

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
            var sequential = new CohortTally();
            foreach (var o in orders)
            {
                sequential.Add(o);
            }

            return TallyFormat.ToBytes(CohortMatrix.AccumulateParallel(orders, workers, 1)).AsSpan().SequenceEqual(TallyFormat.ToBytes(sequential));
        });

    [Property(MaxTest = 60)]
    public Property Customer_summary_partitioned_by_customer_equals_the_sequential_summary() =>
        Prop.ForAll(RetentionGen.Order.ArrayOf().ToArbitrary(), Workers, Gen.Choose(0, 220).Zip(Gen.Choose(-1, 60)).ToArbitrary(), (orders, workers, cut) =>
        {
            var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
            var calibrationEnd = new LocalDate(2024, 1, 1).PlusDays(cut.Item1);
            var options = new CustomerSummaryOptions { CalibrationEnd = calibrationEnd, HoldoutEnd = cut.Item2 < 0 ? null : calibrationEnd.PlusDays(cut.Item2) };
            return SameSummary(CustomerBase.Of(orders, zone, options), CustomerBaseSummary.OfParallel(orders, zone, options, workers, minimumChunk: 1));
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
                var sequential = Funnel.Of(records, unitCount, CartGen.At(400), options);
                var parallel = Funnel.OfRecordsParallel(records, unitCount, CartGen.At(400), options, workers, 1);
                return CartTestData.Describe(parallel) == CartTestData.Describe(sequential)
                    && parallel.Unit == sequential.Unit && parallel.Mode == sequential.Mode;
            });

    [Fact]
    public void A_bad_unit_index_or_a_second_currency_fails_in_parallel_as_on_one_thread()
    {
        var records = Enumerable.Range(0, 100).Select(i => new CartEventRecord(i == 77 ? 500 : i % 10, CartEventKind.ItemAdded, AsOf)).ToArray();
        var sequential = Assert.Throws<ArgumentOutOfRangeException>("events", () => Funnel.Of(records, 10, AsOf));
        var parallel = Assert.Throws<ArgumentOutOfRangeException>("events", () => Funnel.OfRecordsParallel(records, 10, AsOf, null, 3, 1));
        Assert.Equal(sequential.Message, parallel.Message);
        Assert.Contains("position 77", parallel.Message, StringComparison.Ordinal);

        var events = Enumerable.Range(0, 100).Select(i => new CartEvent($"c{i % 7}", CartEventKind.ItemAdded, AsOf + Duration.FromMinutes(i), 1m, i == 77 ? "USD" : "EUR")).ToArray();
        var one = Assert.Throws<InvalidOperationException>(() => CartTally.Of(events));
        var many = Assert.Throws<InvalidOperationException>(() => CartTally.OfParallel(events, 4, 1));
        Assert.Equal(one.Message, many.Message);
    }

    [Property(MaxTest = 60)]
    public Property Conversion_rate_partitioned_by_visitor_equals_the_sequential_rate() =>
        Prop.ForAll(Gen.Choose(0, 40).Zip(Gen.Choose(0, 9)).ArrayOf().ToArbitrary(), Workers, (rows, workers) =>
        {
            var sessions = rows.Select((r, i) => new Session($"v{r.Item1}", AsOf + Duration.FromMinutes(i), r.Item2 == 0)).ToArray();
            return ConversionRate.OfParallel(sessions, ConversionUnit.Visitor, null, workers, minimumChunk: 1) == ConversionRate.Of(sessions, ConversionUnit.Visitor)
                && ConversionRate.OfParallel(sessions, ConversionUnit.Session, null, workers, minimumChunk: 1) == ConversionRate.Of(sessions, ConversionUnit.Session);
        });

    [Property(MaxTest = 40)]
    public Property Support_summary_from_sorted_chunks_equals_the_sequential_summary() =>
        Prop.ForAll(SupportGen.TicketTimes.ArrayOf().ToArbitrary(), Workers, ArbMap.Default.ArbFor<bool>(), (times, workers, calendar) =>
        {
            var options = new SupportOptions { Basis = calendar ? TimeBasis.Calendar : TimeBasis.Business, Percentiles = [0.1, 0.5, 0.9, 0.99] };
            return SameResult(SupportMetrics.Of(times, options), SupportMetrics.OfParallel(times, options, workers, minimumChunk: 1));
        });

    [Fact]
    public void Large_session_and_ticket_inputs_use_several_workers_and_match_the_sequential_results()
    {
        var random = new Random(11);
        var sessions = new Session[(2 * CxMetrics.Internal.ParallelTally.MinimumRecordChunk) + 5];
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = new Session($"v{random.Next(6000)}", AsOf + Duration.FromSeconds(i), random.Next(20) == 0);
        }

        Assert.Equal(ConversionRate.Of(sessions, ConversionUnit.Visitor), ConversionRate.OfParallel(sessions, ConversionUnit.Visitor, degreeOfParallelism: 2));

        var tickets = Tickets(random, (2 * CxMetrics.Internal.ParallelTally.MinimumRecordChunk) + 3);
        var times = SupportTimes.OfParallel(tickets, Office, AsOf, 2, CxMetrics.Internal.ParallelTally.MinimumRecordChunk);
        Assert.Equal(times, SupportTimes.OfParallel(tickets, Office, AsOf, 2));
        Assert.Equal(SupportTimes.Of(tickets, Office, AsOf), times);
        var options = new SupportOptions { Percentiles = [0.25, 0.9, 0.95] };
        Assert.True(SameResult(SupportMetrics.Of(times, options), SupportMetrics.OfParallel(times.ToArray(), options, degreeOfParallelism: 2)));
    }

    [Fact]
    public void Invalid_hours_fail_as_on_one_thread()
    {
        var valid = SupportTimes.Of(Tickets(new Random(3), 1)[0], Office, AsOf);
        var times = Enumerable.Repeat(valid, 40).ToArray();
        times[29] = valid with { FirstResponse = new ElapsedTime(Duration.FromHours(-1), Duration.FromHours(-1)) };
        var sequential = Assert.Throws<ArgumentOutOfRangeException>("times", () => SupportMetrics.Of(times));
        var parallel = Assert.Throws<ArgumentOutOfRangeException>("times", () => SupportMetrics.OfParallel(times, null, 4, minimumChunk: 1));
        Assert.Equal(sequential.Message, parallel.Message);
    }

    private static SupportTicket[] Tickets(Random random, int count)
    {
        var tickets = new SupportTicket[count];
        for (int i = 0; i < count; i++)
        {
            var created = AsOf - Duration.FromMinutes(random.Next(1, 200 * 24 * 60));
            var replies = new Instant[random.Next(0, 3)];
            var t = created;
            for (int r = 0; r < replies.Length; r++)
            {
                t += Duration.FromMinutes(random.Next(5, 3 * 24 * 60));
                replies[r] = t;
            }

            TicketStatusChange[] changes = random.Next(3) == 0 ? [] : [new TicketStatusChange(t + Duration.FromMinutes(10), TicketStatus.Solved)];
            tickets[i] = SupportTicket.Create($"t{i}", $"c{random.Next(count)}", "email", created, replies, changes);
        }

        return tickets;
    }

    private static bool SameSummary(CustomerBaseSummary expected, CustomerBaseSummary actual) =>
        expected.Customers.SequenceEqual(actual.Customers)
        && expected.Customers.Zip(actual.Customers).All(p => decimal.GetBits(p.First.CalibrationSpend).SequenceEqual(decimal.GetBits(p.Second.CalibrationSpend))
            && (p.First.HoldoutSpend is null ? p.Second.HoldoutSpend is null : decimal.GetBits(p.First.HoldoutSpend.Value).SequenceEqual(decimal.GetBits(p.Second.HoldoutSpend ?? -1m))))
        && expected.AcquiredAfterCalibration == actual.AcquiredAfterCalibration
        && expected.Currency == actual.Currency;

    private static bool SameResult(SupportResult expected, SupportResult actual) =>
        Bare(expected) == Bare(actual)
        && Same(expected.FirstResponse, actual.FirstResponse) && Same(expected.ResponsePendingFor, actual.ResponsePendingFor)
        && Same(expected.FirstResolution, actual.FirstResolution) && Same(expected.FullResolution, actual.FullResolution)
        && Same(expected.ResolutionPendingFor, actual.ResolutionPendingFor) && Same(expected.HandleTime, actual.HandleTime)
        && Same(expected.ClosedWithoutReplyAfter, actual.ClosedWithoutReplyAfter)
        && Same(expected.AgentWorkTime, actual.AgentWorkTime) && Same(expected.OnHoldTime, actual.OnHoldTime)
        && Same(expected.AgentWaitTime, actual.AgentWaitTime) && Same(expected.RequesterWaitTime, actual.RequesterWaitTime);

    // The result without its duration summaries (records whose percentile arrays compare by reference).
    private static SupportResult Bare(SupportResult result) => result with
    {
        FirstResponse = null!, ResponsePendingFor = null!, FirstResolution = null!, FullResolution = null!, ResolutionPendingFor = null!, HandleTime = null!,
        ClosedWithoutReplyAfter = null, AgentWorkTime = null, OnHoldTime = null, AgentWaitTime = null, RequesterWaitTime = null,
    };

    private static bool Same(DurationSummary? expected, DurationSummary? actual) =>
        expected is null || actual is null
            ? expected is null && actual is null
            : expected with { Percentiles = [] } == actual with { Percentiles = [] } && expected.Percentiles.SequenceEqual(actual.Percentiles);

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
        var grid = new PeriodGrid(zone, CxMetrics.Time.PeriodUnit.Month);
        var options = CohortOptions.Default;
        var asOf = Instant.FromUtc(2024, 6, 1, 0, 0);
        var parallel = Cohorts.OfParallel(orders, asOf, grid, options, 3);
        var sequential = Cohorts.Of(orders, asOf, grid, options);
        Assert.Equal(sequential.Sizes, parallel.Sizes);
        Assert.Equal(sequential.Active.SelectMany(r => r), parallel.Active.SelectMany(r => r));
        Assert.Equal(sequential.Revenue.SelectMany(r => r), parallel.Revenue.SelectMany(r => r));
        var summaryOptions = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 1, 1) };
        Assert.True(SameSummary(CustomerBase.Of(orders, zone, summaryOptions), CustomerBase.OfParallel(orders, zone, summaryOptions, 2)));
        Assert.True(SameSummary(CustomerBase.Of(orders, zone, summaryOptions), CustomerBase.OfParallel(orders, zone, summaryOptions, 3)));
    }

    [Fact]
    public void A_second_currency_fails_as_on_one_thread()
    {
        var orders = Enumerable.Range(0, 100).Select(i => new Order($"c{i % 7}", AsOf + Duration.FromHours(i), 1m, i == 77 ? "USD" : "EUR")).ToArray();
        var sequential = Assert.Throws<InvalidOperationException>(() => Cohorts.Of(orders, AsOf, new PeriodGrid(DateTimeZone.Utc, CxMetrics.Time.PeriodUnit.Month), CohortOptions.Default));
        var parallel = Assert.Throws<InvalidOperationException>(() => CohortMatrix.AccumulateParallel(orders, 4, 1));
        Assert.Equal(sequential.Message, parallel.Message);
    }
}
