using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;

namespace CxMetrics.Cli.Tests;

/// <summary>The tool's one-pass reading: a file is folded once, its account complete after the fold, progress on the error writer only.</summary>
public sealed class RecordStreamTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-stream-" + Guid.NewGuid().ToString("N"));

    public RecordStreamTests()
    {
        Directory.CreateDirectory(folder);
        var lines = new List<string> { "customer_id,answered_at,score,channel" };
        for (int i = 0; i < 250_000; i++)
        {
            lines.Add(i == 7 ? "c7,2025-01-01T10:00:00Z,12,web" : $"c{i},2025-01-{1 + (i % 28):00}T10:00:00Z,{i % 11},{(i % 2 == 0 ? "web" : "email")}");
        }

        File.WriteAllLines(Path.Combine(folder, "nps.csv"), lines);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_file_is_folded_once_and_its_account_is_complete_afterwards()
    {
        using var error = new StringWriter();
        var data = new ShopData();
        var stream = data.Surveys(Path.Combine(folder, "nps.csv"), null, 0, 10, new CliSettings { Progress = ProgressDisplay.To(error) });
        long seen = 0;
        stream.ForEach(_ => seen++);

        Assert.Equal(249_999, seen);
        var report = Assert.Single(data.Reports);
        Assert.Equal(250_000, report.RowsRead);
        Assert.Equal(1, report.RowsRejected);
        var again = Assert.Throws<InvalidOperationException>(() => stream.ForEach(_ => { }));
        Assert.Contains("already read", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folded_nps_tables_count_every_accepted_response_once_per_table()
    {
        var data = new ShopData();
        var doc = new ReportDocument("nps", "test");
        FamilyTables.Nps(doc, data.Surveys(Path.Combine(folder, "nps.csv"), null, 0, 10, new CliSettings()), new CliSettings());
        var result = Assert.IsType<CxMetrics.Surveys.NpsResult>(doc.Results["nps"]);
        Assert.Equal(249_999, result.Count);
        Assert.Equal(["email", "web"], doc.Tables[1].Rows.Select(r => r[0].ToString()));
        Assert.Equal(249_999, doc.Tables[1].Rows.Sum(r => long.Parse(r[3].ToString().Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("2025-01", Assert.Single(doc.Tables[2].Rows)[0].ToString());
    }
}
