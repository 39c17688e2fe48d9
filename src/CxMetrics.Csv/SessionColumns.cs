namespace CxMetrics.Csv;

/// <summary>Header names of a session file. Optional columns may be absent; set one to <c>null</c> to ignore it.</summary>
public sealed record SessionColumns
{
    /// <summary>
    /// The visitor. Default <c>visitor_id</c>, then required. Set it to <c>null</c> for data without visitor ids (the UCI
    /// online shoppers sessions, where each session belongs to a different user): each session is then its own visitor,
    /// named <c>row N</c> after its place among the rows of the read (1, 2, …), so per-visitor and per-session rates agree.
    /// </summary>
    public string? VisitorId { get; init; } = "visitor_id";

    /// <summary>
    /// When the session started. Default <c>started_at</c>, then required. Set it to <c>null</c> for data without
    /// timestamps: every session's <see cref="Conversion.Session.StartedAt"/> is then <c>null</c>, so the sessions have
    /// rates and breakdowns but no periods (<c>ConversionRate.ByPeriod</c> refuses them).
    /// </summary>
    public string? StartedAt { get; init; } = "started_at";

    /// <summary>Required: whether it converted (true/false, 1/0, yes/no). Default <c>converted</c>.</summary>
    public string Converted { get; init; } = "converted";

    /// <summary>Optional session id. Default <c>session_id</c>.</summary>
    public string? Id { get; init; } = "session_id";

    /// <summary>Optional channel. Default <c>channel</c>.</summary>
    public string? Channel { get; init; } = "channel";

    /// <summary>Optional traffic source. Default <c>traffic_source</c>.</summary>
    public string? TrafficSource { get; init; } = "traffic_source";

    /// <summary>Optional device. Default <c>device</c>.</summary>
    public string? Device { get; init; } = "device";

    /// <summary>Optional visitor type (new / returning). Default <c>visitor_type</c>.</summary>
    public string? VisitorType { get; init; } = "visitor_type";

    /// <summary>Optional segment. Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";
}
