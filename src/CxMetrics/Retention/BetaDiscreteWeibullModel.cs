using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// A fitted beta-discrete-Weibull (BdW) retention model (Fader, Hardie, Liu, Davin &amp; Steenburgh 2018, "How to
/// project customer retention revisited: the role of duration dependence", J. Interactive Marketing 43:1–16): a
/// customer with churn propensity θ ~ Beta(α, β) survives t periods with probability <c>(1 − θ)^(t^c)</c>, so
/// <c>S(t) = B(α, β + t^c)/B(α, β)</c>. c = 1 is the sBG model; c &lt; 1 means individual churn probabilities fall
/// with tenure, c &gt; 1 that they rise.
/// </summary>
/// <remarks>Read <see cref="Diagnostics"/> first: the predictions throw unless the fit converged.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record BetaDiscreteWeibullModel : Reporting.IReportable
{
    /// <summary>α &gt; 0, with its standard error.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>β &gt; 0, with its standard error.</summary>
    public required ParameterEstimate Beta { get; init; }

    /// <summary>The duration-dependence parameter c &gt; 0 (1 = sBG), with its standard error.</summary>
    public required ParameterEstimate C { get; init; }

    /// <summary>The fit: status, log-likelihood, gradient norm, evaluations (the same record as every other fitted model).</summary>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>Cohorts fitted.</summary>
    public required int Cohorts { get; init; }

    /// <summary>Customers in the fitted cohorts.</summary>
    public required long Customers { get; init; }

    /// <summary>Survival <c>S(t) = B(α, β + t^c)/B(α, β)</c>.</summary>
    /// <param name="t">Periods, ≥ 0.</param>
    /// <returns>S(t).</returns>
    public double Survival(int t)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return Math.Exp(BetaDiscreteWeibull.LogSurvival(Alpha.Value, Beta.Value, C.Value, t));
    }

    /// <summary>The probability of churning in period t, <c>S(t − 1) − S(t)</c>.</summary>
    /// <param name="t">Period, ≥ 1.</param>
    /// <returns>P(T = t).</returns>
    public double ChurnProbability(int t)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return Math.Exp(BetaDiscreteWeibull.LogChurnProbability(Alpha.Value, Beta.Value, C.Value, t));
    }

    /// <summary>The retention rate of period t, <c>S(t)/S(t − 1)</c>.</summary>
    /// <param name="t">Period, ≥ 1.</param>
    /// <returns>r(t).</returns>
    public double Retention(int t)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return Math.Exp(BetaDiscreteWeibull.LogSurvival(Alpha.Value, Beta.Value, C.Value, t) - BetaDiscreteWeibull.LogSurvival(Alpha.Value, Beta.Value, C.Value, t - 1));
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

    /// <summary>Discounted expected lifetime <c>Σ_{t≥0} S(t)/(1 + d)^t</c> (as for sBG; Fader &amp; Hardie 2010).</summary>
    /// <param name="discountRate">Discount rate per period, &gt; 0.</param>
    /// <returns>DEL.</returns>
    public double DiscountedExpectedLifetime(double discountRate)
    {
        Usable();
        return BetaDiscreteWeibull.ResidualSeries(Alpha.Value, Beta.Value, C.Value, ShiftedBetaGeometricModel.CheckRate(discountRate), 0);
    }

    /// <summary>Discounted expected residual lifetime <c>Σ_{t≥n} S(t)/S(n − 1)·(1 + d)^{−(t−n)}</c> of a customer with n − 1 = <paramref name="renewals"/> renewals.</summary>
    /// <param name="discountRate">Discount rate per period, &gt; 0.</param>
    /// <param name="renewals">Renewals made so far, ≥ 0.</param>
    /// <returns>DERL.</returns>
    public double DiscountedExpectedResidualLifetime(double discountRate, int renewals)
    {
        Usable();
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        return BetaDiscreteWeibull.ResidualSeries(Alpha.Value, Beta.Value, C.Value, ShiftedBetaGeometricModel.CheckRate(discountRate), renewals + 1);
    }

    /// <summary>Formats the parameters, log-likelihood and status.</summary>
    /// <returns>The model as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"BdW α = {Alpha.Value:0.000} (SE {ShiftedBetaGeometricModel.Se(Alpha.StandardError)}), β = {Beta.Value:0.000} (SE {ShiftedBetaGeometricModel.Se(Beta.StandardError)}), c = {C.Value:0.000} (SE {ShiftedBetaGeometricModel.Se(C.StandardError)}), LL {Diagnostics.LogLikelihood:0.00}, {Diagnostics.Status}");

    private void Usable()
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the BdW fit did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for projections.");
        }
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Parameters(), Fit());

    private ResultGrid Parameters() => new ResultGrid("BdW parameters", "<parameter", "estimate", "standard error")
        .Row("alpha", ResultTable.Number(Alpha.Value, "0.0000"), ResultTable.Number(Alpha.StandardError, "0.0000"))
        .Row("beta", ResultTable.Number(Beta.Value, "0.0000"), ResultTable.Number(Beta.StandardError, "0.0000"))
        .Row("c", ResultTable.Number(C.Value, "0.0000"), ResultTable.Number(C.StandardError, "0.0000"));

    private ResultTable Fit() => new ResultTable("Fit")
        .Row("status", Diagnostics.Status.ToString())
        .Row("log-likelihood", ResultTable.Number(Diagnostics.LogLikelihood, "0.0000"))
        .Row("iterations", Diagnostics.Iterations.ToString(CultureInfo.InvariantCulture))
        .Row("cohorts", Cohorts.ToString(CultureInfo.InvariantCulture))
        .Row("customers", ResultTable.Count(Customers));
}
