using System.Text.Json;

namespace CxMetrics.Cli.Tests;

public class HelpdeskCommandTests
{
    private static readonly string Shop = Path.Combine(AppContext.BaseDirectory, "Fixtures", "helpdesk");

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
    public void Sla_judges_next_reply_and_update_targets_from_the_event_log()
    {
        var rows = Rows(Json("sla", Shop, "--segment", "channel", "--as-of", "2024-04-10T16:30:00Z",
            "--target", "next_reply=24h@90%", "--target", "periodic_update=24h", "--target", "pausable_update=24h"), "SLA attainment");
        string[] Email(string metric) => rows.Single(r => r[0] == "email" && r[2] == metric)[7..11];

        // Next reply: T1 Mon 16:00 → Tue 11:00 and T2 Tue 15:00 → Wed 10:00 (19 h each) met; T1's Wed 14:00 message pending.
        Assert.Equal(["2", "0", "0", "1"], Email("next_reply"));
        // Periodic update: T1 waited 25 h (Mon 10:00 → Tue 11:00), T2 48 h: both breached.
        Assert.Equal(["0", "2", "0", "0"], Email("periodic_update"));
        // Pausable update: T2's 48 h less 29 h pending is 19 h, met; T1 was never pending.
        Assert.Equal(["1", "1", "0", "0"], Email("pausable_update"));
    }

    [Fact]
    public void Support_prints_paused_clocks_and_touches_when_the_log_has_help_desk_events()
    {
        var root = Json("support", Shop, "--as-of", "2024-04-10T16:30:00Z");
        var touches = Rows(root, "Resolution");
        Assert.Equal(["1", "2"], touches.Single(r => r[0] == "one-touch")[3..5]);
        Assert.Equal(["1", "2"], touches.Single(r => r[0] == "two-touch")[3..5]);
        Assert.Equal(["1", "2"], touches.Single(r => r[0] == "first-contact resolution")[3..5]);
        Assert.Equal(["1", "3"], touches.Single(r => r[0] == "solved without reply")[3..5]);
        var clocks = Rows(root, "Paused clocks");
        var wait = clocks.Single(r => r[0] == "agent wait (pending)");
        Assert.Equal(["9.67", "3"], wait[3..5]); // T2 29 h pending; T3 and T4 none
    }

    [Fact]
    public void Sla_table_shows_the_score_test_against_the_goal()
    {
        var rows = Rows(Json("sla", Shop, "--segment", "channel", "--as-of", "2024-04-10T16:30:00Z", "--target", "first_response=30m@90%", "--target", "next_reply=24h@60%"), "SLA attainment");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            long met = long.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture);
            long judged = met + long.Parse(row[8], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(row[9], System.Globalization.CultureInfo.InvariantCulture);
            double goal = double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture) / 100;
            var test = CxMetrics.Statistics.Proportion.ScoreTest(met, judged, goal);
            Assert.Equal(test.Z is { } z ? z.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—", row[13]);
            Assert.Equal(test.PValueBelow is { } p ? (p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)) : "—", row[14]);
        }

        // email first responses: T1 and T2 answered after 1 h, both breached, so z = (0 − 0.9) / √(0.9 · 0.1 / 2) = −4.24.
        Assert.Equal("-4.24", rows.Single(r => r[0] == "email" && r[2] == "first_response")[13]);
    }

    [Fact]
    public void Report_of_a_folder_with_a_help_desk_log_has_the_help_desk_section()
    {
        string folder = Directory.CreateTempSubdirectory("cxmetrics-helpdesk-").FullName;
        try
        {
            File.Copy(Path.Combine(Shop, "tickets.csv"), Path.Combine(folder, "ticket_events.csv"));
            File.WriteAllText(Path.Combine(folder, "report.args"), "[ticket_events.csv]\n--as-of 2024-04-10T16:30:00Z --hours 09:00-17:00 --zone Europe/Berlin\n");
            var root = Json("report", folder);
            Assert.Equal(["1", "2"], Rows(root, "Help desk: resolution").Single(r => r[0] == "one-touch")[3..5]);
            Assert.Contains(Rows(root, "Help desk: SLA attainment by channel"), r => r[0] == "email" && r[2] == "next_reply");
            Assert.NotEmpty(Rows(root, "Help desk: targets by channel and month"));
            var backlog = Rows(root, "Help desk: backlog by week");
            var week = Assert.Single(backlog); // 8–10 April 2024, as of Wednesday 16:30
            Assert.Equal("2024-W15", week[0]);
            Assert.Equal(["4", "3", "0", "1"], week[2..6]); // created; solved T2, T3, T4; reopened; open T1
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bundled_report_help_desk_backlog_adds_up_and_verdicts_follow_the_test()
    {
        var root = Json("report");
        var backlog = Rows(root, "Help desk: backlog by week");
        Assert.True(backlog.Length >= 9, $"{backlog.Length} weeks");
        static long N(string text) => long.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 1; i < backlog.Length; i++)
        {
            Assert.Equal(N(backlog[i - 1][5]) + N(backlog[i][2]) + N(backlog[i][4]) - N(backlog[i][3]), N(backlog[i][5]));
            Assert.Equal(N(backlog[i][5]), backlog[i][6..].Sum(N)); // the age bands add up to the open tickets
        }

        var goals = Rows(root, "Help desk: targets by channel and");
        Assert.Contains(goals, r => r[10].StartsWith("below goal (significant)", StringComparison.Ordinal));
        foreach (var row in goals.Where(r => r[9] != "—"))
        {
            bool significant = row[9] == "< 0.0001" || double.Parse(row[9], System.Globalization.CultureInfo.InvariantCulture) < 0.025;
            Assert.Equal(significant, row[10].StartsWith("below goal (significant)", StringComparison.Ordinal));
        }
    }
}
