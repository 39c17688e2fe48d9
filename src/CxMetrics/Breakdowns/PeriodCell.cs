using CxMetrics.Time;

namespace CxMetrics.Breakdowns;

/// <summary>One calendar period of a breakdown over time, with the change from the period before it.</summary>
/// <typeparam name="TResult">The metric result type.</typeparam>
/// <typeparam name="TChange">The comparison type (difference, interval and test).</typeparam>
/// <param name="Period">The calendar period, in the shop's zone.</param>
/// <param name="Result">The metric computed on the period's data (without estimate when the period had none).</param>
/// <param name="Count">The number of answered observations the result rests on.</param>
/// <param name="IsSmallCell">Whether <paramref name="Count"/> is below the configured minimum.</param>
/// <param name="ChangeFromPrevious">This period against the one right before it; <see langword="null"/> for the first period.</param>
public sealed record PeriodCell<TResult, TChange>(CalendarPeriod Period, TResult Result, long Count, bool IsSmallCell, TChange? ChangeFromPrevious)
    where TChange : class;
