using System.Globalization;
using CxMetrics.Surveys;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.DuckDb.Tests;

public sealed class DuckDbSurveysTests : IDisposable
{
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void Nps_by_segment_and_month_in_a_zone_equals_the_in_memory_tallies()
    {
        var rows = TestData.Answers(5_000, seed: 1);
        string path = data.WriteAnswers("answers.csv", rows);
        using var connection = DuckDbConnections.Open();

        var result = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { KeyColumn = "segment", Grid = new PeriodGrid(TestData.Berlin, PeriodUnit.Month) });

        var expected = new Dictionary<(string?, CalendarPeriod), NpsTally>();
        foreach (var (segment, at, score) in rows)
        {
            var key = (segment, new PeriodGrid(TestData.Berlin, PeriodUnit.Month).Containing(at));
            if (!expected.TryGetValue(key, out var tally))
            {
                expected[key] = tally = new NpsTally();
            }

            if (score is { } s)
            {
                tally.Add(s);
            }
            else
            {
                tally.AddUnanswered();
            }
        }

        Assert.Equal(rows.Count, result.RowsRead);
        Assert.Equal(rows.Count, result.RowsAccepted);
        Assert.Empty(result.Rejections);
        Assert.Equal(expected.Count, result.Value.Count);
        foreach (var cell in result.Value)
        {
            var want = expected[(cell.Key, cell.Period!.Value)];
            Assert.Equal((want.Promoters, want.Passives, want.Detractors, want.Unanswered), (cell.Tally.Promoters, cell.Tally.Passives, cell.Tally.Detractors, cell.Tally.Unanswered));
        }

