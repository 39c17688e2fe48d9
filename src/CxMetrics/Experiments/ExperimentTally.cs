using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Experiments;

/// <summary>
/// The mergeable sufficient statistic of an experiment read-out: per segment × arm, the customers pending and observed,
/// the conversions (a binomial tally) and the revenue moments (count, mean, M₂; Welford, merged by Chan et al. 1979).
/// <see cref="Experiment.From"/> turns it into the read-out <see cref="Experiment.Of(IEnumerable{ExperimentObservation}, ExperimentDesign)"/>
/// gives for the same observations. Tallies merge by adding the counts of each cell and merging its moments; the empty
/// tally is the identity of <see cref="Merge"/>.
/// </summary>
/// <remarks>
/// <para>It holds no customer id (an observation's id is not kept), so a payload needs no pseudonymisation. Counts merge
/// exactly; the revenue mean and M₂ of a merged tally equal those of the whole up to floating-point rounding
/// (relative 1e-12 in practice). It does not keep each customer's revenue, so a read-out with a bootstrap interval
/// (<see cref="ExperimentDesign.BootstrapResamples"/> &gt; 0) is read from the observations, not from a tally.</para>
/// <para>Not thread-safe: give each thread its own tally and merge them.</para>
/// </remarks>
public sealed class ExperimentTally
{
    private readonly Dictionary<(string? Segment, string Arm), Counts> cells = [];

    /// <summary>Customers counted (observed + pending).</summary>
    public long Customers { get; private set; }

    /// <summary>The cells, in no particular order (the portable form and <see cref="Experiment.From"/> order them).</summary>
    public IReadOnlyList<ExperimentCell> Cells =>
        [.. cells.Select(c => new ExperimentCell(c.Key.Segment, c.Key.Arm, c.Value.Pending, c.Value.Conversions.Trials, c.Value.Conversions.Successes, c.Value.Revenue.Mean, c.Value.Revenue.SumOfSquaredDeviations))];

    /// <summary>A tally from cell counts (e.g. a database <c>GROUP BY segment, arm</c>, or a stored payload).</summary>
    /// <param name="cells">One entry per segment × arm; a segment × arm may not repeat.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentException">A cell repeats, names no arm, counts nothing, has a negative count, more conversions than observed customers, or revenue moments that are not finite (or not 0 without observed customers).</exception>
    /// <exception cref="OverflowException">The customers add up past <see cref="long.MaxValue"/>.</exception>
    public static ExperimentTally FromCounts(IEnumerable<ExperimentCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var tally = new ExperimentTally();
        foreach (var c in cells)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(cells));
            ArgumentException.ThrowIfNullOrWhiteSpace(c.Arm, nameof(cells));
            string where = $"cell (segment '{c.Segment ?? "(none)"}', arm '{c.Arm}')";
            if (c.Pending < 0 || c.Observed < 0 || c.Converted < 0 || c.Converted > c.Observed)
            {
                throw new ArgumentException($"{where} has pending {c.Pending}, observed {c.Observed}, converted {c.Converted}: counts must be ≥ 0 and converted ≤ observed.", nameof(cells));
            }

            if (c.Pending == 0 && c.Observed == 0)
            {
                throw new ArgumentException($"{where} counts no customer; leave it out.", nameof(cells));
            }

            if (c.Observed == 0 && (BitConverter.DoubleToInt64Bits(c.RevenueMean) != 0 || BitConverter.DoubleToInt64Bits(c.RevenueSumOfSquaredDeviations) != 0))
            {
                throw new ArgumentException($"{where} has no observed customer but revenue mean {c.RevenueMean} and M₂ {c.RevenueSumOfSquaredDeviations}; both must be 0.", nameof(cells));
            }

            var revenue = RunningMoments.FromParts(c.Observed, c.RevenueMean, c.RevenueSumOfSquaredDeviations);
            if (!tally.cells.TryAdd((c.Segment, c.Arm), new Counts(c.Pending, BinomialTally.FromCounts(c.Converted, c.Observed), revenue)))
            {
                throw new ArgumentException($"{where} is given twice.", nameof(cells));
            }

