using System.Globalization;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>The backlog over time: one <see cref="BacklogCell"/> per period, with the age bands the cells count in.</summary>
public sealed record BacklogResult
{
    /// <summary>Tickets counted.</summary>
    public required long Tickets { get; init; }

    /// <summary>The moment of judgement.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>The upper edges of the age bands of <see cref="BacklogCell.OpenByAge"/>; the last band is open-ended.</summary>
    public required IReadOnlyList<Duration> AgeEdges { get; init; }

    /// <summary>One cell per period, in time order.</summary>
    public required IReadOnlyList<BacklogCell> Cells { get; init; }

    /// <summary>Formats as <c>backlog of 1200 tickets over 31 periods as of …; last: …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"backlog of {Tickets} tickets over {Cells.Count} periods as of {AsOf}{(Cells.Count > 0 ? "; last: " + Cells[^1] : "")}");
}
