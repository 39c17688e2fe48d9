using System.Globalization;
using CxMetrics.Statistics;
using CxMetrics.Surveys;

namespace CxMetrics.Orleans;

/// <summary>
/// The plain counts of one core tally, in a form Orleans can serialise (calls and grain storage) and a database
/// <c>GROUP BY</c> can produce. Built from a tally's count accessors (<see cref="From(NpsTally)"/> and friends) and turned
/// back into the tally through its <c>FromCounts</c> constructor (<see cref="ToNpsTally"/> and friends), which validates
/// the counts again. Immutable: <see cref="Merge"/> returns a new value.
/// </summary>
/// <remarks>
/// <para>Layout by <see cref="Kind"/> (<see cref="Counts"/> are exact integers; <see cref="Weights"/> are weight sums):</para>
/// <list type="table">
/// <item><term><see cref="TallyKind.Empty"/></term><description>no counts, no weights: the identity of <see cref="Merge"/>.</description></item>
/// <item><term><see cref="TallyKind.Nps"/></term><description>counts <c>[promoters, passives, detractors, unanswered]</c>;
/// weights <c>[promoter weight, passive weight, detractor weight, sum of squared weights]</c>.</description></item>
/// <item><term><see cref="TallyKind.Rating"/></term><description>counts per score from <c>Scale.Min</c> to <c>Scale.Max</c>,
/// then unanswered; weights: the weight sum per score from <c>Scale.Min</c> to <c>Scale.Max</c>, then the total weight,
/// then the sum of squared weights (an unweighted tally has weight 1 per answer, so its weights equal its counts); rebuilt
/// by <see cref="RatingTally.FromWeightedCounts"/>, so weighted tallies travel exactly. Rating counts stored by an earlier
/// version without weights are read as unweighted. <see cref="Scale"/> set.</description></item>
/// <item><term><see cref="TallyKind.Binomial"/></term><description>counts <c>[successes, trials]</c>; no weights.</description></item>
/// </list>
/// <para>This is the grain-state surrogate of this package, not the versioned portable format of the core tallies.</para>
/// </remarks>
[GenerateSerializer]
[Immutable]
public sealed class TallyCounts : IEquatable<TallyCounts>
{
    [Id(0)]
    private readonly TallyKind kind;

    [Id(1)]
    private readonly long[] counts;

    [Id(2)]
    private readonly double[] weights;

    [Id(3)]
    private readonly RatingScaleSpec? scale;

    private TallyCounts(TallyKind kind, long[] counts, double[] weights, RatingScaleSpec? scale)
    {
        this.kind = kind;
        this.counts = counts;
        this.weights = weights;
        this.scale = scale;
    }

    /// <summary>Nothing counted: the identity of <see cref="Merge"/>.</summary>
    public static TallyCounts Empty { get; } = new(TallyKind.Empty, [], [], null);

    /// <summary>Which tally the counts belong to.</summary>
    public TallyKind Kind => kind;

    /// <summary>The exact counts, laid out as described on the type.</summary>
    public ReadOnlySpan<long> Counts => counts;

    /// <summary>The weight sums, laid out as described on the type (empty for binomial tallies and empty counts).</summary>
    public ReadOnlySpan<double> Weights => weights;

    /// <summary>The rating scale of a <see cref="TallyKind.Rating"/> tally; otherwise <see langword="null"/>.</summary>
    public RatingScaleSpec? Scale => scale;

    /// <summary>
    /// The number of observations counted: answered responses for NPS and rating tallies (unanswered items excluded, as in
    /// the core tallies' <c>Count</c>), trials for a binomial tally, 0 when empty.
    /// </summary>
    public long Observations => kind switch
    {
        TallyKind.Nps => counts[0] + counts[1] + counts[2],
        TallyKind.Rating => SumExceptLast(counts),
        TallyKind.Binomial => counts[1],
        _ => 0,
    };

    /// <summary>The counts of an NPS tally, weights included.</summary>
    /// <param name="tally">The tally.</param>
    /// <returns>The counts.</returns>
    public static TallyCounts From(NpsTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new(
            TallyKind.Nps,
            [tally.Promoters, tally.Passives, tally.Detractors, tally.Unanswered],
            [tally.PromoterWeight, tally.PassiveWeight, tally.DetractorWeight, tally.SumOfSquaredWeights],
            null);
    }

    /// <summary>The counts of a rating tally, weights included (weight sums per score, total weight, sum of squared weights).</summary>
    /// <param name="tally">The tally.</param>
    /// <returns>The counts.</returns>
    public static TallyCounts From(RatingTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ReadOnlySpan<long> perScore = tally.Counts;
        ReadOnlySpan<double> weightPerScore = tally.Weights;
        var values = new long[perScore.Length + 1];
        var weightSums = new double[perScore.Length + 2];
        perScore.CopyTo(values);
        weightPerScore.CopyTo(weightSums);
        values[^1] = tally.Unanswered;
        weightSums[^2] = tally.TotalWeight;
        weightSums[^1] = tally.SumOfSquaredWeights;
        return new(TallyKind.Rating, values, weightSums, RatingScaleSpec.From(tally.Scale));
    }

    /// <summary>The counts of a binomial tally.</summary>
    /// <param name="tally">The tally.</param>
    /// <returns>The counts.</returns>
    public static TallyCounts From(BinomialTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new(TallyKind.Binomial, [tally.Successes, tally.Trials], [], null);
    }