            tally.Customers = CheckedCount.Add(tally.Customers, CheckedCount.Add(c.Pending, c.Observed, "the customers of a cell"), "the customer count");
        }

        return tally;
    }

    /// <summary>A tally of <paramref name="observations"/>.</summary>
    /// <param name="observations">One observation per assigned customer.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentException">An observation has no arm.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An observed revenue is not finite.</exception>
    public static ExperimentTally Of(IEnumerable<ExperimentObservation> observations)
    {
        var tally = new ExperimentTally();
        tally.AddRange(observations);
        return tally;
    }

    /// <summary>Counts one assigned customer's observation in its segment × arm.</summary>
    /// <param name="observation">The observation (its customer id is not kept).</param>
    /// <exception cref="ArgumentOutOfRangeException">The revenue is not finite.</exception>
    /// <exception cref="OverflowException">The tally already counts <see cref="long.MaxValue"/> customers.</exception>
    public void Add(ExperimentObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentException.ThrowIfNullOrWhiteSpace(observation.Arm, nameof(observation));
        long customers = CheckedCount.Add(Customers, 1, "the customer count");
        bool observed = observation.Status != OutcomeStatus.Pending;
        if (observed && !double.IsFinite(observation.Revenue))
        {
            throw new ArgumentOutOfRangeException(nameof(observation), observation.Revenue, $"revenue {observation.Revenue} of customer '{observation.CustomerId}' is not finite.");
        }

        var cell = Cell(observation.Segment, observation.Arm);
        if (observed)
        {
            cell.Conversions.Add(observation.Converted);
            cell.Revenue.Add(observation.Revenue);
        }
        else
        {
            cell.Pending++;
        }

        Customers = customers;
    }

    /// <summary>Counts observations.</summary>
    /// <param name="observations">The observations.</param>
    public void AddRange(IEnumerable<ExperimentObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var o in observations)
        {
            Add(o);
        }
    }

    /// <summary>
    /// Adds another tally into this one: per segment × arm the counts add and the revenue moments merge (Chan et al. 1979).
    /// Mutates and returns this tally, like every tally's <c>Merge</c>; <paramref name="other"/> is unchanged.
    /// </summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <exception cref="OverflowException">A count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge both into a new empty tally.</remarks>
    public ExperimentTally Merge(ExperimentTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        long customers = CheckedCount.Add(Customers, other.Customers, "the customer count");
        foreach (var (key, theirs) in other.cells)
        {
            if (cells.TryGetValue(key, out var mine))
            {
                CheckedCount.Add(mine.Pending, theirs.Pending, "the pending customers of a cell");
                CheckedCount.Add(mine.Conversions.Trials, theirs.Conversions.Trials, "the observed customers of a cell");
            }
        }

        foreach (var (key, theirs) in other.cells)
        {
            var cell = Cell(key.Segment, key.Arm);
            cell.Pending += theirs.Pending;
            cell.Conversions.Merge(theirs.Conversions);
            cell.Revenue.Merge(theirs.Revenue);
        }

        Customers = customers;
        return this;
    }

    /// <summary>A copy that merges and adds independently of this tally.</summary>
    /// <returns>The copy.</returns>
    public ExperimentTally Clone() => new ExperimentTally().Merge(this);

    /// <summary>The cells keyed by segment and arm, for the read-out.</summary>
    internal IReadOnlyDictionary<(string? Segment, string Arm), Counts> Counted => cells;

    private Counts Cell(string? segment, string arm)
    {
        if (!cells.TryGetValue((segment, arm), out var cell))
        {
            cell = new Counts(0, new BinomialTally(), new RunningMoments());
            cells.Add((segment, arm), cell);
        }

        return cell;
    }

    /// <summary>One segment × arm: pending customers, conversions of the observed, revenue moments of the observed.</summary>
    internal sealed class Counts(long pending, BinomialTally conversions, RunningMoments revenue)
    {
        public long Pending { get; set; } = pending;

        public BinomialTally Conversions { get; } = conversions;

        public RunningMoments Revenue { get; } = revenue;
    }
}
