using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>Per-customer observations built from assignments and events, with what could not be counted.</summary>
/// <param name="Observations">One observation per assigned customer.</param>
/// <param name="Currency">The events' currency, or <see langword="null"/> without events.</param>
/// <param name="EventsWithoutAssignment">Events of customers who were never assigned.</param>
/// <param name="EventsOutsideWindow">Events before assignment, after the window closed, or after the as-of instant.</param>
/// <param name="AsOf">When the outcomes were judged.</param>
public sealed record ExperimentOutcomes(IReadOnlyList<ExperimentObservation> Observations, string? Currency, long EventsWithoutAssignment, long EventsOutsideWindow, Instant AsOf);
