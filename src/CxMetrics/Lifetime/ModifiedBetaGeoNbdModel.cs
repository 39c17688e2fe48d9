using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// A fitted MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007): its parameters with standard errors, the fit's
/// diagnostics, and the model's predictions. As BG/NBD, but a customer may also drop out right after the first purchase,
/// so the dropout coin is tossed at time 0 too. Times are in the time unit of the data it was fitted on.
/// </summary>
/// <remarks>
/// Prediction formulas: Batislam et al. (2007) as implemented by lifetimes' <c>ModifiedBetaGeoFitter</c>; they are the
/// BG/NBD expressions of <see cref="BetaGeoNbdModel"/> with the dropout count shifted by one. Predictions throw when the
/// fit did not converge.
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ModifiedBetaGeoNbdModel : IPurchaseModel, Reporting.IReportable
{
    /// <summary>Shape r of the gamma distribution of purchase rates, with its standard error.</summary>
    public required ParameterEstimate R { get; init; }

    /// <summary>Rate α of the gamma distribution of purchase rates (in the data's time unit), with its standard error.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>Beta parameter a of the dropout probability, with its standard error.</summary>
    public required ParameterEstimate A { get; init; }

    /// <summary>Beta parameter b of the dropout probability, with its standard error.</summary>
    public required ParameterEstimate B { get; init; }

    /// <inheritdoc/>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>The shared BG/NBD-family formulas with the MBG/NBD shift.</summary>
    internal BetaGeoNbdModel Core => new() { R = R, Alpha = Alpha, A = A, B = B, IsModified = true, Diagnostics = Diagnostics, FitOptions = FitOptions };

    /// <summary>The options of the fit (a regularised fit's prior), for refits and the Hessian of the interval calculators.</summary>
    internal FitOptions FitOptions { get; init; } = FitOptions.Default;

    /// <inheritdoc/>
    /// <remarks>1/(1 + a/(b + x)·((α + T)/(α + t_x))^(r+x)), also for x = 0.</remarks>
    public double ProbabilityAlive(double frequency, double recency, double age) => Core.ProbabilityAlive(frequency, recency, age);

    /// <summary>P(alive) for every customer of <paramref name="customers"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One value per row.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge.</exception>
    public void ProbabilityAlive(RfmData customers, Span<double> destination) => Core.ProbabilityAlive(customers, destination);

    /// <inheritdoc/>
    public double ExpectedPurchases(double t) => Core.ExpectedPurchases(t);

    /// <inheritdoc/>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age) => Core.ConditionalExpectedPurchases(t, frequency, recency, age);

    /// <summary>Expected purchases in (T, T + t] for every customer.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One value per row.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge.</exception>
    public void ConditionalExpectedPurchases(double t, RfmData customers, Span<double> destination) => Core.ConditionalExpectedPurchases(t, customers, destination);

    /// <summary>P(X(t) = n): the probability that a customer just acquired makes exactly <paramref name="n"/> repeat purchases in (0, t], with the dropout coin at time 0.</summary>
    /// <param name="n">Number of purchases ≥ 0.</param>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="InvalidOperationException">The fit did not converge.</exception>
    public double ProbabilityOfPurchases(int n, double t) => Core.ProbabilityOfPurchases(n, t);

    /// <summary>
    /// DERT, the discounted expected residual transactions (continuous discounting at δ per time unit, unbounded horizon),
    /// as <see cref="BetaGeoNbdModel.DiscountedExpectedResidualTransactions"/> with the dropout posterior Beta(a, b + x + 1).
    /// </summary>
    /// <param name="continuousDiscountRate">δ &gt; 0 per time unit.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>DERT in transactions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">δ is not finite and positive.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge.</exception>
    public double DiscountedExpectedResidualTransactions(double continuousDiscountRate, double frequency, double recency, double age) =>
        Core.DiscountedExpectedResidualTransactions(continuousDiscountRate, frequency, recency, age);

    /// <summary>Formats the parameters and fit.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Core.ToString();

    /// <summary>The fitted model as a report: its parameters with standard errors, then the fit diagnostics.</summary>
    /// <returns>The report, written by any of the Reporting writers.</returns>
    public Reporting.Report ToReport() => Core.ToReport();

    internal static ModifiedBetaGeoNbdModel From(BetaGeoNbdModel fitted) =>
        new() { R = fitted.R, Alpha = fitted.Alpha, A = fitted.A, B = fitted.B, Diagnostics = fitted.Diagnostics, FitOptions = fitted.FitOptions };
}
