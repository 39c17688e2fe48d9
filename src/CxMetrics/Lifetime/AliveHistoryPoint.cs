using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>One day of <see cref="AliveHistoryResult"/>: the customer's statistics as if the data ended that day, and P(alive).</summary>
/// <param name="Date">The local day.</param>
/// <param name="Purchased">Whether the customer bought that day.</param>
/// <param name="Frequency">x: repeat purchase days up to and including this day.</param>
/// <param name="Recency">t_x: from the first purchase day to the last one up to this day, in the model's time unit.</param>
/// <param name="Age">T: from the first purchase day to this day, in the model's time unit.</param>
/// <param name="ProbabilityAlive">P(alive | x, t_x, T).</param>
public sealed record AliveHistoryPoint(LocalDate Date, bool Purchased, int Frequency, double Recency, double Age, double ProbabilityAlive);
