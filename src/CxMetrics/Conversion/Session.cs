namespace CxMetrics.Conversion;

/// <summary>A visit to the shop and whether it ended in an order.</summary>
/// <param name="VisitorId">Who visited (a user or client id).</param>
/// <param name="StartedAt">
/// When the session started; <c>null</c> when the data has no start time (the UCI online shoppers sessions). An undated
/// session counts in every rate and breakdown except by period: <c>ConversionRate.ByPeriod</c> refuses it.
/// </param>
/// <param name="Converted">Whether the session placed an order.</param>
public sealed record Session(string VisitorId, NodaTime.Instant? StartedAt, bool Converted)
{
    /// <summary>Who visited.</summary>
    public string VisitorId { get; init; } = string.IsNullOrWhiteSpace(VisitorId) ? throw new ArgumentException("a session needs a visitor id.", nameof(VisitorId)) : VisitorId;

    /// <summary>The session's identifier; optional.</summary>
    public string? Id { get; init; }

    /// <summary>Marketing channel (organic, paid search, email, …); optional.</summary>
    public string? Channel { get; init; }

    /// <summary>Traffic source (referrer, campaign); optional.</summary>
    public string? TrafficSource { get; init; }

    /// <summary>Device (desktop, mobile, tablet); optional.</summary>
    public string? Device { get; init; }

    /// <summary>New or returning visitor; optional.</summary>
    public string? VisitorType { get; init; }

    /// <summary>Customer segment; optional.</summary>
    public string? Segment { get; init; }
}
