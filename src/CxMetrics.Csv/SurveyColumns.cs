namespace CxMetrics.Csv;

/// <summary>Header names of a survey-response file (defaults in snake case). Optional columns may be absent from the file; set one to <c>null</c> to ignore it.</summary>
public sealed record SurveyColumns
{
    /// <summary>Required: who answered. Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>Required: when. Default <c>answered_at</c>.</summary>
    public string AnsweredAt { get; init; } = "answered_at";

    /// <summary>Required column: the score; an empty cell is an unanswered question (kept, counted as unanswered). Default <c>score</c>.</summary>
    public string Score { get; init; } = "score";

    /// <summary>Optional response id. Default <c>response_id</c>.</summary>
    public string? Id { get; init; } = "response_id";

    /// <summary>Optional channel. Default <c>channel</c>.</summary>
    public string? Channel { get; init; } = "channel";

    /// <summary>Optional touchpoint. Default <c>touchpoint</c>.</summary>
    public string? Touchpoint { get; init; } = "touchpoint";

    /// <summary>Optional segment. Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";

    /// <summary>Optional survey weight (positive, finite; empty = 1). Default <c>weight</c>.</summary>
    public string? Weight { get; init; } = "weight";
}
