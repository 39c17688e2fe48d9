using CxMetrics.Time;

namespace CxMetrics.Support;

/// <summary>The SLA cells of the tickets created in one period (<see cref="Sla.ByPeriod(IEnumerable{TicketTimes}, IEnumerable{SlaTarget}, Time.PeriodGrid, bool, SupportOptions?)"/>).</summary>
/// <param name="Period">The period.</param>
/// <param name="Cells">The cells, ordered as <see cref="Sla.Of"/> orders them; empty for a period without tickets.</param>
public sealed record SlaPeriod(CalendarPeriod Period, IReadOnlyList<SlaCell> Cells);
