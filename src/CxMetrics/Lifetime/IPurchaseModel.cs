using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// A fitted model of repeat-purchase counts (BG/NBD, MBG/NBD, Pareto/NBD): what the discounted-CLV calculators and the fit
/// checks (<see cref="CalibrationHoldout"/>, <see cref="RepeatPurchaseHistogram"/>, <see cref="PurchaseTracking"/>) need.
/// Times are in the time unit of the data the model was fitted on.
/// </summary>
public interface IPurchaseModel
{
    /// <summary>The fit's status and log-likelihood.</summary>
    FitDiagnostics Diagnostics { get; }

    /// <summary>E[X(t)]: expected repeat purchases of a customer just acquired, in (0, t].</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <returns>The expectation.</returns>
    double ExpectedPurchases(double t);

    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of an existing customer.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>The expectation.</returns>
    double ConditionalExpectedPurchases(double t, double frequency, double recency, double age);

    /// <summary>P(alive | x, t_x, T): the probability the customer has not dropped out by T.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>A probability in [0, 1].</returns>
    double ProbabilityAlive(double frequency, double recency, double age);

    /// <summary>P(X(t) = n): the probability that a customer just acquired makes exactly <paramref name="n"/> repeat purchases in (0, t].</summary>
    /// <param name="n">Number of purchases ≥ 0.</param>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <returns>A probability in [0, 1].</returns>
    double ProbabilityOfPurchases(int n, double t);
}