    /// <summary>The NPS tally these counts describe (an empty one when <see cref="Kind"/> is <see cref="TallyKind.Empty"/>).</summary>
    /// <returns>A new tally, validated by <see cref="NpsTally.FromWeightedCounts"/>.</returns>
    /// <exception cref="InvalidOperationException">The counts are of another kind.</exception>
    public NpsTally ToNpsTally()
    {
        if (kind == TallyKind.Empty)
        {
            return new NpsTally();
        }

        EnsureKind(TallyKind.Nps);
        return NpsTally.FromWeightedCounts(counts[0], counts[1], counts[2], counts[3], weights[0], weights[1], weights[2], weights[3]);
    }

    /// <summary>The rating tally these counts describe.</summary>
    /// <param name="emptyScale">The scale of the tally to return when <see cref="Kind"/> is <see cref="TallyKind.Empty"/>.</param>
    /// <returns>A new tally, validated by <see cref="RatingTally.FromWeightedCounts"/>.</returns>
    /// <exception cref="InvalidOperationException">The counts are of another kind, or empty with no <paramref name="emptyScale"/>.</exception>
    public RatingTally ToRatingTally(RatingScale? emptyScale = null)
    {
        if (kind == TallyKind.Empty)
        {
            return new RatingTally(emptyScale ?? throw new InvalidOperationException("the counts are empty and carry no rating scale; pass the scale an empty result should have."));
        }

        EnsureKind(TallyKind.Rating);
        double[] w = RatingWeights();
        return RatingTally.FromWeightedCounts(scale!.ToScale(), counts.AsSpan(0, counts.Length - 1), w.AsSpan(0, w.Length - 2), counts[^1], w[^2], w[^1]);
    }

    /// <summary>The binomial tally these counts describe (an empty one when <see cref="Kind"/> is <see cref="TallyKind.Empty"/>).</summary>
    /// <returns>A new tally, validated by <see cref="BinomialTally.FromCounts"/>.</returns>
    /// <exception cref="InvalidOperationException">The counts are of another kind.</exception>
    public BinomialTally ToBinomialTally()
    {
        if (kind == TallyKind.Empty)
        {
            return new BinomialTally();
        }

        EnsureKind(TallyKind.Binomial);
        return BinomialTally.FromCounts(counts[0], counts[1]);
    }

    /// <summary>
    /// The counts of both tallies together: element-wise sums (checked for overflow). Associative and commutative, with
    /// <see cref="Empty"/> as identity, exactly like the core tallies' <c>Merge</c>.
    /// </summary>
    /// <param name="other">The counts to add.</param>
    /// <returns>The merged counts (a new value; neither input changes).</returns>
    /// <exception cref="ArgumentException">The kinds or the rating scales differ.</exception>
    /// <exception cref="OverflowException">A count would overflow.</exception>
    public TallyCounts Merge(TallyCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.kind == TallyKind.Empty)
        {
            return this;
        }

        if (kind == TallyKind.Empty)
        {
            return other;
        }

        if (other.kind != kind)
        {
            throw new ArgumentException($"cannot merge {other.kind} counts into {kind} counts.", nameof(other));
        }

        if (other.scale != scale)
        {
            throw new ArgumentException($"cannot merge rating counts on {Describe(other.scale)} into counts on {Describe(scale)}.", nameof(other));
        }

        var sumCounts = new long[counts.Length];
        for (int i = 0; i < sumCounts.Length; i++)
        {
            sumCounts[i] = checked(counts[i] + other.counts[i]);
        }

        double[] mine = kind == TallyKind.Rating ? RatingWeights() : weights;
        double[] theirs = kind == TallyKind.Rating ? other.RatingWeights() : other.weights;
        var sumWeights = new double[mine.Length];
        for (int i = 0; i < sumWeights.Length; i++)
        {
            sumWeights[i] = mine[i] + theirs[i];
        }

        return new(kind, sumCounts, sumWeights, scale);
    }

    /// <inheritdoc/>
    public bool Equals(TallyCounts? other) =>
        other is not null && other.kind == kind && other.scale == scale &&
        counts.AsSpan().SequenceEqual(other.counts) &&
        (kind == TallyKind.Rating ? RatingWeights().AsSpan().SequenceEqual(other.RatingWeights()) : weights.AsSpan().SequenceEqual(other.weights));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TallyCounts);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(kind);
        foreach (long count in counts)
        {
            hash.Add(count);
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats the kind and counts.</summary>
    /// <returns>The counts as text.</returns>
    public override string ToString() => kind switch
    {
        TallyKind.Empty => "TallyCounts(empty)",
        TallyKind.Rating => string.Create(CultureInfo.InvariantCulture, $"TallyCounts(Rating on {Describe(scale)}: [{string.Join(", ", counts)}])"),
        _ => string.Create(CultureInfo.InvariantCulture, $"TallyCounts({kind}: [{string.Join(", ", counts)}])"),
    };

    private static long SumExceptLast(long[] values)
    {
        long sum = 0;
        for (int i = 0; i < values.Length - 1; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    private static string Describe(RatingScaleSpec? spec) =>
        spec is null ? "no scale" : string.Create(CultureInfo.InvariantCulture, $"{spec.Metric} {spec.Min}–{spec.Max} (favourable {spec.FavourableMin}–{spec.FavourableMax})");

    /// <summary>The weights of rating counts; for counts stored without weights (an earlier version), those of an unweighted tally.</summary>
    private double[] RatingWeights()
    {
        if (weights.Length == counts.Length + 1)
        {
            return weights;
        }

        var implied = new double[counts.Length + 1];
        long answered = 0;
        for (int i = 0; i < counts.Length - 1; i++)
        {
            implied[i] = counts[i];
            answered += counts[i];
        }

        implied[^2] = answered;
        implied[^1] = answered;
        return implied;
    }

    private void EnsureKind(TallyKind expected)
    {
        if (kind != expected)
        {
            throw new InvalidOperationException($"the counts are of a {kind} tally, not of a {expected} tally.");
        }
    }
}
