using System.Text.Json;
using CxMetrics.Acquisition;
using CxMetrics.Commerce;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Tests;

/// <summary>The <c>acquisition</c> command on the bundled shop and on a small folder checked against the core, and its errors.</summary>
public sealed class AcquisitionCommandTests : IDisposable
{
    private readonly string shop = Path.Combine(Path.GetTempPath(), "cxmetrics-acq-" + Guid.NewGuid().ToString("N"));

    public AcquisitionCommandTests()
    {
        Directory.CreateDirectory(shop);
        File.WriteAllText(Path.Combine(shop, "signups.csv"), """
            customer_id,acquired_at,source,campaign
            a1,2025-01-02T10:00:00Z,search,jan
            a2,2025-01-05T10:00:00Z,search,jan
            a3,2025-01-20T10:00:00Z,social,
            a4,2025-02-03T10:00:00Z,social,feb
            a5,2025-02-10T10:00:00Z,search,feb
            a6,2025-03-25T10:00:00Z,,
            """);
        File.WriteAllText(Path.Combine(shop, "orders.csv"), """
            customer_id,placed_at,amount,currency
            a1,2025-01-03T10:00:00Z,20,EUR
            a1,2025-03-01T10:00:00Z,30,EUR
            a2,2025-03-20T10:00:00Z,15,EUR
            a4,2025-02-04T10:00:00Z,40,EUR
            z9,2025-02-04T10:00:00Z,5,EUR
            """);
        File.WriteAllText(Path.Combine(shop, "acquisition_spend.csv"), """
            source,period_start,amount,currency
            search,2025-01-01,100,EUR
            social,2025-02-01,50,EUR
            """);
    }

    public void Dispose() => Directory.Delete(shop, recursive: true);

    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = Tool.Run([.. args, "--format", "json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static string[][] Rows(JsonElement root, string titleStart) =>
        [.. root.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("title").GetString()!.StartsWith(titleStart, StringComparison.Ordinal))
            .GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToArray())];

