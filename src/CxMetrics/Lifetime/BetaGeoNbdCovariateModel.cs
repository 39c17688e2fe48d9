using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// A fitted BG/NBD model with time-invariant customer covariates (<see cref="BetaGeoNbd.Fit(RfmData, CustomerCovariates, CustomerCovariates, FitOptions)"/>):
/// the base parameters, the covariate coefficients with standard errors, the fit's diagnostics, the same model fitted
/// without covariates and the likelihood-ratio test between the two. Predictions use each customer's own parameters.
/// </summary>
/// <remarks>
/// <para>Customer i with purchase covariates z_i and dropout covariates w_i has
/// α_i = α·exp(−γ_purchaseᵀz_i), a_i = a·exp(γ_dropoutᵀw_i), b_i = b·exp(γ_dropoutᵀw_i) and the common r: the
/// parameterisation of CLVTools' <c>bgnbd</c> with static covariates (<c>bgnbd_staticcov_LL_ind</c>), after Fader &amp;
/// Hardie (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models". The base parameters
/// are those of a customer whose covariates are all 0 (the reference level of every dummy).</para>
/// <para>Reading γ: the purchase rate λ ~ Gamma(r, α_i) has mean r/α_i = (r/α)·exp(γ_purchaseᵀz_i), so a purchase
/// coefficient γ &gt; 0 means more purchases, each unit of z multiplying the mean purchase rate by e^γ. The dropout
/// coefficient scales a and b together, so the mean dropout probability a/(a + b) after each purchase is the same for
/// every customer; γ_dropout &gt; 0 raises a + b, concentrating the dropout probabilities around that mean (fewer
/// customers who leave almost at once and fewer who almost never leave), γ &lt; 0 spreads them. For an effect on the
/// mean time to dropout use <see cref="ParetoNbdCovariateModel"/>, whose dropout coefficient scales the mean dropout
/// rate.</para>
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record BetaGeoNbdCovariateModel : Reporting.IReportable
{
    /// <summary>Shape r of the gamma of purchase rates (common to all customers), with its standard error.</summary>
    public required ParameterEstimate R { get; init; }

    /// <summary>Base rate α of the gamma of purchase rates: α_i for a customer whose purchase covariates are all 0.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>Base beta parameter a of the dropout probability (all dropout covariates 0).</summary>
    public required ParameterEstimate A { get; init; }

    /// <summary>Base beta parameter b of the dropout probability (all dropout covariates 0).</summary>
    public required ParameterEstimate B { get; init; }

    /// <summary>The coefficients γ_purchase of the purchase covariates, in their columns' order: α_i = α·exp(−γᵀz_i).</summary>
    public required IReadOnlyList<CoefficientEstimate> PurchaseCoefficients { get; init; }

    /// <summary>The coefficients γ_dropout of the dropout covariates, in their columns' order: a_i = a·exp(γᵀw_i), b_i = b·exp(γᵀw_i).</summary>
    public required IReadOnlyList<CoefficientEstimate> DropoutCoefficients { get; init; }

    /// <summary>The fit's diagnostics (log-likelihood with covariates; rows are the distinct (x, t_x, T, covariates) rows).</summary>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>The BG/NBD fitted on the same customers without covariates: the null model of <see cref="LikelihoodRatio"/>.</summary>
    public required BetaGeoNbdModel WithoutCovariates { get; init; }

    /// <summary>
    /// The likelihood-ratio test of all covariates together: χ² = 2(LL − LL without covariates) on as many degrees of
    /// freedom as coefficients; <see langword="null"/> when either fit did not converge or the fit is regularised (a MAP
    /// estimate's likelihood is not a maximum, so the statistic is not χ²).
    /// </summary>
    public required ChiSquareResult? LikelihoodRatio { get; init; }

    /// <summary>
    /// The plain BG/NBD model of one customer: r and that customer's α_i, a_i, b_i (without standard errors), with every
    /// prediction of <see cref="BetaGeoNbdModel"/> (P(alive), conditional expectation, DERT, P(X(t) = n)).
    /// </summary>
    /// <param name="purchase">The customer's purchase covariates, in the fitted columns' order.</param>
    /// <param name="dropout">The customer's dropout covariates, in the fitted columns' order.</param>
    /// <returns>The customer's model.</returns>
    /// <exception cref="ArgumentException">A vector's length differs from the fitted coefficients'.</exception>
    public BetaGeoNbdModel ForCustomer(ReadOnlySpan<double> purchase, ReadOnlySpan<double> dropout)
    {
        CovariateFit.CheckLength(purchase, PurchaseCoefficients, nameof(purchase));
        CovariateFit.CheckLength(dropout, DropoutCoefficients, nameof(dropout));
        var (alpha, a, b) = CovariateLikelihood.Individual(Alpha.Value, A.Value, B.Value, CovariateFit.Values(PurchaseCoefficients), purchase, CovariateFit.Values(DropoutCoefficients), dropout, dropoutOnThird: true, dropoutSign: 1);
        return new BetaGeoNbdModel
        {
            R = CovariateFit.Point("r", R.Value),
            Alpha = CovariateFit.Point("alpha", alpha),
            A = CovariateFit.Point("a", a),
            B = CovariateFit.Point("b", b),
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

    /// <summary>E[Y(t) | x, t_x, T] of every customer at its own parameters (Fader, Hardie &amp; Lee 2005, eq. 10).</summary>
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
        $"BG/NBD with covariates: {string.Join(", ", R, Alpha, A, B)}; purchase: {string.Join(", ", PurchaseCoefficients)}; dropout: {string.Join(", ", DropoutCoefficients)}; {Diagnostics}{(LikelihoodRatio is null ? string.Empty : "; LR " + LikelihoodRatio)}";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(
        FitTables.Parameters("BG/NBD base parameters (all covariates 0)", Diagnostics, R, Alpha, A, B),
        CovariateFit.Table("Covariate coefficients", PurchaseCoefficients, DropoutCoefficients, "purchase (α·e^−γz)", "dropout (a, b·e^γw)"),
        CovariateFit.Test(LikelihoodRatio, WithoutCovariates.Diagnostics.LogLikelihood),
        FitTables.Diagnostics(Diagnostics));

    private void Predict(RfmData customers, CustomerCovariates purchase, CustomerCovariates dropout, Span<double> destination, Func<BetaGeoNbdModel, double, double, double, double> predict)
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the BG/NBD fit with covariates did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for predictions.");
        }

        CovariateFit.Predict(customers, purchase, dropout, PurchaseCoefficients, DropoutCoefficients, destination, (z, w) => ForCustomer(z, w), predict);
    }
}
