using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// Support responsiveness of a set of tickets on one clock: first response, first and full resolution and handle time
/// summaries, with the tickets still pending reported apart (their time so far is a lower bound, never a finished time).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record SupportResult : Reporting.IReportable
{
    /// <summary>The clock the summaries are measured on.</summary>
    public required TimeBasis Basis { get; init; }

    /// <summary>Tickets counted.</summary>
    public required long Tickets { get; init; }

    /// <summary>First response times of answered tickets.</summary>
    public required DurationSummary FirstResponse { get; init; }

    /// <summary>Tickets still waiting for their first reply (a ticket solved or closed without reply is not waiting: see <see cref="ClosedWithoutReply"/>).</summary>
    public required long ResponsePending { get; init; }

    /// <summary>
    /// Tickets solved or closed without any public reply: no first response and not pending, counted apart (help desks'
    /// "closed without reply"); on the result's clock, the number of <see cref="ClosedWithoutReplyAfter"/> values.
    /// </summary>
    public long ClosedWithoutReply { get; init; }

    /// <summary>Creation → solved (or closed) of the tickets closed without reply; <see langword="null"/> when not computed.</summary>
    public DurationSummary? ClosedWithoutReplyAfter { get; init; }

    /// <summary>How long the pending tickets have waited so far (right-censored at as-of).</summary>
    public required DurationSummary ResponsePendingFor { get; init; }

    /// <summary>First resolution times of tickets solved at least once.</summary>
    public required DurationSummary FirstResolution { get; init; }

    /// <summary>Full resolution times (to the latest solve) of tickets solved at as-of.</summary>
    public required DurationSummary FullResolution { get; init; }

    /// <summary>Tickets not solved at as-of (never solved or reopened).</summary>
    public required long ResolutionPending { get; init; }

    /// <summary>How long the unsolved tickets have been open so far (right-censored at as-of).</summary>
    public required DurationSummary ResolutionPendingFor { get; init; }

    /// <summary>Handle time (sum of work intervals) of tickets with work intervals.</summary>
    public required DurationSummary HandleTime { get; init; }

    /// <summary>Agent work time (new and open, pending and on-hold excluded) of tickets solved at as-of; <see langword="null"/> when not computed.</summary>
    public DurationSummary? AgentWorkTime { get; init; }

    /// <summary>On-hold time of tickets solved at as-of; <see langword="null"/> when not computed.</summary>
    public DurationSummary? OnHoldTime { get; init; }

    /// <summary>Agent wait time (pending: waiting for the customer) of tickets solved at as-of; <see langword="null"/> when not computed.</summary>
    public DurationSummary? AgentWaitTime { get; init; }

    /// <summary>Requester wait time (new, open and on hold; pending excluded) of tickets solved at as-of; <see langword="null"/> when not computed.</summary>
    public DurationSummary? RequesterWaitTime { get; init; }

    /// <summary>Reopens over all tickets.</summary>
    public required long Reopens { get; init; }

    /// <summary>Share of tickets solved at least once that were reopened (Zendesk "reopens"; lower is better), with its interval.</summary>
    public required ProportionEstimate ReopenRate { get; init; }

    /// <summary>Formats as <c>120 tickets: first response median 1.50 h (n = 110, 10 pending)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Tickets} tickets ({Basis}): first response {FirstResponse} with {ResponsePending} pending{(ClosedWithoutReply > 0 ? $" and {ClosedWithoutReply} closed without reply" : string.Empty)}; full resolution {FullResolution} with {ResolutionPending} pending");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Counts(), Times());

    private ResultTable Counts() => new ResultTable(string.Create(CultureInfo.InvariantCulture, $"Support ({Basis.ToString().ToLowerInvariant()} hours)"))
        .Row("tickets", ResultTable.Count(Tickets))
        .Row("awaiting first response", ResultTable.Count(ResponsePending))
        .Row("closed without reply", ResultTable.Count(ClosedWithoutReply))
        .Row("awaiting resolution", ResultTable.Count(ResolutionPending))
        .Row("reopens", ResultTable.Count(Reopens))
        .Row("reopen rate", CxMetrics.Statistics.StatisticsCells.Proportion(ReopenRate));

    private ResultGrid Times()
    {
        var probabilities = FirstResponse.Percentiles.Select(p => p.Probability).ToArray();
        var columns = new List<string> { "<measure (hours)", "n", "mean", "median", "min", "max" };
        columns.AddRange(probabilities.Select(p => "p" + (p * 100).ToString("0.##", CultureInfo.InvariantCulture)));
        var grid = new ResultGrid("Support times in hours", [.. columns]);
        foreach (var (name, summary) in new[]
        {
            ("first response", FirstResponse), ("waiting for a response (open)", ResponsePendingFor), ("first resolution", FirstResolution),
            ("full resolution", FullResolution), ("waiting for resolution (open)", ResolutionPendingFor), ("handle time", HandleTime),
            ("closed without reply (to close)", ClosedWithoutReplyAfter),
        })
        {
            if (summary is null)
            {
                continue;
            }

            var cells = new List<Reporting.ReportCell>
            {
                name, ResultTable.Count(summary.Count), ResultTable.Number(summary.Mean, "0.00"), ResultTable.Number(summary.Median, "0.00"),
                ResultTable.Number(summary.Min, "0.00"), ResultTable.Number(summary.Max, "0.00"),
            };
            cells.AddRange(probabilities.Select(p => ResultTable.Number(summary.Percentile(p), "0.00")));
            grid.Row([.. cells]);
        }

        return grid;
    }
}
