using CxMetrics.Internal;
using CxMetrics.Statistics;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>
/// A fitted Pareto/NBD model: parameters with standard errors, diagnostics, and predictions (P(alive), expected
/// purchases, and CLVTools' discounted expected residual transactions). Times are in the data's time unit.
/// </summary>
/// <remarks>
/// Formulas: Fader &amp; Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", eqs. (17),
/// (18), (22)–(24); DERT: Fader, Hardie &amp; Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
/// Analysis", <i>Journal of Marketing Research</i> 42(4), eq. (2) (as in CLVTools). Predictions throw when the fit did
/// not converge.
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ParetoNbdModel : IPurchaseModel, Reporting.IReportable
{
    /// <summary>Shape r of the gamma of purchase rates, with its standard error.</summary>
    public required ParameterEstimate R { get; init; }

    /// <summary>Rate α of the gamma of purchase rates, with its standard error.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>Shape s of the gamma of dropout rates, with its standard error.</summary>
    public required ParameterEstimate S { get; init; }

    /// <summary>Rate β of the gamma of dropout rates, with its standard error.</summary>
    public required ParameterEstimate Beta { get; init; }


    /// <inheritdoc/>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>The options of the fit (a regularised fit's prior), for refits and the Hessian of the interval calculators.</summary>
    internal FitOptions FitOptions { get; init; } = FitOptions.Default;

    /// <inheritdoc/>
    /// <remarks>P(alive) = 1/(1 + s/(r + s + x)·(α + T)^(r+x)(β + T)ˢ·A₀).</remarks>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        EnsureUsable();
        return Alive(frequency, recency, age);
    }

    /// <summary>P(alive) for every customer.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One value per row.</param>
    public void ProbabilityAlive(RfmData customers, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        EnsureUsable();
        BetaGeoNbdModel.CheckDestination(customers, destination);
        for (int i = 0; i < customers.Count; i++)
        {
            destination[i] = Alive(customers.Frequency[i], customers.Recency[i], customers.Age[i]);
        }
    }

    /// <inheritdoc/>
    /// <remarks>E[X(t)] = rβ/(α(s − 1))·[1 − (β/(β + t))^(s−1)] (the limit −rβ/α·ln(β/(β + t)) at s = 1).</remarks>
    public double ExpectedPurchases(double t)
    {
        EnsureUsable();
        BetaGeoNbdModel.CheckHorizon(t);
        return R.Value * Beta.Value / Alpha.Value * PowerTerm(Beta.Value, t);
    }

    /// <inheritdoc/>
    /// <remarks>E[Y(t) | x, t_x, T] = (r + x)(β + T)/((α + T)(s − 1))·[1 − ((β + T)/(β + T + t))^(s−1)]·P(alive).</remarks>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        EnsureUsable();
        BetaGeoNbdModel.CheckHorizon(t);
        return Conditional(t, frequency, recency, age);
    }

    /// <summary>Expected purchases in (T, T + t] for every customer.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One value per row.</param>
    public void ConditionalExpectedPurchases(double t, RfmData customers, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        EnsureUsable();
        BetaGeoNbdModel.CheckHorizon(t);
        BetaGeoNbdModel.CheckDestination(customers, destination);
        for (int i = 0; i < customers.Count; i++)
        {
            destination[i] = Conditional(t, customers.Frequency[i], customers.Recency[i], customers.Age[i]);
        }
    }

    /// <summary>
    /// DERT, the discounted expected residual transactions of CLVTools and Fader, Hardie &amp; Lee (2005, JMR): the
    /// expected number of future purchases, each discounted continuously at rate δ per time unit, over an unbounded
    /// horizon. Multiply by expected spend per transaction (and margin) for the residual CLV.
    /// </summary>
    /// <remarks>
    /// Computed as P(alive)·(r + x)/(α + T)·∫₀^∞ e^(−δt)((β + T)/(β + T + t))ˢ dt (posterior λ and μ are independent gammas
    /// given alive), which equals the paper's α^rβ^sδ^(s−1)Γ(r + x + 1)Ψ(s, s; δ(β + T))/(Γ(r)(α + T)^(r+x+1)L); the
    /// integral is taken with the double-exponential rule after the substitution v = e^(−δt).
    /// This is <em>not</em> the discrete monthly discounting of lifetimes (see <see cref="DiscountedClv"/>).
    /// </remarks>
    /// <param name="continuousDiscountRate">δ &gt; 0 per time unit, e.g. ln(1.15)/52 for 15% a year in weeks
    /// (<see cref="DiscountedClv.ContinuousRate"/>).</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>DERT in transactions.</returns>
    public double DiscountedExpectedResidualTransactions(double continuousDiscountRate, double frequency, double recency, double age)
    {
        EnsureUsable();
        DiscountedClv.CheckContinuousRate(continuousDiscountRate);
        double delta = continuousDiscountRate, b = Beta.Value + age, s = S.Value;
        double integral = Integrate.DoubleExponential(
            v => v <= 0 ? 0 : Math.Exp(-s * LogMath.Log1p(-Math.Log(v) / (delta * b))),
            0,
            1,
            1e-10) / delta;
        return Alive(frequency, recency, age) * (R.Value + frequency) / (Alpha.Value + age) * integral;
    }

    /// <summary>
    /// P(X(t) = n): the probability that a customer just acquired makes exactly <paramref name="n"/> repeat purchases in
    /// (0, t] (Fader &amp; Hardie 2006/2020, "Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model", eq. 6).
    /// </summary>
    /// <remarks>
    /// Computed from the note's starting point rather than its closed form: conditioning on the lifetime τ,
    /// P(X(t) = n) = NB(n; r, α, t)·(β/(β + t))ˢ + ∫₀ᵗ NB(n; r, α, τ)·(s/β)(β/(β + τ))^(s+1) dτ, with
    /// NB(n; r, α, τ) = Γ(r + n)/(Γ(r) n!)·(α/(α + τ))ʳ(τ/(α + τ))ⁿ the gamma-Poisson probability of n purchases in τ.
    /// The note's closed form is a difference of Gauss hypergeometric terms that cancels badly for small n and long t;
    /// the integral (double-exponential rule) has a positive integrand and no cancellation. The tests check it against
    /// the closed form.
    /// </remarks>
    /// <param name="n">Number of purchases ≥ 0.</param>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <returns>The probability.</returns>
    public double ProbabilityOfPurchases(int n, double t)
    {
        EnsureUsable();
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        BetaGeoNbdModel.CheckHorizon(t);
        if (t == 0)
        {
            return n == 0 ? 1 : 0;
        }

        double logCoefficient = SpecialFunctions.GammaLn(R.Value + n) - SpecialFunctions.GammaLn(R.Value) - SpecialFunctions.GammaLn(n + 1);
        double LogNb(double tau) => logCoefficient + (R.Value * (Math.Log(Alpha.Value) - Math.Log(Alpha.Value + tau))) + (n > 0 ? n * (Math.Log(tau) - Math.Log(Alpha.Value + tau)) : 0);
        double alive = Math.Exp(LogNb(t) + (S.Value * (Math.Log(Beta.Value) - Math.Log(Beta.Value + t))));
        double dead = Integrate.DoubleExponential(
            tau => tau <= 0 && n > 0 ? 0 : Math.Exp(LogNb(tau) + Math.Log(S.Value / Beta.Value) + ((S.Value + 1) * (Math.Log(Beta.Value) - Math.Log(Beta.Value + tau)))),
            0,
            t,
            1e-13);
        return Math.Clamp(alive + dead, 0, 1);
    }

    /// <summary>Formats the parameters and fit.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Pareto/NBD: {string.Join(", ", R, Alpha, S, Beta)}; {Diagnostics}";

    internal static ParetoNbdModel From(MaximumLikelihood.Outcome outcome)
    {
        return new ParetoNbdModel
        {
            R = outcome.Estimate(0, "r"),
            Alpha = outcome.Estimate(1, "alpha"),
            S = outcome.Estimate(2, "s"),
            Beta = outcome.Estimate(3, "beta"),
            Diagnostics = outcome.Diagnostics,
        };
    }

    internal static ParetoNbdModel Empty() => new()
    {
        R = new ParameterEstimate { Name = "r", Value = 0, StandardError = null },
        Alpha = new ParameterEstimate { Name = "alpha", Value = 0, StandardError = null },
        S = new ParameterEstimate { Name = "s", Value = 0, StandardError = null },
        Beta = new ParameterEstimate { Name = "beta", Value = 0, StandardError = null },
        Diagnostics = MaximumLikelihood.NoData("no customers to fit."),
    };

    private void EnsureUsable()
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the Pareto/NBD fit did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for predictions.");
        }
    }

    private double Alive(double x, double tx, double t)
    {
        ParetoNbdLikelihood.LogBracket(R.Value, Alpha.Value, S.Value, Beta.Value, x, tx, t, out double logOddsDead);
        return logOddsDead > 0 ? Math.Exp(-logOddsDead) / (1 + Math.Exp(-logOddsDead)) : 1 / (1 + Math.Exp(logOddsDead));
    }

    private double Conditional(double t, double x, double tx, double age)
    {
        if (t == 0)
        {
            return 0;
        }

        return (R.Value + x) * (Beta.Value + age) / (Alpha.Value + age) * PowerTerm(Beta.Value + age, t) * Alive(x, tx, age);
    }

    /// <summary>E[Y(t) | x, t_x, T] / P(alive | x, t_x, T): the expected purchases of a customer known to be alive, a function of (x, T) only.</summary>
    internal double ExpectedPurchasesIfAlive(double t, double x, double age) =>
        t == 0 ? 0 : (R.Value + x) * (Beta.Value + age) / (Alpha.Value + age) * PowerTerm(Beta.Value + age, t);

    /// <summary>[1 − (b/(b + t))^(s−1)]/(s − 1), with its limit ln((b + t)/b) at s = 1.</summary>
    private double PowerTerm(double b, double t)
    {
        double logRatio = Math.Log(b) - Math.Log(b + t);
        double sm1 = S.Value - 1;
        return Math.Abs(sm1 * logRatio) < 1e-12 ? -logRatio : -LogMath.Expm1(sm1 * logRatio) / sm1;
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Parameters(), Fit());

    private ResultGrid Parameters() => FitTables.Parameters("Pareto/NBD parameters", Diagnostics, R, Alpha, S, Beta);

    private ResultTable Fit() => FitTables.Diagnostics(Diagnostics);
}
