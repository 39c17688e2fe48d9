using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// The mergeable sufficient statistic of CUPED (Deng, Xu, Kohavi &amp; Walker 2013) for one group (an arm): the count, the
/// means of the outcome Y and of the pre-period covariate X, and the centred second moments Σ(y − ȳ)², Σ(x − x̄)² and
/// Σ(x − x̄)(y − ȳ). They carry the same information as the sums n, ΣY, ΣX, ΣY², ΣX², ΣXY (see <see cref="FromSums"/>)
/// without the cancellation of raw sums; values are added by Welford's update and tallies merged by the pairwise formula
/// of Chan, Golub &amp; LeVeque (1979) extended to the co-moment, so merged shards equal the tally of the whole up to
/// floating-point rounding. The empty tally is the identity of <see cref="Merge"/>.
/// </summary>
/// <remarks>
/// <para>A unit without pre-period data has covariate 0, as GrowthBook's queries coalesce a missing pre-exposure value to
/// 0; the caller passes 0 for it (the experiment read-out does so for an observation without a covariate).</para>
/// <para>Not thread-safe: give each thread its own tally and merge them.</para>
/// </remarks>
public sealed class CupedTally
{
    /// <summary>Number of units.</summary>
    public long Count { get; private set; }

    /// <summary>Mean outcome ȳ (0 when empty).</summary>
    public double OutcomeMean { get; private set; }

    /// <summary>Mean covariate x̄ (0 when empty).</summary>
    public double CovariateMean { get; private set; }

    /// <summary>Σ(y − ȳ)².</summary>
    public double OutcomeSumOfSquaredDeviations { get; private set; }

    /// <summary>Σ(x − x̄)².</summary>
    public double CovariateSumOfSquaredDeviations { get; private set; }

    /// <summary>Σ(x − x̄)(y − ȳ), the co-moment.</summary>
    public double CoMoment { get; private set; }

    /// <summary>
    /// A tally from the raw sums a database <c>GROUP BY arm</c> returns: <c>COUNT(*)</c>, <c>SUM(y)</c>, <c>SUM(x)</c>,
    /// <c>SUM(y*y)</c>, <c>SUM(x*x)</c>, <c>SUM(x*y)</c> (GrowthBook's regression-adjustment columns). The centred moments
    /// are <c>Σy² − (Σy)²/n</c> and so on, clamped against rounding: the squares at 0 and the co-moment to
    /// ±√(Σ(y − ȳ)²·Σ(x − x̄)²) (Cauchy–Schwarz).
    /// </summary>
    /// <param name="count">n ≥ 0.</param>
    /// <param name="outcomeSum">ΣY.</param>
    /// <param name="covariateSum">ΣX.</param>
    /// <param name="outcomeSumOfSquares">ΣY².</param>
    /// <param name="covariateSumOfSquares">ΣX².</param>
    /// <param name="sumOfProducts">ΣXY.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, a sum is not finite, or a sum is not 0 when <paramref name="count"/> is 0.</exception>
    public static CupedTally FromSums(long count, double outcomeSum, double covariateSum, double outcomeSumOfSquares, double covariateSumOfSquares, double sumOfProducts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Guard.Finite(outcomeSum);
        Guard.Finite(covariateSum);
        Guard.Finite(outcomeSumOfSquares);
        Guard.Finite(covariateSumOfSquares);
        Guard.Finite(sumOfProducts);
        if (count == 0)
        {
            if (outcomeSum != 0 || covariateSum != 0 || outcomeSumOfSquares != 0 || covariateSumOfSquares != 0 || sumOfProducts != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "a tally of 0 units must have every sum 0.");
            }

            return new CupedTally();
        }

