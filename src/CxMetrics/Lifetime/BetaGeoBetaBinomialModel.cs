using CxMetrics.Internal;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>A fitted BG/BB model (Fader, Hardie &amp; Shang 2010) with its predictions, in opportunities.</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record BetaGeoBetaBinomialModel : Reporting.IReportable
{
    /// <summary>α of the beta distribution of the transaction probability p.</summary>
    public required double Alpha { get; init; }

    /// <summary>β of the beta distribution of p.</summary>
    public required double Beta { get; init; }

    /// <summary>γ of the beta distribution of the dropout probability θ.</summary>
    public required double Gamma { get; init; }

    /// <summary>δ of the beta distribution of θ.</summary>
    public required double Delta { get; init; }

    /// <summary>alpha, beta, gamma, delta with standard errors.</summary>
    public required IReadOnlyList<ParameterEstimate> Estimates { get; init; }

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
        double log = SpecialFunctions.BetaLn(Alpha + frequency, Beta + opportunities - frequency) - SpecialFunctions.BetaLn(Alpha, Beta)
            + SpecialFunctions.BetaLn(Gamma, Delta + opportunities + 1) - SpecialFunctions.BetaLn(Gamma, Delta)
            - BetaGeoBetaBinomial.LogLikelihood(Alpha, Beta, Gamma, Delta, frequency, recency, opportunities);
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
        double g = Math.Abs(Gamma - 1) < 1e-9 ? 1 + 1e-9 : Gamma;
        double ratio = Math.Exp(SpecialFunctions.GammaLn(g + Delta) - SpecialFunctions.GammaLn(g + Delta + opportunities)
            + SpecialFunctions.GammaLn(1 + Delta + opportunities) - SpecialFunctions.GammaLn(1 + Delta));
        return Alpha / (Alpha + Beta) * Delta / (g - 1) * (1 - ratio);
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
        double g = Math.Abs(Gamma - 1) < 1e-9 ? 1 + 1e-9 : Gamma;
        double logLead = SpecialFunctions.BetaLn(Alpha + frequency + 1, Beta + opportunities - frequency) - SpecialFunctions.BetaLn(Alpha, Beta)
            + SpecialFunctions.GammaLn(g + Delta) - SpecialFunctions.GammaLn(1 + Delta)
            - BetaGeoBetaBinomial.LogLikelihood(Alpha, Beta, g, Delta, frequency, recency, opportunities);
        double now = SpecialFunctions.GammaLn(1 + Delta + opportunities) - SpecialFunctions.GammaLn(g + Delta + opportunities);
        double later = SpecialFunctions.GammaLn(1 + Delta + opportunities + horizon) - SpecialFunctions.GammaLn(g + Delta + opportunities + horizon);
        double bracket = Math.Exp(now) - Math.Exp(later);
        return Math.Max(0, Math.Exp(logLead) * Delta / (g - 1) * bracket);
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
        double lnAb = SpecialFunctions.BetaLn(Alpha, Beta), lnGd = SpecialFunctions.BetaLn(Gamma, Delta);
        double total = Math.Exp(LogChoose(n, x) + SpecialFunctions.BetaLn(Alpha + x, Beta + n - x) - lnAb + SpecialFunctions.BetaLn(Gamma, Delta + n) - lnGd);
        for (int i = x; i < n; i++)
        {
            total += Math.Exp(LogChoose(i, x) + SpecialFunctions.BetaLn(Alpha + x, Beta + i - x) - lnAb + SpecialFunctions.BetaLn(Gamma + 1, Delta + i) - lnGd);
        }

        return Math.Clamp(total, 0, 1);
    }

    /// <summary>Formats the parameters and fit.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"BG/BB: {string.Join(", ", Estimates)}; {Diagnostics}";

    internal static BetaGeoBetaBinomialModel From(MaximumLikelihood.Outcome outcome)
    {
        string[] names = ["alpha", "beta", "gamma", "delta"];
        var estimates = new ParameterEstimate[4];
        for (int i = 0; i < 4; i++)
        {
            estimates[i] = new ParameterEstimate { Name = names[i], Value = outcome.Parameters[i], StandardError = outcome.StandardErrors?[i] };
        }

        return new BetaGeoBetaBinomialModel { Alpha = outcome.Parameters[0], Beta = outcome.Parameters[1], Gamma = outcome.Parameters[2], Delta = outcome.Parameters[3], Estimates = estimates, Diagnostics = outcome.Diagnostics };
    }

    internal static BetaGeoBetaBinomialModel Empty() => new() { Alpha = 0, Beta = 0, Gamma = 0, Delta = 0, Estimates = [], Diagnostics = GammaGammaModel.FitDiagnosticsNoData() };

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

    private ResultGrid Parameters() => ModelTables.Parameters("BG/BB parameters", Estimates);

    private ResultTable Fit() => ModelTables.Diagnostics(Diagnostics);
}
