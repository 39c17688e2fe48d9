using System.Text.Json;
using DuckDB.NET.Data;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// Parquet files and <c>--engine duckdb</c> (issue 14, section 1, "more shapes"): the same data as CSV and as Parquet (written
/// by DuckDB itself from the CSV, with the types DuckDB detects) give the same figures and the same account of rows.
/// </summary>
public sealed class DuckDbInputTests : IDisposable
{
    // Line 5 has an amount that is not a number, line 7 no customer, line 9 a currency that is no ISO code.
    private const string Orders = """
        customer_id,placed_at,amount,currency
        c1,2024-01-05T10:00:00Z,10.5,EUR
        c2,2024-01-20T23:30:00+01:00,20,EUR
        c1,2024-02-05T10:00:00Z,5.25,EUR
        c3,2024-02-07T10:00:00Z,lots,EUR
        c3,2024-02-09T10:00:00Z,7,EUR
        ,2024-03-01T10:00:00Z,3,EUR
        c2,2024-03-05T10:00:00Z,12,EUR
        c4,2024-03-06T10:00:00Z,9,euro
        c4,2024-04-06T10:00:00Z,9,EUR
        c1,2024-04-16T10:00:00Z,1,EUR

        """;

    // Line 4 has a score outside 0–10, line 6 one that is not a whole number, line 8 an empty score (asked, unanswered).
    private const string Nps = """
        customer_id,answered_at,score,channel
        c1,2024-01-05T10:00:00Z,10,web
        c2,2024-01-31T23:30:00Z,9,app
        c3,2024-02-05T10:00:00Z,11,web
        c4,2024-02-06T10:00:00Z,3,web
        c5,2024-02-07T10:00:00Z,seven,app
        c6,2024-02-08T10:00:00Z,7,app
        c7,2024-03-08T10:00:00Z,,web
        c8,2024-03-09T10:00:00Z,0,app
        c9,2024-03-10T10:00:00Z,8,web

        """;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-duckdb-" + Guid.NewGuid().ToString("N"));

    public DuckDbInputTests()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(At("orders.csv"), Orders);
        File.WriteAllText(At("nps.csv"), Nps);
        File.WriteAllText(At("renamed.csv"), Orders.Replace("customer_id,placed_at,amount,currency", "Client,Paid at,Total,Cur", StringComparison.Ordinal));
        ToParquet("orders.csv", "orders.parquet");
        ToParquet("nps.csv", "nps.parquet");
        ToParquet("renamed.csv", "renamed.parquet");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string At(string name) => Path.Combine(folder, name);

