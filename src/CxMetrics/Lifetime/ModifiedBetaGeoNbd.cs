using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// The modified BG/NBD model of Batislam, Denizel &amp; Filiztekin (2007), "Empirical validation and comparison of models
/// for customer base analysis", <i>International Journal of Research in Marketing</i> 24(3), 201–209: as BG/NBD, but a
/// customer may also drop out right after the first purchase, so a customer with no repeat purchase is not certainly
/// alive. Same model as lifetimes' <c>ModifiedBetaGeoFitter</c>.
/// </summary>
public static class ModifiedBetaGeoNbd
{
    /// <summary>Fits the MBG/NBD model with the default work budget (<see cref="FitOptions.Default"/>).</summary>
    /// <param name="data">x, t_x, T per customer.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    public static ModifiedBetaGeoNbdModel Fit(RfmData data) => Fit(data, FitOptions.Default);

    /// <summary>Fits the MBG/NBD model.</summary>
    /// <param name="data">x, t_x, T per customer.</param>
    /// <param name="options">The work budget.</param>
    /// <returns>The fitted model; check <see cref="FitDiagnostics.Status"/>.</returns>
    public static ModifiedBetaGeoNbdModel Fit(RfmData data, FitOptions options) => ModifiedBetaGeoNbdModel.From(BetaGeoNbd.FitCore(data, modified: true, options));

    /// <summary>One customer's MBG/NBD log-likelihood.</summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>The log-likelihood.</returns>
    public static double LogLikelihood(double r, double alpha, double a, double b, double frequency, double recency, double age) =>
        BetaGeoLikelihood.Individual(r, alpha, a, b, true, frequency, recency, age);

    /// <summary>Simulates customers from the MBG/NBD process (a dropout coin is also tossed at acquisition).</summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="customers">How many customers.</param>
    /// <param name="age">Observation length T.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="resolution">Time grid (0 for none).</param>
    /// <returns>The simulated data.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is negative.</exception>
    public static RfmData Simulate(double r, double alpha, double a, double b, int customers, double age, int seed, double resolution = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        return BetaGeoNbd.SimulateCore(r, alpha, a, b, Enumerable.Repeat(age, customers).ToArray(), seed, resolution, modified: true);
    }

    /// <summary>Simulates customers from the MBG/NBD process, each observed for their own age T.</summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="ages">Observation length T of each customer, finite and ≥ 0; one simulated customer per element.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="resolution">Time grid (0 for none).</param>
    /// <returns>The simulated data, in the order of <paramref name="ages"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An age is negative or not finite.</exception>
    public static RfmData Simulate(double r, double alpha, double a, double b, ReadOnlySpan<double> ages, int seed, double resolution = 0) =>
        BetaGeoNbd.SimulateCore(r, alpha, a, b, ages, seed, resolution, modified: true);
}
