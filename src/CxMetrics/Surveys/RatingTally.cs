using CxMetrics.Internal;

namespace CxMetrics.Surveys;

/// <summary>
/// The sufficient statistic of a CSAT or CES result: the histogram of answers on a <see cref="RatingScale"/> (count and
/// weight sum per score), the sum of squared weights and the unanswered count. <see cref="Merge"/> is associative and
/// commutative with the empty tally as identity; tallies on different scales cannot be merged.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class RatingTally
{
    private readonly long[] counts;
    private readonly double[] weights;
    private SquaredWeightSum squares;

    /// <summary>Creates an empty tally on <paramref name="scale"/>.</summary>
    /// <param name="scale">The rating scale.</param>
    public RatingTally(RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        Scale = scale;
        counts = new long[scale.Points];
        weights = new double[scale.Points];
    }

    /// <summary>The scale answers are on.</summary>
    public RatingScale Scale { get; }

    /// <summary>Answered responses.</summary>
    public long Count { get; private set; }

    /// <summary>Unanswered items: counted, excluded from every estimate.</summary>
    public long Unanswered { get; private set; }

    /// <summary>Sum of the weights of answered responses.</summary>
    public double TotalWeight { get; private set; }

    /// <summary>
    /// Sum of squared weights of answered responses. Kept relative to the scale of <see cref="TotalWeight"/>, so it is
    /// exact wherever it is a normal double; for weights whose squares leave double's range (e.g. 1e160 × 3, or
    /// 1e−200 × 3) this property reads ∞ or 0 while <see cref="EffectiveSampleSize"/> and every estimate stay exact.
    /// </summary>
    public double SumOfSquaredWeights => squares.Value;

    /// <summary>
    /// Kish's effective sample size <c>(Σw)²/Σw²</c>, computed on the scale of the weight total (no overflow or underflow:
    /// equal weights of any finite positive size give <see cref="Count"/>); <see cref="Count"/> without weights, 0 when empty.
    /// </summary>
    public double EffectiveSampleSize => squares.EffectiveSize(TotalWeight);

    /// <summary>Σw²/4ᵏ with k = ⌊log₂ TotalWeight⌋: the portable form of Σw² when <see cref="SumOfSquaredWeights"/> is out of double's range.</summary>
    internal double ScaledSumOfSquaredWeights => squares.Scaled;

    /// <summary>Answers per score, from <see cref="RatingScale.Min"/> to <see cref="RatingScale.Max"/>.</summary>
    public ReadOnlySpan<long> Counts => counts;

    /// <summary>Weight sums per score, from <see cref="RatingScale.Min"/> to <see cref="RatingScale.Max"/>.</summary>
    public ReadOnlySpan<double> Weights => weights;

    /// <summary>A tally from unweighted counts per score (e.g. a <c>GROUP BY score</c>).</summary>
    /// <param name="scale">The scale.</param>
    /// <param name="countsPerScore">Counts for scores Min..Max, in order; its length must equal the number of points.</param>
    /// <param name="unanswered">Unanswered items.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentException">
    /// The length does not match the scale, or a count is negative, or the counts add up past <see cref="long.MaxValue"/>
    /// (<see cref="ArgumentOutOfRangeException"/> naming <paramref name="countsPerScore"/>).
    /// </exception>
    public static RatingTally FromCounts(RatingScale scale, ReadOnlySpan<long> countsPerScore, long unanswered = 0)
    {
        var tally = new RatingTally(scale);
        if (countsPerScore.Length != scale.Points)
        {
            throw new ArgumentException($"{countsPerScore.Length} counts were given for the {scale.Points}-point scale {scale}.", nameof(countsPerScore));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(unanswered);
        for (int i = 0; i < countsPerScore.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(countsPerScore[i], nameof(countsPerScore));
            CheckedCount.Total(tally.Count, countsPerScore[i], nameof(countsPerScore));
            tally.AddCount(i, countsPerScore[i]);
        }

        tally.Unanswered = unanswered;
        return tally;
    }

    /// <summary>
    /// A tally from weighted sums per score, e.g. <c>COUNT(*)</c>, <c>SUM(w)</c> and <c>SUM(w*w)</c> per score from a database,
    /// or a stored tally.
    /// </summary>
    /// <param name="scale">The scale.</param>
    /// <param name="countsPerScore">Counts for scores Min..Max, in order.</param>
    /// <param name="weightsPerScore">Weight sums for scores Min..Max, in order; zero exactly where the count is zero.</param>
    /// <param name="unanswered">Unanswered items.</param>
    /// <param name="totalWeight">Sum of all weights (kept as given so a stored tally is restored bit for bit).</param>
    /// <param name="sumOfSquaredWeights">Sum of squared weights of answered responses.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentException">A length does not match the scale, or a count or sum is negative, not finite, or zero where the other is not.</exception>
    public static RatingTally FromWeightedCounts(
        RatingScale scale, ReadOnlySpan<long> countsPerScore, ReadOnlySpan<double> weightsPerScore, long unanswered, double totalWeight, double sumOfSquaredWeights)
    {
        var tally = FromCounts(scale, countsPerScore, unanswered);
        if (weightsPerScore.Length != scale.Points)
        {
            throw new ArgumentException($"{weightsPerScore.Length} weight sums were given for the {scale.Points}-point scale {scale}.", nameof(weightsPerScore));
        }

        for (int i = 0; i < weightsPerScore.Length; i++)
        {
            CheckWeightSum(countsPerScore[i], weightsPerScore[i], nameof(weightsPerScore));
            tally.weights[i] = weightsPerScore[i];
        }

        CheckWeightSum(tally.Count, totalWeight, nameof(totalWeight));
        CheckWeightSum(tally.Count, sumOfSquaredWeights, nameof(sumOfSquaredWeights));
        tally.TotalWeight = totalWeight;
        tally.squares.Rebase(totalWeight);
        tally.squares.Set(sumOfSquaredWeights);
        return tally;
    }

    /// <summary>
    /// A tally from weighted sums with Σw² in scaled form (<see cref="ScaledSumOfSquaredWeights"/>), for the portable
    /// codec when Σw² is out of double's range.
    /// </summary>
    internal static RatingTally FromScaledWeightedCounts(
        RatingScale scale, ReadOnlySpan<long> countsPerScore, ReadOnlySpan<double> weightsPerScore, long unanswered, double totalWeight, double scaledSumOfSquaredWeights)
    {
        // Σw² = Σw is a valid placeholder (zero exactly when the count is); the scaled value replaces it.
        var tally = FromWeightedCounts(scale, countsPerScore, weightsPerScore, unanswered, totalWeight, totalWeight);
        CheckWeightSum(tally.Count, scaledSumOfSquaredWeights, nameof(scaledSumOfSquaredWeights));
        tally.squares.SetScaled(scaledSumOfSquaredWeights);
        return tally;
    }

    /// <summary>The number of answers with <paramref name="score"/>.</summary>
    /// <param name="score">A score on the scale.</param>
    /// <returns>The count.</returns>
    public long CountOf(int score) => counts[IndexOf(score, null)];

    /// <summary>Adds one answered score with weight 1.</summary>
    /// <param name="score">A score on the scale.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is off the scale.</exception>
    public void Add(int score) => Add(score, 1.0);

    /// <summary>Adds one answered score with a weight.</summary>
    /// <param name="score">A score on the scale.</param>
    /// <param name="weight">Its weight, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is off the scale or the weight is not finite and positive.</exception>
    public void Add(int score, double weight) => Add(score, weight, null);

    /// <summary>Adds a survey response: its score (or an unanswered item) with its weight.</summary>
    /// <param name="response">The response.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is off the scale; the message names the response.</exception>
    public void Add(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Score is { } score)
        {
            Add(score, response.Weight, response.Label);
        }
        else
        {
            Unanswered = CheckedCount.Add(Unanswered, 1, "the unanswered count");
        }
    }

    /// <summary>Counts unanswered items.</summary>
    /// <param name="count">How many (default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    /// <exception cref="OverflowException">The unanswered count would pass <see cref="long.MaxValue"/>; nothing is added.</exception>
    public void AddUnanswered(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Unanswered = CheckedCount.Add(Unanswered, count, "the unanswered count");
    }

    /// <summary>
    /// Adds a span of byte scores (255 = unanswered), vectorised. Atomic: when a byte is off the scale nothing is added and
    /// the exception names its position.
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither on the scale nor 255.</exception>
    public void AddRange(ReadOnlySpan<byte> scores)
    {
        // Cumulative counts at Min−1 (to catch scores below the scale), Min, …, Max.
        int first = Math.Max(0, Scale.Min - 1);
        int m = Scale.Max - first + 1;
        Span<byte> thresholds = stackalloc byte[m];
        Span<long> atMost = stackalloc long[m];
        atMost.Clear();
        for (int j = 0; j < m; j++)
        {
            thresholds[j] = (byte)(first + j);
        }

        long missing = ByteScoreCounter.CountAtMost(scores, thresholds, atMost);
        long below = Scale.Min > 0 ? atMost[0] : 0;
        if (below > 0 || atMost[m - 1] + missing != scores.Length)
        {
            int at = ByteScoreCounter.IndexOfInvalid(scores, (byte)Scale.Min, (byte)Scale.Max);
            throw new ArgumentOutOfRangeException(nameof(scores), scores[at], $"score {scores[at]} at position {at} is outside the {Scale.Metric} scale {Scale.Min}–{Scale.Max} (use 255 for an unanswered item).");
        }

        CheckedCount.Add(Count, atMost[m - 1], "the answered count");
        Unanswered = CheckedCount.Add(Unanswered, missing, "the unanswered count");
        int offset = Scale.Min - first;
        for (int i = 0; i < counts.Length; i++)
        {
            long previous = i + offset == 0 ? 0 : atMost[i + offset - 1];
            AddCount(i, atMost[i + offset] - previous);
        }
    }

    /// <summary>Adds a span of integer scores with weight 1. Atomic: on an off-scale score nothing is added.</summary>
    /// <param name="scores">The scores.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale.</exception>
    public void AddRange(ReadOnlySpan<int> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            if (!Scale.Contains(scores[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(scores), scores[i], $"score {scores[i]} at position {i} is outside the {Scale.Metric} scale {Scale.Min}–{Scale.Max}.");
            }
        }

        CheckedCount.Add(Count, scores.Length, "the answered count");
        foreach (int score in scores)
        {
            AddCount(score - Scale.Min, 1);
        }
    }

    /// <summary>Adds another tally on the same scale into this one; <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally, for chaining.</returns>
    /// <exception cref="ArgumentException">The scales differ.</exception>
    /// <exception cref="OverflowException">A merged count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public RatingTally Merge(RatingTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.Scale != Scale)
        {
            throw new ArgumentException($"cannot merge a tally on {other.Scale} into one on {Scale}.", nameof(other));
        }

        CheckTotal(TotalWeight + other.TotalWeight);
        long count = CheckedCount.Add(Count, other.Count, "the answered count");
        long unanswered = CheckedCount.Add(Unanswered, other.Unanswered, "the unanswered count");
        var theirs = other.squares;
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
            weights[i] += other.weights[i];
        }

        Count = count;
        TotalWeight += other.TotalWeight;
        squares.Rebase(TotalWeight);
        squares.Add(theirs);
        Unanswered = unanswered;
        return this;
    }

    /// <summary>A new tally with the same counts.</summary>
    /// <returns>The copy.</returns>
    public RatingTally Clone() => new RatingTally(Scale).Merge(this);

    /// <summary>Formats the histogram.</summary>
    /// <returns>The counts as text.</returns>
    public override string ToString() => $"RatingTally({Scale}: [{string.Join(", ", counts)}], unanswered {Unanswered})";

    internal void Add(int score, double weight, string? label)
    {
        int i = IndexOf(score, label);
        Guard.Weight(weight, label);
        if (!double.IsFinite(TotalWeight + weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"weight {weight}{Guard.Describe(label)} would take the tally's weight sum past {double.MaxValue:G3}.");
        }

        Count = CheckedCount.Add(Count, 1, "the answered count");
        counts[i]++;
        weights[i] += weight;
        TotalWeight += weight;
        squares.Rebase(TotalWeight);
        squares.AddWeight(weight);
    }

    private static void CheckTotal(double total)
    {
        if (!double.IsFinite(total))
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, $"the tally's weight sum would exceed {double.MaxValue:G3}; rescale the weights (only their ratios matter).");
        }
    }

    private static void CheckWeightSum(long count, double sum, string name)
    {
        if (!double.IsFinite(sum) || sum < 0 || (count == 0) != (sum == 0))
        {
            throw new ArgumentOutOfRangeException(name, sum, $"{name} {sum} must be finite, non-negative, and zero exactly when its count ({count}) is zero.");
        }
    }

    private void AddCount(int index, long count)
    {
        counts[index] += count;
        weights[index] += count;
        Count += count;
        TotalWeight += count;
        squares.Rebase(TotalWeight);
        squares.AddUnits(count);
    }

    private int IndexOf(int score, string? label)
    {
        if (!Scale.Contains(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, $"score {score} is outside the {Scale.Metric} scale {Scale.Min}–{Scale.Max}{Guard.Describe(label)}.");
        }

        return score - Scale.Min;
    }

    /// <summary>The tally of survey responses on a scale (weights respected, unanswered items counted apart).</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="scale">The scale, which names the metric (e.g. <see cref="CsatScale.OneToFive"/>).</param>
    /// <returns>A new tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> or <paramref name="scale"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale; the message names the response.</exception>
    public static RatingTally Of(IEnumerable<SurveyResponse> responses, RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var tally = new RatingTally(scale);
        foreach (var response in responses)
        {
            tally.Add(response);
        }

        return tally;
    }
}
