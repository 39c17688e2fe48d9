using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// How tickets were resolved: one-touch, two-touch and first-contact resolution, reopen rate and replies per ticket, each
/// with its interval; tickets solved without any public reply are reported apart (<see cref="SolvedWithoutReply"/>), in no
/// touch rate and never as pending. Definitions in <see cref="TicketResolution"/>.
/// </summary>
public sealed record TicketResolutionResult
{
    /// <summary>Tickets counted.</summary>
    public required long Tickets { get; init; }

    /// <summary>Tickets solved (or closed) at as-of.</summary>
    public required long Solved { get; init; }

    /// <summary>Solved tickets without any public reply, and their share of the solved tickets.</summary>
    public required ProportionEstimate SolvedWithoutReply { get; init; }

    /// <summary>Share of solved, answered tickets solved with exactly one public reply (Zendesk "one-touch tickets").</summary>
    public required ProportionEstimate OneTouch { get; init; }

    /// <summary>Share of solved, answered tickets solved with exactly two public replies (Zendesk "two-touch tickets").</summary>
    public required ProportionEstimate TwoTouch { get; init; }

    /// <summary>Share of solved, answered tickets solved with one public reply and never reopened (first-contact resolution).</summary>
    public required ProportionEstimate FirstContactResolution { get; init; }

    /// <summary>Share of tickets solved at least once that were reopened.</summary>
    public required ProportionEstimate ReopenRate { get; init; }

    /// <summary>Public replies per solved, answered ticket, with an exact Poisson (Garwood) interval.</summary>
    public required RateEstimate RepliesPerTicket { get; init; }

    /// <summary>Formats as <c>120 tickets, 100 solved: one-touch 55.00% (…), first contact 50.00% (…), reopened 8.00% (…); 4 solved without reply</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Tickets} tickets, {Solved} solved: one-touch {OneTouch}, two-touch {TwoTouch}, first contact {FirstContactResolution}, reopened {ReopenRate}, {RepliesPerTicket.Value:0.00} replies per ticket; {SolvedWithoutReply.Successes} solved without reply");
}
