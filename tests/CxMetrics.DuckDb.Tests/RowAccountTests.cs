using System.Text;
using CxMetrics.DuckDb.Internal;

namespace CxMetrics.DuckDb.Tests;

public sealed class RowAccountTests : IDisposable
{
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void Locating_rejected_rows_stops_reading_once_every_reason_has_its_quota()
    {
        // 200,000 one-column rows: reason A every 10th row, reason B at rows 50 and 150,000. The leading rejected rows are
        // all A (so a LIMIT of the summed quota lacks B); every row past 100,000 raises an error when it is classified, so
        // the call fails if locating reads the whole file instead of stopping once A and B have their first row.
        var text = new StringBuilder("score\n");
        for (int row = 1; row <= 200_000; row++)
        {
            text.Append(row == 50 || row == 150_000 ? "b" : row % 10 == 0 ? "a" : "5").Append('\n');
        }

        string path = data.PathOf("guarded.csv");
        File.WriteAllText(path, text.ToString());
        static string Classified(string relation, bool numbered) => $"""
            WITH src AS (SELECT score, row_number() OVER () AS rn FROM {relation}),
            classified AS (SELECT rn, score AS example, 'score' AS col,
                CASE WHEN rn > 100000 THEN error('classified row ' || rn || ': the whole file was read')
                     WHEN score = 'a' THEN 'A' WHEN score = 'b' THEN 'B' END AS reason FROM src)
            """;
        var account = new RowAccount(200_000, 179_998, [new PushdownRejection { Reason = "A", Count = 19_999, Example = "a" }, new PushdownRejection { Reason = "B", Count = 2, Example = "b" }], null, null, []);
        using var connection = DuckDbConnections.Open();

        var located = account.Locate(connection, DuckDbSource.Csv(path), Classified, perReason: 1);

        Assert.Equal([11L], located.Rejections[0].Rows.Select(r => r.Line));
        Assert.Equal([51L], located.Rejections[1].Rows.Select(r => r.Line));
    }
}
