using System.Globalization;
using System.Text;
using CxMetrics.Commerce;
using CxMetrics.Csv;
using CxMetrics.Lifetime;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.DuckDb.Tests;

public sealed class PushdownRejectedRowTests : IDisposable
{
    private const string ScoreOutside = "score outside 0–10";
    private const string NotWhole = "score is not a whole number";
    private const string BadTime = "answer time missing, unreadable or without an offset";
    private static readonly SurveyPushdown Monthly = new() { KeyColumn = "segment", Grid = new PeriodGrid(TestData.Berlin, PeriodUnit.Month) };
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    private string Write(string file, string text, bool bom = false)
    {
        File.WriteAllText(data.PathOf(file), text, new UTF8Encoding(bom));
        return data.PathOf(file);
    }

    private static long[] Lines(PushdownResult<IReadOnlyList<TallyCell<CxMetrics.Surveys.NpsTally>>> result, string reason) =>
        [.. result.Rejections.Single(r => r.Reason == reason).Rows.Select(r => r.Line)];

    [Fact]
    public void Bad_rows_after_a_quoted_newline_a_blank_line_and_a_bom_get_their_physical_start_lines()
    {
        // Lines:                                                  1 header (after a BOM), CRLF line ends throughout
        string path = Write("lines.csv", string.Join("\r\n",
            "response_id,segment,answered_at,score",           // 1
            "r1,new,2025-01-01T10:00:00Z,9",                    // 2 accepted
            "r2,\"two",                                         // 3 bad score 11; its segment spans lines 3-4
            "lines\",2025-01-01T10:00:00Z,11",                  // 4
            "r3,new,2025-01-01T10:00:00Z,12",                   // 5 bad score, after the quoted newline
            "",                                                 // 6 blank: skipped, but it is a line
            "r4,new,2025-01-01T10:00:00,7",                     // 7 time without offset
            "r5,new,2025-01-01T10:00:00Z,x",                    // 8 not a whole number
            "r6,\"a \"\"quoted\"\" one\",2025-01-01T10:00:00Z,3", // 9 accepted
            "r7,new,2025-01-01T10:00:00Z,15") + "\r\n", bom: true); // 10 bad score
        using var connection = DuckDbConnections.Open();

        var result = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), Monthly);

        Assert.Equal(7, result.RowsRead);
        Assert.Equal(2, result.RowsAccepted);
        Assert.Equal(result.RowsRead, result.RowsAccepted + result.RowsRejected);
        Assert.Equal([3, 5, 10], Lines(result, ScoreOutside));
        Assert.Equal([7], Lines(result, BadTime));
        Assert.Equal([8], Lines(result, NotWhole));
        var first = result.Rejections.Single(r => r.Reason == ScoreOutside).Rows[0];
        Assert.Equal(new PushdownRejectedRow { Line = 3, Column = "score", Value = "11" }, first);
        Assert.Equal("line 3, column 'score': '11'", first.ToString());
        Assert.Equal("answered_at", result.Rejections.Single(r => r.Reason == BadTime).Rows[0].Column);
        Assert.Equal("3 × score outside 0–10 (e.g. '11'; lines 3, 5, 10)", result.Rejections.Single(r => r.Reason == ScoreOutside).ToString());
    }

    [Fact]
    public void Only_the_first_rows_per_reason_are_located_but_the_count_stays_exact()
    {
        var lines = new List<string> { "response_id,segment,answered_at,score" };
        for (int i = 0; i < 300; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"r{i},new,2025-01-01T10:00:00Z,{(i % 3 == 0 ? 11 : 5)}"));
        }

        lines.Add("late,new,2025-01-01 10:00:00,5"); // line 302: the only row of its reason, after 100 others were rejected
        string path = Write("many.csv", string.Join('\n', lines) + "\n");
        using var connection = DuckDbConnections.Open();

        var capped = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), Monthly with { RejectedRowsPerReason = 4 });
        var byDefault = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), Monthly);
        var off = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), Monthly with { RejectedRowsPerReason = 0 });

        Assert.Equal(101, capped.RowsRejected);
        Assert.Equal([2, 5, 8, 11], Lines(capped, ScoreOutside));
        Assert.Equal([302], Lines(capped, BadTime));
        Assert.Equal([302], Lines(byDefault, BadTime));
        Assert.Equal(100, Lines(byDefault, ScoreOutside).Length);
        Assert.Equal(299, Lines(byDefault, ScoreOutside)[^1]);
        Assert.All(off.Rejections, r => Assert.Empty(r.Rows));
        Assert.Equal(101, off.RowsRejected);
        Assert.Throws<ArgumentOutOfRangeException>("options", () => DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), Monthly with { RejectedRowsPerReason = -1 }));
    }

    [Fact]
    public void In_a_one_column_file_a_blank_line_is_an_unanswered_row_as_duckdb_reads_it()
    {
        string path = Write("one.csv", "score\n5\n\n11\n\"12\"\n");
        using var connection = DuckDbConnections.Open();

        var result = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path));

        Assert.Equal(4, result.RowsRead);
        Assert.Equal(1, result.Value.Single().Tally.Unanswered);
        Assert.Equal([4, 5], Lines(result, ScoreOutside));
    }

    [Fact]
    public void Strict_mode_names_the_line_of_the_bad_row()
    {
        string path = Write("strict.csv", "response_id,segment,answered_at,score\nr1,new,2025-01-01T10:00:00Z,9\nr2,new,2025-01-01T10:00:00Z,13\n");
        using var connection = DuckDbConnections.Open();

        var error = Assert.Throws<PushdownException>(() => DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), new SurveyPushdown { Strict = true }));

        Assert.Contains("1 × score outside 0–10 (e.g. '13'; line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_rejections_name_line_and_column_and_a_glob_names_the_file()
    {
        string header = "order_id,customer_id,placed_at,amount,currency\n";
        string a = Write("orders-a.csv", header + "o1,c1,2024-05-01T10:00:00Z,10.00,EUR\no2,,2024-05-01T10:00:00Z,10.00,EUR\no3,c1,2024-05-01T10:00:00Z,ten,EUR\n");
        // b: line 1 header, 2 o4 (currency 'eur'), 3 blank, 4–5 o5 (a customer id with a quoted line break, a negative amount).
        string b = Write("orders-b.csv", header + "o4,c2,2024-05-01T10:00:00Z,1.00,eur\n\no5,\"c\n2\",2024-05-01T10:00:00Z,-1,EUR\n");
        var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 12, 31) };
        using var connection = DuckDbConnections.Open();

        var single = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(b), TestData.Berlin, options);
        var glob = DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(Path.Combine(data.Folder, "orders-*.csv")), TestData.Berlin, options);

        Assert.Equal(
            [new PushdownRejectedRow { Line = 4, Column = "amount", Value = "-1" }],
            single.Rejections.Single(r => r.Reason.StartsWith("amount is negative", StringComparison.Ordinal)).Rows);
        Assert.Equal(
            [new PushdownRejectedRow { Line = 2, Column = "currency", Value = "eur" }],
            single.Rejections.Single(r => r.Reason.StartsWith("currency", StringComparison.Ordinal)).Rows);
        Assert.Equal(5, glob.RowsRead);
        Assert.Equal(glob.RowsRead, glob.RowsAccepted + glob.RowsRejected);
        var missing = glob.Rejections.Single(r => r.Reason == "customer id missing").Rows.Single();
        Assert.Equal((3L, "customer_id", (string?)null, a), (missing.Line, missing.Column, missing.Value, missing.File));
        Assert.Equal((4L, a), glob.Rejections.Single(r => r.Reason.StartsWith("amount missing", StringComparison.Ordinal)).Rows.Select(r => (r.Line, r.File)).Single());
        Assert.Equal((4L, b), glob.Rejections.Single(r => r.Reason.StartsWith("amount is negative", StringComparison.Ordinal)).Rows.Select(r => (r.Line, r.File)).Single());
    }

    [Fact]
    public void Parquet_sources_count_rejections_without_lines()
    {
        string csv = Write("p.csv", "response_id,segment,answered_at,score\nr1,new,2025-01-01T10:00:00Z,9\nr2,new,2025-01-01T10:00:00Z,13\n");
        string parquet = data.PathOf("p.parquet");
        using var connection = DuckDbConnections.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true)) TO '{parquet}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        var result = DuckDbSurveys.Nps(connection, DuckDbSource.Parquet(parquet));

        Assert.Equal(1, result.RowsRejected);
        Assert.Empty(result.Rejections.Single().Rows);
    }

    private static readonly Gen<string> Score = Gen.Frequency(
        (12, Gen.Choose(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Constant(string.Empty)),
        (2, Gen.Elements("11", "-1", "42")),
        (1, Gen.Elements("x", "7.5")));

    private static readonly Gen<(string Score, int Shape)> Row = Score.Zip(Gen.Choose(0, 19), (score, shape) => (score, shape));

    [Property(MaxTest = 25)]
    public Property Lines_of_rejected_rows_equal_those_of_the_csv_package_reader() =>
        Prop.ForAll(Row.ArrayOf().ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), Gen.Elements("\n", "\r\n").ToArbitrary(), (rows, bom, newline) =>
        {
            // Shapes: 0 a blank line before the row, 1 a segment with a quoted line break, 2 a time without offset, else plain.
            var text = new StringBuilder("response_id,customer_id,segment,answered_at,score").Append(newline);
            for (int i = 0; i < rows.Length; i++)
            {
                var (score, shape) = rows[i];
                if (shape == 0)
                {
                    text.Append(newline);
                }

                string segment = shape == 1 ? $"\"multi{newline}line\"" : "web";
                string at = shape == 2 ? "2025-02-03T04:05:06" : "2025-02-03T04:05:06+01:00";
                text.Append(CultureInfo.InvariantCulture, $"r{i},c{i},{segment},{at},{score}").Append(newline);
            }

            string path = Write("property.csv", text.ToString(), bom);
            using var connection = DuckDbConnections.Open();
            var duck = DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path), Monthly with { RejectedRowsPerReason = 1_000 });
            var csv = SurveyCsv.Read(path, 0, 10);
            long accepted = csv.Count();

            long[] duckLines = [.. duck.Rejections.SelectMany(r => r.Rows).Select(r => r.Line).Order()];
            long[] csvLines = [.. csv.Report.Rejections.Select(r => r.Line).Order()];
            return (duckLines.SequenceEqual(csvLines) && duck.RowsRead == csv.Report.RowsRead && duck.RowsAccepted == accepted
                    && duck.RowsRead == duck.RowsAccepted + duck.RowsRejected && duck.RowsRejected == duckLines.Length)
                .Label($"duck {string.Join(",", duckLines)} / csv {string.Join(",", csvLines)}; read {duck.RowsRead} / {csv.Report.RowsRead}");
        });
}
