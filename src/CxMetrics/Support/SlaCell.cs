using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// SLA attainment of one channel × priority (or channel) cell against one target. Tickets that reached the metric within
/// the target are met, after it breached; tickets still pending are breaches once their time so far exceeds the target, and
/// otherwise cannot be judged yet: they are counted in <see cref="PendingWithinTarget"/> and left out of the share. For
/// <see cref="SlaMetric.NextReply"/> the counts are customer message runs (a ticket can have several), for every other metric
/// tickets; a next reply ended by a solve without an answer counts in <see cref="ClosedWithoutReply"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record SlaCell : Reporting.IReportable
{
    /// <summary>The channel.</summary>
    public required string Channel { get; init; }

    /// <summary>The priority, or <see langword="null"/> for a cell over all priorities (or tickets without priority).</summary>
    public required string? Priority { get; init; }

    /// <summary>The target the cell's tickets were judged by, or <see langword="null"/> when no target matched them.</summary>
    public required SlaTarget? Target { get; init; }

    /// <summary>The time measured.</summary>
    public required SlaMetric Metric { get; init; }

    /// <summary>Tickets that reached the metric within the target.</summary>
    public required long Met { get; init; }

    /// <summary>Tickets that reached the metric after the target.</summary>
    public required long Breached { get; init; }

    /// <summary>Tickets still pending whose time so far already exceeds the target (breaches).</summary>
    public required long PendingBreached { get; init; }

    /// <summary>Tickets still pending and within the target so far: not judged yet.</summary>
    public required long PendingWithinTarget { get; init; }

    /// <summary>
    /// Tickets solved or closed without any public reply (first-response cells only): no first response to judge, so neither
    /// met, breached nor pending; left out of <see cref="Sla.Of"/>.
    /// </summary>
    public long ClosedWithoutReply { get; init; }

    /// <summary>Tickets without a matching target (only in cells whose <see cref="Target"/> is <see langword="null"/>).</summary>
    public required long WithoutTarget { get; init; }

    /// <summary>The share met among judged tickets, <c>Met / (Met + Breached + PendingBreached)</c>, with its interval.</summary>
    public required ProportionEstimate Attainment { get; init; }

    /// <summary>
    /// The score test of attainment against the target's goal share (<see cref="Statistics.Proportion.ScoreTest"/>): the
    /// per-channel "response time vs the benchmark" comparison; <see cref="ProportionTest.PValueBelow"/> is small when the
    /// channel is below its goal beyond sampling noise. <see langword="null"/> without target.
    /// </summary>
    public ProportionTest? GoalTest { get; init; }

    /// <summary>Whether attainment is below the target's goal (the channel needs review); <see langword="null"/> without estimate.</summary>
    public required bool? MissesGoal { get; init; }

    /// <summary>Whether the whole interval is below the goal (a miss beyond sampling noise); <see langword="null"/> without estimate.</summary>
    public required bool? ClearlyMissesGoal { get; init; }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    /// <summary>Formats as <c>email/high, FirstResponse ≤ 4 h: 90.00% (95% CI [..], Wilson; 9 of 10) met, meets goal; 2 pending within target, 0 without target</c>.</summary>
    /// <returns>The cell as text.</returns>
    public override string ToString()
    {
        string where = $"{Channel}/{Priority ?? "all"}, {Metric}";
        string target = Target is { } t ? string.Create(CultureInfo.InvariantCulture, $" ≤ {t.Target.TotalHours:0.##} h") : " (no target)";
        string verdict = MissesGoal is not { } misses ? "no verdict"
            : ClearlyMissesGoal == true && Target is { } g ? string.Create(CultureInfo.InvariantCulture, $"clearly misses goal (the whole interval is below {g.Goal * 100:0.##}%)")
            : misses ? "misses goal" : "meets goal";
        return string.Create(CultureInfo.InvariantCulture, $"{where}{target}: {Attainment} met, {verdict}; {PendingWithinTarget} pending within target, {WithoutTarget} without target");
    }

    private ResultTable Table() => new ResultTable("SLA attainment")
        .Row("channel", Channel)
        .Row("priority", Priority ?? "all")
        .Row("metric", Metric.ToString())
        .Row("target", Target is { } t ? string.Create(CultureInfo.InvariantCulture, $"≤ {ResultTable.Number(t.Target.TotalHours, "0.##")} h ({t.Basis}), goal {ResultTable.Percent(t.Goal, "0.##")}") : ResultTable.Missing)
        .Row("attainment", CxMetrics.Statistics.StatisticsCells.Proportion(Attainment))
        .Row("misses goal", Verdict(MissesGoal))
        .Row("clearly misses goal (whole interval below)", Verdict(ClearlyMissesGoal))
        .Row("goal test z", ResultTable.Number(GoalTest?.Z, "0.00"))
        .Row("goal test p (two-sided)", ResultTable.PValue(GoalTest?.PValue))
        .Row("goal test p (below goal)", ResultTable.PValue(GoalTest?.PValueBelow))
        .Row("met", ResultTable.Count(Met))
        .Row("breached", ResultTable.Count(Breached))
        .Row("pending, already breached", ResultTable.Count(PendingBreached))
        .Row("pending within target (not judged)", ResultTable.Count(PendingWithinTarget))
        .Row("closed without reply (not judged)", ResultTable.Count(ClosedWithoutReply))
        .Row("without target", ResultTable.Count(WithoutTarget));

    private static string Verdict(bool? flag) => flag is { } f ? (f ? "yes" : "no") : ResultTable.Missing;
}
