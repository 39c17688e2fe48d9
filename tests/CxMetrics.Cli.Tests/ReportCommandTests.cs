using System.Diagnostics;
using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Sample;
using CxMetrics.Time;

namespace CxMetrics.Cli.Tests;

public class ReportCommandTests
{
    [Fact]
    public void Report_has_every_survey_section_and_is_deterministic()
    {
        string first = ReportCommand.Run(new ReportSettings());
        string second = ReportCommand.Run(new ReportSettings());
        Assert.Equal(first, second);
        foreach (string heading in new[] { "Headline", "NPS by channel", "NPS by segment", "NPS by month", "CSAT delivery by month", "CES 2.0 by support channel", "Conversion per session", "Retention-offer experiment", "Support responsiveness", "SLA attainment", "Cart abandonment", "closed funnel by session", "Retention curve by contract", "Survival by contract", "CLV — CDNOW sample", "Holdout check", "Subscription churn — synthetic", "Customer churn by quarter", "MRR movements by quarter (EUR)" })
        {
            Assert.Contains(heading, first, StringComparison.Ordinal);
        }

        Assert.Contains("2025-12", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_is_the_same_on_every_machine()
    {
        var data = SurveySample.Generate();
        Assert.Equal(6513, data.Nps.Count);
        Assert.Equal("n-1", data.Nps[0].Id);
        Assert.All(data.Nps, r => Assert.True(r.Score is null or >= 0 and <= 10));
    }

    [Fact]
    public void Quarterly_report_has_four_quarters()
    {
        string text = ReportCommand.Run(new ReportSettings(Period: PeriodUnit.Quarter));
        Assert.Contains("NPS by quarter", text, StringComparison.Ordinal);
        Assert.Contains("2025-Q4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_runs_end_to_end_and_rejects_bad_arguments()
    {
        var (code, output, _) = RunTool("report");
        Assert.Equal(0, code);
        Assert.Contains("NPS", output, StringComparison.Ordinal);

        var (badCode, _, error) = RunTool("report", "--level", "1.5");
        Assert.Equal(2, badCode);
        Assert.Contains("confidence level", error, StringComparison.Ordinal);

        var (unknownCode, _, unknownError) = RunTool("frobnicate");
        Assert.Equal(2, unknownCode);
        Assert.Contains("unknown command", unknownError, StringComparison.Ordinal);
        Assert.Single(unknownError.TrimEnd().Split('\n'));
    }

    private static (int Code, string Output, string Error) RunTool(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CxMetrics.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
