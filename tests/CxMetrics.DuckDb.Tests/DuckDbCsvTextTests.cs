using System.Text;

namespace CxMetrics.DuckDb.Tests;

/// <summary>The rows of a source as CSV text: typed columns written as the text a CSV reader takes, in file order.</summary>
public sealed class DuckDbCsvTextTests : IDisposable
{
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    private static string Read(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Typed_parquet_columns_become_iso_times_whole_numbers_and_quoted_fields()
    {
        string parquet = data.PathOf("typed.parquet");
        using var connection = DuckDbConnections.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                COPY (SELECT * FROM (VALUES
                        (1, TIMESTAMPTZ '2025-03-01 10:00:00+01', TIMESTAMP '2025-03-01 10:00:00', 7.0::DOUBLE, 12.50::DECIMAL(9, 2), 'a, "b"'),
                        (2, NULL, NULL, 7.5::DOUBLE, NULL, 'two' || chr(10) || 'lines'))
                      AS t(n, at_utc, at_local, score, amount, note) ORDER BY n)
                TO '{parquet}' (FORMAT parquet)
                """;
            command.ExecuteNonQuery();
        }

        var source = DuckDbSource.Parquet(parquet);
        Assert.Equal(["n", "at_utc", "at_local", "score", "amount", "note"], DuckDbCsvText.Columns(connection, source));
        string text = Read(DuckDbCsvText.Open(connection, source));
        Assert.Equal(
            "n,at_utc,at_local,score,amount,note\n"
            + "1,2025-03-01T09:00:00.000000Z,2025-03-01T10:00:00.000000,7,12.50,\"a, \"\"b\"\"\"\n"
            + "2,,,7.5,,\"two\nlines\"\n",
            text);
    }

    [Fact]
    public void A_csv_file_comes_back_row_by_row_in_file_order_with_the_delimiter_asked_for()
    {
        var csv = new StringBuilder("id,score\n");
        var expected = new StringBuilder("id;score\n");
        for (int i = 0; i < 50_000; i++)
        {
            csv.Append($"r{i},{i % 11}\n");
            expected.Append($"r{i};{i % 11}\n");
        }

        string path = data.PathOf("rows.csv");
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        using var connection = DuckDbConnections.Open();
        Assert.Equal(expected.ToString(), Read(DuckDbCsvText.Open(connection, DuckDbSource.Csv(path), ';')));
    }

    [Fact]
    public void A_file_that_is_not_parquet_throws_a_pushdown_exception_naming_it()
    {
        string path = data.PathOf("not.parquet");
        File.WriteAllText(path, "id,score\n");
        using var connection = DuckDbConnections.Open();
        var e = Assert.Throws<PushdownException>(() => DuckDbCsvText.Open(connection, DuckDbSource.Parquet(path)));
        Assert.StartsWith($"Parquet {path}: DuckDB cannot read it: ", e.Message, StringComparison.Ordinal);
    }
}
