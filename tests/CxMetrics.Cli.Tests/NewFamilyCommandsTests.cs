using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CxMetrics.Cli.Commands;

namespace CxMetrics.Cli.Tests;

/// <summary>Process-level runs of survival, sla, experiment, clv --model, the funnel's effort and recovery tables, and report DIR's sections and chart notes.</summary>
public sealed class NewFamilyCommandsTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private readonly string shop = Path.Combine(Path.GetTempPath(), "cxmetrics-new-" + Guid.NewGuid().ToString("N"));

    public NewFamilyCommandsTests()
    {
        Directory.CreateDirectory(shop);
        File.WriteAllText(Path.Combine(shop, "subscriptions.csv"), """
            subscription_id,customer_id,event,at,mrr,currency
            s1,c1,start,2025-01-05T10:00:00Z,10,EUR
            s2,c2,start,2025-01-10T10:00:00Z,20,EUR
            s3,c3,start,2025-02-03T10:00:00Z,30,EUR
            s1,c1,cancel,2025-02-04T10:00:00Z,,
            s3,c3,cancel,2025-02-25T10:00:00Z,,
            s4,c4,start,2025-03-01T10:00:00Z,15,EUR
            """);
        File.WriteAllText(Path.Combine(shop, "orders.csv"), """
            customer_id,placed_at,amount,currency,segment
            c1,2025-01-02T10:00:00Z,10.50,EUR,a
            c1,2025-02-10T10:00:00Z,20,EUR,a
            c2,2025-01-15T10:00:00Z,5,EUR,b
            c3,2025-02-01T10:00:00Z,7,EUR,b
            c3,2025-06-01T10:00:00Z,7,EUR,b
            c4,2025-06-20T10:00:00Z,9,EUR,a
            """);
        File.WriteAllText(Path.Combine(shop, "tickets.csv"), """
            ticket_id,event,at,customer_id,channel,priority
            T1,created,2025-01-06T09:00:00Z,c1,email,high
            T1,reply,2025-01-06T10:00:00Z,,,
            T1,solved,2025-01-06T13:00:00Z,,,
            T2,created,2025-01-06T09:00:00Z,c2,email,high
            T2,reply,2025-01-06T16:00:00Z,,,
            T3,created,2025-01-06T09:00:00Z,c3,chat,low
            T4,created,2025-01-07T09:00:00Z,c4,chat,low
            T4,reply,2025-01-07T09:30:00Z,,,
            """);
        File.WriteAllText(Path.Combine(shop, "assignments.csv"), """
            customer_id,arm,assigned_at,segment
            a1,control,2025-01-01T00:00:00Z,new
            a2,control,2025-01-01T00:00:00Z,new
            a3,offer,2025-01-01T00:00:00Z,new
            a4,offer,2025-01-01T00:00:00Z,new
            a5,control,2025-01-02T00:00:00Z,vip
            a6,offer,2025-01-02T00:00:00Z,vip
            """);
        File.WriteAllText(Path.Combine(shop, "outcomes.csv"), """
            customer_id,occurred_at,revenue,currency
            a3,2025-01-05T00:00:00Z,20,EUR
            a4,2025-01-06T00:00:00Z,30,EUR
            a1,2025-03-01T00:00:00Z,10,EUR
            a6,2025-01-03T00:00:00Z,50,EUR
            """);
        File.WriteAllText(Path.Combine(shop, "cart_events.csv"), """
            cart_id,event,at,value,currency
            k1,add_to_cart,2025-03-01T10:00:00Z,20,EUR
            k1,purchase,2025-03-01T10:10:00Z,20,EUR
            k2,add_to_cart,2025-03-01T08:00:00Z,15,EUR
            k2,reminder_sent,2025-03-01T12:00:00Z,,
            k2,purchase,2025-03-02T09:00:00Z,15,EUR
            k3,add_to_cart,2025-03-01T08:30:00Z,9,EUR
            """);
    }

    public void Dispose() => Directory.Delete(shop, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => Tool.Run(args);

    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = Run([.. args, "--format", "json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static string[] Titles(JsonElement root) => [.. root.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("title").GetString()!)];

    private static string[][] Rows(JsonElement root, string titleStart) =>
        [.. root.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("title").GetString()!.StartsWith(titleStart, StringComparison.Ordinal))
            .GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToArray())];

    [Theory]
    [InlineData("survival", "Survival by contract")]
    [InlineData("sla", "SLA attainment by channel × priority")]
    [InlineData("experiment", "Read-out by segment and arm")]
    public void New_commands_run_on_the_bundled_samples_in_table_and_json(string command, string title)
    {
        var (code, output, error) = Run(command);
        Assert.True(code == 0, error);
        Assert.Empty(error);
        Assert.Contains(title, output, StringComparison.Ordinal);
        Assert.Contains(Titles(Json(command)), t => t.StartsWith(title, StringComparison.Ordinal));
    }

    [Fact]
    public void Survival_on_the_Telco_sample_has_a_log_rank_test_and_month_to_month_churns_soonest()
    {
        var root = Json("survival");
        var rows = Rows(root, "Survival by contract");
        Assert.Equal(["Month-to-month", "One year", "Two year"], rows.Select(r => r[0]));
        Assert.Equal(7043, rows.Sum(r => int.Parse(r[1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(double.Parse(rows[0][6], System.Globalization.CultureInfo.InvariantCulture) < double.Parse(rows[2][6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(root.GetProperty("results").TryGetProperty("logRank", out _));
    }

    [Fact]
    public void Survival_on_subscriptions_counts_first_spells_with_cancels_as_events_and_the_rest_censored()
    {
        var rows = Rows(Json("survival", Path.Combine(shop, "subscriptions.csv"), "--as-of", "2025-04-01T00:00:00Z"), "Survival by segment");
        Assert.Equal(["all", "4", "2", "2"], rows.Single()[..4]);
    }

    [Fact]
    public void Survival_on_orders_needs_a_window_and_splits_by_segment_with_a_log_rank_test()
    {
        var (code, _, error) = Run("survival", Path.Combine(shop, "orders.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--window", error, StringComparison.Ordinal);
        var root = Json("survival", Path.Combine(shop, "orders.csv"), "--window", "30d", "--segment", "segment", "--rmst-horizon", "20");
        var rows = Rows(root, "Survival by segment");
        Assert.Equal(["a", "b"], rows.Select(r => r[0]));
        // As of the last order (2025-06-20): a = c1 lost (2025-02-10 + 30 d), c4 censored; b = c2 lost, c3 censored (last order 2025-06-01).
        Assert.Equal(["2", "1", "1"], rows[0][1..4]);
        Assert.Equal(["2", "1", "1"], rows[1][1..4]);
        Assert.Contains(Titles(root), t => t.StartsWith("Log-rank test", StringComparison.Ordinal));
        Assert.Contains("RMST τ=20", root.GetProperty("tables")[0].GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("header").GetString()));
    }

    [Fact]
    public void Sla_judges_pending_tickets_past_target_as_breaches_per_channel_and_priority()
    {
        var root = Json("sla", shop, "--target", "first_response=2h@90%", "--as-of", "2025-01-07T12:00:00Z");
        var rows = Rows(root, "SLA attainment");
        var chat = rows.Single(r => r[0] == "chat" && r[2] == "first_response");
        var email = rows.Single(r => r[0] == "email" && r[2] == "first_response");
        Assert.Equal(["1", "0", "1"], chat[7..10]);   // T4 met, T3 pending past 2 h = breach
        Assert.Equal(["1", "1", "0"], email[7..10]);  // T1 met, T2 replied after 7 h = breached
        Assert.Equal("50.0%", chat[5]);
        var byChannel = Rows(Json("sla", shop, "--target", "first_response=2h@90%", "--segment", "channel", "--as-of", "2025-01-07T12:00:00Z"), "SLA attainment");
        Assert.All(byChannel, r => Assert.Equal("(all)", r[1]));
    }

    [Fact]
    public void Sla_target_scoped_to_a_priority_overrides_the_default_target()
    {
        var rows = Rows(Json("sla", shop, "--target", "first_response=2h", "--target", "first_response=8h@50%,priority=high", "--as-of", "2025-01-07T12:00:00Z"), "SLA attainment");
        var email = rows.Single(r => r[0] == "email" && r[2] == "first_response");
        Assert.Equal("8", email[3]);
        Assert.Equal("100.0%", email[5]);
    }

    [Theory]
    [InlineData("sla", "--target", "speed=4h")]
    [InlineData("sla", "--target", "first_response=4h@150%")]
    [InlineData("sla", "--target", "first_response=soon")]
    [InlineData("sla", "--target", "first_response=4h,team=x")]
    [InlineData("sla", "--segment", "agent-group")]
    [InlineData("survival", "--rmst-horizon", "-3")]
    [InlineData("survival", "--rmst-horizon", "abc")]
    [InlineData("survival", "--segment", "device")]
    [InlineData("survival", "--rho", "-1")]
    [InlineData("survival", "--gamma", "abc")]
    [InlineData("survival", "--strata", "region")]
    [InlineData("survival", "--cox", "age")]
    [InlineData("survival", "--cox", "age,,sex")]
    [InlineData("survival", "--cox", "age,age")]
    [InlineData("survival", "--reference", "plan=basic")]
    [InlineData("survival", "--cox", "age", "--reference", "plan=basic")]
    [InlineData("survival", "--cox", "plan", "--reference", "plan")]
    [InlineData("experiment", "--adjust", "bonferroni")]
    [InlineData("experiment", "--control", "placebo")]
    [InlineData("experiment", "--split", "control=x")]
    [InlineData("experiment", "--window", "0d")]
    [InlineData("experiment", "--sequential-tuning", "5000")]
    [InlineData("experiment", "--sequential", "--sequential-tuning", "-1")]
    [InlineData("experiment", "--covariate", " ")]
    [InlineData("experiment", "--bootstrap", "50")]
    [InlineData("experiment", "--bootstrap", "-1")]
    [InlineData("experiment", "--bootstrap", "2000", "--seed", "-3")]
    [InlineData("clv", "--model", "bgbb")]
    public void Bad_option_values_are_one_line_usage_errors(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("cxmetrics: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Sla_on_user_data_without_a_target_is_a_usage_error()
    {
        var (code, _, error) = Run("sla", shop);
        Assert.Equal(2, code);
        Assert.Contains("--target", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("survival")]
    [InlineData("sla")]
    [InlineData("experiment")]
    public void Missing_files_are_data_errors(string command)
    {
        string empty = Path.Combine(shop, "empty");
        Directory.CreateDirectory(empty);
        foreach (string path in new[] { Path.Combine(shop, "nothing-here"), empty })
        {
            var (code, output, error) = Run(command, path, "--target", "first_response=1h");
            if (command != "sla")
            {
                (code, output, error) = Run(command, path);
            }

            Assert.Equal(1, code);
            Assert.Empty(output);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
    }

    [Fact]
    public void Experiment_on_a_folder_reads_both_files_with_equal_planned_shares_and_pending_windows()
    {
        var root = Json("experiment", shop, "--window", "7d", "--as-of", "2025-01-20T00:00:00Z", "--min-cell", "0");
        var rows = Rows(root, "Read-out by segment and arm");
        var newOffer = rows.Single(r => r[0] == "new" && r[1] == "offer");
        Assert.Equal(["2", "0", "100.0%"], newOffer[2..5]);   // a3 and a4 ordered within 7 days; every window closed by the as-of
        Assert.Equal(2, root.GetProperty("inputs").GetArrayLength());
        var checks = Rows(root, "Experiment checks");
        Assert.Contains("control 50%, offer 50%", checks.Single(r => r[0] == "sample ratio χ²")[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_reads_a_covariate_column_for_CUPED_and_says_when_tests_are_sequential()
    {
        string folder = Path.Combine(shop, "cuped");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "assignments.csv"), """
            customer_id,arm,assigned_at,pre_spend
            a1,control,2025-01-01T00:00:00Z,10
            a2,control,2025-01-01T00:00:00Z,40
            a3,control,2025-01-01T00:00:00Z,
            a4,offer,2025-01-01T00:00:00Z,15
            a5,offer,2025-01-01T00:00:00Z,35
            a6,offer,2025-01-01T00:00:00Z,5
            """);
        File.WriteAllText(Path.Combine(folder, "outcomes.csv"), """
            customer_id,occurred_at,revenue,currency
            a1,2025-01-02T00:00:00Z,12,EUR
            a2,2025-01-02T00:00:00Z,45,EUR
            a4,2025-01-02T00:00:00Z,20,EUR
            a5,2025-01-02T00:00:00Z,41,EUR
            a6,2025-01-02T00:00:00Z,9,EUR
            """);
        string[] common = ["experiment", folder, "--window", "7d", "--as-of", "2025-02-01T00:00:00Z", "--min-cell", "0"];
        var cuped = Json([.. common, "--covariate", "pre_spend"]);
        var daily = Rows(cuped, "Against the control: CUPED");
        Assert.Equal("offer", Assert.Single(daily)[1]);
        Assert.Equal("fixed horizon", Rows(cuped, "Experiment checks").Single(r => r[0] == "tests")[1]);

        var sequential = Json([.. common, "--sequential", "--sequential-tuning", "1000"]);
        Assert.Equal("sequential, always valid (tuned for 1,000 units)", Rows(sequential, "Experiment checks").Single(r => r[0] == "tests")[1]);
        Assert.Single(Rows(sequential, "Against the control: unadjusted, confidence sequences"));

        var (code, _, error) = Run([.. common, "--covariate", "no_such_column"]);
        Assert.Equal(1, code);
        Assert.Contains("no_such_column", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_compares_revenue_across_every_arm_as_the_core_does_and_honours_suppress_below()
    {
        // Three arms, one small (4 customers): Welch's ANOVA and every pair, Holm over the pairs, as Experiment.CompareRevenue.
        string folder = Path.Combine(shop, "arms");
        Directory.CreateDirectory(folder);
        var at = NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0);
        var assignments = new List<CxMetrics.Experiments.Assignment>();
        var events = new List<CxMetrics.Experiments.OutcomeEvent>();
        var assignmentsCsv = new System.Text.StringBuilder("customer_id,arm,assigned_at\n");
        var outcomesCsv = new System.Text.StringBuilder("customer_id,occurred_at,revenue,currency\n");
        foreach (var (arm, size, scale) in new[] { ("control", 40, 10m), ("big", 40, 25m), ("tiny", 4, 12m) })
        {
            for (int i = 0; i < size; i++)
            {
                string id = $"{arm}-{i}";
                assignments.Add(new CxMetrics.Experiments.Assignment(id, arm, at));
                assignmentsCsv.Append(id).Append(',').Append(arm).Append(",2025-01-01T00:00:00Z\n");
                if (i % 3 != 0)
                {
                    decimal revenue = scale + (i * 7 % 13);
                    events.Add(new CxMetrics.Experiments.OutcomeEvent(id, at + NodaTime.Duration.FromDays(2), revenue, "EUR"));
                    outcomesCsv.Append(id).Append(",2025-01-03T00:00:00Z,").Append(revenue.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(",EUR\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, "assignments.csv"), assignmentsCsv.ToString());
        File.WriteAllText(Path.Combine(folder, "outcomes.csv"), outcomesCsv.ToString());
        string[] common = ["experiment", folder, "--window", "7d", "--as-of", "2025-02-01T00:00:00Z", "--min-cell", "0"];
        const string Title = "Revenue per customer across arms";
        JsonElement[][] Cells(JsonElement root) =>
            [.. root.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("title").GetString()!.StartsWith(Title, StringComparison.Ordinal))
                .GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray())];

        var design = new CxMetrics.Experiments.ExperimentDesign
        {
            ControlArm = "control",
            PlannedSplit = new Dictionary<string, double> { ["control"] = 1 / 3.0, ["big"] = 1 / 3.0, ["tiny"] = 1 / 3.0 },
            OutcomeWindow = NodaTime.Duration.FromDays(7),
            Adjustment = CxMetrics.Statistics.MultipleComparisonMethod.Holm,
        };
        var segment = CxMetrics.Experiments.Experiment.Of(assignments, events, design, NodaTime.Instant.FromUtc(2025, 2, 1, 0, 0)).Segments.Single();
        var expected = CxMetrics.Experiments.Experiment.CompareRevenue(segment);
        var rows = Cells(Json(common));
        Assert.Equal(1 + expected.Pairs.Count, rows.Length);
        Assert.Equal("all 3 arms alike?", rows[0][1].GetProperty("text").GetString());
        Assert.Equal(expected.Omnibus!.Statistic, rows[0][4].GetProperty("value").GetDouble());
        Assert.Equal(expected.Omnibus.PValue, rows[0][6].GetProperty("value").GetDouble());
        for (int i = 0; i < expected.Pairs.Count; i++)
        {
            var pair = expected.Pairs[i];
            var row = rows[i + 1];
            Assert.Equal($"{pair.First} vs {pair.Second}", row[1].GetProperty("text").GetString());
            Assert.Equal(pair.Difference, row[2].GetProperty("value").GetDouble());
            Assert.Equal((pair.Interval!.Value.Lower, pair.Interval.Value.Upper), (row[3].GetProperty("lower").GetDouble(), row[3].GetProperty("upper").GetDouble()));
            Assert.Equal(pair.Comparison.T, row[4].GetProperty("value").GetDouble());
            Assert.Equal(pair.PValue, row[6].GetProperty("value").GetDouble());
            Assert.Equal(pair.AdjustedPValue, row[7].GetProperty("value").GetDouble());
        }

        Assert.Contains(expected.Pairs, p => p.AdjustedPValue < 0.05);

        // --adjust bh: the core's Benjamini–Hochberg; the text table says which.
        var bh = CxMetrics.Experiments.Experiment.CompareRevenue(segment, CxMetrics.Statistics.MultipleComparisonMethod.BenjaminiHochberg);
        Assert.Equal(bh.Pairs.Select(p => p.AdjustedPValue), Cells(Json([.. common, "--adjust", "bh"])).Skip(1).Select(r => (double?)r[7].GetProperty("value").GetDouble()));
        var (code, text, _) = Run([.. common]);
        Assert.Equal(0, code);
        Assert.Contains("Revenue per customer across arms (Welch's ANOVA, then every pair by Welch's t; p-values Holm-adjusted", text, StringComparison.Ordinal);

        // --suppress-below 5: flag marks the small arm's pairs, blank leaves them out and counts them.
        var flagged = Cells(Json([.. common, "--suppress-below", "5"]));
        Assert.Equal(rows.Length, flagged.Length);
        Assert.Contains(flagged, r => r[1].GetProperty("text").GetString()!.Contains("tiny*", StringComparison.Ordinal));
        var blanked = Json([.. common, "--suppress-below", "5", "--suppression", "blank"]);
        var kept = Cells(blanked);
        Assert.Equal(1 + expected.Pairs.Count(p => p.First != "tiny" && p.Second != "tiny"), kept.Length);
        Assert.DoesNotContain(kept, r => r[1].GetProperty("text").GetString()!.Contains("tiny", StringComparison.Ordinal) && r[1].GetProperty("text").GetString()!.Contains(" vs ", StringComparison.Ordinal));
        Assert.Contains(blanked.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("title").GetString()!.StartsWith(Title, StringComparison.Ordinal)).GetProperty("notes").EnumerateArray(),
            n => n.GetString()!.Contains("2 pair(s) with a small arm (a count below 5) not listed", StringComparison.Ordinal));

        // Outcomes without revenue: no such table.
        File.WriteAllText(Path.Combine(folder, "outcomes.csv"), "customer_id,occurred_at,revenue,currency\n" + string.Concat(events.Select(e => $"{e.CustomerId},2025-01-03T00:00:00Z,0,EUR\n")));
        Assert.DoesNotContain(Titles(Json(common)), t => t.StartsWith(Title, StringComparison.Ordinal));
    }

    [Fact]
    public void Experiment_bootstrap_puts_BCa_beside_the_percentile_interval_of_the_core_reproducible_by_seed()
    {
        string folder = Path.Combine(shop, "bootstrap");
        Directory.CreateDirectory(folder);
        var at = NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0);
        decimal?[] control = [12, null, 45, null, null, 30, 8, null, 60, null, null, 25];
        decimal?[] offer = [20, 41, null, 9, 95, null, 33, 18, null, 70, 27, null];
        var assignments = new List<CxMetrics.Experiments.Assignment>();
        var events = new List<CxMetrics.Experiments.OutcomeEvent>();
        var assignmentsCsv = new System.Text.StringBuilder("customer_id,arm,assigned_at\n");
        var outcomesCsv = new System.Text.StringBuilder("customer_id,occurred_at,revenue,currency\n");
        foreach (var (arm, revenue) in new[] { ("control", control), ("offer", offer) })
        {
            for (int i = 0; i < revenue.Length; i++)
            {
                string id = $"{arm}-{i}";
                assignments.Add(new CxMetrics.Experiments.Assignment(id, arm, at));
                assignmentsCsv.Append(id).Append(',').Append(arm).Append(",2025-01-01T00:00:00Z\n");
                if (revenue[i] is { } r)
                {
                    events.Add(new CxMetrics.Experiments.OutcomeEvent(id, at + NodaTime.Duration.FromDays(2), r, "EUR"));
                    outcomesCsv.Append(id).Append(",2025-01-03T00:00:00Z,").Append(r.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(",EUR\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, "assignments.csv"), assignmentsCsv.ToString());
        File.WriteAllText(Path.Combine(folder, "outcomes.csv"), outcomesCsv.ToString());
        string[] common = ["experiment", folder, "--window", "7d", "--as-of", "2025-02-01T00:00:00Z", "--min-cell", "0", "--bootstrap", "1000"];

        JsonElement Table(JsonElement root) => root.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("title").GetString()!.StartsWith("Read-out by segment and arm", StringComparison.Ordinal));
        JsonElement[] OfferCells(JsonElement root) => [.. Table(root).GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).Single(r => r[1].GetProperty("text").GetString() == "offer")];
        static (double Lower, double Upper) Bounds(JsonElement cell) => (cell.GetProperty("lower").GetDouble(), cell.GetProperty("upper").GetDouble());

        var seed5 = Json([.. common, "--seed", "5"]);
        string[] columns = [.. Table(seed5).GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("header").GetString()!)];
        int percentile = Array.IndexOf(columns, "revenue Δ percentile"), bca = Array.IndexOf(columns, "revenue Δ BCa");
        Assert.Equal(percentile + 1, bca);
        Assert.Equal("revenue adj. p", columns[percentile - 1]);

        // The same read-out by the core, from the same records in the same order, resampled with the same seed.
        var design = new CxMetrics.Experiments.ExperimentDesign
        {
            ControlArm = "control",
            PlannedSplit = new Dictionary<string, double> { ["control"] = 0.5, ["offer"] = 0.5 },
            OutcomeWindow = NodaTime.Duration.FromDays(7),
            Adjustment = CxMetrics.Statistics.MultipleComparisonMethod.Holm,
            BootstrapResamples = 1000,
            BootstrapSeed = 5,
        };
        var expected = CxMetrics.Experiments.Experiment.Of(assignments, events, design, NodaTime.Instant.FromUtc(2025, 2, 1, 0, 0)).Segments.Single().Comparisons.Single();
        var cells = OfferCells(seed5);
        Assert.Equal((expected.RevenueBootstrapInterval!.Value.Lower, expected.RevenueBootstrapInterval!.Value.Upper), Bounds(cells[percentile]));
        Assert.Equal((expected.RevenueBcaInterval!.Value.Lower, expected.RevenueBcaInterval!.Value.Upper), Bounds(cells[bca]));
        Assert.NotEqual(Bounds(cells[percentile]), Bounds(cells[bca]));

        // Reproducible: the same seed gives the same intervals, another seed other ones; the control row has none.
        Assert.Equal(Bounds(cells[bca]), Bounds(OfferCells(Json([.. common, "--seed", "5"]))[bca]));
        Assert.NotEqual(Bounds(cells[bca]), Bounds(OfferCells(Json([.. common, "--seed", "6"]))[bca]));
        Assert.Equal("control", Table(seed5).GetProperty("rows")[0][1].GetProperty("text").GetString());
        Assert.Equal("—", Table(seed5).GetProperty("rows")[0][bca].GetProperty("text").GetString());
        Assert.Contains(Table(seed5).GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("seed 5", StringComparison.Ordinal));

        // Without --bootstrap the table has no bootstrap columns.
        Assert.DoesNotContain("revenue Δ BCa", Table(Json([.. common[..^2]])).GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("header").GetString()));
    }

    [Fact]
    public void Experiment_adjustment_and_control_options_change_the_read_out()
    {
        var holm = Rows(Json("experiment", "--adjust", "holm"), "Read-out by segment and arm");
        var none = Rows(Json("experiment", "--adjust", "none"), "Read-out by segment and arm");
        Assert.NotEqual(holm.Select(r => r[7]), none.Select(r => r[7]));
        var other = Rows(Json("experiment", "--control", "10% off"), "Read-out by segment and arm");
        Assert.Contains(other, r => r[1] == "10% off" && r[6] == "control");
    }

    [Theory]
    [InlineData("bgnbd", "BG/NBD", "bgNbd")]
    [InlineData("mbg", "MBG/NBD", "mbgNbd")]
    [InlineData("pareto", "Pareto/NBD", "paretoNbd")]
    public void Clv_fits_the_chosen_purchase_model(string model, string name, string key)
    {
        var root = Json("clv", "--model", model);
        Assert.Equal(name, Rows(root, "Model fits")[0][0]);
        Assert.True(root.GetProperty("results").TryGetProperty(key, out _));
        Assert.Contains(Titles(root), t => t.StartsWith($"P(alive) at calibration end ({name})", StringComparison.Ordinal));
    }

    [Fact]
    public void Funnel_shows_effort_to_buy_and_recovery_by_reminders()
    {
        var root = Json("funnel", Path.Combine(shop, "cart_events.csv"), "--as-of", "2025-03-03T00:00:00Z");
        var effort = Rows(root, "Effort to buy");
        Assert.Equal("2", effort[0][5]);
        var recovery = Rows(root, "Cart recovery by reminders");
        Assert.Equal(["1", "1"], recovery.Single(r => r[0] == "recovered / reminded")[3..5]);
        var (code, output, _) = Run("funnel");
        Assert.Equal(0, code);
        Assert.Contains("Effort to buy", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_on_a_folder_includes_survival_and_experiment_sections()
    {
        var root = Json("report", shop, "--as-of", "2025-07-01T00:00:00Z");
        var titles = Titles(root);
        Assert.Contains(titles, t => t.StartsWith("Survival by segment", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Read-out by segment and arm", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_html_draws_survival_and_funnel_when_the_folder_permits_and_says_truthfully_why_not()
    {
        var (code, output, error) = Run("report", shop, "--format", "html", "--as-of", "2025-07-01T00:00:00Z");
        Assert.True(code == 0, error);
        var page = Parse(output);
        var headings = page.Descendants(Xhtml + "h2").Select(h => h.Value).ToList();
        Assert.Contains("Customer survival by segment", headings);
        Assert.Contains("Cart funnel", headings);
        Assert.Contains("MRR bridge", headings);
        Assert.DoesNotContain(page.Descendants(Xhtml + "p"), p => p.Value.Contains("subscription or cart-event file", StringComparison.Ordinal));

        // Without subscriptions.csv and without --window: the note names --window, not a missing file; without cart events: it names the file.
        File.Delete(Path.Combine(shop, "subscriptions.csv"));
        File.Delete(Path.Combine(shop, "cart_events.csv"));
        page = Parse(Run("report", shop, "--format", "html").Output);
        var notes = page.Descendants(Xhtml + "p").Select(p => p.Value).Where(v => v.StartsWith("Not drawn", StringComparison.Ordinal)).ToList();
        Assert.Contains(notes, n => n.Contains("need --window", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("needs cart_events.csv; the folder has none", StringComparison.Ordinal));

        // With --window the orders give the curves.
        page = Parse(Run("report", shop, "--format", "html", "--window", "30d").Output);
        Assert.Contains("Customer survival by segment", page.Descendants(Xhtml + "h2").Select(h => h.Value));

        // A file that was read but cannot be judged (a cancel before its start) is named as such, not as absent.
        File.WriteAllText(Path.Combine(shop, "subscriptions.csv"), "subscription_id,customer_id,event,at,mrr,currency\ns1,c1,cancel,2025-01-01T10:00:00Z,,\ns1,c1,start,2025-01-05T10:00:00Z,10,EUR\n");
        var (bad, html, _) = Run("report", shop, "--format", "html");
        Assert.Equal(1, bad);
        notes = Parse(html).Descendants(Xhtml + "p").Select(p => p.Value).Where(v => v.StartsWith("Not drawn", StringComparison.Ordinal)).ToList();
        Assert.Contains(notes, n => n.Contains("subscriptions.csv was read but its data could not be judged", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("Not drawn — MRR bridge: subscriptions.csv was read but its data could not be judged", StringComparison.Ordinal));
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
