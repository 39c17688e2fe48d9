using CxMetrics.Internal;

namespace CxMetrics.Surveys;

/// <summary>
/// The sufficient statistic of a Net Promoter Score: counts (and weight sums) of promoters, passives and detractors,
/// unanswered items, and the sum of squared weights for Kish's effective sample size. Build it incrementally with
/// <c>Add</c>, combine shards or days with <see cref="Merge"/> (associative and commutative; the empty tally is its
/// identity), or construct it from counts a database <c>GROUP BY</c> produced.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class NpsTally
{
    private static readonly byte[] GroupThresholds = [6, 8, 10];
    private SquaredWeightSum squares;

    /// <summary>Creates an empty tally.</summary>
    public NpsTally()
    {
    }

    /// <summary>Promoters counted (scores 9–10).</summary>
    public long Promoters { get; private set; }

    /// <summary>Passives counted (scores 7–8).</summary>
    public long Passives { get; private set; }

    /// <summary>Detractors counted (scores 0–6).</summary>
    public long Detractors { get; private set; }

    /// <summary>Responses that left the question unanswered: counted here, excluded from the score.</summary>
    public long Unanswered { get; private set; }

    /// <summary>Sum of promoters' weights (equals <see cref="Promoters"/> without weights).</summary>
    public double PromoterWeight { get; private set; }

    /// <summary>Sum of passives' weights.</summary>
    public double PassiveWeight { get; private set; }

    /// <summary>Sum of detractors' weights.</summary>
    public double DetractorWeight { get; private set; }

    /// <summary>
    /// Sum of squared weights of answered responses. Kept relative to the scale of <see cref="TotalWeight"/>, so it is
    /// exact wherever it is a normal double; for weights whose squares leave double's range (e.g. 1e160 × 3, or
    /// 1e−200 × 3) this property reads ∞ or 0 while <see cref="EffectiveSampleSize"/> and every estimate stay exact.
    /// </summary>
    public double SumOfSquaredWeights => squares.Value;

    /// <summary>Answered responses: promoters + passives + detractors.</summary>
    public long Count => Promoters + Passives + Detractors;

    /// <summary>Sum of the weights of answered responses.</summary>
    public double TotalWeight => PromoterWeight + PassiveWeight + DetractorWeight;

    /// <summary>
    /// Kish's effective sample size <c>(Σw)²/Σw²</c>, computed on the scale of the weight total (no overflow or underflow:
    /// equal weights of any finite positive size give <see cref="Count"/>); <see cref="Count"/> without weights, 0 when empty.
    /// </summary>
    public double EffectiveSampleSize => squares.EffectiveSize(TotalWeight);

    /// <summary>Σw²/4ᵏ with k = ⌊log₂ TotalWeight⌋: the portable form of Σw² when <see cref="SumOfSquaredWeights"/> is out of double's range.</summary>
    internal double ScaledSumOfSquaredWeights => squares.Scaled;

    /// <summary>A tally from unweighted counts, e.g. the result of a <c>GROUP BY</c>.</summary>
    /// <param name="promoters">Number of promoters.</param>
    /// <param name="passives">Number of passives.</param>
    /// <param name="detractors">Number of detractors.</param>
    /// <param name="unanswered">Number of unanswered items.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, or promoters + passives + detractors passes <see cref="long.MaxValue"/> (the count that makes it so
    /// is named).
    /// </exception>
    public static NpsTally FromCounts(long promoters, long passives, long detractors, long unanswered = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promoters);
        ArgumentOutOfRangeException.ThrowIfNegative(passives);
        ArgumentOutOfRangeException.ThrowIfNegative(detractors);
        ArgumentOutOfRangeException.ThrowIfNegative(unanswered);
        CheckedCount.Total(CheckedCount.Total(promoters, passives, nameof(passives)), detractors, nameof(detractors));
        return new NpsTally
        {
            Promoters = promoters,
            Passives = passives,
            Detractors = detractors,
            Unanswered = unanswered,
            PromoterWeight = promoters,
            PassiveWeight = passives,
            DetractorWeight = detractors,
        }.WithSquares(promoters + passives + detractors);
    }

    /// <summary>A tally from weighted sums, e.g. <c>SUM(w)</c> and <c>SUM(w*w)</c> per group from a database.</summary>
    /// <param name="promoters">Number of promoters.</param>
    /// <param name="passives">Number of passives.</param>
    /// <param name="detractors">Number of detractors.</param>
    /// <param name="unanswered">Number of unanswered items.</param>
    /// <param name="promoterWeight">Sum of promoters' weights.</param>
    /// <param name="passiveWeight">Sum of passives' weights.</param>
    /// <param name="detractorWeight">Sum of detractors' weights.</param>
    /// <param name="sumOfSquaredWeights">Sum of squared weights of all answered responses.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or a weight sum is negative, not finite, or inconsistent with its count.</exception>
    public static NpsTally FromWeightedCounts(
        long promoters, long passives, long detractors, long unanswered,
        double promoterWeight, double passiveWeight, double detractorWeight, double sumOfSquaredWeights)
    {
        var tally = FromCounts(promoters, passives, detractors, unanswered);
        CheckWeightSum(promoters, promoterWeight, nameof(promoterWeight));
        CheckWeightSum(passives, passiveWeight, nameof(passiveWeight));
        CheckWeightSum(detractors, detractorWeight, nameof(detractorWeight));
        CheckWeightSum(tally.Count, sumOfSquaredWeights, nameof(sumOfSquaredWeights));
        CheckTotal(promoterWeight + passiveWeight + detractorWeight);
        tally.PromoterWeight = promoterWeight;
        tally.PassiveWeight = passiveWeight;
        tally.DetractorWeight = detractorWeight;
        return tally.WithSquares(sumOfSquaredWeights);
    }

    /// <summary>
    /// A tally from weighted sums with Σw² in scaled form (<see cref="ScaledSumOfSquaredWeights"/>), for the portable
    /// codec when Σw² is out of double's range.
    /// </summary>
    internal static NpsTally FromScaledWeightedCounts(
        long promoters, long passives, long detractors, long unanswered,
        double promoterWeight, double passiveWeight, double detractorWeight, double scaledSumOfSquaredWeights)
    {
        // Σw² = n is a valid placeholder for any counts; the scaled value replaces it.
        long count = promoters + passives + detractors;
        var tally = FromWeightedCounts(promoters, passives, detractors, unanswered, promoterWeight, passiveWeight, detractorWeight, count);
        CheckWeightSum(count, scaledSumOfSquaredWeights, nameof(scaledSumOfSquaredWeights));
        tally.squares.SetScaled(scaledSumOfSquaredWeights);
        return tally;
    }

    /// <summary>Adds one answered score with weight 1.</summary>
    /// <param name="score">A score on the 0–10 scale.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10.</exception>
    public void Add(int score) => Add(score, 1.0);

    /// <summary>Adds one answered score with a weight.</summary>
    /// <param name="score">A score on the 0–10 scale.</param>
    /// <param name="weight">Its weight, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10, or the weight is not finite and positive.</exception>
    public void Add(int score, double weight) => Add(score, weight, null);

    /// <summary>Adds a survey response: its score (or an unanswered item) with its weight.</summary>
    /// <param name="response">The response.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10; the message names the response.</exception>
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
    /// Adds a span of byte scores (0–10, or <see cref="Nps.NoAnswer"/> = 255 for an unanswered item), vectorised.
    /// Either all are added or, when one is out of scale, none are and the exception names its position.
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <exception cref="ArgumentOutOfRangeException">A byte is neither 0–10 nor 255.</exception>
    public void AddRange(ReadOnlySpan<byte> scores)
    {
        Span<long> atMost = stackalloc long[3];
        long missing = ByteScoreCounter.CountAtMost(scores, GroupThresholds, atMost);
        if (atMost[2] + missing != scores.Length)
        {
            int at = ByteScoreCounter.IndexOfInvalid(scores, Nps.MinScore, Nps.MaxScore);
            throw new ArgumentOutOfRangeException(nameof(scores), scores[at], $"score {scores[at]} at position {at} is outside the NPS scale 0–10 (use {Nps.NoAnswer} for an unanswered item).");
        }

        long detractors = atMost[0], passives = atMost[1] - atMost[0], promoters = atMost[2] - atMost[1];
        CheckedCount.Add(Count, atMost[2], "the answered count");
        CheckTotal(TotalWeight + atMost[2]);
        Unanswered = CheckedCount.Add(Unanswered, missing, "the unanswered count");
        Detractors += detractors;
        Passives += passives;
        Promoters += promoters;
        DetractorWeight += detractors;
        PassiveWeight += passives;
        PromoterWeight += promoters;
        squares.Rebase(TotalWeight);
        squares.AddUnits(atMost[2]);
    }

    /// <summary>Adds a span of integer scores (0–10) with weight 1. Atomic: on an out-of-scale score nothing is added.</summary>
    /// <param name="scores">The scores.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10.</exception>
    public void AddRange(ReadOnlySpan<int> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            if ((uint)scores[i] > Nps.MaxScore)
            {
                throw new ArgumentOutOfRangeException(nameof(scores), scores[i], $"score {scores[i]} at position {i} is outside the NPS scale 0–10.");
            }
        }

        foreach (int score in scores)
        {
            Add(score, 1.0, null);
        }
    }

    /// <summary>Adds another tally's counts into this one; <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally, for chaining.</returns>
    /// <exception cref="OverflowException">A merged count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public NpsTally Merge(NpsTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        CheckTotal(TotalWeight + other.TotalWeight);
        CheckedCount.Add(Count, other.Count, "the answered count");
        long unanswered = CheckedCount.Add(Unanswered, other.Unanswered, "the unanswered count");
        Promoters += other.Promoters;
        Passives += other.Passives;
        Detractors += other.Detractors;
        Unanswered = unanswered;
        PromoterWeight += other.PromoterWeight;
        PassiveWeight += other.PassiveWeight;
        DetractorWeight += other.DetractorWeight;
        var theirs = other.squares;
        squares.Rebase(TotalWeight);
        squares.Add(theirs);
        return this;
    }

    /// <summary>A new tally with the same counts.</summary>
    /// <returns>The copy.</returns>
    public NpsTally Clone() => new NpsTally().Merge(this);

    /// <summary>Formats the counts.</summary>
    /// <returns>The counts as text.</returns>
    public override string ToString() => $"NpsTally(promoters {Promoters}, passives {Passives}, detractors {Detractors}, unanswered {Unanswered})";

    internal void Add(int score, double weight, string? label)
    {
        if ((uint)score > Nps.MaxScore)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, $"score {score} is outside the NPS scale 0–10{Guard.Describe(label)}.");
        }

        Guard.Weight(weight, label);
        if (!double.IsFinite(TotalWeight + weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"weight {weight}{Guard.Describe(label)} would take the tally's weight sum past {double.MaxValue:G3}.");
        }

        CheckedCount.Add(Count, 1, "the answered count");
        switch (Nps.Classify(score))
        {
            case NpsGroup.Promoter:
                Promoters++;
                PromoterWeight += weight;
                break;
            case NpsGroup.Passive:
                Passives++;
                PassiveWeight += weight;
                break;
            default:
                Detractors++;
                DetractorWeight += weight;
                break;
        }

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

    private NpsTally WithSquares(double sumOfSquaredWeights)
    {
        squares.Rebase(TotalWeight);
        squares.Set(sumOfSquaredWeights);
        return this;
    }

    private static void CheckWeightSum(long count, double sum, string name)
    {
        if (!double.IsFinite(sum) || sum < 0 || (count == 0) != (sum == 0))
        {
            throw new ArgumentOutOfRangeException(name, sum, $"{name} {sum} must be finite, non-negative, and zero exactly when its count ({count}) is zero.");
        }
    }

    /// <summary>The tally of survey responses.</summary>
    /// <param name="responses">The responses.</param>
    /// <returns>A new tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="responses"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10; the message names the response.</exception>
    public static NpsTally Of(IEnumerable<SurveyResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var tally = new NpsTally();
        foreach (var response in responses)
        {
            tally.Add(response);
        }

        return tally;
    }
}