        double my = outcomeSum / count, mx = covariateSum / count;
        double myy = Math.Max(0, outcomeSumOfSquares - (outcomeSum * my)), mxx = Math.Max(0, covariateSumOfSquares - (covariateSum * mx));
        double bound = Math.Sqrt(myy) * Math.Sqrt(mxx); // Cauchy–Schwarz, which the cancelling sums can break by rounding
        return new CupedTally
        {
            Count = count,
            OutcomeMean = my,
            CovariateMean = mx,
            OutcomeSumOfSquaredDeviations = myy,
            CovariateSumOfSquaredDeviations = mxx,
            CoMoment = Math.Clamp(sumOfProducts - (outcomeSum * mx), -bound, bound),
        };
    }

    /// <summary>A tally of paired columns: <paramref name="outcomes"/>[i] and <paramref name="covariates"/>[i] belong to unit i.</summary>
    /// <param name="outcomes">The outcomes Y (finite).</param>
    /// <param name="covariates">The pre-period covariates X (finite; 0 for a unit without pre-period data).</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentException">The columns differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite.</exception>
    public static CupedTally Of(ReadOnlySpan<double> outcomes, ReadOnlySpan<double> covariates)
    {
        if (outcomes.Length != covariates.Length)
        {
            throw new ArgumentException($"{covariates.Length} covariates for {outcomes.Length} outcomes: the columns must pair up.", nameof(covariates));
        }

        var tally = new CupedTally();
        for (int i = 0; i < outcomes.Length; i++)
        {
            tally.Add(outcomes[i], covariates[i]);
        }

        return tally;
    }

    /// <summary>Adds one unit (Welford's update of the means, the second moments and the co-moment).</summary>
    /// <param name="outcome">Its outcome Y.</param>
    /// <param name="covariate">Its pre-period covariate X (0 without pre-period data).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    /// <exception cref="OverflowException">The tally already counts <see cref="long.MaxValue"/> units.</exception>
    public void Add(double outcome, double covariate)
    {
        if (!double.IsFinite(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, $"outcome {outcome} must be a finite number.");
        }

        if (!double.IsFinite(covariate))
        {
            throw new ArgumentOutOfRangeException(nameof(covariate), covariate, $"covariate {covariate} must be a finite number.");
        }

        Count = CheckedCount.Add(Count, 1, "the unit count");
        double dx = covariate - CovariateMean;
        double dy = outcome - OutcomeMean;
        CovariateMean += dx / Count;
        OutcomeMean += dy / Count;
        CovariateSumOfSquaredDeviations += dx * (covariate - CovariateMean);
        OutcomeSumOfSquaredDeviations += dy * (outcome - OutcomeMean);
        CoMoment += dx * (outcome - OutcomeMean);
    }

    /// <summary>Adds another tally into this one (Chan et al. 1979: M += M' + δ·δ'·n·n'/(n + n') for each moment).</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <exception cref="OverflowException">The merged count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <remarks>
    /// <para>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</para>
    /// <para>The gaps δ between the means are split into a mantissa and a power of two and the products δ·δ'·n·n'/(n + n')
    /// formed on the mantissas, then scaled: no intermediate overflows or underflows when the merged moments are finite
    /// (a mean above 10¹⁵⁴ squared no longer overflows), and the result is bit for bit the plain product's wherever that
    /// did not overflow. Merging into an empty tally copies <paramref name="other"/> exactly.</para>
    /// </remarks>
    public CupedTally Merge(CupedTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.Count == 0)
        {
            return this;
        }

        long n = CheckedCount.Add(Count, other.Count, "the unit count");
        if (Count == 0)
        {
            Count = n;
            OutcomeMean = other.OutcomeMean;
            CovariateMean = other.CovariateMean;
            OutcomeSumOfSquaredDeviations = other.OutcomeSumOfSquaredDeviations;
            CovariateSumOfSquaredDeviations = other.CovariateSumOfSquaredDeviations;
            CoMoment = other.CoMoment;
            return this;
        }

        var (dx, ex) = Gap(other.CovariateMean, CovariateMean);
        var (dy, ey) = Gap(other.OutcomeMean, OutcomeMean);
        double weight = (double)Count * other.Count / n;
        CovariateSumOfSquaredDeviations += other.CovariateSumOfSquaredDeviations + Math.ScaleB(dx * dx * weight, 2 * ex);
        OutcomeSumOfSquaredDeviations += other.OutcomeSumOfSquaredDeviations + Math.ScaleB(dy * dy * weight, 2 * ey);
        CoMoment += other.CoMoment + Math.ScaleB(dx * dy * weight, ex + ey);
        CovariateMean = Toward(CovariateMean, other.CovariateMean, dx, ex, other.Count, n);
        OutcomeMean = Toward(OutcomeMean, other.OutcomeMean, dy, ey, other.Count, n);
        Count = n;
        return this;
    }

    /// <summary>
    /// The gap <paramref name="to"/> − <paramref name="from"/> as m·2^e with 1 ≤ |m| &lt; 2 (0·2⁰ for no gap), formed at half
    /// scale when the plain difference of two finite values overflows.
    /// </summary>
    private static (double Mantissa, int Exponent) Gap(double to, double from)
    {
        double d = to - from;
        int shift = 0;
        if (!double.IsFinite(d))
        {
            d = (to * 0.5) - (from * 0.5);
            shift = 1;
        }

        if (d == 0)
        {
            return (0, 0);
        }

        int e = Math.ILogB(d);
        return (Math.ScaleB(d, -e), e + shift);
    }

    /// <summary>The mean of the merged tally: <paramref name="mean"/> + δ·n'/n, or the weighted mean of the two when that step overflows.</summary>
    private static double Toward(double mean, double otherMean, double gap, int exponent, long otherCount, long n)
    {
        double step = Math.ScaleB(gap * otherCount / n, exponent);
        return double.IsFinite(step) ? mean + step : (mean * ((double)(n - otherCount) / n)) + (otherMean * ((double)otherCount / n));
    }

    /// <summary>A copy that adds and merges independently of this tally.</summary>
    /// <returns>The copy.</returns>
    public CupedTally Clone() => new()
    {
        Count = Count,
        OutcomeMean = OutcomeMean,
        CovariateMean = CovariateMean,
        OutcomeSumOfSquaredDeviations = OutcomeSumOfSquaredDeviations,
        CovariateSumOfSquaredDeviations = CovariateSumOfSquaredDeviations,
        CoMoment = CoMoment,
    };

    /// <summary>
    /// The tally with these moments, for the portable form: n ≥ 0, every value finite, the squares ≥ 0, all 0 for one unit,
    /// and |co-moment| ≤ √(Σ(y − ȳ)²·Σ(x − x̄)²) up to a relative 10⁻⁶ of rounding (Cauchy–Schwarz: |ρ| ≤ 1). The values are
    /// kept exactly (an empty tally's are checked by the caller).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The moments are not those of any set of units.</exception>
    internal static CupedTally FromMoments(long count, double outcomeMean, double covariateMean, double outcomeSumOfSquaredDeviations, double covariateSumOfSquaredDeviations, double coMoment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!double.IsFinite(outcomeMean) || !double.IsFinite(covariateMean) || !double.IsFinite(outcomeSumOfSquaredDeviations)
            || !double.IsFinite(covariateSumOfSquaredDeviations) || !double.IsFinite(coMoment) || outcomeSumOfSquaredDeviations < 0 || covariateSumOfSquaredDeviations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"means {outcomeMean}, {covariateMean} and moments {outcomeSumOfSquaredDeviations}, {covariateSumOfSquaredDeviations}, {coMoment} must be finite, the squares ≥ 0.");
        }

        if (count <= 1 && (outcomeSumOfSquaredDeviations != 0 || covariateSumOfSquaredDeviations != 0 || coMoment != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"a tally of {count} unit(s) has no spread, not moments {outcomeSumOfSquaredDeviations}, {covariateSumOfSquaredDeviations}, {coMoment}.");
        }

        double bound = Math.Sqrt(outcomeSumOfSquaredDeviations) * Math.Sqrt(covariateSumOfSquaredDeviations);
        if (Math.Abs(coMoment) > (bound * (1 + 1e-6)) + double.Epsilon)
        {
            throw new ArgumentOutOfRangeException(nameof(coMoment), coMoment, $"co-moment {coMoment} exceeds √(Σ(y − ȳ)²·Σ(x − x̄)²) = {bound}: a correlation beyond ±1.");
        }

        return new CupedTally
        {
            Count = count, OutcomeMean = outcomeMean, CovariateMean = covariateMean, OutcomeSumOfSquaredDeviations = outcomeSumOfSquaredDeviations,
            CovariateSumOfSquaredDeviations = covariateSumOfSquaredDeviations, CoMoment = coMoment,
        };
    }

    /// <summary>The outcome's moments alone, for the unadjusted comparison.</summary>
    internal RunningMoments Outcome => RunningMoments.FromParts(Count, OutcomeMean, OutcomeSumOfSquaredDeviations);
}
