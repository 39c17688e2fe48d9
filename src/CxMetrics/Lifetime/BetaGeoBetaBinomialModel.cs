using CxMetrics.Internal;
using CxMetrics.Statistics;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>A fitted BG/BB model (Fader, Hardie &amp; Shang 2010) with its predictions, in opportunities.</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record BetaGeoBetaBinomialModel : Reporting.IReportable
{
    /// <summary>α of the beta distribution of the transaction probability p, with its standard error.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>β of the beta distribution of p, with its standard error.</summary>
    public required ParameterEstimate Beta { get; init; }

    /// <summary>γ of the beta distribution of the dropout probability θ, with its standard error.</summary>
    public required ParameterEstimate Gamma { get; init; }

    /// <summary>δ of the beta distribution of θ, with its standard error.</summary>
    public required ParameterEstimate Delta { get; init; }


    /// <summary>The fit's status and log-likelihood.</summary>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>
    /// P(alive at opportunity n + 1 | x, t_x, n) = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n + 1)/B(γ, δ) / L (the paper's eq. 11).
    /// </summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>A probability.</returns>
    public double ProbabilityAlive(int frequency, int recency, int opportunities)
    {
        EnsureUsable();
        BetaGeoBetaBinomial.CheckPattern(frequency, recency, opportunities, 0);
        double log = SpecialFunctions.BetaLn(Alpha.Value + frequency, Beta.Value + opportunities - frequency) - SpecialFunctions.BetaLn(Alpha.Value, Beta.Value)
            + SpecialFunctions.BetaLn(Gamma.Value, Delta.Value + opportunities + 1) - SpecialFunctions.BetaLn(Gamma.Value, Delta.Value)
            - BetaGeoBetaBinomial.LogLikelihood(Alpha.Value, Beta.Value, Gamma.Value, Delta.Value, frequency, recency, opportunities);
        return Math.Clamp(Math.Exp(log), 0, 1);
    }

    /// <summary>
    /// E[X(n)]: expected transactions of a new customer in the first <paramref name="opportunities"/> opportunities
    /// (the paper's eq. 7): α/(α + β) · δ/(γ − 1) · [1 − Γ(γ + δ)Γ(1 + δ + n)/(Γ(γ + δ + n)Γ(1 + δ))].
    /// </summary>
    /// <param name="opportunities">n ≥ 0.</param>
    /// <returns>The expectation.</returns>
    public double ExpectedPurchases(int opportunities)
    {
        EnsureUsable();
        ArgumentOutOfRangeException.ThrowIfNegative(opportunities);
        double g = Math.Abs(Gamma.Value - 1) < 1e-9 ? 1 + 1e-9 : Gamma.Value;
        double ratio = Math.Exp(SpecialFunctions.GammaLn(g + Delta.Value) - SpecialFunctions.GammaLn(g + Delta.Value + opportunities)
            + SpecialFunctions.GammaLn(1 + Delta.Value + opportunities) - SpecialFunctions.GammaLn(1 + Delta.Value));
        return Alpha.Value / (Alpha.Value + Beta.Value) * Delta.Value / (g - 1) * (1 - ratio);
    }

    /// <summary>
    /// E[X(n, n + n*) | x, t_x, n]: expected transactions in the next <paramref name="horizon"/> opportunities (eq. 13):
    /// B(α + x + 1, β + n − x)/B(α, β) · δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) · [Γ(1 + δ + n)/Γ(γ + δ + n) − Γ(1 + δ + n + n*)/Γ(γ + δ + n + n*)] / L.
    /// </summary>
    /// <param name="horizon">n* ≥ 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>The expectation.</returns>
    public double ConditionalExpectedPurchases(int horizon, int frequency, int recency, int opportunities)
    {
        EnsureUsable();
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        BetaGeoBetaBinomial.CheckPattern(frequency, recency, opportunities, 0);
        double g = Math.Abs(Gamma.Value - 1) < 1e-9 ? 1 + 1e-9 : Gamma.Value;
        double logLead = SpecialFunctions.BetaLn(Alpha.Value + frequency + 1, Beta.Value + opportunities - frequency) - SpecialFunctions.BetaLn(Alpha.Value, Beta.Value)
            + SpecialFunctions.GammaLn(g + Delta.Value) - SpecialFunctions.GammaLn(1 + Delta.Value)
            - BetaGeoBetaBinomial.LogLikelihood(Alpha.Value, Beta.Value, g, Delta.Value, frequency, recency, opportunities);
        double now = SpecialFunctions.GammaLn(1 + Delta.Value + opportunities) - SpecialFunctions.GammaLn(g + Delta.Value + opportunities);
        double later = SpecialFunctions.GammaLn(1 + Delta.Value + opportunities + horizon) - SpecialFunctions.GammaLn(g + Delta.Value + opportunities + horizon);
        double bracket = Math.Exp(now) - Math.Exp(later);
        return Math.Max(0, Math.Exp(logLead) * Delta.Value / (g - 1) * bracket);
    }

    /// <summary>
    /// P(X(n) = x): the probability that a customer just acquired transacts at exactly <paramref name="transactions"/> of
    /// the first <paramref name="opportunities"/> opportunities (Fader, Hardie &amp; Shang 2010, eq. 8):
    /// C(n, x)·B(α + x, β + n − x)/B(α, β)·B(γ, δ + n)/B(γ, δ)
    /// + Σ_{i=x}^{n−1} C(i, x)·B(α + x, β + i − x)/B(α, β)·B(γ + 1, δ + i)/B(γ, δ).
    /// The first term is "alive through all n opportunities", the i-th term "alive for exactly i opportunities, then gone".
    /// </summary>
    /// <param name="transactions">x, 0 ≤ x ≤ n (0 when x &gt; n).</param>
    /// <param name="opportunities">n ≥ 0.</param>
    /// <returns>The probability.</returns>
    public double ProbabilityOfPurchases(int transactions, int opportunities)
    {
        EnsureUsable();
        ArgumentOutOfRangeException.ThrowIfNegative(transactions);
        ArgumentOutOfRangeException.ThrowIfNegative(opportunities);
        if (transactions > opportunities)
        {
            return 0;
        }

        int x = transactions, n = opportunities;
        double lnAb = SpecialFunctions.BetaLn(Alpha.Value, Beta.Value), lnGd = SpecialFunctions.BetaLn(Gamma.Value, Delta.Value);
        double total = Math.Exp(LogChoose(n, x) + SpecialFunctions.BetaLn(Alpha.Value + x, Beta.Value + n - x) - lnAb + SpecialFunctions.BetaLn(Gamma.Value, Delta.Value + n) - lnGd);
        for (int i = x; i < n; i++)
        {
            total += Math.Exp(LogChoose(i, x) + SpecialFunctions.BetaLn(Alpha.Value + x, Beta.Value + i - x) - lnAb + SpecialFunctions.BetaLn(Gamma.Value + 1, Delta.Value + i) - lnGd);
        }

        return Math.Clamp(total, 0, 1);
    }

    /// <summary>Formats the parameters and fit.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"BG/BB: {string.Join(", ", Alpha, Beta, Gamma, Delta)}; {Diagnostics}";

    internal static BetaGeoBetaBinomialModel From(MaximumLikelihood.Outcome outcome)
    {
        return new BetaGeoBetaBinomialModel
        {
            Alpha = outcome.Estimate(0, "alpha"),
            Beta = outcome.Estimate(1, "beta"),
            Gamma = outcome.Estimate(2, "gamma"),
            Delta = outcome.Estimate(3, "delta"),
            Diagnostics = outcome.Diagnostics,
        };
    }

    internal static BetaGeoBetaBinomialModel Empty() => new()
    {
        Alpha = new ParameterEstimate { Name = "alpha", Value = 0, StandardError = null },
        Beta = new ParameterEstimate { Name = "beta", Value = 0, StandardError = null },
        Gamma = new ParameterEstimate { Name = "gamma", Value = 0, StandardError = null },
        Delta = new ParameterEstimate { Name = "delta", Value = 0, StandardError = null },
        Diagnostics = MaximumLikelihood.NoData("no customers to fit."),
    };

    private static double LogChoose(int n, int k) => SpecialFunctions.FactorialLn(n) - SpecialFunctions.FactorialLn(k) - SpecialFunctions.FactorialLn(n - k);

    private void EnsureUsable()
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the BG/BB fit did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for predictions.");
        }
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Parameters(), Fit());

    private ResultGrid Parameters() => FitTables.Parameters("BG/BB parameters", Alpha, Beta, Gamma, Delta);

    private ResultTable Fit() => FitTables.Diagnostics(Diagnostics);
}
