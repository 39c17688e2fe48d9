using System.Globalization;
using System.Text;
using CxMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// <see cref="CsvRow"/> reads a CSV cell's timestamp (ISO 8601 with an offset) and small whole numbers from its bytes and
/// hands out one string per distinct value of a column with few values. The same cells as JSON Lines go through the
/// string path alone, so both must give the same responses and the same rejections (line numbers one apart: the CSV
/// header takes line 1).
/// </summary>
public class CsvRowFastPathTests
{
    private static readonly string[] Times =
    [
        "2024-01-15T10:23:45Z", "2024-01-15 10:23:45+01:00", " 2024-01-15T10:23:45Z ", "2024-02-30T00:00:00Z", "2016-12-31T23:59:60Z",
        "2024-01-15T24:00:00Z", "2024-01-15T10:23:45.123456789Z", "2024-01-15T10:23", "2024-01-15", "NA", "x", "9999-12-31T23:59:59-18:00",
        "2024-01-15T10:23:45+18:30", "0000-01-01T00:00:00Z",
    ];

    private static readonly string[] Scores = ["9", "10", "0", " 7 ", "007", "11", "-1", "+5", "NA", "", "1234567890", "٣", "1.0", "x", "999999999"];

    private static readonly string[] Channels = ["web", "app", "web ", "", "NA", "Zoë", "\u00A0web", "2024-01-15T10:23:45Z"];

    [Property(MaxTest = 200)]
    public Property Csv_cells_read_as_the_string_path_reads_them(int seed, PositiveInt count)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("customer_id,answered_at,score,channel,segment\n");
        for (int i = 0; i < count.Get % 400; i++)
        {
            string Pick(string[] values) => values[random.Next(values.Length)];
            // Ids beyond the small-string table's capacity, channels and segments within it.
            csv.Append(CultureInfo.InvariantCulture, $"c{random.Next(600)},{Pick(Times)},{Pick(Scores)},{Pick(Channels)},s{random.Next(3)}\n");
        }

        var options = new CsvReadOptions { MissingValues = ["NA", "2024-01-15T10:23:45Z", "007"] };
        var fromCsv = SurveyCsv.Read(new StringReader(csv.ToString()), 0, 10, options: options);
        var fromJson = SurveyCsv.Read(new StringReader(JsonLinesTests.ToJsonLines(csv.ToString())), 0, 10, options: options with { Format = CsvInputFormat.JsonLines });
        var expected = fromJson.ToList();
        var actual = fromCsv.ToList();
        return (expected.SequenceEqual(actual)
            && fromCsv.Report.Rejections.Select(r => (r.Line - 1, r.Column, r.Reason)).SequenceEqual(fromJson.Report.Rejections.Select(r => (r.Line, r.Column, r.Reason))))
            .Label($"{expected.Count} / {actual.Count} responses");
    }

    [Fact]
    public void A_tabled_column_still_rejects_bytes_that_are_not_utf8_after_a_good_value()
    {
        byte[] file = [.. Encoding.ASCII.GetBytes("customer_id,answered_at,score,channel\nc1,2024-01-15T10:23:45Z,9,web\nc2,2024-01-15T10:23:45Z,9,w"), 0xFC, .. Encoding.ASCII.GetBytes("b\nc3,2024-01-15T10:23:45Z,9,web\n")];
        var responses = SurveyCsv.Read(new MemoryStream(file), 0, 10);
        var read = responses.ToList();
        Assert.Equal(["web", "web"], read.Select(r => r.Channel));
        Assert.Same(read[0].Channel, read[1].Channel);
        Assert.Equal(3L, Assert.Single(responses.Report.Rejections).Line);
        Assert.Equal("channel", responses.Report.Rejections[0].Column);
    }
}
