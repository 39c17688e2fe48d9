using System.Globalization;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>An elapsed time measured twice: on the wall clock (calendar time) and while the team was open (business time).</summary>
/// <param name="Calendar">Calendar (elapsed, 24/7) time.</param>
/// <param name="Business">Business time under the ticket's calendar; never more than <paramref name="Calendar"/>.</param>
public readonly record struct ElapsedTime(Duration Calendar, Duration Business)
{
    /// <summary>Zero in both bases.</summary>
    public static ElapsedTime Zero { get; } = new(Duration.Zero, Duration.Zero);

    /// <summary>The time in the requested basis.</summary>
    /// <param name="basis">Calendar or business time.</param>
    /// <returns>The duration.</returns>
    public Duration In(TimeBasis basis) => basis == TimeBasis.Calendar ? Calendar : Business;

    /// <summary>The time in the requested basis, in hours.</summary>
    /// <param name="basis">Calendar or business time.</param>
    /// <returns>Hours.</returns>
    public double HoursIn(TimeBasis basis) => In(basis).TotalHours;

    /// <summary>Adds two elapsed times basis by basis.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>The sum.</returns>
    public static ElapsedTime operator +(ElapsedTime left, ElapsedTime right) => new(left.Calendar + right.Calendar, left.Business + right.Business);

    /// <summary>Adds two elapsed times basis by basis.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>The sum.</returns>
    public static ElapsedTime Add(ElapsedTime left, ElapsedTime right) => left + right;

    /// <summary>Subtracts basis by basis (a part of an elapsed time from the whole).</summary>
    /// <param name="left">The whole.</param>
    /// <param name="right">The part.</param>
    /// <returns>The difference.</returns>
    public static ElapsedTime operator -(ElapsedTime left, ElapsedTime right) => new(left.Calendar - right.Calendar, left.Business - right.Business);

    /// <summary>Subtracts basis by basis.</summary>
    /// <param name="left">The whole.</param>
    /// <param name="right">The part.</param>
    /// <returns>The difference.</returns>
    public static ElapsedTime Subtract(ElapsedTime left, ElapsedTime right) => left - right;

    /// <summary>Formats as <c>89.50 h calendar, 2.50 h business</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Calendar.TotalHours:0.00} h calendar, {Business.TotalHours:0.00} h business");
}
