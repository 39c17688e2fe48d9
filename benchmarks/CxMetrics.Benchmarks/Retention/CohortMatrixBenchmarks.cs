using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// A monthly cohort retention matrix (distinct customers and revenue per cohort × month offset) over 10 million orders of
/// 1 million customers spread over 24 months, in Europe/Berlin. Baseline: LINQ GroupBy by customer for the first month,
/// then GroupBy (cohort, offset) with Distinct and Sum — the shape of the usual pandas groupby recipe. Ours: the columnar
/// AddRange (customer column dictionary-encoded as Arrow / Parquet store it, or plain strings) and Cohorts.From.
/// </summary>
[MemoryDiagnoser]
public class CohortMatrixBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Instant Start = Instant.FromUtc(2023, 1, 1, 0, 0);
    private static readonly Instant AsOf = Instant.FromUtc(2025, 1, 1, 0, 0);
    private string[] customerIds = [];
    private string[] dictionary = [];
    private int[] codes = [];
    private Instant[] placedAt = [];
    private decimal[] amounts = [];
    private CohortTally filled = new();

    public static IEnumerable<int> OrdersSizes => BenchmarkSize.One(10_000_000);

    [ParamsSource(nameof(OrdersSizes))]
    public int Orders { get; set; }

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var ids = new string[Customers];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = "C" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        }

        // Each customer arrives at a random moment of the 24 months and orders again at random later moments.
        var arrival = new long[Customers];
        long span = (AsOf - Start).BclCompatibleTicks;
        for (int i = 0; i < arrival.Length; i++)
        {
            arrival[i] = (long)(random.NextDouble() * span);
        }

        dictionary = ids;
        codes = new int[Orders];
        customerIds = new string[Orders];
        placedAt = new Instant[Orders];
        amounts = new decimal[Orders];
        for (int i = 0; i < Orders; i++)
        {
            int c = i < Customers ? i : random.Next(Customers);
            long at = i < Customers ? arrival[c] : arrival[c] + (long)(random.NextDouble() * (span - arrival[c]));
            customerIds[i] = ids[c];
            codes[i] = c;
            placedAt[i] = Start + Duration.FromTicks(at);
            amounts[i] = random.Next(500, 20_000) / 100m;
        }

        filled = new CohortTally();
        filled.AddRange(dictionary, codes, placedAt, amounts, "EUR");
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy (naive)")]
    public int Linq()
    {
        var indices = Enumerable.Range(0, customerIds.Length);
        var cohort = indices.GroupBy(i => customerIds[i]).ToDictionary(g => g.Key, g => g.Min(i => placedAt[i]).InZone(Zone).Date.ToYearMonth());
        return indices
            .GroupBy(i =>
            {
                var c = cohort[customerIds[i]];
                var m = placedAt[i].InZone(Zone).Date.ToYearMonth();
                return (Cohort: c, Offset: ((m.Year - c.Year) * 12) + m.Month - c.Month);
            })
            .Select(g => (g.Key, Customers: g.Select(i => customerIds[i]).Distinct().Count(), Revenue: g.Sum(i => amounts[i])))
            .Count();
    }

    [Benchmark(Description = "Cohorts.Of(encoded columns)")]
    public int MatrixFromColumns() =>
        Cohorts.Of(dictionary, codes, placedAt, amounts, "EUR", AsOf, new PeriodGrid(Zone, PeriodUnit.Month), CohortOptions.Default).Columns;

    [Benchmark(Description = "AddRange(encoded ids) + From")]
    public int Matrix()
    {
        var accumulator = new CohortTally();
        accumulator.AddRange(dictionary, codes, placedAt, amounts, "EUR");
        return Cohorts.From(accumulator, AsOf, new PeriodGrid(Zone, PeriodUnit.Month), CohortOptions.Default).Columns;
    }

    [Benchmark(Description = "AddRange(string ids) + From")]
    public int MatrixFromStrings()
    {
        var accumulator = new CohortTally();
        accumulator.AddRange(customerIds, placedAt, amounts, "EUR");
        return Cohorts.From(accumulator, AsOf, new PeriodGrid(Zone, PeriodUnit.Month), CohortOptions.Default).Columns;
    }

    [Benchmark(Description = "Cohorts.From (filled accumulator)")]
    public int MatrixFromAccumulator() =>
        Cohorts.From(filled, AsOf, new PeriodGrid(Zone, PeriodUnit.Month), CohortOptions.Default).Columns;
}
