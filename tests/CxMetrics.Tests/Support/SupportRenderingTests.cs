using CxMetrics.Support;
using CxMetrics.Tests.Internal;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SupportRenderingTests
{
    private static readonly Instant AsOf = Instant.FromUtc(2024, 3, 8, 0, 0);
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(DateTimeZone.Utc, new LocalTime(9, 0), new LocalTime(17, 0));

    private static TicketTimes Ticket(string id, int createdHour, int? repliedHour) =>
        SupportTimes.Of(
            SupportTicket.Create(id, "c", "chat", Instant.FromUtc(2024, 3, 4, createdHour, 0), replies: repliedHour is { } r ? [Instant.FromUtc(2024, 3, 4, r, 0)] : null),
            Office, AsOf);

    [Fact]
    public void Support_result_renders_counts_and_a_row_per_time_measure()
    {
        var result = SupportMetrics.Of([Ticket("a", 9, 10), Ticket("b", 9, 12), Ticket("c", 9, null)]);
        string md = result.ToMarkdown();
        RenderingAssert.WellFormed(md, result.ToHtml());
        Assert.Contains("| tickets | 3 |", md, StringComparison.Ordinal);
        Assert.Contains("| awaiting first response | 1 |", md, StringComparison.Ordinal);
        Assert.Contains($"| first response | 2 | {result.FirstResponse.Mean:0.00} | {result.FirstResponse.Median:0.00} |", md, StringComparison.Ordinal);
        Assert.Contains("| full resolution | 0 | — | — | — | — |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_support_result_has_no_NaN()
    {
        var result = SupportMetrics.Of([]);
        RenderingAssert.WellFormed(result.ToMarkdown(), result.ToHtml());
        Assert.Contains("| reopen rate | — (n = 0) |", result.ToMarkdown(), StringComparison.Ordinal);
    }
}
