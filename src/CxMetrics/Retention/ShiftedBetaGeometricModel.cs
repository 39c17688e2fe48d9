using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// A fitted shifted-beta-geometric (sBG) retention model (Fader &amp; Hardie 2007, "How to project customer retention",
/// J. Interactive Marketing 21(1):76–90): each customer churns at the end of any period with a constant probability θ,
/// θ ~ Beta(α, β) across customers. Survival <c>S(t) = B(α, β + t)/B(α, β)</c>, churn in period t
/// <c>P(T = t) = B(α + 1, β + t − 1)/B(α, β)</c>, retention rate <c>r(t) = (β + t − 1)/(α + β + t − 1)</c> (rising with t:
/// the sorting effect of heterogeneity).
/// </summary>
/// <remarks>Read <see cref="Diagnostics"/> first: the predictions throw unless the fit converged.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ShiftedBetaGeometricModel : Reporting.IReportable
{
    /// <summary>α &gt; 0 of the Beta distribution of churn probabilities, with its standard error.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>β &gt; 0 of the Beta distribution of churn probabilities, with its standard error.</summary>
    public required ParameterEstimate Beta { get; init; }

    /// <summary>The fit: status, log-likelihood, gradient norm, evaluations (the same record as every other fitted model).</summary>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>Cohorts fitted.</summary>
    public required int Cohorts { get; init; }

    /// <summary>Customers in the fitted cohorts.</summary>
    public required long Customers { get; init; }

    /// <summary>Mean churn probability <c>E[θ] = α/(α + β)</c> (the churn rate of period 1).</summary>
    public double MeanChurnProbability => Alpha.Value / (Alpha.Value + Beta.Value);

    /// <summary>Survival <c>S(t) = B(α, β + t)/B(α, β)</c>: the share of a cohort still active after t periods.</summary>
    /// <param name="t">Periods, ≥ 0.</param>
    /// <returns>S(t) in (0, 1].</returns>
    public double Survival(int t)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return ShiftedBetaGeometric.Survival(Alpha.Value, Beta.Value, t);
    }

    /// <summary>The probability of churning in period t: <c>P(T = t) = B(α + 1, β + t − 1)/B(α, β)</c>.</summary>
    /// <param name="t">Period, ≥ 1.</param>
    /// <returns>P(T = t).</returns>
    public double ChurnProbability(int t)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return Math.Exp(ShiftedBetaGeometric.LogChurnProbability(Alpha.Value, Beta.Value, t));
    }

    /// <summary>The retention rate of period t, <c>r(t) = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1)</c>.</summary>
    /// <param name="t">Period, ≥ 1.</param>
    /// <returns>r(t) in (0, 1).</returns>
    public double Retention(int t)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Beta.Value + t - 1) / (Alpha.Value + Beta.Value + t - 1);
    }

    /// <summary>Projected survivors of a cohort of <paramref name="initialCount"/> after t periods, <c>n₀·S(t)</c>.</summary>
    /// <param name="initialCount">Cohort size, ≥ 0.</param>
    /// <param name="t">Periods, ≥ 0.</param>
    /// <returns>The expected number still active.</returns>
    public double ExpectedSurvivors(long initialCount, int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCount);
        return initialCount * Survival(t);
    }

    /// <summary>The projected survival curve <c>S(0), S(1), …, S(periods)</c> (S(0) = 1).</summary>
    /// <param name="periods">Last period, ≥ 0.</param>
    /// <returns>periods + 1 values; element t is S(t).</returns>
    public IReadOnlyList<double> ProjectedSurvival(int periods) => RetentionProjection.Survival(periods, Survival);

    /// <summary>
    /// The projected retention rates <c>r(0), r(1), …, r(periods)</c>, indexed by period as <see cref="ProjectedSurvival"/>
    /// is: element t is r(t), and element 0 is r(0) = 1 (nobody is lost before the first period ends, as S(0) = 1).
    /// </summary>
    /// <param name="periods">Last period, ≥ 0.</param>
    /// <returns>periods + 1 values; element t is r(t).</returns>
    public IReadOnlyList<double> ProjectedRetention(int periods) => RetentionProjection.Retention(periods, Retention);

    /// <summary>
    /// Discounted expected lifetime of a new customer, in periods paid (Fader &amp; Hardie 2010, "Customer-base valuation
    /// in a contractual setting: the perils of ignoring heterogeneity", Marketing Science 29(1):85–93, eq. 4):
    /// <c>DEL = Σ_{t≥0} S(t)/(1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d))</c>, payments at the start of each period. Times the
    /// margin per period it is the expected CLV of a customer about to be acquired.
    /// </summary>
    /// <param name="discountRate">Discount rate d per period, finite and &gt; 0.</param>
    /// <returns>DEL.</returns>
    public double DiscountedExpectedLifetime(double discountRate)
    {
        Usable();
        return ShiftedBetaGeometric.ResidualSeries(Alpha.Value, Beta.Value, CheckRate(discountRate), 0);
    }

    /// <summary>
    /// Discounted expected residual lifetime of a customer who has made <paramref name="renewals"/> renewals and is about
    /// to decide on the next (Fader &amp; Hardie 2010, eq. 6, with n − 1 = renewals):
    /// <c>DERL = Σ_{t≥n} S(t)/S(n − 1)·(1 + d)^{−(t−n)} = (β + n − 1)/(α + β + n − 1)·₂F₁(1, β + n; α + β + n; 1/(1 + d))</c>.
    /// Times the margin it is the expected residual value of an existing customer (the customer base's value is the sum).
    /// </summary>
    /// <param name="discountRate">Discount rate d per period, finite and &gt; 0.</param>
    /// <param name="renewals">Renewals made so far, n − 1 ≥ 0.</param>
    /// <returns>DERL.</returns>
    public double DiscountedExpectedResidualLifetime(double discountRate, int renewals)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        return ShiftedBetaGeometric.ResidualSeries(Alpha.Value, Beta.Value, CheckRate(discountRate), renewals + 1);
    }

    /// <summary>Formats as <c>sBG α = 0.704 (SE 0.11), β = 1.182 (SE 0.20), LL −1680.27, Converged</c>.</summary>
    /// <returns>The model as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"sBG α = {Alpha.Value:0.000} (SE {Se(Alpha.StandardError)}), β = {Beta.Value:0.000} (SE {Se(Beta.StandardError)}), LL {Diagnostics.LogLikelihood:0.00}, {Diagnostics.Status}; {Cohorts} cohorts, {Customers} customers");

    internal static string Se(double? se) => se is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    internal static double CheckRate(double discountRate)
    {
        Guard.Finite(discountRate);
        if (!(discountRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, $"discount rate {discountRate} must be greater than 0 (e.g. 0.1 for 10% per period).");
        }

        return discountRate;
    }

    private void Usable()
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the sBG fit did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for projections.");
        }
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Parameters(), Fit());

    private ResultGrid Parameters() => new ResultGrid("sBG parameters", "<parameter", "estimate", "standard error")
        .Row("alpha", ResultTable.Number(Alpha.Value, "0.0000"), ResultTable.Number(Alpha.StandardError, "0.0000"))
        .Row("beta", ResultTable.Number(Beta.Value, "0.0000"), ResultTable.Number(Beta.StandardError, "0.0000"));

    private ResultTable Fit() => new ResultTable("Fit")
        .Row("status", Diagnostics.Status.ToString())
        .Row("log-likelihood", ResultTable.Number(Diagnostics.LogLikelihood, "0.0000"))
        .Row("iterations", Diagnostics.Iterations.ToString(CultureInfo.InvariantCulture))
        .Row("cohorts", Cohorts.ToString(CultureInfo.InvariantCulture))
        .Row("customers", ResultTable.Count(Customers))
        .Row("mean churn probability α/(α+β)", ResultTable.Percent(MeanChurnProbability, "0.00"));
}
