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
/// customers. Each group builds only its own input.
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
    private CohortOptions cohortOptions = null!;
    private CustomerSummaryOptions summaryOptions = null!;
    private readonly Instant asOf = Instant.FromUtc(2024, 7, 1, 0, 0);

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
        cohortOptions = new CohortOptions { Period = Time.PeriodUnit.Month, Zone = ScaleData.Berlin };
        summaryOptions = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 1, 1) };
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
    public int CohortSequential() => CohortMatrix.Of(orders, cohortOptions, asOf).Columns;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("CohortMatrix")]
    public int Cohort1() => CohortMatrix.OfParallel(orders, cohortOptions, asOf, 1).Columns;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("CohortMatrix")]
    public int Cohort2() => CohortMatrix.OfParallel(orders, cohortOptions, asOf, 2).Columns;

    [Benchmark(Baseline = true, Description = "sequential")]
    [BenchmarkCategory("CustomerBaseSummary")]
    public int SummarySequential() => CustomerBaseSummary.Of(orders, ScaleData.Berlin, summaryOptions).Customers.Count;

    [Benchmark(Description = "parallel, 1 worker")]
    [BenchmarkCategory("CustomerBaseSummary")]
    public int Summary1() => CustomerBaseSummary.OfParallel(orders, ScaleData.Berlin, summaryOptions, 1).Customers.Count;

    [Benchmark(Description = "parallel, 2 workers")]
    [BenchmarkCategory("CustomerBaseSummary")]
    public int Summary2() => CustomerBaseSummary.OfParallel(orders, ScaleData.Berlin, summaryOptions, 2).Customers.Count;
}
