using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SupportTicketTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 3, 4, 9, 0);

    private static Instant H(double hours) => T0 + Duration.FromMinutes(hours * 60);

    private static TicketStatusChange S(double hours, TicketStatus status) => new(H(hours), status);

    [Fact]
    public void A_valid_ticket_keeps_its_events_and_attributes()
    {
        var ticket = SupportTicket.Create("t-1", "c-1", "email", T0, [H(1), H(2)], [S(3, TicketStatus.Solved), S(4, TicketStatus.Reopened), S(5, TicketStatus.Solved), S(6, TicketStatus.Closed)],
            [new Interval(H(1), H(1.5)), new Interval(H(1.5), H(2))], priority: "high", segment: "vip", agentGroup: "tier 1");
        Assert.Equal(2, ticket.Replies.Count);
        Assert.Equal(4, ticket.StatusChanges.Count);
        Assert.Equal("high", ticket.Priority);
        Assert.Equal("vip", ticket.Segment);
        Assert.Equal("tier 1", ticket.AgentGroup);
        Assert.Contains("t-1", ticket.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<SupportTicket>, string, string> BadSequences => new()
    {
        { "reply before creation", () => SupportTicket.Create("t-9", "c", "chat", T0, replies: [H(-1)]), "before the ticket was created", "replies" },
        { "replies out of order", () => SupportTicket.Create("t-9", "c", "chat", T0, replies: [H(2), H(1)]), "not in time order", "replies" },
        { "solved before creation", () => SupportTicket.Create("t-9", "c", "chat", T0, statusChanges: [S(-1, TicketStatus.Solved)]), "before the ticket was created", "statusChanges" },
        { "status out of order", () => SupportTicket.Create("t-9", "c", "chat", T0, statusChanges: [S(2, TicketStatus.Solved), S(1, TicketStatus.Reopened)]), "not in time order", "statusChanges" },
        { "solved twice", () => SupportTicket.Create("t-9", "c", "chat", T0, statusChanges: [S(1, TicketStatus.Solved), S(2, TicketStatus.Solved)]), "already solved", "statusChanges" },
        { "reopened unsolved", () => SupportTicket.Create("t-9", "c", "chat", T0, statusChanges: [S(1, TicketStatus.Reopened)]), "without being solved", "statusChanges" },
        { "change after close", () => SupportTicket.Create("t-9", "c", "chat", T0, statusChanges: [S(1, TicketStatus.Closed), S(2, TicketStatus.Reopened)]), "after the ticket was closed", "statusChanges" },
        { "reply after close", () => SupportTicket.Create("t-9", "c", "chat", T0, replies: [H(3)], statusChanges: [S(1, TicketStatus.Closed)]), "after the ticket was closed", "replies" },
        { "work before creation", () => SupportTicket.Create("t-9", "c", "chat", T0, workIntervals: [new Interval(H(-1), H(1))]), "starts before", "workIntervals" },
        { "overlapping work", () => SupportTicket.Create("t-9", "c", "chat", T0, workIntervals: [new Interval(H(1), H(3)), new Interval(H(2), H(4))]), "overlap", "workIntervals" },
        { "unbounded work", () => SupportTicket.Create("t-9", "c", "chat", T0, workIntervals: [new Interval(H(1), null)]), "unbounded", "workIntervals" },
        { "no customer", () => SupportTicket.Create("t-9", " ", "chat", T0), "no customer", "customerId" },
        { "no channel", () => SupportTicket.Create("t-9", "c", "", T0), "no channel", "channel" },
    };

    [Theory]
    [MemberData(nameof(BadSequences))]
    public void Bad_sequences_are_rejected_naming_the_ticket(string name, Func<SupportTicket> create, string expected, string param)
    {
        var ex = Assert.Throws<ArgumentException>(param, create);
        Assert.Contains("'t-9'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.NotNull(name);
    }

    [Fact]
    public void An_empty_id_is_rejected() =>
        Assert.Throws<ArgumentException>("id", () => SupportTicket.Create("", "c", "chat", T0));
}
