using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// A fitted Pareto/NBD model with time-invariant customer covariates (<see cref="ParetoNbd.Fit(RfmData, CustomerCovariates, CustomerCovariates, FitOptions)"/>):
/// the base parameters, the covariate coefficients with standard errors, the fit's diagnostics, the same model fitted
/// without covariates and the likelihood-ratio test between the two. Predictions use each customer's own parameters.
/// </summary>
/// <remarks>
/// <para>Customer i with purchase covariates z_i and dropout covariates w_i has α_i = α·exp(−γ_purchaseᵀz_i) and
/// β_i = β·exp(−γ_dropoutᵀw_i), with r and s common: Fader &amp; Hardie (2007), "Incorporating time-invariant covariates
/// into the Pareto/NBD and BG/NBD models", and CLVTools' <c>pnbd</c> with static covariates
/// (<c>pnbd_staticcov_LL_ind</c>). The base parameters are those of a customer whose covariates are all 0 (the
/// reference level of every dummy).</para>
/// <para>Reading γ: the purchase rate λ ~ Gamma(r, α_i) has mean r/α_i = (r/α)·exp(γ_purchaseᵀz_i) and the dropout
/// rate μ ~ Gamma(s, β_i) has mean s/β_i = (s/β)·exp(γ_dropoutᵀw_i). Each unit of a covariate multiplies the mean
/// purchase rate (dropout rate) by e^γ: a purchase coefficient γ &gt; 0 means more purchases, a dropout coefficient
/// γ &gt; 0 means earlier dropout (shorter expected lifetimes).</para>
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ParetoNbdCovariateModel : Reporting.IReportable
{
    /// <summary>Shape r of the gamma of purchase rates (common to all customers), with its standard error.</summary>
    public required ParameterEstimate R { get; init; }

    /// <summary>Base rate α of the gamma of purchase rates: α_i for a customer whose purchase covariates are all 0.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>Shape s of the gamma of dropout rates (common to all customers), with its standard error.</summary>
    public required ParameterEstimate S { get; init; }

    /// <summary>Base rate β of the gamma of dropout rates: β_i for a customer whose dropout covariates are all 0.</summary>
    public required ParameterEstimate Beta { get; init; }

    /// <summary>The coefficients γ_purchase of the purchase covariates, in their columns' order: α_i = α·exp(−γᵀz_i).</summary>
    public required IReadOnlyList<CoefficientEstimate> PurchaseCoefficients { get; init; }

    /// <summary>The coefficients γ_dropout of the dropout covariates, in their columns' order: β_i = β·exp(−γᵀw_i).</summary>
    public required IReadOnlyList<CoefficientEstimate> DropoutCoefficients { get; init; }

    /// <summary>The fit's diagnostics (log-likelihood with covariates; rows are the distinct (x, t_x, T, covariates) rows).</summary>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>The Pareto/NBD fitted on the same customers without covariates: the null model of <see cref="LikelihoodRatio"/>.</summary>
    public required ParetoNbdModel WithoutCovariates { get; init; }

    /// <summary>
    /// The likelihood-ratio test of all covariates together: χ² = 2(LL − LL without covariates) on as many degrees of
    /// freedom as coefficients; <see langword="null"/> when either fit did not converge or the fit is regularised.
    /// </summary>
    public required ChiSquareResult? LikelihoodRatio { get; init; }

    /// <summary>
    /// The plain Pareto/NBD model of one customer: r, s and that customer's α_i, β_i (without standard errors), with every
    /// prediction of <see cref="ParetoNbdModel"/> (P(alive), conditional expectation, DERT, P(X(t) = n)).
    /// </summary>
    /// <param name="purchase">The customer's purchase covariates, in the fitted columns' order.</param>
    /// <param name="dropout">The customer's dropout covariates, in the fitted columns' order.</param>
    /// <returns>The customer's model.</returns>
    /// <exception cref="ArgumentException">A vector's length differs from the fitted coefficients'.</exception>
    public ParetoNbdModel ForCustomer(ReadOnlySpan<double> purchase, ReadOnlySpan<double> dropout)
    {
        CovariateFit.CheckLength(purchase, PurchaseCoefficients, nameof(purchase));
        CovariateFit.CheckLength(dropout, DropoutCoefficients, nameof(dropout));
        var (alpha, s, beta) = CovariateLikelihood.Individual(Alpha.Value, S.Value, Beta.Value, CovariateFit.Values(PurchaseCoefficients), purchase, CovariateFit.Values(DropoutCoefficients), dropout, dropoutOnThird: false, dropoutSign: -1);
        return new ParetoNbdModel
        {
            R = CovariateFit.Point("r", R.Value),
            Alpha = CovariateFit.Point("alpha", alpha),
            S = CovariateFit.Point("s", s),
            Beta = CovariateFit.Point("beta", beta),
            Diagnostics = Diagnostics,
        };
    }

    /// <summary>P(alive) of every customer at its own parameters.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="purchase">Their purchase covariates (the fitted columns, one row per customer).</param>
    /// <param name="dropout">Their dropout covariates.</param>
    /// <param name="destination">One value per customer.</param>
    /// <exception cref="ArgumentException">A table does not match the fitted columns or the customers, or the destination is too short.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge.</exception>
    public void ProbabilityAlive(RfmData customers, CustomerCovariates purchase, CustomerCovariates dropout, Span<double> destination) =>
        Predict(customers, purchase, dropout, destination, (m, x, tx, t) => m.ProbabilityAlive(x, tx, t));

    /// <summary>E[Y(t) | x, t_x, T] of every customer at its own parameters.</summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="purchase">Their purchase covariates.</param>
    /// <param name="dropout">Their dropout covariates.</param>
    /// <param name="destination">One value per customer.</param>
    /// <exception cref="ArgumentException">A table does not match the fitted columns or the customers, or the destination is too short.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge.</exception>
    public void ConditionalExpectedPurchases(double t, RfmData customers, CustomerCovariates purchase, CustomerCovariates dropout, Span<double> destination)
    {
        BetaGeoNbdModel.CheckHorizon(t);
        Predict(customers, purchase, dropout, destination, (m, x, tx, age) => m.ConditionalExpectedPurchases(t, x, tx, age));
    }

    /// <summary>Formats the parameters, coefficients and fit.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"Pareto/NBD with covariates: {string.Join(", ", R, Alpha, S, Beta)}; purchase: {string.Join(", ", PurchaseCoefficients)}; dropout: {string.Join(", ", DropoutCoefficients)}; {Diagnostics}{(LikelihoodRatio is null ? string.Empty : "; LR " + LikelihoodRatio)}";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(
        FitTables.Parameters("Pareto/NBD base parameters (all covariates 0)", Diagnostics, R, Alpha, S, Beta),
        CovariateFit.Table("Covariate coefficients", PurchaseCoefficients, DropoutCoefficients, "purchase (α·e^−γz)", "dropout (β·e^−γw)"),
        CovariateFit.Test(LikelihoodRatio, WithoutCovariates.Diagnostics.LogLikelihood),
        FitTables.Diagnostics(Diagnostics));

    private void Predict(RfmData customers, CustomerCovariates purchase, CustomerCovariates dropout, Span<double> destination, Func<ParetoNbdModel, double, double, double, double> predict)
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the Pareto/NBD fit with covariates did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for predictions.");
        }

        CovariateFit.Predict(customers, purchase, dropout, PurchaseCoefficients, DropoutCoefficients, destination, (z, w) => ForCustomer(z, w), predict);
    }
}
