namespace CxMetrics.Lifetime;

/// <summary>
/// One customer's predicted value (<see cref="CustomerValue"/>): the summary statistics the prediction is conditioned on,
/// P(alive), the expected purchases and spend per purchase over the horizon, and the discounted value.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Frequency">x: repeat transactions in calibration.</param>
/// <param name="Recency">t_x, in the summary's time unit.</param>
/// <param name="Age">T, in the summary's time unit.</param>
/// <param name="ProbabilityAlive">P(alive | x, t_x, T) at the calibration end.</param>
/// <param name="ExpectedPurchases">E[Y(h) | x, t_x, T]: expected purchases over the whole horizon h, undiscounted.</param>
/// <param name="ExpectedSpend">E[Z | x, z̄]: expected value per purchase (gamma-gamma).</param>
/// <param name="Value">The discounted value over the horizon (<see cref="DiscountedClv.DiscreteMonthly(IPurchaseModel, double, double, double, double, int, double, double)"/>).</param>
public sealed record CustomerValueRow(
    string CustomerId, int Frequency, double Recency, double Age, double ProbabilityAlive, double ExpectedPurchases, double ExpectedSpend, double Value);
