using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// One coefficient of a Cox model, as a line of R's <c>summary(coxph)</c>: the log hazard ratio β, its standard error
/// from the inverse information, the Wald z = β/SE with its two-sided p-value, and the hazard ratio <c>exp(β)</c> with the
/// interval <c>exp(β ± z₁₋α/₂·SE)</c>.
/// </summary>
/// <remarks>Not a <see cref="ParameterEstimate"/>: that record's interval is on the log scale of a positive parameter,
/// while β is any real number and its interval is the symmetric Wald interval (on the hazard-ratio scale, exponentiated).
/// Without a standard error (the fit did not converge) every derived number is <see langword="null"/>.</remarks>
public sealed record CoxCoefficient
{
    /// <summary>The coefficient's name: the numeric term's name, or <c>term=level</c> for a level of a categorical term.</summary>
    public required string Name { get; init; }

    /// <summary>β, the log hazard ratio per unit of the covariate (or of the level against the reference).</summary>
    public required double Value { get; init; }

    /// <summary>The standard error, <c>√(I⁻¹)ⱼⱼ</c> with I the information (minus the Hessian of the log partial likelihood) at β̂.</summary>
    public required double? StandardError { get; init; }

    /// <summary>The Wald statistic <c>z = β/SE</c>.</summary>
    public double? Z => StandardError is { } se && se > 0 ? Value / se : null;

    /// <summary>The two-sided p-value <c>2·Φ(−|z|)</c> of the hypothesis β = 0.</summary>
    public double? PValue => Z is { } z ? StandardNormal.TwoSidedPValue(z) : null;

    /// <summary>The hazard ratio <c>exp(β)</c>: the factor on the hazard per unit (or of the level against the reference).</summary>
    public double HazardRatio => Math.Exp(Value);

    /// <summary>The interval of the hazard ratio at the model's confidence level, <c>exp(β ± z·SE)</c> (R's <c>lower .95</c>, <c>upper .95</c>).</summary>
    public required ConfidenceInterval? HazardRatioInterval { get; init; }

    /// <summary>Formats as <c>sex=female: HR 0.599 (95% CI [0.431, 0.831]), p = 0.00218</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => HazardRatioInterval is { } ci
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: HR {HazardRatio:G3} ({ci:G3}), p = {PValue:G3}")
        : string.Create(CultureInfo.InvariantCulture, $"{Name}: HR {HazardRatio:G3} (SE n/a)");
}
