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
        string md = result.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, result.ToReport().ToHtml());
        Assert.Contains("| tickets | 3 |", md, StringComparison.Ordinal);
        Assert.Contains("| awaiting first response | 1 |", md, StringComparison.Ordinal);
        Assert.Contains($"| first response | 2 | {result.FirstResponse.Mean:0.00} | {result.FirstResponse.Median:0.00} |", md, StringComparison.Ordinal);
        Assert.Contains("| full resolution | 0 | — | — | — | — |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_support_result_has_no_NaN()
    {
        var result = SupportMetrics.Of([]);
        RenderingAssert.WellFormed(result.ToReport().ToMarkdown(), result.ToReport().ToHtml());
        Assert.Contains("| reopen rate | — (n = 0) |", result.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sla_cell_renders_attainment_counts_and_escapes_the_channel()
    {
        var start = Instant.FromUtc(2024, 3, 4, 9, 0);
        TicketTimes Timed(double? replyHours, double asOfHours) => SupportTimes.Of(
            SupportTicket.Create(Guid.NewGuid().ToString(), "c", "<e&mail>", start, replies: replyHours is { } r ? [start + Duration.FromMinutes(r * 60)] : null),
            Office, start + Duration.FromMinutes(asOfHours * 60));
        SlaTarget[] targets = [new() { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(2) }];

        // Met, breached, pending past the target (a breach), pending within it (not judged): 1 of 3 met, Wilson [6.1%, 79.2%].
        var cell = Assert.Single(CxMetrics.Support.Sla.Of([Timed(1, 8), Timed(3, 8), Timed(null, 5), Timed(null, 1)], targets));
        string md = cell.ToReport().ToMarkdown();
        string html = cell.ToReport().ToHtml();
        RenderingAssert.WellFormed(md, html);
        Assert.Contains("| channel | <e&mail> |", md, StringComparison.Ordinal);
        Assert.Contains("| target | ≤ 2 h (Business), goal 80% |", md, StringComparison.Ordinal);
        Assert.Contains("| attainment | 33.3% [6.1%, 79.2%] (1 of 3) |", md, StringComparison.Ordinal);
        Assert.Contains("| misses goal | yes |", md, StringComparison.Ordinal);
        Assert.Contains("| pending, already breached | 1 |\n| pending within target (not judged) | 1 |", md, StringComparison.Ordinal);
        Assert.Contains("&lt;e&amp;mail&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<e&mail>", html, StringComparison.Ordinal);
        Assert.StartsWith("<e&mail>/all, FirstResponse ≤ 2 h: 33.33% (95% CI [6.15%, 79.23%], Wilson; 1 of 3) met, clearly misses goal (the whole interval is below 80%); 1 pending within target", cell.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_summary_renders_requested_percentiles()
    {
        // Type 7 on 1, 2, 3, 4: P90 = 1 + 0.9·3 = 3.7.
        var summary = DurationSummary.Of([1.0, 2, 3, 4], [0.9]);
        string md = summary.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, summary.ToReport().ToHtml());
        Assert.Contains("| n | 4 |\n| median | 2.50 |\n| mean | 2.50 |\n| minimum | 1.00 |\n| maximum | 4.00 |\n| P90 | 3.70 |", md, StringComparison.Ordinal);
        Assert.Contains("| median | — |", DurationSummary.Of([]).ToReport().ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Support_change_prints_signed_hours_and_dashes()
    {
        Assert.Equal("first response median +1.50 h, full resolution median —", new SupportChange(1.5, null).ToString());
        Assert.Equal("first response median -0.25 h, full resolution median 0.00 h", new SupportChange(-0.25, 0).ToString());
    }
}
