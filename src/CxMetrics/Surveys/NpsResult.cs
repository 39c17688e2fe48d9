using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Surveys;

/// <summary>
/// A Net Promoter Score with its parts and uncertainty. The score is in points, −100 to 100:
/// <c>NPS = 100·(p − d)</c> where p and d are the (weighted) shares of promoters and detractors among answered responses.
/// </summary>
/// <remarks>With no answered responses <see cref="Score"/>, the shares, <see cref="StandardError"/>, <see cref="IntervalStandardError"/> and
/// <see cref="Interval"/> are <see langword="null"/>.</remarks>
[Internal.TypeFormatterSource(typeof(Internal.NotebookFormatterSource))]
public sealed record NpsResult : Reporting.IReportable
{
    /// <summary>Promoters (scores 9–10).</summary>
    public required long Promoters { get; init; }

    /// <summary>Passives (scores 7–8).</summary>
    public required long Passives { get; init; }

    /// <summary>Detractors (scores 0–6).</summary>
    public required long Detractors { get; init; }

    /// <summary>Unanswered items: counted, excluded from the score.</summary>
    public required long Unanswered { get; init; }

    /// <summary>Answered responses, n = promoters + passives + detractors.</summary>
    public long Count => Promoters + Passives + Detractors;

    /// <summary>Kish's effective sample size; equals <see cref="Count"/> without weights.</summary>
    public required double EffectiveSampleSize { get; init; }

    /// <summary>Share of promoters, p, in [0, 1].</summary>
    public required double? PromoterShare { get; init; }

    /// <summary>Share of passives in [0, 1].</summary>
    public required double? PassiveShare { get; init; }

    /// <summary>Share of detractors, d, in [0, 1].</summary>
    public required double? DetractorShare { get; init; }

    /// <summary>The Net Promoter Score <c>100·(p − d)</c>, in points from −100 to 100.</summary>
    public required double? Score { get; init; }

    /// <summary>Standard error in points from the trinomial variance: <c>100·√((p + d − (p − d)²)/n_eff)</c>.</summary>
    public required double? StandardError { get; init; }

    /// <summary>
    /// The standard error in points that <see cref="Interval"/> was built from (the interval is centre ± z·this before
    /// clipping): <see cref="StandardError"/> for <see cref="NpsIntervalMethod.Wald"/>; for
    /// <see cref="NpsIntervalMethod.AdjustedWald"/> the trinomial standard error of the adjusted shares (Rocks 2016),
    /// <c>100·√((p̃ + d̃ − (p̃ − d̃)²)/(n + 3))</c> with <c>p̃ = (p·n + ¾)/(n + 3)</c>, <c>d̃ = (d·n + ¾)/(n + 3)</c>.
    /// </summary>
    public required double? IntervalStandardError { get; init; }

    /// <summary>The confidence interval in points, clipped to [−100, 100].</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>How <see cref="Interval"/> was computed.</summary>
    public required NpsIntervalMethod IntervalMethod { get; init; }

    /// <summary>Formats as <c>NPS 30.0 (95% CI [14.1, 44.2], adjusted Wald; n = 100: 50 promoters, 30 passives, 20 detractors)</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        string parts = string.Create(CultureInfo.InvariantCulture, $"n = {Count}: {Promoters} promoters, {Passives} passives, {Detractors} detractors");
        if (Unanswered > 0)
        {
            parts += string.Create(CultureInfo.InvariantCulture, $"; {Unanswered} unanswered");
        }

        return Score is { } score && Interval is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"NPS {score:0.0} ({ci.ToString("0.0")}, {Describe(IntervalMethod)}; {parts})")
            : $"NPS: no estimate ({parts})";
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private Internal.ResultTable Table()
    {
        string level = Interval is { } ci ? ci.Level.ToString("0.##%", CultureInfo.InvariantCulture) : "—";
        return new Internal.ResultTable("Net Promoter Score")
            .Row("NPS", Internal.ResultTable.Number(Score))
            .Row($"{level} CI ({Describe(IntervalMethod)})", Interval is { } i ? new Reporting.IntervalCell(i.Lower, i.Upper) : new Reporting.MissingCell())
            .Row("standard error", Internal.ResultTable.Number(StandardError, "0.00"))
            .Row("n (answered)", Internal.ResultTable.Count(Count))
            .Row("promoters (9–10)", $"{Internal.ResultTable.Count(Promoters)} ({Internal.ResultTable.Number(PromoterShare * 100)}%)")
            .Row("passives (7–8)", $"{Internal.ResultTable.Count(Passives)} ({Internal.ResultTable.Number(PassiveShare * 100)}%)")
            .Row("detractors (0–6)", $"{Internal.ResultTable.Count(Detractors)} ({Internal.ResultTable.Number(DetractorShare * 100)}%)")
            .Row("unanswered", Internal.ResultTable.Count(Unanswered));
    }

    internal static string Describe(NpsIntervalMethod method) => method == NpsIntervalMethod.AdjustedWald ? "adjusted Wald" : "Wald";
}
