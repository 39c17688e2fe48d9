using System.Globalization;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// A service-level target: tickets (of a channel and/or priority, or all) should reach <see cref="Metric"/> within
/// <see cref="Target"/> on <see cref="Basis"/>, and at least <see cref="Goal"/> of them should (e.g. 80% of chats answered
/// within 2 business minutes). A ticket is judged by the most specific target that matches it: channel and priority, then
/// channel, then priority, then the default (neither).
/// </summary>
public sealed record SlaTarget
{
    private readonly Duration target;
    private readonly double goal = 0.8;

    /// <summary>The time measured.</summary>
    public required SlaMetric Metric { get; init; }

    /// <summary>The target time, &gt; 0.</summary>
    public required Duration Target
    {
        get => target;
        init
        {
            if (value <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Target), value, $"SLA target {value} must be longer than zero.");
            }

            target = value;
        }
    }

    /// <summary>The channel the target applies to, or <see langword="null"/> for every channel.</summary>
    public string? Channel { get; init; }

    /// <summary>The priority the target applies to, or <see langword="null"/> for every priority.</summary>
    public string? Priority { get; init; }

    /// <summary>The clock. Default <see cref="TimeBasis.Business"/>.</summary>
    public TimeBasis Basis { get; init; } = TimeBasis.Business;

    /// <summary>The share of tickets that should meet the target, in (0, 1]. Default 0.8 (the common "80/20"-style goal).</summary>
    public double Goal
    {
        get => goal;
        init
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Goal), value, $"SLA goal {value} must be a share in (0, 1].");
            }

            goal = value;
        }
    }

    /// <summary>Formats as <c>FirstResponse ≤ 4 h (Business) for email/all, goal 80%</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{Metric} ≤ {Target.TotalHours:0.##} h ({Basis}) for {Channel ?? "all"}/{Priority ?? "all"}, goal {Goal * 100:0.##}%");
}
