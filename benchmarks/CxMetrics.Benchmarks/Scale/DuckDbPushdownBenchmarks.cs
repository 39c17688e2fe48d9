using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CxMetrics.Csv;
using CxMetrics.DuckDb;
using CxMetrics.Lifetime;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>
/// The CLV customer summary (RFM table) of an order export of 1,000,000 rows and 200,000 customers (~55 MB CSV, written in
/// GlobalSetup): streamed through CxMetrics.Csv into a <see cref="CustomerSummaryTally"/> in this process (baseline), and
/// pushed down to embedded DuckDB (<see cref="DuckDbOrders"/>: parallel scan, GROUP BY in DuckDB, one row per customer back).
/// Both give the same summary (see the DuckDb tests). Memory is the managed allocation of this process only; DuckDB's
/// native memory is capped by its memory_limit and spills to disk past it. Second category: NPS per segment and month of
/// 1,000,000 survey answers, streamed into tallies in process (baseline) and pushed down (<see cref="DuckDbSurveys"/>),
/// and pushed down over the same shape with 1% of the scores off the scale (10,000 rejections, the first 100 located by line).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DuckDbPushdownBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly CustomerSummaryOptions Options = new() { CalibrationEnd = new LocalDate(2024, 6, 30), HoldoutEnd = new LocalDate(2024, 12, 31) };
    private string folder = string.Empty;
    private string path = string.Empty;
    private string answers = string.Empty;
    private string badAnswers = string.Empty;

    public static IEnumerable<int> RowsSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(RowsSizes))]
    public int Rows { get; set; }

    [GlobalSetup(Targets = [nameof(InProcess), nameof(Pushdown)])]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "cxmetrics-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        path = Path.Combine(folder, "orders.csv");
        var random = new Random(21);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("order_id,customer_id,placed_at,amount,currency\n");
        for (int i = 0; i < Rows; i++)
        {
            var at = start.AddSeconds(i * 30L + random.Next(30));
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"o{i},c{random.Next(200_000)},{at:yyyy-MM-dd'T'HH:mm:ss}+01:00,{random.Next(100, 50_000) / 100m},EUR\n"));
        }
    }

    [GlobalSetup(Targets = [nameof(SurveysInProcess), nameof(SurveysPushdown), nameof(SurveysPushdownWithRejections)])]
    public void SetupSurveys()
    {
        folder = Path.Combine(Path.GetTempPath(), "cxmetrics-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        answers = Path.Combine(folder, "answers.csv");
        var random = new Random(22);
        string[] segments = ["new", "returning", "vip", "b2b"];
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        using var writer = new StreamWriter(answers, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("response_id,customer_id,segment,answered_at,score\n");
        for (int i = 0; i < Rows; i++)
        {
            var at = start.AddSeconds(i * 30L + random.Next(30));
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"r{i},c{random.Next(200_000)},{segments[random.Next(segments.Length)]},{at:yyyy-MM-dd'T'HH:mm:ss}+01:00,{random.Next(11)}\n"));
        }

        // The same shape with 1% of the scores off the scale, so the rejected rows are located by line.
        badAnswers = Path.Combine(folder, "answers-bad.csv");
        using var bad = new StreamWriter(badAnswers, false, new UTF8Encoding(false), 1 << 20);
        bad.Write("response_id,customer_id,segment,answered_at,score\n");
        for (int i = 0; i < Rows; i++)
        {
            var at = start.AddSeconds(i * 30L + random.Next(30));
            bad.Write(string.Create(CultureInfo.InvariantCulture, $"r{i},c{random.Next(200_000)},{segments[random.Next(segments.Length)]},{at:yyyy-MM-dd'T'HH:mm:ss}+01:00,{(i % 100 == 99 ? 11 : random.Next(11))}\n"));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(Baseline = true, Description = "CxMetrics.Csv stream + CustomerSummaryTally (in process)")]
    [BenchmarkCategory("Orders")]
    public int InProcess()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.AddRange(OrderCsv.Read(path));
        return CustomerBase.From(tally, Options).Customers.Count;
    }

    [Benchmark(Description = "DuckDbOrders.CustomerSummary (pushdown)")]
    [BenchmarkCategory("Orders")]
    public int Pushdown()
    {
        using var connection = DuckDbConnections.Open();
        return DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), Zone, Options).Value.Customers.Count;
    }

    [Benchmark(Baseline = true, Description = "CxMetrics.Csv stream + NpsTally per segment and month (in process)")]
    [BenchmarkCategory("Surveys")]
    public int SurveysInProcess()
    {
        var cells = new Dictionary<(string?, CalendarPeriod), NpsTally>();
        foreach (var response in CxMetrics.Csv.SurveyCsv.Read(answers, 0, 10))
        {
            var key = (response.Segment, new PeriodGrid(Zone, PeriodUnit.Month).Containing(response.AnsweredAt));
            if (!cells.TryGetValue(key, out var tally))
            {
                cells[key] = tally = new NpsTally();
            }

            tally.Add(response);
        }

        return cells.Count;
    }

    [Benchmark(Description = "DuckDbSurveys.Nps per segment and month (pushdown)")]
    [BenchmarkCategory("Surveys")]
    public int SurveysPushdown()
    {
        using var connection = DuckDbConnections.Open();
        return DuckDbSurveys.Nps(connection, DuckDbSource.Csv(answers), new SurveyPushdown { KeyColumn = "segment", Grid = new PeriodGrid(Zone, PeriodUnit.Month) }).Value.Count;
    }

    [Benchmark(Description = "DuckDbSurveys.Nps, 1% rows rejected, first 100 located by line (pushdown)")]
    [BenchmarkCategory("Surveys")]
    public int SurveysPushdownWithRejections()
    {
        using var connection = DuckDbConnections.Open();
        return DuckDbSurveys.Nps(connection, DuckDbSource.Csv(badAnswers), new SurveyPushdown { KeyColumn = "segment", Grid = new PeriodGrid(Zone, PeriodUnit.Month) }).Rejections[0].Rows.Count;
    }
}
