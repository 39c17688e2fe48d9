using System.Globalization;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CxMetrics.Cli.Commands;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// Ticket summaries (one row per ticket, snapshot logs), duration/event files and the experiment's mapped files, run as the
/// tool runs; and the documented command lines of the shared data sets (samples/maps/*.args), run as processes on the
/// excerpts the repository keeps, with what they print checked (issue 14, sections 1 and 2).
/// </summary>
public sealed class TicketAndDurationInputsTests : IDisposable
{
    private const string EventLog = """
        ticket_id,event,at,customer_id,channel,priority
        T1,created,2025-01-06T09:00:00Z,c1,email,high
        T1,reply,2025-01-06T10:00:00Z,,,
        T1,solved,2025-01-06T13:00:00Z,,,
        T2,created,2025-01-06T09:00:00Z,c2,email,high
        T2,reply,2025-01-06T16:00:00Z,,,
        T3,created,2025-01-06T09:00:00Z,c3,chat,low
        """;

    // The same three tickets, one row each.
    private const string Summary = """
        ticket_id,created_at,first_reply_at,solved_at,status,customer_id,channel,priority
        T1,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,2025-01-06T13:00:00Z,solved,c1,email,high
        T2,2025-01-06T09:00:00Z,2025-01-06T16:00:00Z,,open,c2,email,high
        T3,2025-01-06T09:00:00Z,,,new,c3,chat,low
        """;

    private const string Renamed = """
        Id;Opened;First answer;Done;State;Requester;Via;Urgency
        T1;06/01/2025 09:00;06/01/2025 10:00;06/01/2025 13:00;Solved;c1;email;high
        T2;06/01/2025 09:00;06/01/2025 16:00;;Open;c2;email;high
        T3;06/01/2025 09:00;;;New;c3;chat;low
        """;

    private const string RenamedMap = "ticket_id=Id,created_at=Opened,first_reply_at=\"First answer\",solved_at=Done,status=State,customer_id=Requester,channel=Via,priority=Urgency";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-tickets-" + Guid.NewGuid().ToString("N"));

