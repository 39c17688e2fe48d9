using System.Text.Json;
using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;

namespace CxMetrics.Cli.Tests;

public sealed class FamilyCommandsTests : IDisposable
{
    private readonly string shop = Path.Combine(Path.GetTempPath(), "cxmetrics-family-" + Guid.NewGuid().ToString("N"));

    public FamilyCommandsTests()
    {
        Directory.CreateDirectory(shop);
        File.WriteAllText(Path.Combine(shop, "subscriptions.csv"), """
            subscription_id,customer_id,event,at,mrr,currency
            s1,c1,start,2025-01-05T10:00:00Z,10,EUR
            s2,c2,start,2025-01-10T10:00:00Z,20,EUR
            s3,c3,start,2025-02-03T10:00:00Z,30,EUR
            s1,c1,cancel,2025-02-20T10:00:00Z,,
            s3,c3,cancel,2025-02-25T10:00:00Z,,
            s2,c2,upgrade,2025-03-01T10:00:00Z,40,EUR
            s9,c9,start,2025-03-02T10:00:00Z,40,USD
            """);
        File.WriteAllText(Path.Combine(shop, "orders.csv"), """
            customer_id,placed_at,amount,currency,segment
            c1,2025-01-02T10:00:00Z,10.50,EUR,a
            c1,2025-02-10T10:00:00Z,20,EUR,a
            c2,2025-01-15T10:00:00Z,5,EUR,b
            c3,2025-02-01T10:00:00Z,7,EUR,b
            c3,2025-03-01T10:00:00Z,7,EUR,b
            """);
        File.WriteAllText(Path.Combine(shop, "cart_events.csv"), """
            cart_id,event,at,value,currency,device
            k1,add_to_cart,2025-03-01T10:00:00Z,20,EUR,mobile
            k1,begin_checkout,2025-03-01T10:05:00Z,,,
            k1,purchase,2025-03-01T10:10:00Z,20,EUR,
            k2,add_to_cart,2025-03-01T08:00:00Z,15,EUR,desktop
            k3,add_to_cart,2025-03-01T11:55:00Z,9,EUR,mobile
            k4,add_to_cart,2025-03-01T11:00:00Z,9,GBP,mobile
            """);
    }

    public void Dispose() => Directory.Delete(shop, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => Tool.Run(args);

    [Fact]
    public void Bundled_subscription_sample_is_exactly_the_generator_output()
    {
        string generated = Generators.SubscriptionGenerator.GenerateCsv();
        string bundled = File.ReadAllText(SubscriptionSample.Path);
        if (generated != bundled)
        {
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "subscription_events.generated.csv"), generated);
        }

