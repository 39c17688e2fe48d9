using System.Globalization;
using System.Text;

namespace CxMetrics.Csv.Tests;

[Collection(HeapMeasurements.Name)]
public class JsonLinesStreamingTests
{
    [Fact]
    public async Task Unnesting_a_long_json_lines_file_keeps_memory_flat()
    {
        const int sessions = 60_000, events = 5;
        string path = Path.Combine(Path.GetTempPath(), $"sessions-{Guid.NewGuid():N}.jsonl");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            var line = new StringBuilder();
            for (int s = 0; s < sessions; s++)
            {
                line.Clear().Append("{\"session\":").Append(s).Append(",\"events\":[");
                for (int e = 0; e < events; e++)
                {
                    line.Append(e == 0 ? string.Empty : ",").Append("{\"aid\":").Append((s * 7 + e) % 100_000).Append(",\"ts\":").Append(1659304800025L + (s * events) + e).Append(",\"type\":\"clicks\"}");
                }

                writer.Write(line.Append("]}\n"));
            }
        }

        try
        {
            var records = CsvTable.Read(path, ["session", "aid", "ts", "type"], row => row.GetString("ts").Length, new CsvReadOptions { Unnest = "events" });
            long count = 0, at10k = 0, atEnd = 0;
            await foreach (var _ in records)
            {
                count++;
                if (count == 10_000)
                {
                    at10k = GC.GetTotalMemory(forceFullCollection: true);
                }
                else if (count == sessions * events)
                {
                    atEnd = GC.GetTotalMemory(forceFullCollection: true);
                }
            }

            Assert.Equal(sessions * events, count);
            Assert.Equal((300_000L, 300_000L, 0L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
            // The file is about 18 MB and its rows would be far more as objects; the reader holds one line and its rows.
            Assert.True(atEnd - at10k < 4_000_000, string.Create(CultureInfo.InvariantCulture, $"heap grew by {atEnd - at10k:N0} bytes while streaming"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
