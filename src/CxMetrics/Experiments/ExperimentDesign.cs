using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>
/// What was planned before the experiment started: the control arm, the planned split, the outcome window, the
/// multiple-comparison policy (no default: choose it), and optionally the planned sample size, CUPED and sequential
/// testing. It also answers what the plan can detect (<see cref="MinimumDetectableConversionEffect"/>,
/// <see cref="MinimumDetectableRevenueEffect"/>).
/// </summary>
/// <example>
/// What can we detect with 2,000 visitors a week in 4 weeks, split 50/50, at a 3% conversion rate and revenue per
/// visitor with standard deviation 40?
/// <code>
/// var design = new ExperimentDesign { ControlArm = "A", PlannedSplit = new Dictionary&lt;string, double&gt; { ["A"] = 0.5, ["B"] = 0.5 },
///     OutcomeWindow = Duration.FromDays(7), Adjustment = MultipleComparisonMethod.Holm };
/// double? conversion = design.MinimumDetectableConversionEffect(0.03, 2_000 * 4);  // 0.0116: 3% → 4.16% at 80% power
/// double revenue = design.MinimumDetectableRevenueEffect(40, 2_000 * 4);            // 2.51 per visitor
/// </code>
/// </example>
public sealed record ExperimentDesign
{
    private readonly double alpha = 0.05;
    private readonly double sampleRatioThreshold = 0.001;
    private readonly double sequentialTuningParameter = ConfidenceSequence.DefaultTuningParameter;

    /// <summary>The control arm every other arm is compared with.</summary>
    public required string ControlArm { get; init; }

    /// <summary>Planned share of customers per arm (normalised if it does not sum to 1). Every assigned arm must be listed.</summary>
    public required IReadOnlyDictionary<string, double> PlannedSplit { get; init; }

    /// <summary>How long after assignment an outcome counts (e.g. 30 days for "repeat purchase within 30 days").</summary>
    public required Duration OutcomeWindow { get; init; }

    /// <summary>How p-values across segments × arms are adjusted: Holm (family-wise) or Benjamini–Hochberg (false discovery rate).</summary>
    public required MultipleComparisonMethod Adjustment { get; init; }

    /// <summary>The planned number of observed customers per arm; reading earlier raises a warning. Optional.</summary>
    public long? PlannedSampleSizePerArm { get; init; }

    /// <summary>Significance level of the tests (two-sided); intervals use 1 − alpha. Default 0.05.</summary>
    public double Alpha
    {
        get => alpha;
        init
        {
            Guard.ConfidenceLevel(1 - value, nameof(Alpha));
            alpha = value;
        }
    }

    /// <summary>
    /// P-value below which the sample-ratio-mismatch check fails. Default 0.001, the threshold commonly used by
    /// experimentation platforms (e.g. GrowthBook, Optimizely) so that the check itself rarely fires by chance.
    /// </summary>
    public double SampleRatioThreshold
    {
        get => sampleRatioThreshold;
        init
        {
            Guard.ConfidenceLevel(1 - value, nameof(SampleRatioThreshold));
            sampleRatioThreshold = value;
        }
    }

    /// <summary>Bootstrap resamples for the revenue interval; 0 (default) turns the bootstrap off, 2,000 is a common choice.</summary>
    public int BootstrapResamples { get; init; }

    /// <summary>Seed of the bootstrap, so the same data give the same interval. Default 1.</summary>
    public ulong BootstrapSeed { get; init; } = 1;

    /// <summary>
    /// Whether conversion and revenue are compared with CUPED (<see cref="Cuped"/>) on each observation's
    /// <see cref="ExperimentObservation.Covariate"/> (pre-period spend, orders or sessions); an observation without one
    /// counts as 0, as GrowthBook does. Then the significance flags and adjusted p-values use the CUPED comparisons.
    /// Default false. Needs the observations: a read-out from a tally refuses it.
    /// </summary>
    public bool Cuped { get; init; }

    /// <summary>
    /// Whether the tests are sequential: always-valid p-values and confidence sequences
    /// (<see cref="ConfidenceSequence"/>, Waudby-Smith et al. 2021 as GrowthBook implements them), so the read-out may be
    /// looked at daily and the test stopped at the first significant look. Default false (fixed horizon: read once, at
    /// the planned sample size).
    /// </summary>
    public bool Sequential { get; init; }

    /// <summary>
    /// The sequential tuning parameter N*, the number of units (both arms) where the confidence sequence is tightest
    /// (GrowthBook's <c>sequentialTuningParameter</c>); set it near the planned total. Default 5,000.
    /// </summary>
    public double SequentialTuningParameter
    {
        get => sequentialTuningParameter;
        init
        {
            if (!(value > 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(SequentialTuningParameter), value, $"the sequential tuning parameter {value} must be a positive number of units.");
            }

            sequentialTuningParameter = value;
        }
    }

    /// <summary>
    /// The smallest absolute rise in conversion from <paramref name="baselineRate"/> this plan detects when
    /// <paramref name="units"/> customers are split as planned: the smallest arm's share of the units per arm, then
    /// <see cref="Proportion.MinimumDetectableEffect"/> at the design's <see cref="Alpha"/> (a fixed-horizon test, no
    /// multiplicity correction across arms).
    /// </summary>
    /// <param name="baselineRate">The control's expected conversion rate, in (0, 1).</param>
    /// <param name="units">Customers expected over the whole test (e.g. 2,000 a week × 4 weeks).</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>The absolute effect (0.0116 = 1.16 points), or <see langword="null"/> when nothing below a 100% rate is detectable.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range, or the smallest arm gets no customer.</exception>
    public double? MinimumDetectableConversionEffect(double baselineRate, long units, double power = 0.8) =>
        Proportion.MinimumDetectableEffect(baselineRate, SmallestArm(units, 1), Alpha, power);

    /// <summary>
    /// The smallest difference in mean revenue per customer this plan detects with <paramref name="units"/> customers split
    /// as planned: the smallest arm's share per arm, then <see cref="WelchTest.MinimumDetectableEffect"/> at
    /// <see cref="Alpha"/> with the standard deviation measured on past data.
    /// </summary>
    /// <param name="standardDeviation">σ of revenue per customer, e.g. <see cref="MeanEstimate.StandardDeviation"/> of last month's visitors; &gt; 0.</param>
    /// <param name="units">Customers expected over the whole test.</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>The difference in revenue per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range, or the smallest arm gets fewer than two customers.</exception>
    public double MinimumDetectableRevenueEffect(double standardDeviation, long units, double power = 0.8) =>
        WelchTest.MinimumDetectableEffect(standardDeviation, SmallestArm(units, 2), Alpha, power);

    /// <summary>Customers of the smallest planned arm among <paramref name="units"/>.</summary>
    private long SmallestArm(long units, long atLeast)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        double total = PlannedSplit.Values.Sum();
        long smallest = (long)Math.Floor(units * PlannedSplit.Values.Min() / total);
        if (smallest < atLeast)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, $"{units} customers give the smallest planned arm {smallest}; it needs at least {atLeast}.");
        }

        return smallest;
    }
}
