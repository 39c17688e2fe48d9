using CxMetrics.Time;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>
/// The record-based calculators on one core and on all cores (partition, tally, merge): per calculator the sequential
/// <c>Of</c> is the baseline, and <c>OfParallel</c> runs with 1 worker (the partition/merge overhead alone) and with 2 workers
/// (this machine's cores); per-ticket times also with 2 workers forced under the workstation GC, where the public method
/// uses one (it is GC-bound). Inputs: 100,000 tickets; 500,000 sessions of 100,000 visitors; 500,000 orders of 50,000
/// customers; 5,000,000 compact cart event records of 500,000 carts (funnel); 500,000 cart events of 50,000 carts (cart
/// tally). Each group builds only its own input.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ParallelScalingBenchmarks
{
    private SupportTicket[] tickets = [];
    private TicketTimes[] times = [];
    private Session[] sessions = [];
    private Order[] orders = [];
    private CartEventRecord[] cartRecords = [];
    private CartEvent[] cartEvents = [];
    private CohortOptions cohortOptions = null!;
    private PeriodGrid cohortGrid = null!;
    private CustomerSummaryOptions summaryOptions = null!;
    private readonly Instant asOf = Instant.FromUtc(2024, 7, 1, 0, 0);
    private readonly Instant cartAsOf = Instant.FromUtc(2025, 3, 31, 0, 0); // the cart feed runs from 2025-03-01 for 30 days

    [GlobalSetup(Targets = [nameof(TicketTimesSequential), nameof(TicketTimes1), nameof(TicketTimes2), nameof(TicketTimes2Forced)])]
    public void SetupTickets() => tickets = ScaleData.Tickets(BenchmarkSize.Of(100_000));

    [GlobalSetup(Targets = [nameof(SupportSequential), nameof(Support1), nameof(Support2)])]
    public void SetupTimes() => times = [.. SupportTimes.Of(ScaleData.Tickets(BenchmarkSize.Of(100_000)), ScaleData.Office, asOf)];

    [GlobalSetup(Targets = [nameof(ConversionSequential), nameof(Conversion1), nameof(Conversion2)])]
    public void SetupSessions() => sessions = ScaleData.Sessions(BenchmarkSize.Of(500_000), BenchmarkSize.Of(100_000));

    [GlobalSetup(Targets = [nameof(CohortSequential), nameof(Cohort1), nameof(Cohort2), nameof(SummarySequential), nameof(Summary1), nameof(Summary2)])]
    public void SetupOrders()
    {
        orders = ScaleData.Orders(BenchmarkSize.Of(500_000), BenchmarkSize.Of(50_000));
        cohortGrid = new PeriodGrid(ScaleData.Berlin, Time.PeriodUnit.Month);
        cohortOptions = CohortOptions.Default;
        summaryOptions = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 1, 1) };
    }

    [GlobalSetup(Targets = [nameof(FunnelSequential), nameof(Funnel1), nameof(Funnel2)])]
    public void SetupCartRecords() => cartRecords = Commerce.FunnelBenchmarks.Generate(BenchmarkSize.Of(5_000_000), BenchmarkSize.Of(500_000));

    [GlobalSetup(Targets = [nameof(CartSequential), nameof(Cart1), nameof(Cart2)])]
    public void SetupCartEvents() => cartEvents = ScaleData.CartEvents(BenchmarkSize.Of(500_000), BenchmarkSize.Of(50_000));

    [GlobalCleanup]
    public void Cleanup()
    {
        // CI runs every benchmark in one process: give the cart inputs back.
        cartRecords = [];
        cartEvents = [];
    }

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("SupportTimes")]
    public int TicketTimesSequential() => SupportTimes.Of(tickets, ScaleData.Office, asOf).Count;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("SupportTimes")]
    public int TicketTimes1() => SupportTimes.OfParallel(tickets, ScaleData.Office, asOf, 1).Count;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("SupportTimes")]
    public int TicketTimes2() => SupportTimes.OfParallel(tickets, ScaleData.Office, asOf, 2).Count;

    /// <summary>Two workers even under the workstation GC (the internal overload), to show why the public method falls back to one.</summary>
    [Benchmark(Description = "2 workers forced (workstation GC)")]
    [BenchmarkCategory("SupportTimes")]
    public int TicketTimes2Forced() => SupportTimes.OfParallel(tickets, ScaleData.Office, asOf, 2, CxMetrics.Internal.ParallelTally.MinimumRecordChunk).Length;

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("SupportMetrics")]
    public long SupportSequential() => SupportMetrics.Of(times).Tickets;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("SupportMetrics")]
    public long Support1() => SupportMetrics.OfParallel(times, null, 1).Tickets;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("SupportMetrics")]
    public long Support2() => SupportMetrics.OfParallel(times, null, 2).Tickets;

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("ConversionRate per visitor")]
    public double? ConversionSequential() => ConversionRate.Of(sessions, ConversionUnit.Visitor).Rate.Value;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("ConversionRate per visitor")]
    public double? Conversion1() => ConversionRate.OfParallel(sessions, ConversionUnit.Visitor, null, 1).Rate.Value;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("ConversionRate per visitor")]
    public double? Conversion2() => ConversionRate.OfParallel(sessions, ConversionUnit.Visitor, null, 2).Rate.Value;

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("CohortMatrix")]
    public int CohortSequential() => Cohorts.Of(orders, asOf, cohortGrid, cohortOptions).Columns;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("CohortMatrix")]
    public int Cohort1() => Cohorts.OfParallel(orders, asOf, cohortGrid, cohortOptions, 1).Columns;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("CohortMatrix")]
    public int Cohort2() => Cohorts.OfParallel(orders, asOf, cohortGrid, cohortOptions, 2).Columns;

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("CustomerBaseSummary")]
    public int SummarySequential() => CustomerBase.Of(orders, ScaleData.Berlin, summaryOptions).Customers.Count;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("CustomerBaseSummary")]
    public int Summary1() => CustomerBase.OfParallel(orders, ScaleData.Berlin, summaryOptions, 1).Customers.Count;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("CustomerBaseSummary")]
    public int Summary2() => CustomerBase.OfParallel(orders, ScaleData.Berlin, summaryOptions, 2).Customers.Count;

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("Funnel.Of")]
    public long FunnelSequential() => Funnel.Of(cartRecords, cartRecords.Length / 10, cartAsOf).Completed;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("Funnel.Of")]
    public long Funnel1() => Funnel.OfParallel(cartRecords, cartRecords.Length / 10, cartAsOf, null, 1).Completed;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("Funnel.Of")]
    public long Funnel2() => Funnel.OfParallel(cartRecords, cartRecords.Length / 10, cartAsOf, null, 2).Completed;

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("CartTally")]
    public int CartSequential() => CartTally.Of(cartEvents).Units;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("CartTally")]
    public int Cart1() => CartTally.OfParallel(cartEvents, 1).Units;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("CartTally")]
    public int Cart2() => CartTally.OfParallel(cartEvents, 2).Units;
}
