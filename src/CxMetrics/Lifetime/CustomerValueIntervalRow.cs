namespace CxMetrics.Lifetime;

/// <summary>
/// One customer's predicted value with intervals (<see cref="CustomerValueIntervals"/>): each point estimate is the plug-in
/// prediction at the fitted parameters (the number <see cref="CustomerValue.Of"/> gives), each interval the percentiles of the
/// same prediction over the parameter draws or bootstrap refits.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Frequency">x: repeat transactions in calibration.</param>
/// <param name="Recency">t_x, in the summary's time unit.</param>
/// <param name="Age">T, in the summary's time unit.</param>
/// <param name="ProbabilityAlive">P(alive | x, t_x, T) at the fitted parameters.</param>
/// <param name="ProbabilityAliveLower">Lower end of its interval.</param>
/// <param name="ProbabilityAliveUpper">Upper end of its interval.</param>
/// <param name="ExpectedPurchases">E[Y(h) | x, t_x, T] over the horizon h at the fitted parameters.</param>
/// <param name="ExpectedPurchasesLower">Lower end of its interval.</param>
/// <param name="ExpectedPurchasesUpper">Upper end of its interval.</param>
/// <param name="ExpectedSpend">E[Z | x, z̄] (gamma-gamma) at the fitted parameters.</param>
/// <param name="ExpectedSpendLower">Lower end of its interval.</param>
/// <param name="ExpectedSpendUpper">Upper end of its interval.</param>
/// <param name="Value">The discounted value (purchases × spend) at the fitted parameters.</param>
/// <param name="ValueLower">Lower end of its interval.</param>
/// <param name="ValueUpper">Upper end of its interval.</param>
public sealed record CustomerValueIntervalRow(
    string CustomerId, int Frequency, double Recency, double Age,
    double ProbabilityAlive, double ProbabilityAliveLower, double ProbabilityAliveUpper,
    double ExpectedPurchases, double ExpectedPurchasesLower, double ExpectedPurchasesUpper,
    double ExpectedSpend, double ExpectedSpendLower, double ExpectedSpendUpper,
    double Value, double ValueLower, double ValueUpper);
