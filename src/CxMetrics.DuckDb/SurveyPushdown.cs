using CxMetrics.Time;

namespace CxMetrics.DuckDb;

/// <summary>Columns and grouping of a pushed-down survey tally. Column names match <c>CxMetrics.Csv</c>'s defaults.</summary>
public sealed record SurveyPushdown
{
    /// <summary>The score column (a whole number; empty or NULL = asked but unanswered). Default <c>score</c>.</summary>
    public string ScoreColumn { get; init; } = "score";

    /// <summary>
    /// The answer time column: text with an explicit offset (ISO 8601, e.g. <c>2025-03-01T10:00:00+01:00</c>) or a
    /// TIMESTAMPTZ column. Required when <see cref="Grid"/> is set; ignored otherwise. Default <c>answered_at</c>.
    /// </summary>
    public string? AnsweredAtColumn { get; init; } = "answered_at";

    /// <summary>The breakdown key column (channel, segment, …); <see langword="null"/> (default) for one overall cell.</summary>
    public string? KeyColumn { get; init; }

    /// <summary>
    /// The calendar periods of the breakdown (the shop's zone, the unit and the week start); <see langword="null"/>
    /// (default) for none.
    /// </summary>
    public PeriodGrid? Grid { get; init; }

    /// <summary>Throw a <see cref="PushdownException"/> instead of reporting rejected rows. Default false.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// For CSV sources, how many rejected rows per reason are located by line (<see cref="PushdownRejection.Rows"/>, in file
    /// order); the counts are exact whatever this is. Locating costs one more scan of each file, made only when a row was
    /// rejected, plus a read of the file up to the last row located. 0 turns it off. Default 100.
    /// </summary>
    public int RejectedRowsPerReason { get; init; } = 100;
}