    [Fact]
    public void Bundled_shop_reads_signups_orders_and_spend_and_prints_every_table()
    {
        var (code, output, error) = Tool.Run("acquisition", "--format", "markdown");
        Assert.True(code == 0, error);
        Assert.Empty(error);
        foreach (string heading in new[]
        {
            "## Acquisition by source", "## Acquisition cohorts", "## Time to first purchase by source", "## Time to first purchase: share bought by day t",
            "## Acquisition by month of sign-up",
        })
        {
            Assert.Contains(heading, output, StringComparison.Ordinal);
        }

        Assert.Contains("As of 1998-07-01T00:00:00Z", output, StringComparison.Ordinal);
        Assert.Contains("acquisition_spend.csv: 20 rows read, 20 accepted, 0 rejected", output.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_reads_out_as_the_core_reads_out_the_same_records()
    {
        var asOf = Instant.FromUtc(2025, 4, 1, 0, 0);
        var root = Json("acquisition", shop, "--as-of", "2025-04-01T00:00:00Z", "--within", "7", "--min-cell", "0");
        var grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month);
        var expected = CustomerAcquisition.Of(
            [
                new AcquiredCustomer("a1", Instant.FromUtc(2025, 1, 2, 10, 0), "search", "jan"), new AcquiredCustomer("a2", Instant.FromUtc(2025, 1, 5, 10, 0), "search", "jan"),
                new AcquiredCustomer("a3", Instant.FromUtc(2025, 1, 20, 10, 0), "social"), new AcquiredCustomer("a4", Instant.FromUtc(2025, 2, 3, 10, 0), "social", "feb"),
                new AcquiredCustomer("a5", Instant.FromUtc(2025, 2, 10, 10, 0), "search", "feb"), new AcquiredCustomer("a6", Instant.FromUtc(2025, 3, 25, 10, 0)),
            ],
            [
                new Order("a1", Instant.FromUtc(2025, 1, 3, 10, 0), 20, "EUR"), new Order("a1", Instant.FromUtc(2025, 3, 1, 10, 0), 30, "EUR"),
                new Order("a2", Instant.FromUtc(2025, 3, 20, 10, 0), 15, "EUR"), new Order("a4", Instant.FromUtc(2025, 2, 4, 10, 0), 40, "EUR"),
                new Order("z9", Instant.FromUtc(2025, 2, 4, 10, 0), 5, "EUR"),
            ],
            [new AcquisitionSpend("search", grid.Containing(new LocalDate(2025, 1, 1)), 100, "EUR"), new AcquisitionSpend("social", grid.Containing(new LocalDate(2025, 2, 1)), 50, "EUR")],
            asOf, grid, new AcquisitionOptions { ConversionWindowDays = 7, MinimumCellSize = 0 });

        var bySource = Rows(root, "Acquisition by source");
        Assert.Equal(["(no source)", "search", "social", "all"], bySource.Select(r => r[0]));
        var search = expected.Sources.Single(l => l.Source == "search");
        Assert.Equal(["3", "0", "33.3%"], bySource[1][1..4]);                 // a1 bought within 7 days; a2 after 77 days; a5 not yet
        Assert.Equal((3L, 1L, 2L), (search.Acquired, search.FirstPurchase.Successes, search.Buyers));
        Assert.Equal(["1", "1", "—"], bySource[0][1..4]);                     // a6 signed up less than 7 days before the as-of: pending, no share
        Assert.Equal(expected.Total.Pending, long.Parse(bySource[3][2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Total.Buyers, long.Parse(bySource[3][5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("100.00 EUR", bySource[1][^4]);                          // search's spend
        Assert.Equal("50.00 EUR", bySource[1][^2]);                           // cost per buyer = 100 / 2 buyers
        var inputs = root.GetProperty("inputs");
        Assert.Equal(3, inputs.GetArrayLength());
        var periods = Rows(root, "Acquisition by month of sign-up");
        Assert.Equal(["2025-01", "2025-02", "2025-03"], periods.Select(r => r[0]));
        Assert.Equal("—", periods[0][5]);                                     // no change for the first period
    }

    [Theory]
    [InlineData("json")]
    [InlineData("html")]
    public void Report_reads_orders_csv_once_and_prints_the_acquisition_tables_the_command_prints(string format)
    {
        // Text and JSON fold the orders as rows (customer index), HTML as records (the charts keep them): both paths.
        string[] options = ["--as-of", "2025-04-01T00:00:00Z", "--min-cell", "0"];
        var (code, output, error) = Tool.Run(["report", shop, .. options, "--format", format]);
        Assert.True(code == 0, error);
        if (format == "html")
        {
            Assert.Contains("Acquisition by source", output, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, @"orders\.csv: 5 rows read"));
            return;
        }

        var report = JsonDocument.Parse(output).RootElement;
        string[] read = [.. report.GetProperty("inputs").EnumerateArray().Select(i => Path.GetFileName(i.GetProperty("file").GetString()!))];
        Assert.Single(read, "orders.csv");
        Assert.Contains("signups.csv", read);
        Assert.Contains("acquisition_spend.csv", read);

        // The report's section (orders from its one pass, sign-ups and spend read after) is the command's (sign-ups, orders, spend).
        var command = Json(["acquisition", shop, .. options]);
        static string[] Acquisition(JsonElement root) => [.. root.GetProperty("tables").EnumerateArray()
            .Where(t => t.GetProperty("title").GetString() is { } title && (title.StartsWith("Acquisition", StringComparison.Ordinal) || title.StartsWith("Time to first purchase", StringComparison.Ordinal)))
            .Select(t => t.GetRawText())];
        Assert.Equal(5, Acquisition(command).Length);
        Assert.Equal(Acquisition(command), Acquisition(report));
    }

    [Fact]
    public void The_report_s_acquisition_fold_refuses_orders_it_could_not_fold_or_did_not_finish()
    {
        // The report's section reads the orders only through the fold of the orders section's one pass.
        var unread = new CxMetrics.Cli.Commands.AcquiredOrders();
        Assert.Contains("could not be read", Assert.Throws<InvalidOperationException>(unread.Folded).Message, StringComparison.Ordinal);

        // Two currencies in records (a file with its currency column, read as records): the fold keeps the first error and
        // lets the pass go on for the other families; the acquisition section then fails with it.
        var mixed = new CxMetrics.Cli.Commands.AcquiredOrders();
        var input = CxMetrics.Cli.Input.OrderInput.InMemory([new Order("a1", Instant.FromUtc(2025, 1, 3, 0, 0), 20, "EUR"), new Order("a2", Instant.FromUtc(2025, 1, 4, 0, 0), 20, "USD"), new Order("a3", Instant.FromUtc(2025, 1, 5, 0, 0), 5, "EUR")]);
        int seen = 0;
        input.ForEach(mixed.Fold(input), new CxMetrics.Cli.Input.OrderFold(_ => seen++, _ => seen++));
        mixed.Complete();
        Assert.Equal(3, seen);
        Assert.StartsWith("orders.csv: ", Assert.Throws<InvalidOperationException>(mixed.Folded).Message, StringComparison.Ordinal);

        var fine = new CxMetrics.Cli.Commands.AcquiredOrders();
        var one = CxMetrics.Cli.Input.OrderInput.InMemory([new Order("a1", Instant.FromUtc(2025, 1, 3, 0, 0), 20, "EUR")]);
        one.ForEach(fine.Fold(one));
        fine.Complete();
        Assert.Same(fine, fine.Folded());
        Assert.Equal((1L, (Instant?)Instant.FromUtc(2025, 1, 3, 0, 0)), (fine.Tally.Orders, fine.Latest));
    }

    [Fact]
    public void Segment_campaign_groups_by_campaign_and_reads_the_spend_file_s_source_column_as_the_campaign()
    {
        File.WriteAllText(Path.Combine(shop, "acquisition_spend.csv"), "source,period_start,amount,currency\njan,2025-01-01,60,EUR\n");
        var root = Json("acquisition", shop, "--as-of", "2025-04-01T00:00:00Z", "--segment", "campaign", "--min-cell", "0");
        var rows = Rows(root, "Acquisition by source");
        Assert.Equal(["(no source)", "feb", "jan", "all"], rows.Select(r => r[0]));
        Assert.Equal("30.00 EUR", rows[2][^3]); // jan's CAC: 60 over a1 and a2
    }

    [Fact]
    public void Without_a_spend_file_the_costs_are_blank_and_a_note_says_why()
    {
        File.Delete(Path.Combine(shop, "acquisition_spend.csv"));
        var root = Json("acquisition", shop, "--as-of", "2025-04-01T00:00:00Z");
        Assert.All(Rows(root, "Acquisition by source"), r => Assert.Equal("—", r[^3]));
        Assert.Contains("no acquisition_spend.csv", Rows(root, "Acquisition spend")[0][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Spend_rows_off_the_grid_are_rejected_with_their_line_and_the_rest_is_read()
    {
        File.WriteAllText(Path.Combine(shop, "acquisition_spend.csv"), "source,period_start,amount,currency\nsearch,2025-01-15,100,EUR\nsocial,2025-02-01,50,EUR\n");
        var (code, output, error) = Tool.Run("acquisition", shop, "--as-of", "2025-04-01T00:00:00Z");
        Assert.True(code == 0, error);
        Assert.Contains("2 rows read, 1 accepted, 1 rejected", output, StringComparison.Ordinal);
        Assert.Contains("line 2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--within", "0")]
    [InlineData("--within", "abc")]
    [InlineData("--segment", "channel")]
    [InlineData("--period", "fortnight")]
    public void Bad_option_values_are_one_line_usage_errors(string option, string value)
    {
        var (code, output, error) = Tool.Run("acquisition", shop, option, value);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("cxmetrics: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Bad_data_is_a_one_line_data_error_without_a_stack_trace()
    {
        string missing = Path.Combine(shop, "no-signups");
        Directory.CreateDirectory(missing);
        File.Copy(Path.Combine(shop, "orders.csv"), Path.Combine(missing, "orders.csv"));
        var mixed = Path.Combine(shop, "mixed");
        Directory.CreateDirectory(mixed);
        File.Copy(Path.Combine(shop, "signups.csv"), Path.Combine(mixed, "signups.csv"));
        File.Copy(Path.Combine(shop, "orders.csv"), Path.Combine(mixed, "orders.csv"));
        File.WriteAllText(Path.Combine(mixed, "acquisition_spend.csv"), "source,period_start,amount,currency\nsearch,2025-01-01,100,USD\n");
        File.WriteAllText(Path.Combine(shop, "a-file.csv"), "x\n");
        foreach (string path in new[] { missing, mixed, Path.Combine(shop, "nothing-here"), Path.Combine(shop, "a-file.csv") })
        {
            var (code, output, error) = Tool.Run("acquisition", path);
            Assert.Equal(1, code);
            Assert.Empty(output);
            Assert.StartsWith("cxmetrics: ", error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Column_maps_rename_the_signup_columns()
    {
        File.WriteAllText(Path.Combine(shop, "signups.csv"), "user,joined,channel\na1,2025-01-02T10:00:00Z,search\n");
        var root = Json("acquisition", shop, "--as-of", "2025-04-01T00:00:00Z", "--columns", "customer_id=user,acquired_at=joined,source=channel");
        Assert.Equal(["search", "social", "all"], Rows(root, "Acquisition by source").Select(r => r[0])); // social: spend without sign-ups is shown, not dropped
    }
}
