using System.Globalization;
using System.Text;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.DuckDb.Tests;

/// <summary>CSV files DuckDB cannot split into rows: the package names the physical line, or says the line is unknown.</summary>
public sealed class CsvFaultTests : IDisposable
{
    private const string Header = "response_id,segment,answered_at,score";
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    private string Write(string file, string text)
    {
        File.WriteAllText(data.PathOf(file), text, new UTF8Encoding(false));
        return data.PathOf(file);
    }

    private static PushdownException Fails(string path)
    {
        using var connection = DuckDbConnections.Open();
        return Assert.Throws<PushdownException>(() => DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path)));
    }

    [Fact]
    public void A_wrong_field_count_deep_in_the_file_after_a_quoted_two_line_field_names_its_physical_line()
    {
        // Line 1 header, lines 2–3 one row whose segment spans two lines, lines 4–25,003 good rows, line 25,004 five fields.
        var text = new StringBuilder(Header).Append('\n').Append("r0,\"two\nlines\",2025-01-01T10:00:00Z,9\n");
        for (int i = 1; i <= 25_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"r{i},web,2025-01-01T10:00:00Z,{i % 11}\n");
        }

        text.Append("bad,web,2025-01-01T10:00:00Z,9,extra\nr-last,web,2025-01-01T10:00:00Z,9\n");
        string path = Write("deep.csv", text.ToString());

        var error = Fails(path);

        Assert.Contains("line 25004: the row has 5 fields where the header has 4", error.Message, StringComparison.Ordinal);
        Assert.IsType<DuckDB.NET.Data.DuckDBException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public void A_wrong_field_count_among_the_first_rows_names_its_line_instead_of_a_dialect_error()
    {
        string path = Write("short.csv", Header + "\nr1,web,2025-01-01T10:00:00Z,9\nr2,web,2025-01-01T10:00:00Z\nr3,web,2025-01-01T10:00:00Z,9\n");

        var error = Fails(path);

        Assert.Contains("line 3: the row has 3 fields where the header has 4", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dialect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unterminated_quote_names_the_line_where_it_opens()
    {
        string path = Write("quote.csv", Header + "\nr1,web,2025-01-01T10:00:00Z,9\nr2,\"web,2025-01-01T10:00:00Z,9\nr3,web,2025-01-01T10:00:00Z,9\n");

        var error = Fails(path);

        Assert.Contains("line 3: a quoted field opened on this line is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_reported_as_having_no_header_row_for_surveys_and_orders()
    {
        string path = Write("empty.csv", string.Empty);
        using var connection = DuckDbConnections.Open();

        var surveys = Assert.Throws<PushdownException>(() => DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path)));
        var orders = Assert.Throws<PushdownException>(() => DuckDbOrders.CustomerSummary(connection, DuckDbSource.Csv(path), DateTimeZone.Utc, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2025, 1, 1) }));

        Assert.All([surveys, orders], e => Assert.Contains("line 1: the file is empty: there is no header row", e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("column0", surveys.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_glob_the_fault_names_the_file_and_its_line()
    {
        Write("part-a.csv", Header + "\nr1,web,2025-01-01T10:00:00Z,9\n");
        string b = Write("part-b.csv", Header + "\nr2,web,2025-01-01T10:00:00Z,9\n\nr3,web;2025-01-01T10:00:00Z,9\n");

        var error = Fails(Path.Combine(data.Folder, "part-*.csv"));

        Assert.Contains($"file {b}: line 4: the row has 3 fields where the header has 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_in_a_well_formed_file_keeps_duckdbs_own_error()
    {
        string path = Write("fine.csv", "id,points\nr1,9\n");
        using var connection = DuckDbConnections.Open();

        var error = Assert.ThrowsAny<Exception>(() => DuckDbSurveys.Nps(connection, DuckDbSource.Csv(path)));

        Assert.IsNotType<PushdownException>(error);
        Assert.Contains("score", error.Message, StringComparison.Ordinal);
    }
}
