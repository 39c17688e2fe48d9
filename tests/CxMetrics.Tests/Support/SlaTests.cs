using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SlaTests
{
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(DateTimeZone.Utc, new LocalTime(9, 0), new LocalTime(17, 0));
    private static readonly Instant Monday9 = Instant.FromUtc(2024, 3, 4, 9, 0);

    private static TicketTimes Ticket(string channel, string? priority, double? replyHours, double asOfHours) =>
        SupportTimes.Of(
            SupportTicket.Create(Guid.NewGuid().ToString(), "c", channel, Monday9, replies: replyHours is { } r ? [Monday9 + Duration.FromMinutes(r * 60)] : null, priority: priority),
            Office, Monday9 + Duration.FromMinutes(asOfHours * 60));

    private static readonly SlaTarget[] Targets =
    [
        new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(2) },
        new() { Metric = SlaMetric.FirstResponse, Channel = "chat", Target = Duration.FromMinutes(30), Goal = 0.9 },
        new() { Metric = SlaMetric.FirstResponse, Channel = "chat", Priority = "urgent", Target = Duration.FromMinutes(10) },
    ];

    [Fact]
    public void Pending_past_target_breach_and_pending_within_target_are_not_judged()
    {
        TicketTimes[] data =
        [
            Ticket("email", null, 1, 8), // met
            Ticket("email", null, 3, 8), // breached
            Ticket("email", null, null, 5), // pending past 2 h: breach
            Ticket("email", null, null, 1), // pending within: not judged
        ];
        var cell = Assert.Single(Sla.Of(data, Targets));
        Assert.Equal(1, cell.Met);
        Assert.Equal(1, cell.Breached);
        Assert.Equal(1, cell.PendingBreached);
        Assert.Equal(1, cell.PendingWithinTarget);
        Assert.Equal(1.0 / 3, cell.Attainment.Value!.Value, 12);
        Assert.Equal(3, cell.Attainment.Count);
        Assert.True(cell.MissesGoal);
        Assert.Equal(Targets[0], cell.Target);
    }

    [Fact]
    public void The_most_specific_target_applies_per_channel_and_priority()
    {
        TicketTimes[] data = [Ticket("chat", "urgent", 0.25, 8), Ticket("chat", "normal", 0.25, 8), Ticket("email", "urgent", 0.25, 8)];
        var cells = Sla.Of(data, Targets);
        Assert.Equal(3, cells.Count);
        var urgentChat = cells.Single(c => c.Channel == "chat" && c.Priority == "urgent");
        Assert.Equal(0, urgentChat.Met);
        Assert.Equal(Duration.FromMinutes(10), urgentChat.Target!.Target);
        Assert.Equal(1, cells.Single(c => c.Channel == "chat" && c.Priority == "normal").Met);
        Assert.Equal(Duration.FromHours(2), cells.Single(c => c.Channel == "email").Target!.Target);
    }

    [Fact]
    public void Wilson_interval_and_clear_miss_per_channel()
    {
        var data = Enumerable.Range(0, 100).Select(i => Ticket("chat", null, i < 60 ? 0.25 : 1, 8)).ToArray();
        var cell = Assert.Single(Sla.Of(data, Targets, byPriority: false));
        Assert.Equal(0.6, cell.Attainment.Value!.Value, 12);

        // Wilson 95% for 60/100: [0.5020, 0.6906].
        Assert.Equal(0.5020, cell.Attainment.Interval!.Value.Lower, 3);
        Assert.Equal(0.6906, cell.Attainment.Interval!.Value.Upper, 3);
        Assert.True(cell.ClearlyMissesGoal);
    }

    [Fact]
    public void Tickets_without_a_target_are_reported_not_dropped()
    {
        SlaTarget[] chatOnly = [new() { Metric = SlaMetric.FirstResponse, Channel = "chat", Target = Duration.FromHours(1) }];
        var cell = Assert.Single(Sla.Of([Ticket("email", null, 1, 8)], chatOnly));
        Assert.Null(cell.Target);
        Assert.Equal(1, cell.WithoutTarget);
        Assert.Null(cell.Attainment.Value);
        Assert.Null(cell.MissesGoal);
    }

    [Fact]
    public void Resolution_targets_use_full_resolution()
    {
        var ticket = SupportTimes.Of(SupportTicket.Create("r", "c", "email", Monday9, statusChanges: [new(Monday9 + Duration.FromHours(3), TicketStatus.Solved)]), Office, Monday9 + Duration.FromHours(10));
        SlaTarget[] targets = [new() { Metric = SlaMetric.Resolution, Target = Duration.FromHours(4) }];
        Assert.Equal(1, Assert.Single(Sla.Of([ticket], targets)).Met);
    }

    [Fact]
    public void Bad_targets_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("Target", () => new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.Zero });
        Assert.Throws<ArgumentOutOfRangeException>("Goal", () => new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(1), Goal = 0 });
        SlaTarget[] duplicate = [Targets[0], Targets[0] with { Target = Duration.FromHours(3) }];
        var ex = Assert.Throws<ArgumentException>("targets", () => Sla.Of([], duplicate));
        Assert.Contains("two SLA targets", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_response_sla_leaves_tickets_closed_without_reply_out_of_the_share()
    {
        var silent = SupportTimes.Of(
            SupportTicket.Create("silent", "c", "email", Monday9, statusChanges: [new(Monday9 + Duration.FromHours(1), TicketStatus.Solved)]),
            Office, Monday9 + Duration.FromHours(8));
        TicketTimes[] data = [Ticket("email", null, 1, 8), silent];
        var cell = Assert.Single(Sla.Of(data, Targets));
        Assert.Equal(1, cell.Met);
        Assert.Equal(0, cell.Breached + cell.PendingBreached + cell.PendingWithinTarget);
        Assert.Equal(1, cell.Attainment.Count);
        Assert.Equal(1, cell.ClosedWithoutReply);
    }
}