    /// <summary>Writes a CSV file as Parquet with DuckDB, letting DuckDB detect the column types (timestamps become TIMESTAMPTZ, scores and amounts numbers where they can).</summary>
    private void ToParquet(string csv, string parquet)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv('{At(csv)}')) TO '{At(parquet)}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }

    /// <summary>The figures and the account of each input (rows read, accepted, rejected; rejections without their line), without file names.</summary>
    private static (string Figures, string Accounts) Parts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var accounts = doc.RootElement.GetProperty("inputs").EnumerateArray().Select(i =>
            $"{i.GetProperty("rowsRead").GetInt64()}={i.GetProperty("rowsAccepted").GetInt64()}+{i.GetProperty("rowsRejected").GetInt64()}: "
            + string.Join("; ", i.GetProperty("rejections").EnumerateArray().Select(r => $"{r.GetProperty("line").GetInt64()} {r.GetProperty("column")} {r.GetProperty("reason").GetString()}")));
        return (ColumnMapsTests.Figures(json), string.Join("\n", accounts));
    }

    private static (string Figures, string Accounts) Ok((int Code, string Output, string Error) run)
    {
        Assert.True(run.Code == 0, run.Error);
        return Parts(run.Output);
    }

    [Theory]
    [InlineData("cohorts")]
    [InlineData("clv")]
    public void Orders_as_parquet_give_the_figures_and_rejections_of_the_csv_file(string command)
    {
        var csv = Ok(Tool.Run(command, At("orders.csv"), "-f", "json"));
        var parquet = Ok(Tool.Run(command, At("orders.parquet"), "-f", "json"));
        Assert.Equal(csv.Figures, parquet.Figures);
        Assert.Equal(csv.Accounts, parquet.Accounts);
        Assert.StartsWith("10=7+3: 5 ", csv.Accounts, StringComparison.Ordinal);
    }

    [Fact]
    public void Survey_answers_as_parquet_give_the_figures_and_rejections_of_the_csv_file_by_period_and_segment()
    {
        string[] options = ["--period", "month", "--zone", "Europe/Berlin", "--segment", "channel", "-f", "json"];
        var csv = Ok(Tool.Run(["nps", At("nps.csv"), .. options]));
        var parquet = Ok(Tool.Run(["nps", At("nps.parquet"), .. options]));
        Assert.Equal(csv.Figures, parquet.Figures);
        Assert.Equal(csv.Accounts, parquet.Accounts);
        Assert.StartsWith("9=7+2: 4 ", csv.Accounts, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_parquet_columns_read_as_the_csv_text_they_came_from()
    {
        // Without bad rows DuckDB types the columns: amounts DOUBLE, times TIMESTAMP WITH TIME ZONE; scores are written as
        // DOUBLE (7.0), as an exporter whose score column has gaps writes them.
        File.WriteAllLines(At("clean-orders.csv"), Orders.Split('\n').Where(l => !l.Contains("lots", StringComparison.Ordinal) && !l.StartsWith(',') && !l.Contains("euro", StringComparison.Ordinal) && l.Length > 0));
        File.WriteAllLines(At("clean-nps.csv"), Nps.Split('\n').Where(l => !l.Contains("seven", StringComparison.Ordinal) && !l.Contains(",11,", StringComparison.Ordinal) && l.Length > 0));
        ToParquet("clean-orders.csv", "clean-orders.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT customer_id, answered_at, CAST(score AS DOUBLE) AS score, channel FROM read_csv('{At("clean-nps.csv")}')) TO '{At("clean-nps.parquet")}' (FORMAT parquet)";
            command.ExecuteNonQuery();
            command.CommandText = $"SELECT string_agg(DISTINCT typeof(amount) || '/' || typeof(placed_at)) FROM '{At("clean-orders.parquet")}'";
            Assert.Equal("DOUBLE/TIMESTAMP WITH TIME ZONE", command.ExecuteScalar());
        }

        var orders = Ok(Tool.Run("cohorts", At("clean-orders.csv"), "-f", "json"));
        Assert.Equal(orders, Ok(Tool.Run("cohorts", At("clean-orders.parquet"), "-f", "json")));
        Assert.StartsWith("7=7+0", orders.Accounts, StringComparison.Ordinal);
        var nps = Ok(Tool.Run("nps", At("clean-nps.csv"), "--period", "month", "-f", "json"));
        Assert.Equal(nps, Ok(Tool.Run("nps", At("clean-nps.parquet"), "--period", "month", "-f", "json")));
        Assert.StartsWith("7=7+0", nps.Accounts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cohorts", "orders.csv")]
    [InlineData("nps", "nps.csv")]
    public void A_csv_file_through_duckdb_gives_the_figures_and_the_rejected_lines_of_the_builtin_reader(string command, string file)
    {
        var builtin = Ok(Tool.Run(command, At(file), "-f", "json"));
        var duckDb = Ok(Tool.Run(command, At(file), "--engine", "duckdb", "-f", "json"));
        Assert.Equal(builtin.Figures, duckDb.Figures);
        Assert.Equal(builtin.Accounts, duckDb.Accounts);
    }

    [Fact]
    public void A_column_map_and_the_currency_and_maximum_amount_apply_to_parquet_as_to_csv()
    {
        string[] options = ["--columns", "customer_id=Client,placed_at=Paid at,amount=Total,currency=", "--currency", "EUR", "--max-amount", "15", "-f", "json"];
        var csv = Ok(Tool.Run(["cohorts", At("renamed.csv"), .. options]));
        var parquet = Ok(Tool.Run(["cohorts", At("renamed.parquet"), .. options]));
        Assert.Equal(csv.Figures, parquet.Figures);
        Assert.Equal(csv.Accounts, parquet.Accounts);
        Assert.Contains("20", csv.Accounts, StringComparison.Ordinal); // the 20 EUR order is over --max-amount 15
        Assert.DoesNotContain("euro", csv.Accounts, StringComparison.Ordinal); // no currency column: --currency EUR for all
    }

    [Fact]
    public void A_folder_with_orders_parquet_and_no_csv_is_read_through_duckdb()
    {
        string only = At("parquet-only");
        Directory.CreateDirectory(only);
        File.Copy(At("orders.parquet"), Path.Combine(only, "orders.parquet"));
        var csv = Ok(Tool.Run("cohorts", At("orders.csv"), "-f", "json"));
        var parquet = Ok(Tool.Run("cohorts", only, "-f", "json"));
        Assert.Equal(csv.Figures, parquet.Figures);
    }

    [Fact]
    public void Input_format_parquet_reads_a_parquet_file_under_another_name()
    {
        File.Copy(At("nps.parquet"), At("nps.bin"));
        var csv = Ok(Tool.Run("nps", At("nps.csv"), "-f", "json"));
        var parquet = Ok(Tool.Run("nps", At("nps.bin"), "--input-format", "parquet", "-f", "json"));
        Assert.Equal(csv.Figures, parquet.Figures);
    }

    [Fact]
    public void A_parquet_file_with_the_builtin_engine_is_a_one_line_usage_error()
    {
        var (code, output, error) = Tool.Run("nps", At("nps.parquet"), "--engine", "builtin");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"cxmetrics: {At("nps.parquet")}: a Parquet file is read by DuckDB, and --engine builtin reads CSV and JSON Lines only (give --engine auto or duckdb).", error.TrimEnd());
    }

    [Fact]
    public void Experiment_files_as_parquet_are_a_usage_error_naming_the_kinds_duckdb_reads()
    {
        string experiment = At("experiment");
        Directory.CreateDirectory(experiment);
        File.Copy(At("orders.parquet"), Path.Combine(experiment, "assignments.parquet"));
        File.WriteAllText(Path.Combine(experiment, "outcomes.csv"), "customer_id,occurred_at,revenue,currency\n");
        var (code, _, error) = Tool.Run("experiment", experiment);
        Assert.Equal(2, code);
        Assert.Contains("assignments files are read by the built-in reader only", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Json_lines_and_standard_input_with_duckdb_are_usage_errors()
    {
        File.WriteAllText(At("nps.jsonl"), "{\"customer_id\":\"c1\",\"answered_at\":\"2024-01-05T10:00:00Z\",\"score\":9}\n");
        var json = Tool.Run("nps", At("nps.jsonl"), "--engine", "duckdb");
        Assert.Equal(2, json.Code);
        Assert.Contains("--engine duckdb reads CSV and Parquet files, and this one is read as JSON Lines", json.Error, StringComparison.Ordinal);
        var stdin = Tool.RunProcess(Nps, ["nps", "-", "--engine", "duckdb"]);
        Assert.Equal(2, stdin.Code);
        Assert.Contains("DuckDB reads files, not standard input", stdin.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--engine", "spark", "--engine: 'spark' is not auto, builtin or duckdb.")]
    [InlineData("--encoding", "latin1", "the encoding iso-8859-1 (DuckDB reads UTF-8) is read by the built-in reader only")]
    public void An_engine_or_option_duckdb_cannot_use_is_a_usage_error(string option, string value, string expected)
    {
        string[] engine = option == "--engine" ? [] : ["--engine", "duckdb"];
        var (code, _, error) = Tool.Run(["nps", At("nps.csv"), option, value, .. engine]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_parquet_is_a_one_line_data_error_without_a_stack_trace()
    {
        File.WriteAllText(At("broken.parquet"), "customer_id,answered_at,score\n");
        var (code, output, error) = Tool.Run("nps", At("broken.parquet"));
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith($"cxmetrics: Parquet {At("broken.parquet")}: DuckDB cannot read it:", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_file_with_a_row_wider_than_its_header_is_a_one_line_data_error_through_duckdb()
    {
        File.WriteAllText(At("ragged.csv"), "customer_id,answered_at,score\nc1,2024-01-05T10:00:00Z,9\nc2,2024-01-06T10:00:00Z,9,extra\n");
        var builtin = Tool.Run("nps", At("ragged.csv"));
        Assert.Equal(0, builtin.Code); // the built-in reader rejects line 3 and goes on
        var (code, output, error) = Tool.Run("nps", At("ragged.csv"), "--engine", "duckdb");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("DuckDB does not take the first line for the header", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_csv_file_with_an_unclosed_quote_is_a_data_error_naming_the_line_through_duckdb()
    {
        File.WriteAllText(At("unclosed.csv"), "customer_id,answered_at,score\nc1,2024-01-05T10:00:00Z,9\nc2,\"2024-01-06T10:00:00Z,9\n");
        var (code, output, error) = Tool.Run("nps", At("unclosed.csv"), "--engine", "duckdb");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
