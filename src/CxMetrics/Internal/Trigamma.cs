namespace CxMetrics.Internal;

/// <summary>
/// The trigamma function ψ₁(x) = d²/dx² ln Γ(x) for x &gt; 0 (MathNet has ln Γ and ψ but not ψ₁), for analytic Hessians:
/// the recurrence ψ₁(x) = ψ₁(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
/// ψ₁(x) ~ 1/x + 1/(2x²) + Σₖ B₂ₖ/x²ᵏ⁺¹ (Abramowitz &amp; Stegun 6.4.12), whose first omitted term at x = 10 is below 1e−17
/// of the value.
/// </summary>
internal static class Trigamma
{
    /// <summary>ψ₁(x) for x &gt; 0; NaN otherwise.</summary>
    public static double Of(double x)
    {
        if (!(x > 0))
        {
            return double.NaN;
        }

        double sum = 0;
        while (x < 10)
        {
            sum += 1 / (x * x);
            x++;
        }

        double y = 1 / (x * x);

        // B₂/x³ + B₄/x⁵ + … with B₂ = 1/6, B₄ = −1/30, B₆ = 1/42, B₈ = −1/30, B₁₀ = 5/66, B₁₂ = −691/2730.
        double series = y * ((1.0 / 6) + (y * ((-1.0 / 30) + (y * ((1.0 / 42) + (y * ((-1.0 / 30) + (y * ((5.0 / 66) + (y * (-691.0 / 2730)))))))))));
        return sum + ((1 + (0.5 / x) + series) / x);
    }
}
