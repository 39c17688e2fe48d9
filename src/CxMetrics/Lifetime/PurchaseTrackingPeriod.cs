using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>One period (a time unit of the summary, e.g. a week) of <see cref="PurchaseTrackingResult"/>.</summary>
/// <param name="Index">0 for the period holding the earliest first purchase.</param>
/// <param name="Start">The period's first local date.</param>
/// <param name="End">The period's last local date (the last period ends on the last date tracked).</param>
/// <param name="IsHoldout">Whether the period ends after the calibration end.</param>
/// <param name="Actual">Repeat purchases (merge periods after a customer's first) made in the period.</param>
/// <param name="Expected">The model's expected repeat purchases in the period: the increase of <paramref name="CumulativeExpected"/>.</param>
/// <param name="CumulativeActual">Repeat purchases made up to the period's end.</param>
/// <param name="CumulativeExpected">Σ over customers of E[X(t − s_i)], t the period's end and s_i the customer's first purchase.</param>
public sealed record PurchaseTrackingPeriod(int Index, LocalDate Start, LocalDate End, bool IsHoldout, long Actual, double Expected, long CumulativeActual, double CumulativeExpected);