    public TicketAndDurationInputsTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "log"));
        Directory.CreateDirectory(Path.Combine(folder, "summary"));
        File.WriteAllText(Path.Combine(folder, "log", "tickets.csv"), EventLog);
        File.WriteAllText(Path.Combine(folder, "summary", "tickets.csv"), Summary);
        File.WriteAllText(At("renamed.csv"), Renamed);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string At(string name) => Path.Combine(folder, name);

    private static (int Code, string Output, string Error) Run(params string[] args) => Tool.Run(args);

    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = Run([.. args, "--format", "json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static string Results(JsonElement root) => root.GetProperty("results").GetRawText();

    private static JsonElement Input(JsonElement root, int index = 0) => root.GetProperty("inputs")[index];

    private static string Note(JsonElement root, string titleStart) => string.Join(" ", root.GetProperty("tables").EnumerateArray()
        .First(t => t.GetProperty("title").GetString()!.StartsWith(titleStart, StringComparison.Ordinal)).GetProperty("notes").EnumerateArray().Select(n => n.GetString()));

    private static string[][] Rows(JsonElement root, string titleStart) =>
        [.. root.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("title").GetString()!.StartsWith(titleStart, StringComparison.Ordinal))
            .GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToArray())];

    [Fact]
    public void A_tickets_file_without_an_event_column_is_read_as_ticket_summaries_and_gives_the_event_logs_figures()
    {
        var log = Json("support", Path.Combine(folder, "log"), "--as-of", "2025-01-07T00:00:00Z");
        var summary = Json("support", Path.Combine(folder, "summary"), "--as-of", "2025-01-07T00:00:00Z");

        Assert.Equal(Results(log), Results(summary));
        Assert.Equal(6, Input(log).GetProperty("rowsRead").GetInt32());
        Assert.Equal((3, 3), (Input(summary).GetProperty("rowsRead").GetInt32(), Input(summary).GetProperty("records").GetInt32()));
        var firstResponse = summary.GetProperty("results").GetProperty("support").GetProperty("firstResponse");
        Assert.Equal(2, firstResponse.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Support_columns_map_a_renamed_ticket_summary_with_its_value_formats()
    {
        var canonical = Json("support", Path.Combine(folder, "summary"), "--as-of", "2025-01-07T00:00:00Z");
        var mapped = Json("support", At("renamed.csv"), "--columns", RenamedMap, "--delimiter", ";", "--timestamp-format", "dd/MM/uuuu HH:mm", "--zone", "UTC", "--as-of", "2025-01-07T00:00:00Z");
        Assert.Equal(Results(canonical), Results(mapped));

        var missing = Run("support", At("renamed.csv"), "--columns", "ticket_id=Number", "--delimiter", ";");
        Assert.Equal(1, missing.Code);
        Assert.Contains("column 'Number' (mapped to ticket_id) is missing", missing.Error, StringComparison.Ordinal);
        var unknown = Run("support", At("renamed.csv"), "--columns", "opened=Opened");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("is not a column of ticket_summaries files", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_summaries_section_makes_report_and_sla_read_the_folders_tickets_as_summaries()
    {
        File.WriteAllText(Path.Combine(folder, "summary", "tickets.csv"), Renamed);
        File.WriteAllText(At("map.json"), $$"""
            { "ticket_summaries": { "columns": { {{string.Join(", ", RenamedMap.Split(',').Select(p => p.Split('=')).Select(p => $"\"{p[0]}\": \"{p[1].Trim('"')}\""))}} },
              "delimiter": ";", "timestamp_format": "dd/MM/uuuu HH:mm", "zone": "UTC" } }
            """);
        var report = Json("report", Path.Combine(folder, "summary"), "--map", At("map.json"), "--as-of", "2025-01-07T00:00:00Z");
        Assert.Equal(3, Input(report).GetProperty("rowsAccepted").GetInt32());
        Assert.Equal(2, report.GetProperty("results").GetProperty("support").GetProperty("firstResponse").GetProperty("count").GetInt32());

        var sla = Json("sla", Path.Combine(folder, "summary"), "--map", At("map.json"), "--target", "first_response=2h", "--segment", "channel", "--as-of", "2025-01-07T00:00:00Z");
        var email = Rows(sla, "SLA attainment").Single(r => r[0] == "email" && r[2] == "first_response");
        Assert.Equal(("50.0%", "1", "1"), (email[5], email[7], email[8]));
    }

    [Fact]
    public void Survival_reads_a_duration_event_file_by_header_with_any_column_as_segment()
    {
        File.WriteAllText(At("survival.csv"), "duration,event,plan,segment\n1,yes,basic,a\n3,no,basic,a\n2,yes,pro,b\n5,yes,pro,b\n4,no,pro,a\n");
        var bySegment = Json("survival", folder);
        Assert.Equal(["a", "b"], bySegment.GetProperty("results").GetProperty("survival").EnumerateObject().Select(p => p.Name));
        var byPlan = Json("survival", At("survival.csv"), "--segment", "plan", "--duration-unit", "weeks");
        var rows = Rows(byPlan, "Survival by plan (Kaplan–Meier; time in weeks)");
        Assert.Equal([["basic", "2", "1", "1"], ["pro", "3", "2", "1"]], rows.Select(r => r[..4]));
        Assert.True(byPlan.GetProperty("results").TryGetProperty("logRank", out _));

        var noColumn = Run("survival", At("survival.csv"), "--segment", "Contract");
        Assert.Equal(2, noColumn.Code);
        Assert.Contains("--segment: 'Contract' is not a column of", noColumn.Error, StringComparison.Ordinal);
        var badUnit = Run("survival", At("survival.csv"), "--duration-unit", "fortnight");
        Assert.Equal(2, badUnit.Code);
        Assert.Contains("--duration-unit: 'fortnight' is not one of day, week, month, year", badUnit.Error, StringComparison.Ordinal);
        var window = Run("survival", At("survival.csv"), "--window", "30d");
        Assert.Equal(2, window.Code);
    }

    [Fact]
    public void Survival_reads_delayed_entry_and_tests_with_strata_and_fleming_harrington_weights()
    {
        // Rows: entry, duration, event, plan, region. Entry 2 on the 3rd row: not at risk at the churn at 2, at risk at 3.
        File.WriteAllText(At("survival.csv"), "entry,duration,event,plan,region\n0,1,yes,basic,north\n0,3,no,basic,north\n2,3,yes,pro,south\n0,2,yes,pro,north\n1,5,yes,pro,south\n0,4,no,basic,south\n0,6,yes,basic,south\n");
        var plain = Json("survival", At("survival.csv"), "--segment", "plan");
        var basic = plain.GetProperty("results").GetProperty("survival").GetProperty("basic").GetProperty("steps");
        var pro = plain.GetProperty("results").GetProperty("survival").GetProperty("pro").GetProperty("steps");
        Assert.Equal([2.0, 2, 1], pro.EnumerateArray().Select(s => s.GetProperty("atRisk").GetDouble())); // at 2, 3, 5
        Assert.Equal(4.0, basic[0].GetProperty("atRisk").GetDouble());
        Assert.Contains("2 lifetimes with delayed entry", Note(plain, "Survival by plan"), StringComparison.Ordinal);

        double Chi(System.Text.Json.JsonElement root) => root.GetProperty("results").GetProperty("logRank").GetProperty("chiSquare").GetDouble();
        var observations = new[] { (0.0, 1.0, true, 0, 0), (0, 3, false, 0, 0), (2, 3, true, 1, 1), (0, 2, true, 1, 0), (1, 5, true, 1, 1), (0, 4, false, 0, 1), (0, 6, true, 0, 1) }
            .Select(r => (Observation: new CxMetrics.Retention.SurvivalObservation(r.Item1, r.Item2, r.Item3), Plan: r.Item4, Region: r.Item5)).ToArray();
        var options = new CxMetrics.Retention.LogRankOptions { Rho = 1, Gamma = 0.5 };
        Assert.Equal(CxMetrics.Retention.LogRank.By(observations, r => r.Plan, r => r.Observation).ChiSquare!.Value, Chi(plain), 6);
        var weighted = Json("survival", At("survival.csv"), "--segment", "plan", "--strata", "region", "--rho", "1", "--gamma", "0.5");
        var expected = CxMetrics.Retention.LogRank.By(observations, r => r.Plan, r => r.Region, r => r.Observation, options);
        Assert.Equal(expected.ChiSquare!.Value, Chi(weighted), 6);
        Assert.Equal(2, weighted.GetProperty("results").GetProperty("logRank").GetProperty("strata").GetInt32());
        Assert.Contains("G(1, 0.5)", Note(weighted, "Log-rank test"), StringComparison.Ordinal);
        Assert.Contains("stratified by region (2 strata)", Note(weighted, "Log-rank test"), StringComparison.Ordinal);

        var noColumn = Run("survival", At("survival.csv"), "--strata", "country");
        Assert.Equal(2, noColumn.Code);
        Assert.Contains("--strata: 'country' is not a column of", noColumn.Error, StringComparison.Ordinal);
        File.WriteAllText(At("late.csv"), "entry,duration,event\n3,3,yes\n0,2,no\n");
        var late = Json("survival", At("late.csv"));
        Assert.Equal(1, late.GetProperty("inputs")[0].GetProperty("rowsRejected").GetInt32());
    }

    [Fact]
    public void Survival_cox_on_many_repeated_rows_fits_as_every_row()
    {
        // 3,000 customers with monthly tenure and categorical covariates: few distinct rows, which the tool fits with their counts.
        var rng = new Random(23);
        var lines = new List<string> { "duration,event,plan,channel,region" };
        var rows = new List<(double Duration, bool Event, string Plan, string Channel, string Region)>();
        for (int i = 0; i < 3000; i++)
        {
            string plan = (i % 3) switch { 0 => "basic", 1 => "plus", _ => "pro" };
            string channel = rng.Next(2) == 0 ? "web" : "store";
            string region = rng.Next(2) == 0 ? "north" : "south";
            double life = -Math.Log(1 - rng.NextDouble()) / (0.04 * Math.Exp((plan == "pro" ? -0.7 : plan == "plus" ? -0.2 : 0) + (channel == "web" ? 0.3 : 0)));
            double follow = 6 + rng.Next(18);
            double duration = Math.Ceiling(Math.Min(life, follow));
            rows.Add((duration, life <= follow, plan, channel, region));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{duration},{(life <= follow ? "yes" : "no")},{plan},{channel},{region}"));
        }

        lines.Add("7,yes,NA,web,north");
        File.WriteAllText(At("repeated.csv"), string.Join("\n", lines) + "\n");
        var root = Json("survival", At("repeated.csv"), "--cox", "plan,channel", "--reference", "plan=basic,channel=store", "--strata", "region");
        var design = new CxMetrics.Retention.CoxDesign()
            .WithCategorical("plan", [.. rows.Select(r => r.Plan)], "basic")
            .WithCategorical("channel", [.. rows.Select(r => r.Channel)], "store")
            .WithStrata("region", [.. rows.Select(r => r.Region)]);
        var expected = CxMetrics.Retention.CoxRegression.Fit([.. rows.Select(r => new CxMetrics.Retention.SurvivalObservation(r.Duration, r.Event))], design);
        var cox = root.GetProperty("results").GetProperty("cox");
        Assert.Equal(3000, cox.GetProperty("count").GetInt32());
        Assert.Equal(expected.Events, cox.GetProperty("events").GetInt64());
        var coefficients = cox.GetProperty("coefficients");
        for (int k = 0; k < expected.Coefficients.Count; k++)
        {
            Assert.Equal(expected.Coefficients[k].Name, coefficients[k].GetProperty("name").GetString());
            Assert.Equal(expected.Coefficients[k].Value, coefficients[k].GetProperty("value").GetDouble(), 1e-9);
            Assert.Equal(expected.Coefficients[k].StandardError!.Value, coefficients[k].GetProperty("standardError").GetDouble(), 1e-9);
        }

        Assert.Equal(expected.Concordance!.Value, cox.GetProperty("concordance").GetDouble(), 1e-9);
        Assert.Equal(expected.ConcordanceStandardError!.Value, cox.GetProperty("concordanceStandardError").GetDouble(), 1e-9);
        Assert.Equal(expected.LikelihoodRatioTest!.Statistic, cox.GetProperty("likelihoodRatioTest").GetProperty("statistic").GetDouble(), 1e-8);
        Assert.Equal(expected.ProportionalHazardsTest().Global.Statistic, root.GetProperty("results").GetProperty("coxZph").GetProperty("global").GetProperty("statistic").GetDouble(), 1e-8);
        Assert.Contains("1 rows with an empty or NA covariate left out", Note(root, "Cox proportional hazards"), StringComparison.Ordinal);

        // A value that is not a number is named by its row among the rows fitted (the NA row is not one), as before the rows were counted.
        File.WriteAllText(At("bad.csv"), "duration,event,x\n1,yes,2\n1,yes,2\n2,no,NA\n3,no,abc\n4,yes,1\n");
        var bad = Run("survival", At("bad.csv"), "--cox", "x");
        Assert.Equal(1, bad.Code);
        Assert.Contains("--cox: column 'x' holds 'abc' in row 3 of the fit", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Survival_fits_a_cox_model_on_covariate_columns_with_a_named_reference_level()
    {
        // 80 simulated subscribers: hazard grows with usage and is lower on the pro plan; one row has an NA usage.
        var rng = new Random(19);
        var lines = new List<string> { "id,entry,duration,event,usage,plan,region" };
        var rows = new List<(double Entry, double Duration, bool Event, double Usage, string Plan, string Region)>();
        for (int i = 0; i < 80; i++)
        {
            double usage = Math.Round(rng.NextDouble() * 5, 1);
            string plan = (i % 3) switch { 0 => "basic", 1 => "plus", _ => "pro" };
            double life = -Math.Log(1 - rng.NextDouble()) / (0.05 * Math.Exp((0.3 * usage) - (plan == "pro" ? 0.8 : 0)));
            double follow = 10 + Math.Floor(rng.NextDouble() * 30);
            double duration = Math.Ceiling(Math.Min(life, follow));
            double entry = i % 4 == 0 ? Math.Floor(duration / 2) : 0;
            string region = i % 2 == 0 ? "north" : "south";
            rows.Add((entry, duration, life <= follow, usage, plan, region));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"c{i},{entry},{duration},{(life <= follow ? "yes" : "no")},{usage},{plan},{region}"));
        }

        lines.Add("c80,0,12,yes,NA,basic,north");
        File.WriteAllText(At("survival.csv"), string.Join("\n", lines) + "\n");
        var root = Json("survival", At("survival.csv"), "--cox", "usage,plan", "--reference", "plan=basic", "--strata", "region");
        var design = new CxMetrics.Retention.CoxDesign()
            .WithNumeric("usage", rows.Select(r => r.Usage).ToArray())
            .WithCategorical("plan", rows.Select(r => r.Plan).ToArray(), "basic")
            .WithStrata("region", rows.Select(r => r.Region).ToArray());
        var expected = CxMetrics.Retention.CoxRegression.Fit([.. rows.Select(r => new CxMetrics.Retention.SurvivalObservation(r.Entry, r.Duration, r.Event))], design);
        var coefficients = root.GetProperty("results").GetProperty("cox").GetProperty("coefficients");
        Assert.Equal(["usage", "plan=plus", "plan=pro"], coefficients.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(expected.Coefficients[k].Value, coefficients[k].GetProperty("value").GetDouble(), 12);
            Assert.Equal(expected.Coefficients[k].StandardError!.Value, coefficients[k].GetProperty("standardError").GetDouble(), 12);
        }

        Assert.Equal(80, root.GetProperty("results").GetProperty("cox").GetProperty("count").GetInt32());
        Assert.Equal(expected.ProportionalHazardsTest().Global.Statistic, root.GetProperty("results").GetProperty("coxZph").GetProperty("global").GetProperty("statistic").GetDouble(), 12);
        string note = Note(root, "Cox proportional hazards");
        Assert.Contains("1 rows with an empty or NA covariate left out", note, StringComparison.Ordinal);
        Assert.Contains("reference levels: plan=basic", note, StringComparison.Ordinal);
        Assert.Contains("stratified by region", note, StringComparison.Ordinal);
        Assert.Equal(["usage", "plan=plus", "plan=pro"], Rows(root, "Coefficients").Select(r => r[0]));
        Assert.Equal(["usage", "plan", "GLOBAL"], Rows(root, "Proportional-hazards test").Select(r => r[0]));

        var text = Run("survival", At("survival.csv"), "--cox", "usage,plan", "--reference", "plan=basic");
        Assert.Equal(0, text.Code);
        Assert.Contains("Coefficients", text.Output, StringComparison.Ordinal);
        Assert.Contains("concordance", text.Output, StringComparison.Ordinal);
        Assert.Contains("likelihood ratio", text.Output, StringComparison.Ordinal);

        var unknown = Run("survival", At("survival.csv"), "--cox", "usage,age");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("--cox: 'age' is not a column of", unknown.Error, StringComparison.Ordinal);
        var notNumeric = Run("survival", At("survival.csv"), "--cox", "usage,plan");
        Assert.Equal(1, notNumeric.Code);
        Assert.Contains("--cox: column 'plan' holds 'basic' in the row of id 'c0'", notNumeric.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", notNumeric.Error, StringComparison.Ordinal);
        Assert.Single(notNumeric.Error.Trim().Split('\n'));
        var noLevel = Run("survival", At("survival.csv"), "--cox", "plan", "--reference", "plan=gold");
        Assert.Equal(2, noLevel.Code);
        Assert.Contains("--reference: level 'gold' does not occur in column 'plan' (its levels: basic, plus, pro)", noLevel.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Survival_columns_map_a_renamed_duration_file_and_rejected_rows_are_counted()
    {
        File.WriteAllText(At("churn.csv"), "id;months;left\nx1;1;Yes\nx2;-3;No\nx3;12;No\nx4;7;maybe\n");
        var root = Json("survival", At("churn.csv"), "--columns", "duration=months,event=left,id=id", "--delimiter", ";");
        var input = Input(root);
        Assert.Equal((4, 2, 2), (input.GetProperty("rowsRead").GetInt32(), input.GetProperty("rowsAccepted").GetInt32(), input.GetProperty("rowsRejected").GetInt32()));
        var all = Rows(root, "Survival by segment")[0];
        Assert.Equal(["all", "2", "1", "1"], all[..4]);
    }

    [Fact]
    public void Experiment_reads_renamed_assignments_and_outcomes_through_the_mapping_file_and_refuses_columns()
    {
        string dir = Path.Combine(folder, "experiment");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "assignments.csv"), "Customer,Variant,When\na1,control,2025-01-01T00:00:00Z\na2,control,2025-01-01T00:00:00Z\na3,offer,2025-01-01T00:00:00Z\na4,offer,2025-01-01T00:00:00Z\n");
        File.WriteAllText(Path.Combine(dir, "outcomes.csv"), "Customer,Paid,Total\na3,2025-01-05T00:00:00Z,20\na1,2025-01-09T00:00:00Z,10\n");
        File.WriteAllText(At("experiment.json"), """
            { "assignments": { "columns": { "customer_id": "Customer", "arm": "Variant", "assigned_at": "When" } },
              "outcomes": { "columns": { "customer_id": "Customer", "occurred_at": "Paid", "revenue": "Total" }, "currency": "EUR" } }
            """);
        var root = Json("experiment", dir, "--map", At("experiment.json"));
        Assert.Equal(4, Input(root, 0).GetProperty("rowsAccepted").GetInt32());
        Assert.Equal(2, Input(root, 1).GetProperty("rowsAccepted").GetInt32());

        var columns = Run("experiment", dir, "--columns", "arm=Variant");
        Assert.Equal(2, columns.Code);
        Assert.Contains("experiment reads two files", columns.Error, StringComparison.Ordinal);
        var plain = Run("experiment", dir);
        Assert.Equal(1, plain.Code);
    }

    [Fact]
    public void A_bad_missing_values_key_is_a_usage_error_with_its_json_path()
    {
        File.WriteAllText(At("bad.json"), """{ "ticket_summaries": { "missing_values": ["?", " "] } }""");
        var (code, _, error) = Run("support", Path.Combine(folder, "summary"), "--map", At("bad.json"));
        Assert.Equal(2, code);
        Assert.Contains("--map: $.ticket_summaries.missing_values: expected an array of markers", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ticket_summaries_read_from_standard_input()
    {
        var (code, output, error) = RunProcess(Summary, ["support", "-", "--as-of", "2025-01-07T00:00:00Z", "-f", "json"]);
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(("stdin", 3), (Input(root).GetProperty("file").GetString(), Input(root).GetProperty("records").GetInt32()));
    }

    [Fact]
    public void Telco_as_shipped_runs_by_its_documented_command_line()
    {
        var (code, output, error) = RunDataSet("telco", "-f", "json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal((400, 400), (Input(root).GetProperty("rowsRead").GetInt32(), Input(root).GetProperty("rowsAccepted").GetInt32()));
        var rows = Rows(root, "Survival by Contract (Kaplan–Meier; time in months)");
        Assert.Equal([["Month-to-month", "222", "95"], ["One year", "82", "4"], ["Two year", "96", "3"]], rows.Select(r => r[..3]));
        Assert.Equal("34", rows[0][4]);
        Assert.Equal(2, root.GetProperty("results").GetProperty("logRank").GetProperty("degreesOfFreedom").GetInt32());
    }

    [Fact]
    public void Cfpb_complaints_run_by_their_documented_command_line_and_closed_ones_without_a_close_date_are_rejected()
    {
        var (code, output, error) = RunDataSet("cfpb", "-f", "json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        var input = Input(root);
        Assert.Equal((349, 69, 280), (input.GetProperty("rowsRead").GetInt32(), input.GetProperty("rowsAccepted").GetInt32(), input.GetProperty("rowsRejected").GetInt32()));
        Assert.All(input.GetProperty("rejections").EnumerateArray(), r => Assert.Contains("no solved-time column", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        var support = root.GetProperty("results").GetProperty("support");
        Assert.Equal((0, 69), (support.GetProperty("firstResponse").GetProperty("count").GetInt32(), support.GetProperty("responsePending").GetInt32()));
        Assert.Contains(Rows(root, "Support by segment"), r => r[0] == "Credit reporting" && r[1] == "21");
    }

    [Fact]
    public void ServiceNow_incident_log_runs_by_its_documented_command_line_as_a_snapshot_log()
    {
        var (code, output, error) = RunDataSet("servicenow", "-f", "json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        var input = Input(root);
        int read = input.GetProperty("rowsRead").GetInt32(), accepted = input.GetProperty("rowsAccepted").GetInt32();
        int rejected = input.GetProperty("rowsRejected").GetInt32(), skipped = input.GetProperty("rowsSkipped").GetInt32();
        Assert.Equal((603, 95, 18, 490), (read, accepted, rejected, skipped));
        Assert.Equal(5, input.GetProperty("rejections").GetArrayLength());
        // As of the latest event every accepted incident has its first update out of New and its resolution.
        var support = root.GetProperty("results").GetProperty("support");
        Assert.Equal((95, 0, 95), (support.GetProperty("firstResponse").GetProperty("count").GetInt32(), support.GetProperty("responsePending").GetInt32(), support.GetProperty("fullResolution").GetProperty("count").GetInt32()));
        Assert.Equal(1, support.GetProperty("reopens").GetInt32());
        Assert.Contains("Support by priority", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_support_sample_reads_the_same_file_the_same_way()
    {
        var bundled = Json("support");
        string samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var documented = Json("support", Path.Combine(samples, "servicenow", "incident_event_log_100.csv"), "--map", Path.Combine(samples, "maps", "servicenow.json"), "--hours", "08:00-18:00", "--as-of", "2016-03-03T00:00:00Z");
        Assert.Equal(Results(bundled), Results(documented));
        Assert.Equal(3, bundled.GetProperty("results").GetProperty("support").GetProperty("responsePending").GetInt32());
    }

    /// <summary>Runs a data set's documented line (samples/maps/NAME.args, paths relative to the repository root) as a process from the test output folder, which holds a copy of samples/.</summary>
    private static (int Code, string Output, string Error) RunDataSet(string name, params string[] extra)
    {
        string line = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "maps", name + ".args"))[0];
        return RunProcess(null, [.. Words(line), .. extra]);
    }

    /// <summary>Shell words: spaces separate, single and double quotes group (as the CI script's eval does for these lines).</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool any = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                any = true;
            }
            else if (c == ' ')
            {
                if (any || word.Length > 0)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
            }
        }

        if (any || word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static (int Code, string Output, string Error) RunProcess(string? input, string[] args) => Tool.RunProcess(input, args, AppContext.BaseDirectory);
}