        Assert.Equal(generated, bundled);
    }

    [Theory]
    [InlineData("churn", "## Customer churn by month")]
    [InlineData("churn", "## MRR movements by month (EUR)")]
    [InlineData("cohorts", "## Cohort retention")]
    [InlineData("funnel", "## Cart abandonment (unit session")]
    [InlineData("clv", "## Top 10 customers by predicted 12-month value")]
    public void New_commands_run_on_the_bundled_samples(string command, string heading)
    {
        var (code, output, error) = Run(command, "--format", "markdown");
        Assert.True(code == 0, error);
        Assert.Empty(error);
        Assert.Contains(heading, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Churn_from_subscription_events_honours_denominator_and_same_period_policy()
    {
        var (code, output, _) = Run("churn", shop, "--as-of", "2025-04-01T00:00:00Z", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("subscriptions.csv: 7 rows read, 6 accepted, 1 rejected", output, StringComparison.Ordinal);
        Assert.Contains("currency 'USD' differs from 'EUR'", output, StringComparison.Ordinal);
        Assert.Contains("| 2025-02 | 50.00% |", output, StringComparison.Ordinal); // c1 of {c1, c2}; c3 joined and churned: excluded
        Assert.Contains("| 2025-02 | 30.00 | 30.00 | 0.00 | 0.00 | -40.00 | 0.00 | 20.00 |", output, StringComparison.Ordinal);
        Assert.Contains("| 2025-03 | 20.00 | 0.00 | 20.00 | 0.00 | 0.00 | 0.00 | 40.00 |", output, StringComparison.Ordinal);
        Assert.Contains("## Logo retention: share of the cohort paying at the end of each period", output, StringComparison.Ordinal);
        Assert.Contains("## MRR retention: the cohort's MRR at the end of each period over its starting MRR", output, StringComparison.Ordinal);

        var (includeCode, include, _) = Run("churn", shop, "--as-of", "2025-04-01T00:00:00Z", "--denominator", "start-plus-new", "--same-period", "include", "--format", "markdown");
        Assert.Equal(0, includeCode);
        Assert.Contains("| 2025-02 | 66.67% |", include, StringComparison.Ordinal); // 2 of (2 + 1)
    }

    [Fact]
    public void Churn_leaves_the_unfinished_period_out()
    {
        var (code, output, _) = Run("churn", Path.Combine(shop, "subscriptions.csv"), "--format", "markdown");
        Assert.Equal(0, code);
        Assert.DoesNotContain("| 2025-03 |", output, StringComparison.Ordinal);
        Assert.Contains("left out (pending)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Churn_on_orders_needs_a_window_and_then_judges_inactivity()
    {
        var orders = Path.Combine(shop, "orders.csv");
        var (code, _, error) = Run("churn", orders);
        Assert.Equal(2, code);
        Assert.Contains("needs --window", error, StringComparison.Ordinal);

        var (okCode, output, _) = Run("churn", orders, "--window", "30d", "--as-of", "2025-03-20T00:00:00Z", "--segment", "segment", "--format", "markdown");
        Assert.Equal(0, okCode);
        // as of 03-20 with 30 days: c1 (last 02-10) churned, c2 (last 01-15) churned, c3 (last 03-01) active
        Assert.Contains("| inactivity churn | 66.7% |", output, StringComparison.Ordinal);
        Assert.Contains("## Inactivity churn by segment", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Cohorts_of_orders_by_calendar_period_elapsed_window_and_segment()
    {
        var (code, output, _) = Run("cohorts", shop, "--format", "markdown", "--as-of", "2025-04-01T00:00:00Z", "--segment", "segment");
        Assert.Equal(0, code);
        Assert.Contains("| 2025-01 | 2 | 50.0% | 0.0% |", output, StringComparison.Ordinal);
        Assert.Contains("| 2025-02 | 1 | 100.0% |", output, StringComparison.Ordinal);
        Assert.Contains("## Pooled cohort retention by segment", output, StringComparison.Ordinal);

        var (windowCode, window, _) = Run("cohorts", shop, "--window", "30d", "--format", "markdown");
        Assert.Equal(0, windowCode);
        Assert.Contains("30-day window", window, StringComparison.Ordinal);
    }

    [Fact]
    public void Funnel_from_cart_events_counts_pending_apart_and_rejects_a_second_currency()
    {
        var (code, output, _) = Run("funnel", shop, "--as-of", "2025-03-01T12:00:00Z", "--timeout", "30m", "--segment", "device", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("cart_events.csv: 6 rows read, 5 accepted, 1 rejected", output, StringComparison.Ordinal);
        Assert.Contains("| cart abandonment | 50.0% |", output, StringComparison.Ordinal); // k1 bought, k2 abandoned, k3 pending
        Assert.Contains("| cart abandonment | 50.0% | [9.5%, 90.5%] | 1 | 1 | 1 |", output, StringComparison.Ordinal);
        Assert.Contains("| begin checkout |", output, StringComparison.Ordinal);
        Assert.DoesNotContain("| shipping info |", output, StringComparison.Ordinal);
        Assert.Contains("## Cart abandonment by device", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Clv_with_calibration_end_reports_the_fit_status_and_never_invents_predictions()
    {
        var (code, output, _) = Run("clv", shop, "--calibration-end", "2025-01-31", "--horizon", "6", "--top", "3", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("## Model fits", output, StringComparison.Ordinal);
        Assert.Contains("calibration to 2025-01-31", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Clv_on_the_bundled_sample_gives_a_converged_fit_and_a_holdout_check()
    {
        var (code, output, _) = Run("clv", "--format", "json", "--top", "3", "--horizon", "6", "--discount", "0.02");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(2357, root.GetProperty("results").GetProperty("customerSummary").GetProperty("customers").GetInt32());
        Assert.Equal("Converged", root.GetProperty("tables")[1].GetProperty("rows")[0][4].GetProperty("text").GetString());
        var titles = root.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToList();
        Assert.Contains(titles, t => t!.StartsWith("Calibration vs holdout by calibration frequency", StringComparison.Ordinal));
        Assert.Contains("Top 3 customers by predicted 6-month value", titles);
    }

    [Fact]
    public void Clv_intervals_print_the_base_total_and_the_top_customers_with_intervals_identically_for_a_seed()
    {
        var (code, output, error) = Run("clv", "--format", "json", "--top", "3", "--intervals", "--draws", "40", "--seed", "7");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var intervals = doc.RootElement.GetProperty("results").GetProperty("customerValueIntervals");
        Assert.Equal(40, intervals.GetProperty("draws").GetInt32());
        Assert.Equal(7, intervals.GetProperty("seed").GetInt32());
        Assert.Equal(3, intervals.GetProperty("rows").GetArrayLength());
        double total = intervals.GetProperty("totalValue").GetDouble();
        Assert.InRange(total, intervals.GetProperty("totalValueLower").GetDouble(), intervals.GetProperty("totalValueUpper").GetDouble());
        var titles = doc.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToList();
        Assert.Contains("Customer base over 12 months, with 95% intervals", titles);
        var (_, again, _) = Run("clv", "--format", "json", "--top", "3", "--intervals", "--draws", "40", "--seed", "7");
        using var second = JsonDocument.Parse(again);
        Assert.Equal(intervals.GetRawText(), second.RootElement.GetProperty("results").GetProperty("customerValueIntervals").GetRawText());
    }

    [Fact]
    public void Clv_intervals_take_their_level_from_the_level_option()
    {
        // Same draws (seed 7) at 80% and 95%: the 80% interval is the inner percentiles of the same totals, so it nests inside.
        var (code, output, error) = Run("clv", "--format", "json", "--top", "1", "--intervals", "--draws", "40", "--seed", "7", "--level", "0.8");
        Assert.True(code == 0, error);
        var (_, wide, _) = Run("clv", "--format", "json", "--top", "1", "--intervals", "--draws", "40", "--seed", "7");
        using var doc = JsonDocument.Parse(output);
        using var wideDoc = JsonDocument.Parse(wide);
        var narrow = doc.RootElement.GetProperty("results").GetProperty("customerValueIntervals");
        var broad = wideDoc.RootElement.GetProperty("results").GetProperty("customerValueIntervals");
        Assert.Equal(0.8, narrow.GetProperty("confidenceLevel").GetDouble());
        Assert.Equal(0.95, broad.GetProperty("confidenceLevel").GetDouble());
        Assert.Equal(broad.GetProperty("totalValue").GetDouble(), narrow.GetProperty("totalValue").GetDouble());
        double lower = narrow.GetProperty("totalValueLower").GetDouble(), upper = narrow.GetProperty("totalValueUpper").GetDouble();
        Assert.True(lower > broad.GetProperty("totalValueLower").GetDouble() && upper < broad.GetProperty("totalValueUpper").GetDouble(), $"80% {lower}–{upper} inside 95%");
        var titles = doc.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToList();
        Assert.Contains("Customer base over 12 months, with 80% intervals", titles);
        var (bad, _, message) = Run("clv", "--intervals", "--level", "1.5");
        Assert.Equal(2, bad);
        Assert.Contains("--level", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clv_regularise_fits_by_maximum_a_posteriori_and_says_so()
    {
        var (code, output, error) = Run("clv", "--regularise", "--top", "0");
        Assert.True(code == 0, error);
        Assert.Contains("Model fits (regularised: maximum a posteriori", output, StringComparison.Ordinal);
        Assert.Contains("Converged", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("churn")]
    [InlineData("cohorts")]
    [InlineData("funnel")]
    [InlineData("clv")]
    public void Json_output_of_the_new_commands_parses_and_accounts_for_every_row(string command)
    {
        var (code, output, error) = Run(command, shop, "--format", "json", "--as-of", "2025-04-01T00:00:00Z");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(command, root.GetProperty("command").GetString());
        foreach (var input in root.GetProperty("inputs").EnumerateArray())
        {
            Assert.Equal(input.GetProperty("rowsRead").GetInt64(), input.GetProperty("rowsAccepted").GetInt64() + input.GetProperty("rowsRejected").GetInt64());
        }

        Assert.NotEmpty(root.GetProperty("results").EnumerateObject());
    }

    [Fact]
    public void Report_on_a_folder_picks_up_subscriptions_cart_events_and_order_families()
    {
        var (code, output, error) = Run("report", shop, "--window", "30d", "--format", "markdown");
        Assert.True(code == 0, error);
        foreach (string heading in new[] { "## Customer churn by month", "## MRR movements", "## Logo retention", "## MRR retention", "## Cart abandonment", "## Cohort retention", "## Model fits", "## Inactivity churn" })
        {
            Assert.Contains(heading, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bundled_report_in_json_has_the_new_families()
    {
        var (code, output, _) = Run("report", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        foreach (string family in new[] { "churn", "revenueChurn", "cohorts", "bgNbd", "abandonment", "funnel" })
        {
            Assert.True(results.TryGetProperty(family, out _), family);
        }
    }

    [Theory]
    [InlineData(2, "--denominator: 'median'", "churn", "--denominator", "median")]
    [InlineData(2, "--same-period: 'sometimes'", "churn", "--same-period", "sometimes")]
    [InlineData(2, "--window: '0d'", "churn", "--window", "0d")]
    [InlineData(2, "--window: 'soon'", "cohorts", "--window", "soon")]
    [InlineData(2, "--unit: 'bus'", "funnel", "--unit", "bus")]
    [InlineData(2, "--timeout: '-5m'", "funnel", "--timeout", "-5m")]
    [InlineData(2, "segment key 'colour'", "funnel", "--segment", "colour")]
    [InlineData(2, "not available for subscription events", "churn", "--segment", "channel")]
    [InlineData(2, "--calibration-end: 'tomorrow'", "clv", "--calibration-end", "tomorrow")]
    [InlineData(2, "--discount", "clv", "--discount", "1.5")]
    [InlineData(2, "--horizon", "clv", "--horizon", "0")]
    [InlineData(2, "cohorts: unknown option '--top'", "cohorts", "--top", "3")]
    [InlineData(1, "no such file or folder", "cohorts", "/no/such/orders.csv")]
    [InlineData(1, "no such file or folder", "churn", "/no/such/place")]
    public void Bad_arguments_give_one_line_on_stderr_and_a_non_zero_exit(int expected, string message, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(expected, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Missing_column_and_strict_mode_are_data_errors_for_the_new_readers()
    {
        File.WriteAllText(Path.Combine(shop, "cart_events.csv"), "cart,event,at\nk1,purchase,2025-03-01T10:00:00Z\n");
        var (code, output, error) = Run("funnel", shop);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("required column 'cart_id' is missing", error, StringComparison.Ordinal);

        var (strictCode, _, strictError) = Run("churn", shop, "--strict");
        Assert.Equal(1, strictCode);
        Assert.Contains("line 8, column 'currency'", strictError, StringComparison.Ordinal);
        Assert.Single(strictError.TrimEnd().Split('\n'));
    }

    [Fact]
    public void In_process_and_piped_runs_get_no_progress_display_and_clean_streams()
    {
        Assert.False(ProgressDisplay.For(new StringWriter()).IsEnabled);
        var (code, output, error) = Run("cohorts", "--format", "json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.DoesNotContain('\u001b', output);
        using var _ = JsonDocument.Parse(output);
    }

    [Fact]
    public void An_enabled_progress_display_writes_to_its_error_writer_only()
    {
        using var error = new StringWriter();
        var settings = new CliSettings { Progress = ProgressDisplay.To(error) };
        Assert.True(settings.Progress.IsEnabled);
        var data = new ShopData();
        var orders = data.OrderStream(Path.Combine(shop, "orders.csv"), settings);
        var doc = new ReportDocument("cohorts", "test");
        CohortsCommand.Tables(doc, orders, settings);
        using var output = new StringWriter();
        Renderer.Write(doc, OutputFormat.Markdown, output);
        Assert.Equal(5, data.Reports.Single().RowsAccepted);
        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.DoesNotContain("reading", output.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(error.ToString()); // the display drew (and cleared) itself on the error writer
    }

    [Fact]
    public void Window_beyond_the_cap_names_the_cap()
    {
        var (code, output, error) = Run("churn", Path.Combine(shop, "orders.csv"), "--window", "1000000d");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("longer than the cap of 36,500 days", error, StringComparison.Ordinal);
        Assert.Contains("not positive", Run("churn", Path.Combine(shop, "orders.csv"), "--window", "0d").Error, StringComparison.Ordinal);
        Assert.Contains("36,500 days", Run("churn", Path.Combine(shop, "orders.csv"), "--window", "6000w").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clv")]
    [InlineData("cohorts")]
    public void Mixed_currencies_in_orders_are_rejected_naming_the_first_offending_line(string command)
    {
        File.AppendAllText(Path.Combine(shop, "orders.csv"), "\nc4,2025-03-02T10:00:00Z,9,USD,b\n");
        var (code, output, error) = Run(command, shop);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("rejected line 7, column 'currency': currency 'USD' differs from 'EUR' (first seen on line 2)", output, StringComparison.Ordinal);

        var (strictCode, strictOutput, strictError) = Run(command, shop, "--strict");
        Assert.Equal(1, strictCode);
        Assert.Empty(strictOutput);
        Assert.Contains("line 7", strictError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancel_before_a_start_is_a_data_error()
    {
        File.WriteAllText(Path.Combine(shop, "subscriptions.csv"), "subscription_id,customer_id,event,at,mrr,currency\ns1,c1,cancel,2025-01-01T10:00:00Z,,\ns1,c1,start,2025-01-05T10:00:00Z,10,EUR\n");
        var (code, output, error) = Run("churn", shop);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("subscription 's1'", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Churn_over_an_outlying_date_names_the_span_instead_of_listing_millennia_of_days()
    {
        File.WriteAllText(Path.Combine(shop, "subscriptions.csv"), "subscription_id,customer_id,event,at,mrr,currency\ns1,c1,start,1000-01-01T00:00:00Z,10,EUR\ns1,c1,cancel,9000-01-01T00:00:00Z,,\n");
        var (code, output, error) = Run("churn", shop, "--period", "day");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("the data spans 2,921,940 days, from 1000-01-01 to 8999-12-31", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Report_prints_the_other_families_when_one_has_bad_data_and_exits_1()
    {
        File.WriteAllText(Path.Combine(shop, "subscriptions.csv"), "subscription_id,customer_id,event,at,mrr,currency\ns1,c1,cancel,2025-01-01T10:00:00Z,,\ns1,c1,start,2025-01-05T10:00:00Z,10,EUR\n");
        var (code, output, error) = Run("report", shop, "--format", "markdown");
        Assert.Equal(1, code);
        Assert.Contains("## Cohort retention", output, StringComparison.Ordinal);
        Assert.Contains("## Cart abandonment", output, StringComparison.Ordinal);
        Assert.Contains("## subscriptions.csv: not reported (the data cannot be judged)", output, StringComparison.Ordinal);
        Assert.Contains("subscription 's1'", output, StringComparison.Ordinal);
        Assert.StartsWith("cxmetrics: report: subscriptions.csv: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Clv_with_an_empty_calibration_period_reports_no_data_in_a_sentence()
    {
        var (code, output, error) = Run("clv", shop, "--calibration-end", "1900-01-01", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("| 0 | NoData | NoData |", output, StringComparison.Ordinal);
        Assert.Contains("the calibration period is empty, nothing to fit", output, StringComparison.Ordinal);
    }
}
