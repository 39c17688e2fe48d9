using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// A fitted Cox proportional-hazards model (<see cref="CoxRegression"/>): the coefficients with hazard ratios and
/// intervals, the likelihood-ratio, Wald and score tests of all coefficients being 0, Harrell's concordance, and the
/// engine's <see cref="FitDiagnostics"/> — the numbers of R's <c>summary(coxph)</c> — plus the adjusted survival curve of a
/// covariate profile (<see cref="SurvivalCurve(CoxDesign)"/>, R's <c>survfit(coxph, newdata)</c>).
/// </summary>
/// <remarks>Only a converged model (<c>Diagnostics.IsConverged</c>) has standard errors, intervals, tests other than
/// the score test, concordance and curves; otherwise the coefficients are the last iterate, for diagnosis only. Without
/// observations or events (<see cref="FitStatus.NoData"/>) there are no coefficients. The baseline hazard behind the
/// curves is kept with the fitted object and is not serialised.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CoxModel : Reporting.IReportable
{
    /// <summary>The coefficients in design order (a categorical term's levels after its name, in ordinal order).</summary>
    public required IReadOnlyList<CoxCoefficient> Coefficients { get; init; }

    /// <summary>How the fit went: status, log partial likelihood at β̂, Newton–Raphson iterations, passes over the data, score and Newton step at the end.</summary>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>The tie method the fit used.</summary>
    public required CoxTies Ties { get; init; }

    /// <summary>The confidence level of the hazard-ratio intervals.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>Observations fitted (unweighted).</summary>
    public required long Count { get; init; }

    /// <summary>Observations ending with the event (unweighted).</summary>
    public required long Events { get; init; }

    /// <summary>Sum of the case weights (equals <see cref="Count"/> without weights).</summary>
    public required double TotalWeight { get; init; }

    /// <summary>The name of the stratification, or <see langword="null"/> without strata.</summary>
    public string? StrataName { get; init; }

    /// <summary>The strata keys in ordinal order (empty without strata).</summary>
    public IReadOnlyList<string> Strata { get; init; } = [];

    /// <summary>The log partial likelihood at β = 0 (R's <c>loglik[1]</c>); <see langword="null"/> without data.</summary>
    public required double? NullLogLikelihood { get; init; }

    /// <summary>The log partial likelihood at β̂ (R's <c>loglik[2]</c>).</summary>
    public double? LogLikelihood => Diagnostics.LogLikelihood;

    /// <summary>The likelihood-ratio test <c>2(ℓ(β̂) − ℓ(0))</c> on p degrees of freedom.</summary>
    public required ChiSquareResult? LikelihoodRatioTest { get; init; }

    /// <summary>The Wald test <c>β̂ᵀ I(β̂) β̂</c> on p degrees of freedom.</summary>
    public required ChiSquareResult? WaldTest { get; init; }

    /// <summary>The score (log-rank) test <c>U(0)ᵀ I(0)⁻¹ U(0)</c> on p degrees of freedom; for one binary covariate without tied event times it is the log-rank χ².</summary>
    public required ChiSquareResult? ScoreTest { get; init; }

    /// <summary>Harrell's concordance of the linear predictor (0.5 = no better than chance, 1 = perfect ranking of who churns first).</summary>
    public required double? Concordance { get; init; }

    /// <summary>The standard error of <see cref="Concordance"/> (R's infinitesimal jackknife).</summary>
    public required double? ConcordanceStandardError { get; init; }

    internal CoxEncoding? Encoding { get; init; }

    internal CoxBaseline[]? Baseline { get; init; }

    /// <summary>The inverse information at β̂ (p×p row-major), or null when the fit did not converge.</summary>
    internal double[]? Variance { get; init; }

    internal double[]? Beta { get; init; }

    internal CoxProportionalHazardsTest? ProportionalHazards { get; init; }

    /// <summary>The coefficient named <paramref name="name"/> (<c>age</c>, or <c>plan=premium</c> for a level).</summary>
    /// <param name="name">The coefficient's name.</param>
    /// <returns>The coefficient.</returns>
    /// <exception cref="ArgumentException">The model has no coefficient of that name.</exception>
    public CoxCoefficient Coefficient(string name) =>
        Coefficients.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"the model has no coefficient '{name}' (it has: {string.Join(", ", Coefficients.Select(c => c.Name))}).", nameof(name));

    /// <summary>
    /// The adjusted survival curve of a covariate profile with its pointwise interval, as R
    /// <c>survfit(coxph, newdata = profile)</c> (Therneau &amp; Grambsch 2000, §10.2; R survival's <c>agsurv</c>):
    /// <c>S(t | z) = exp(−H(t | z))</c>, <c>H(t | z) = Λ₀(t)·r</c>, r = <c>exp(β̂ᵀ(z − x̄))</c>, with the baseline hazard
    /// of the fit's tie method — Breslow's <c>ΣdΛ = Σ d_w/S₀</c>, or Efron's <c>Σ_k w̄/(S₀ − (k/d)D₀)</c> — in the
    /// profile's stratum. The variance of H adds the coefficients' uncertainty to that of the baseline:
    /// <c>Var H(t | z) = r²·(Σ_{tᵢ≤t} d_w/S₀² + qᵀ V q)</c>, <c>q = Λ₀(t)·(z − x̄) − Σ_{tᵢ≤t} x̄(tᵢ)·dΛ₀(tᵢ)</c>, with V the
    /// inverse information and x̄(t) the risk-weighted mean covariate of the risk set (centred; Efron's shares as for dΛ).
    /// The interval is R's default <c>conf.type = "log"</c>: <c>S·exp(∓z·SE(H))</c>, the upper end capped at 1.
    /// </summary>
    /// <param name="profile">A design of one row with a value for every term (and the stratum key of a stratified model).</param>
    /// <returns>The curve, one step per event time of the stratum, at the model's <see cref="ConfidenceLevel"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="ArgumentException">The profile is not one row, lacks a term, has a level or stratum the model does not know, or a term of the wrong kind.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge, or the model was read back from its serialised form, which does not keep the baseline hazard.</exception>
    public CoxSurvivalCurve SurvivalCurve(CoxDesign profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the Cox fit did not converge ({Diagnostics.Status}); it has no survival curve.");
        }

        if (Encoding is null || Baseline is null || Beta is null)
        {
            throw new InvalidOperationException("the baseline hazard is kept with the fitted model only and is not serialised: this model was read back from its serialised form, so refit it to get survival curves.");
        }

        (double[] x, int stratum) = Encoding.Profile(profile, nameof(profile));
        int p = x.Length;
        double eta = 0;
        for (int k = 0; k < p; k++)
        {
            eta += Beta[k] * x[k];
        }

        double risk = Math.Exp(eta);
        double z = StandardNormal.CriticalValue(ConfidenceLevel);
        var baseline = Baseline[stratum];
        var steps = new CoxSurvivalStep[baseline.Times.Length];
        var q = new double[p];
        for (int i = 0; i < steps.Length; i++)
        {
            double h = baseline.Hazard[i] * risk;
            for (int k = 0; k < p; k++)
            {
                q[k] = (baseline.Hazard[i] * x[k]) - baseline.MeanCovariate[(i * p) + k];
            }

            double quadratic = 0;
            for (int k = 0; k < p; k++)
            {
                for (int l = 0; l < p; l++)
                {
                    quadratic += q[k] * Variance![(k * p) + l] * q[l];
                }
            }

            double se = risk * Math.Sqrt(baseline.Variance[i] + quadratic);
            double survival = Math.Exp(-h);
            steps[i] = new CoxSurvivalStep(baseline.Times[i], h, survival, se, survival * Math.Exp(-z * se), Math.Min(1, survival * Math.Exp(z * se)));
        }

        return new CoxSurvivalCurve
        {
            Stratum = Encoding.StrataNames.Length > 0 ? Encoding.StrataNames[stratum] : null, RelativeRisk = risk, ConfidenceLevel = ConfidenceLevel, Steps = steps,
        };
    }

    /// <summary>
    /// The test of proportional hazards, as R survival ≥ 3.0's <c>cox.zph(fit)</c> (Grambsch &amp; Therneau 1994): per
    /// term and globally, the score test at β̂ of the interactions <c>x·g(t)</c>, g the centred Kaplan–Meier transform of
    /// time (<see cref="CoxProportionalHazardsTest"/> gives the formula). Computed with the fit and kept with it.
    /// </summary>
    /// <returns>The per-term and global χ² tests.</returns>
    /// <exception cref="InvalidOperationException">The fit did not converge or has no coefficients, the information of the augmented model is singular, or the model was read back from its serialised form, which does not keep the test.</exception>
    public CoxProportionalHazardsTest ProportionalHazardsTest()
    {
        if (!Diagnostics.IsConverged || Coefficients.Count == 0)
        {
            throw new InvalidOperationException($"the Cox fit did not converge or has no coefficients ({Diagnostics.Status}); it has no proportional-hazards test.");
        }

        if (Encoding is null)
        {
            throw new InvalidOperationException("the proportional-hazards test is kept with the fitted model only and is not serialised: this model was read back from its serialised form, so refit it to test.");
        }

        return ProportionalHazards
            ?? throw new InvalidOperationException("the information matrix of the model with the time interactions x·g(t) is singular: the proportional-hazards test is undefined.");
    }

    /// <summary>Formats as <c>Cox (Efron), n = 228, events = 165: age HR 1.02 (95% CI [0.999, 1.04]), p = 0.0646; … ; LR χ² = 14.123 on 2 df, p = 0.000857</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string head = string.Create(CultureInfo.InvariantCulture, $"Cox ({Ties}), n = {Count}, events = {Events}");
        if (!Diagnostics.IsConverged)
        {
            return $"{head}: {Diagnostics}";
        }

        string coefficients = string.Join("; ", Coefficients);
        return LikelihoodRatioTest is { } lr ? $"{head}: {coefficients}; LR {lr}" : $"{head}: {coefficients}";
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Summary(), CoefficientTable());

    internal static CoxModel Empty(CoxEncoding encoding, CoxOptions options, long count, long events, double totalWeight, string message) => new()
    {
        Coefficients = [],
        Diagnostics = new FitDiagnostics
        {
            Status = FitStatus.NoData, LogLikelihood = null, Iterations = 0, Evaluations = 0, Method = "Newton–Raphson", Customers = totalWeight,
            Rows = (int)count, GradientNorm = 0, NewtonStep = 0, HessianPositiveDefinite = false, Message = message,
        },
        Ties = options.Ties,
        ConfidenceLevel = options.ConfidenceLevel,
        Count = count,
        Events = events,
        TotalWeight = totalWeight,
        StrataName = encoding.StrataName,
        Strata = encoding.StrataNames,
        NullLogLikelihood = null,
        LikelihoodRatioTest = null,
        WaldTest = null,
        ScoreTest = null,
        Concordance = null,
        ConcordanceStandardError = null,
    };

    internal static CoxModel Fitted(
        CoxEncoding encoding, CoxOptions options, long count, long events, double totalWeight, double[] beta, double[]? variance, FitDiagnostics diagnostics,
        double nullLogLikelihood, double? score, double? wald, (double Concordance, double StandardError)? concordance, CoxBaseline[]? baseline,
        CoxProportionalHazardsTest? proportionalHazards)
    {
        int p = beta.Length;
        double z = StandardNormal.CriticalValue(options.ConfidenceLevel);
        var coefficients = new CoxCoefficient[p];
        for (int k = 0; k < p; k++)
        {
            double? se = variance is null ? null : Math.Sqrt(variance[(k * p) + k]);
            coefficients[k] = new CoxCoefficient
            {
                Name = encoding.Names[k],
                Value = beta[k],
                StandardError = se,
                HazardRatioInterval = se is { } s ? new ConfidenceInterval(Math.Exp(beta[k] - (z * s)), Math.Exp(beta[k] + (z * s)), options.ConfidenceLevel) : null,
            };
        }

        bool converged = diagnostics.IsConverged;
        return new CoxModel
        {
            Coefficients = coefficients,
            Diagnostics = diagnostics,
            Ties = options.Ties,
            ConfidenceLevel = options.ConfidenceLevel,
            Count = count,
            Events = events,
            TotalWeight = totalWeight,
            StrataName = encoding.StrataName,
            Strata = encoding.StrataNames,
            NullLogLikelihood = nullLogLikelihood,
            LikelihoodRatioTest = converged && p > 0 ? Test(Math.Max(0, 2 * (diagnostics.LogLikelihood!.Value - nullLogLikelihood)), p) : null,
            WaldTest = converged && wald is { } w ? Test(w, p) : null,
            ScoreTest = score is { } sc && p > 0 ? Test(sc, p) : null,
            Concordance = concordance?.Concordance,
            ConcordanceStandardError = concordance?.StandardError,
            Encoding = encoding,
            Baseline = baseline,
            Variance = variance,
            Beta = beta,
            ProportionalHazards = proportionalHazards,
        };
    }

    private static ChiSquareResult Test(double statistic, int df) =>
        new(statistic, df, MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2));

    private ResultTable Summary()
    {
        var table = new ResultTable("Cox proportional hazards")
            .Row("subjects", ResultTable.Count(Count))
            .Row("events", ResultTable.Count(Events))
            .Row("ties", Ties.ToString())
            .Row("strata", StrataName is null ? ResultTable.Missing : $"{StrataName} ({Strata.Count})")
            .Row("status", Diagnostics.Status.ToString())
            .Row("concordance", ResultTable.Number(Concordance, "0.000"))
            .Row("concordance SE", ResultTable.Number(ConcordanceStandardError, "0.000"))
            .Row("likelihood ratio χ²", ResultTable.Number(LikelihoodRatioTest?.Statistic, "0.00"))
            .Row("Wald χ²", ResultTable.Number(WaldTest?.Statistic, "0.00"))
            .Row("score (log-rank) χ²", ResultTable.Number(ScoreTest?.Statistic, "0.00"))
            .Row("degrees of freedom", ResultTable.Count(LikelihoodRatioTest?.DegreesOfFreedom ?? ScoreTest?.DegreesOfFreedom))
            .Row("p (likelihood ratio)", ResultTable.PValue(LikelihoodRatioTest?.PValue));
        if (Diagnostics.Message is { } message)
        {
            table.Note(message);
        }

        return table;
    }

    private ResultGrid CoefficientTable()
    {
        string level = ResultTable.Level(ConfidenceLevel);
        var grid = new ResultGrid("Coefficients", "<term", "coef", "HR", $"HR {level} lower", $"HR {level} upper", "SE", "z", "p");
        foreach (var c in Coefficients)
        {
            grid.Row(c.Name, ResultTable.Number(c.Value, "G4"), ResultTable.Number(c.HazardRatio, "G4"), ResultTable.Number(c.HazardRatioInterval?.Lower, "G4"),
                ResultTable.Number(c.HazardRatioInterval?.Upper, "G4"), ResultTable.Number(c.StandardError, "G4"), ResultTable.Number(c.Z, "0.00"), ResultTable.PValue(c.PValue));
        }

        return grid;
    }
}
