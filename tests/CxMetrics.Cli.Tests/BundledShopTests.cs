using System.Text.RegularExpressions;

namespace CxMetrics.Cli.Tests;

/// <summary>The bundled shop folder (<c>samples/shop</c>) is exactly what <see cref="BundledShop"/> produces.</summary>
public sealed class BundledShopTests
{
    public static TheoryData<string> FileNames() => [.. BundledShop.Files.Keys];

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Committed_file_is_exactly_the_generated_or_converted_one(string file)
    {
        string expected = BundledShop.Files[file]();
        string bundled = Path.Combine(AppContext.BaseDirectory, "samples", "shop", file);
        if (Environment.GetEnvironmentVariable("CXMETRICS_WRITE_SAMPLES") == "1")
        {
            File.WriteAllText(Path.Combine(RepositoryRoot(), "samples", "shop", file), expected);
            return;
        }

        Assert.True(File.Exists(bundled), $"samples/shop/{file} is missing (CXMETRICS_WRITE_SAMPLES=1 writes it)");
        Assert.True(expected == File.ReadAllText(bundled), $"samples/shop/{file} is not what BundledShop makes (CXMETRICS_WRITE_SAMPLES=1 rewrites it)");
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("json")]
    [InlineData("html")]
    public void Bundled_report_is_the_report_of_the_shop_folder_in_every_format(string format)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "samples", "shop");
        var bundled = Tool.Run("report", "--format", format);
        var direct = Tool.Run("report", folder, "--format", format);
        Assert.True(bundled.Code == 0, bundled.Error);
        Assert.True(direct.Code == 0, direct.Error);

        // Only the report's source is named differently: the folder's full path (as written in text, or escaped in JSON), or
        // "bundled sample"; the files read are the same files.
        string full = Path.GetFullPath(folder);
        string named = direct.Output;
        foreach (string written in new[] { full, System.Text.Json.JsonEncodedText.Encode(full).ToString() })
        {
            named = Regex.Replace(named, Regex.Escape(written) + @"(?![\\/])", "bundled sample (samples/shop)");
        }

        Assert.Equal(named, bundled.Output);
    }

    [Fact]
    public void Bundled_report_has_every_family_of_the_shop_folder()
    {
        var (code, output, error) = Tool.Run("report", "--format", "markdown");
        Assert.True(code == 0, error);
        foreach (string heading in new[]
        {
            "## NPS by month", "## CSAT by touchpoint", "## CES by channel", "## Support (business hours, as of 2016-03-03T00:00:00Z)",
            "## Conversion by visitor-type", "## Cohort retention", "## Inactivity churn: no order in the last 90 days (as of 1998-07-01T00:00:00Z)",
            "## Customer summary (calibration to 1997-09-30 in UTC", "## MRR movements by month (EUR)", "## Survival by Contract (Kaplan–Meier; time in months)",
            "## Cart abandonment (unit session, as of 2022-08-28T22:00:00Z", "## Experiment checks (as of 2025-12-31T00:00:00Z", "## Acquisition by source", "## Acquisition by month of sign-up",
        })
        {
            Assert.Contains(heading, output, StringComparison.Ordinal);
        }

        // The experiment's planned split comes from report.args: 40% control, not equal shares of four arms.
        Assert.Contains("against the planned split control 40%, 10% off 20%, 15% off 20%, free shipping 20%", output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxMetrics.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("no CxMetrics.sln above the test's folder");
    }
}