        Assert.Equal(result.Value.OrderBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Period).Select(c => (c.Key, c.Period)), result.Value.Select(c => (c.Key, c.Period)));
        Assert.Contains(result.Value, c => c.Key == "b2b, wholesale");
        Assert.Contains(result.Value, c => c.Key is null);
    }

    [Fact]
    public void Answers_either_side_of_local_midnight_land_in_their_own_local_day()
    {
        var march31 = new LocalDateTime(2024, 3, 31, 0, 0).InZoneLeniently(TestData.Berlin).ToInstant();
        var rows = new List<(string?, Instant, int?)> { (null, march31 - Duration.FromSeconds(1), 10), (null, march31, 0) };
        string path = data.WriteAnswers("midnight.csv", rows);
        using var connection = DuckDbConnections.Open();

        var cells = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { Grid = new PeriodGrid(TestData.Berlin, PeriodUnit.Day) }).Value;

        Assert.Equal(2, cells.Count);
        Assert.Equal((new LocalDate(2024, 3, 30), 1L, 0L), (cells[0].Period!.Value.Start, cells[0].Tally.Promoters, cells[0].Tally.Detractors));
        Assert.Equal((new LocalDate(2024, 3, 31), 0L, 1L), (cells[1].Period!.Value.Start, cells[1].Tally.Promoters, cells[1].Tally.Detractors));
    }

    [Theory]
    [InlineData("Asia/Kathmandu", 2024, 6, 1)]
    [InlineData("Europe/Amsterdam", 1930, 6, 1)]
    [InlineData("America/St_Johns", 2024, 11, 3)]
    [InlineData("Pacific/Apia", 2011, 12, 29)]
    public void Odd_offsets_and_skipped_days_assign_answers_to_the_same_local_day_as_nodatime(string zoneId, int year, int month, int day)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var start = new LocalDate(year, month, day).AtStartOfDayInZone(zone).ToInstant();
        var rows = new List<(string?, Instant, int?)>();
        for (int minute = -120; minute <= 3 * 24 * 60; minute += 7)
        {
            var at = start + Duration.FromMinutes(minute);
            rows.Add((null, at - Duration.FromSeconds(1), 10));
            rows.Add((null, at, 0));
        }

        string path = data.WriteAnswers("odd.csv", rows);
        using var connection = DuckDbConnections.Open();

        var cells = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { Grid = new PeriodGrid(zone, PeriodUnit.Day) }).Value;

        var expected = rows.GroupBy(r => r.Item2.InZone(zone).Date).OrderBy(g => g.Key).Select(g => (g.Key, (long)g.Count(r => r.Item3 == 10), (long)g.Count(r => r.Item3 == 0))).ToList();
        Assert.Equal(expected, cells.Select(c => (c.Period!.Value.Start, c.Tally.Promoters, c.Tally.Detractors)).ToList());
    }

    [Fact]
    public void Csat_by_week_starting_sunday_equals_the_in_memory_histograms_and_parquet_equals_csv()
    {
        var random = new Random(7);
        var rows = TestData.Answers(3_000, seed: 2).Select(r => (r.Segment, r.At, r.Score is null ? (int?)null : 1 + random.Next(5))).ToList();
        string csv = data.WriteAnswers("csat.csv", rows);
        using var connection = DuckDbConnections.Open();
        string parquet = data.PathOf("csat.parquet");
        using (var copy = connection.CreateCommand())
        {
            copy.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true)) TO '{parquet}' (FORMAT parquet)";
            copy.ExecuteNonQuery();
        }

        var options = new SurveyPushdown { Grid = new PeriodGrid(TestData.Berlin, PeriodUnit.Week, IsoDayOfWeek.Sunday) };
        var fromCsv = DuckDbSurveys.Ratings(connection, DuckDbSource.Csv(csv), CsatScale.OneToFive, options).Value;
        var fromParquet = DuckDbSurveys.Ratings(connection, DuckDbSource.Parquet(parquet), CsatScale.OneToFive, options).Value;

        var byWeek = rows.GroupBy(r => new PeriodGrid(TestData.Berlin, PeriodUnit.Week, IsoDayOfWeek.Sunday).Containing(r.At)).ToDictionary(g => g.Key);
        Assert.Equal(byWeek.Count, fromCsv.Count);
        foreach (var cell in fromCsv)
        {
            Assert.Equal(IsoDayOfWeek.Sunday, cell.Period!.Value.Start.DayOfWeek);
            var group = byWeek[cell.Period.Value];
            for (int score = 1; score <= 5; score++)
            {
                Assert.Equal(group.LongCount(r => r.Item3 == score), cell.Tally.CountOf(score));
            }

            Assert.Equal(group.LongCount(r => r.Item3 is null), cell.Tally.Unanswered);
        }

        Assert.Equal(
            fromCsv.Select(c => (c.Period, c.Tally.Count, c.Tally.Unanswered, Rating.From(c.Tally).Score)),
            fromParquet.Select(c => (c.Period, c.Tally.Count, c.Tally.Unanswered, Rating.From(c.Tally).Score)));
    }

    [Fact]
    public void Whole_valued_double_scores_in_parquet_count_as_whole_numbers_and_fractions_are_still_rejected()
    {
        string parquet = data.PathOf("doubles.parquet");
        using var connection = DuckDbConnections.Open();
        using (var copy = connection.CreateCommand())
        {
            copy.CommandText = $"""
                COPY (SELECT * FROM (VALUES (CAST(7.0 AS DOUBLE), CAST(9.0 AS DECIMAL(4, 1))), (10.0, 10.0), (0.0, 0.0), (-0.0, 3.0), (7.5, 7.5), (11.0, 11.0), (NULL, NULL))
                      AS t(score, rating)) TO '{parquet}' (FORMAT parquet)
                """;
            copy.ExecuteNonQuery();
        }

        var doubles = DuckDbSurveys.Nps(connection, DuckDbSource.Parquet(parquet));
        var decimals = DuckDbSurveys.Nps(connection, DuckDbSource.Parquet(parquet), new SurveyPushdown { ScoreColumn = "rating" });

        foreach (var result in new[] { doubles, decimals })
        {
            var tally = result.Value.Single().Tally;
            Assert.Equal((7L, 5L, 2L), (result.RowsRead, result.RowsAccepted, result.RowsRejected));
            Assert.Equal(1, tally.Unanswered);
            Assert.Equal(["score is not a whole number", "score outside 0–10"], result.Rejections.Select(r => r.Reason).Order(StringComparer.Ordinal));
        }

        Assert.Equal((1L, 1L, 2L), (doubles.Value.Single().Tally.Promoters, doubles.Value.Single().Tally.Passives, doubles.Value.Single().Tally.Detractors));
        Assert.Equal("7.5", doubles.Rejections.Single(r => r.Reason == "score is not a whole number").Example);
    }

    [Fact]
    public void Bad_rows_are_counted_by_reason_and_read_equals_accepted_plus_rejected()
    {
        var rows = TestData.Answers(200, seed: 3);
        string path = data.WriteAnswers("bad.csv", rows,
        [
            "x1,vip,2024-05-01T10:00:00Z,11",
            "x2,vip,2024-05-01T10:00:00Z,-1",
            "x3,vip,2024-05-01T10:00:00Z,seven",
            "x4,vip,2024-05-01T10:00:00Z,7.5",
            "x5,vip,2024-05-01 10:00:00,7",
            "x6,vip,,7",
            "x7,vip,yesterday,7",
        ]);
        using var connection = DuckDbConnections.Open();

        var result = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { KeyColumn = "segment", Grid = new PeriodGrid(TestData.Berlin, PeriodUnit.Month) });

        Assert.Equal(rows.Count + 7, result.RowsRead);
        Assert.Equal(rows.Count, result.RowsAccepted);
        Assert.Equal(result.RowsRead, result.RowsAccepted + result.RowsRejected);
        var reasons = result.Rejections.ToDictionary(r => r.Reason, r => r.Count);
        Assert.Equal(2, reasons["score outside 0–10"]);
        Assert.Equal(2, reasons["score is not a whole number"]);
        Assert.Equal(3, reasons["answer time missing, unreadable or without an offset"]);
        Assert.Equal("2024-05-01 10:00:00", result.Rejections.Single(r => r.Reason.StartsWith("answer time", StringComparison.Ordinal)).Example);
        Assert.Equal(rows.Count, result.Value.Sum(c => c.Tally.Promoters + c.Tally.Passives + c.Tally.Detractors + c.Tally.Unanswered));
    }

    [Fact]
    public void Strict_mode_throws_naming_the_reasons()
    {
        string path = data.WriteAnswers("strict.csv", TestData.Answers(10, seed: 4), ["x1,vip,2024-05-01T10:00:00Z,12"]);
        using var connection = DuckDbConnections.Open();

        var error = Assert.Throws<PushdownException>(() => DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { Strict = true }));

        Assert.Contains("1 of", error.Message, StringComparison.Ordinal);
        Assert.Contains("score outside 0–10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_key_or_period_one_overall_cell_matches_nps_of_the_scores_and_time_is_not_needed()
    {
        var rows = TestData.Answers(1_000, seed: 5);
        string path = data.WriteAnswers("overall.csv", rows, ["x1,vip,not a time,9"]);
        using var connection = DuckDbConnections.Open();

        var result = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path));

        var cell = Assert.Single(result.Value);
        Assert.Null(cell.Key);
        Assert.Null(cell.Period);
        var expected = Nps.Of(rows.Where(r => r.Score is not null).Select(r => r.Score!.Value).Append(9).ToArray());
        Assert.Equal(expected.Score, Nps.From(cell.Tally).Score);
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public void An_empty_file_gives_no_cells_and_zero_rows()
    {
        string path = data.WriteAnswers("empty.csv", []);
        using var connection = DuckDbConnections.Open();

        var result = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { Grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month) });

        Assert.Empty(result.Value);
        Assert.Equal(0, result.RowsRead);
    }

    [Fact]
    public void A_period_without_a_time_column_is_a_clear_argument_error()
    {
        using var connection = DuckDbConnections.Open();
        var error = Assert.Throws<ArgumentException>("options", () => DuckDbSurveys.Nps(connection, DuckDbSource.Table("answers"), new SurveyPushdown { AnsweredAtColumn = null, Grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month) }));
        Assert.Contains("answer time column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_names_are_quoted_so_they_cannot_inject_sql()
    {
        using var connection = DuckDbConnections.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE \"odd table\" (\"score; DROP TABLE x\" VARCHAR); INSERT INTO \"odd table\" VALUES ('10'), ('0'), ('');";
            create.ExecuteNonQuery();
        }

        var cell = Assert.Single(DuckDbSurveys.Nps(connection, DuckDbSource.Table("odd table"), new SurveyPushdown { ScoreColumn = "score; DROP TABLE x" }).Value);

        Assert.Equal((1L, 1L, 1L), (cell.Tally.Promoters, cell.Tally.Detractors, cell.Tally.Unanswered));
    }

    [Property(MaxTest = 12)]
    public Property Random_answers_tally_the_same_in_duckdb_and_in_memory_for_any_period_unit() =>
        Prop.ForAll(
            Gen.Choose(0, 300).SelectMany(n => Gen.Choose(0, 4).Select(unit => (n, unit))).SelectMany(t => Gen.Choose(0, 1_000_000).Select(seed => (t.n, t.unit, seed))).ToArbitrary(),
            t =>
            {
                var unit = (PeriodUnit)t.unit;
                var rows = TestData.Answers(t.n, t.seed);
                string path = data.WriteAnswers(string.Create(CultureInfo.InvariantCulture, $"p{t.seed}-{t.n}-{t.unit}.csv"), rows);
                using var connection = DuckDbConnections.Open();
                var cells = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { KeyColumn = "segment", Grid = new PeriodGrid(TestData.Berlin, unit) }).Value;
                var expected = rows
                    .GroupBy(r => (r.Segment, new PeriodGrid(TestData.Berlin, unit).Containing(r.At)))
                    .OrderBy(g => g.Key.Segment, StringComparer.Ordinal).ThenBy(g => g.Key.Item2)
                    .Select(g => (g.Key.Segment, (CalendarPeriod?)g.Key.Item2, (long)g.Count(r => r.Score >= 9), (long)g.Count(r => r.Score is 7 or 8), (long)g.Count(r => r.Score <= 6), (long)g.Count(r => r.Score is null)));
                return expected.SequenceEqual(cells.Select(c => (c.Key, c.Period, c.Tally.Promoters, c.Tally.Passives, c.Tally.Detractors, c.Tally.Unanswered)));
            });
}
