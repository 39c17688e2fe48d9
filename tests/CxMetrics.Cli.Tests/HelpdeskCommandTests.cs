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
}
