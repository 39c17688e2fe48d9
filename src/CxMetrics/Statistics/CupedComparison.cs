using System.Globalization;

namespace CxMetrics.Statistics;

/// <summary>
/// Two groups compared with and without CUPED (<see cref="Cuped.From"/>): θ, the pooled correlation ρ of outcome and
/// covariate, the variance left after adjustment (1 − ρ²), and both comparisons of the means.
/// </summary>
public sealed record CupedComparison
{
    /// <summary>θ = cov(Y, X)/var(X) on the pooled groups; 0 when either has no variance.</summary>
    public required double Theta { get; init; }

    /// <summary>The pooled correlation ρ of outcome and covariate (0 when either has no variance).</summary>
    public required double Correlation { get; init; }

    /// <summary>
    /// The share of the outcome's variance CUPED leaves, <c>1 − ρ²</c> (Deng et al. 2013, §3.2): the adjusted mean's
    /// variance is about this times the unadjusted one, so a test needs about this share of the units for the same power.
    /// </summary>
    public double VarianceRatio => 1 - (Correlation * Correlation);

    /// <summary>The share of the variance removed, <c>ρ²</c> (= 1 − <see cref="VarianceRatio"/>).</summary>
    public double VarianceReduction => Correlation * Correlation;

    /// <summary>The adjusted means (<c>ȳ − θ(x̄ − x̄_pooled)</c>), their difference, Welch interval, t and p.</summary>
    public required MeanComparison Adjusted { get; init; }

    /// <summary>The same groups without adjustment: <see cref="WelchTest.From"/> of the outcomes.</summary>
    public required MeanComparison Unadjusted { get; init; }

    /// <summary>Formats as <c>CUPED +1.23 (95% CI [..]), p = 0.01; θ = 0.8, variance × 0.36</c>.</summary>
    /// <returns>The comparison as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CUPED {Adjusted}; θ = {Theta:0.####}, variance × {VarianceRatio:0.###}");
}
