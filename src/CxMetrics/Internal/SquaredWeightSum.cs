namespace CxMetrics.Internal;

/// <summary>
/// The sum of squared weights Σw² of a weighted tally, kept relative to the scale of the weight total Σw so that it never
/// overflows or underflows: <c>Σw² = scaled·4ᵏ</c> with <c>k = ⌊log₂ Σw⌋</c> (0 while empty), re-based whenever Σw
/// changes. Every weight is at most Σw &lt; 2ᵏ⁺¹, so each scaled square is below 4 and the scaled sum below 4n; a weight
/// whose square underflows after scaling is below 2⁻⁵³⁷ of the total and changes nothing. Scaling by powers of two is
/// exact, so wherever Σw² itself is a normal double, <see cref="Value"/> is bit for bit the plain sum of
/// <c>w·w</c> in the same order (weights {1e200, 1, 1} or 1e−200 × 3 or 1e160 × 3, where <c>w·w</c> overflows or
/// underflows, keep an exact Kish effective size).
/// </summary>
internal struct SquaredWeightSum
{
    private double scaled;
    private int exponent;

    /// <summary>Σw² itself: ∞ above <see cref="double.MaxValue"/>, 0 (or subnormal) below the smallest double.</summary>
    public readonly double Value => Math.ScaleB(scaled, 2 * exponent);

    /// <summary>Σw²/4ᵏ, the stored mantissa part (finite and below 4n).</summary>
    public readonly double Scaled => scaled;

    /// <summary>Kish's effective sample size <c>(Σw)²/Σw²</c> computed on the common scale; 0 when empty.</summary>
    /// <param name="total">Σw, the total this sum was last re-based to.</param>
    /// <returns>The effective sample size.</returns>
    public readonly double EffectiveSize(double total)
    {
        if (!(scaled > 0))
        {
            return 0;
        }

        double t = Math.ScaleB(total, -exponent);
        return t * t / scaled;
    }

    /// <summary>Re-bases to a changed weight total (call after changing Σw, before adding to this sum).</summary>
    /// <param name="total">The new Σw, finite and ≥ 0.</param>
    public void Rebase(double total)
    {
        int k = total > 0 ? Math.ILogB(total) : 0;
        if (k != exponent)
        {
            scaled = Math.ScaleB(scaled, 2 * (exponent - k));
            exponent = k;
        }
    }

    /// <summary>Adds w² for one weight (after <see cref="Rebase"/> to a total that includes it).</summary>
    /// <param name="weight">The weight.</param>
    public void AddWeight(double weight)
    {
        double w = Math.ScaleB(weight, -exponent);
        scaled += w * w;
    }

    /// <summary>Adds <paramref name="count"/> squared unit weights.</summary>
    /// <param name="count">How many weights of 1.</param>
    public void AddUnits(long count) => scaled += Math.ScaleB((double)count, -2 * exponent);

    /// <summary>Adds another tally's Σw² (after <see cref="Rebase"/> to the merged total).</summary>
    /// <param name="other">The other sum.</param>
    public void Add(in SquaredWeightSum other) => scaled += Math.ScaleB(other.scaled, 2 * (other.exponent - exponent));

    /// <summary>Sets Σw² from a value given on the natural scale (after <see cref="Rebase"/> to the total).</summary>
    /// <param name="value">Σw², finite and ≥ 0.</param>
    public void Set(double value) => scaled = Math.ScaleB(value, -2 * exponent);

    /// <summary>Sets Σw² from its scaled form, <c>Σw²/4ᵏ</c> for the current k (after <see cref="Rebase"/>).</summary>
    /// <param name="value">The scaled value.</param>
    public void SetScaled(double value) => scaled = value;
}
