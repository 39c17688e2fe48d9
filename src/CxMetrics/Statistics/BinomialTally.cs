using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// The sufficient statistic of a rate: successes out of trials (conversions out of sessions, churned out of customers,
/// abandoned out of carts). Mergeable: <see cref="Merge"/> is associative and commutative; the empty tally is its identity.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class BinomialTally
{
    /// <summary>Trials counted as successes.</summary>
    public long Successes { get; private set; }

    /// <summary>All trials.</summary>
    public long Trials { get; private set; }

    /// <summary>A tally from counts, e.g. a <c>GROUP BY</c>.</summary>
    /// <param name="successes">Successes, 0 ≤ successes ≤ trials.</param>
    /// <param name="trials">Trials.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or successes exceed trials.</exception>
    public static BinomialTally FromCounts(long successes, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes {successes} cannot exceed trials {trials}.");
        }

        return new BinomialTally { Successes = successes, Trials = trials };
    }

    /// <summary>Counts one trial.</summary>
    /// <param name="success">Whether it succeeded.</param>
    /// <exception cref="OverflowException">The tally already counts <see cref="long.MaxValue"/> trials.</exception>
    public void Add(bool success)
    {
        Trials = CheckedCount.Add(Trials, 1, "the trial count");
        if (success)
        {
            Successes++;
        }
    }

    /// <summary>Adds another tally into this one.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="OverflowException">The merged trials would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public BinomialTally Merge(BinomialTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        Trials = CheckedCount.Add(Trials, other.Trials, "the trial count");
        Successes += other.Successes; // successes ≤ trials, so this cannot overflow
        return this;
    }

    /// <summary>A new tally with the same counts.</summary>
    /// <returns>The copy.</returns>
    public BinomialTally Clone() => FromCounts(Successes, Trials);

    /// <summary>The estimated rate with its interval.</summary>
    /// <param name="level">Confidence level.</param>
    /// <param name="method">Interval method (default Wilson).</param>
    /// <returns>The estimate; without value when there are no trials.</returns>
    public ProportionEstimate ToEstimate(double level = 0.95, ProportionIntervalMethod method = ProportionIntervalMethod.Wilson) =>
        Proportion.FromCounts(Successes, Trials, level, method);

    /// <summary>Formats as <c>12 of 100</c>.</summary>
    /// <returns>The counts.</returns>
    public override string ToString() => $"{Successes} of {Trials}";
}
