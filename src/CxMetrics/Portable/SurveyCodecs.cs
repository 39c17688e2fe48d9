using CxMetrics.Surveys;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="NpsTally"/>: four counts then four weight sums (64 bytes). The last, Σw², is stored as is when it
/// is a normal double (or 0 for no answers); when it is not — weights whose squares overflow or underflow, which the
/// tally keeps exactly relative to the scale of Σw — it is stored negated in that scaled form (<see cref="EncodeSquares"/>),
/// which a reader before this rule refuses as a negative sum rather than misreading.
/// </summary>
internal sealed class NpsTallyCodec : TallyCodec<NpsTally>
{
    public override TallyKind Kind => TallyKind.Nps;

    public override string Name => "nps";

    public override void Write(NpsTally tally, TallyFieldWriter writer)
    {
        writer.Int64("promoters", tally.Promoters);
        writer.Int64("passives", tally.Passives);
        writer.Int64("detractors", tally.Detractors);
        writer.Int64("unanswered", tally.Unanswered);
        writer.Double("promoterWeight", tally.PromoterWeight);
        writer.Double("passiveWeight", tally.PassiveWeight);
        writer.Double("detractorWeight", tally.DetractorWeight);
        writer.Double("sumOfSquaredWeights", EncodeSquares(tally.Count, tally.SumOfSquaredWeights, tally.ScaledSumOfSquaredWeights));
    }

    public override NpsTally Read(TallyFieldReader reader)
    {
        long promoters = reader.Int64("promoters"), passives = reader.Int64("passives"), detractors = reader.Int64("detractors"), unanswered = reader.Int64("unanswered");
        double promoterWeight = reader.Double("promoterWeight"), passiveWeight = reader.Double("passiveWeight"), detractorWeight = reader.Double("detractorWeight");
        double squares = reader.Double("sumOfSquaredWeights");
        var tally = squares < 0
            ? NpsTally.FromScaledWeightedCounts(promoters, passives, detractors, unanswered, promoterWeight, passiveWeight, detractorWeight, -squares)
            : NpsTally.FromWeightedCounts(promoters, passives, detractors, unanswered, promoterWeight, passiveWeight, detractorWeight, squares);
        CheckCanonical(squares, EncodeSquares(tally.Count, tally.SumOfSquaredWeights, tally.ScaledSumOfSquaredWeights));
        return tally;
    }

    /// <summary>
    /// Refuses a Σw² stored in the other of its two forms (scaled although the plain value is a normal double, or plain
    /// although it is not): each tally has one payload, so a payload that reads is the one its tally writes.
    /// </summary>
    /// <param name="stored">The value read.</param>
    /// <param name="canonical">What the tally read from it writes.</param>
    /// <exception cref="ArgumentException">The two differ.</exception>
    internal static void CheckCanonical(double stored, double canonical)
    {
        if (BitConverter.DoubleToInt64Bits(stored) != BitConverter.DoubleToInt64Bits(canonical))
        {
            throw new ArgumentException($"sumOfSquaredWeights {stored:R} is not in the form this tally is stored in ({canonical:R}).", nameof(stored));
        }
    }

    /// <summary>
    /// Σw² as stored: the value itself when it is a normal double or there are no answers, else −(Σw²/4ᵏ) with
    /// k = ⌊log₂ Σw⌋ (a negative number, which no valid plain sum is).
    /// </summary>
    internal static double EncodeSquares(long count, double value, double scaled) =>
        count == 0 || double.IsNormal(value) ? value : -scaled;
}

/// <summary>Payload of <see cref="RatingTally"/>: the scale, the totals (Σw² encoded as for <see cref="NpsTally"/>), then count and weight sum per score.</summary>
internal sealed class RatingTallyCodec : TallyCodec<RatingTally>
{
    public override TallyKind Kind => TallyKind.Rating;

    public override string Name => "rating";

    public override void Write(RatingTally tally, TallyFieldWriter writer)
    {
        var scale = tally.Scale;
        writer.String("metric", scale.Metric);
        writer.Int32("min", scale.Min);
        writer.Int32("max", scale.Max);
        writer.Int32("favourableMin", scale.FavourableMin);
        writer.Int32("favourableMax", scale.FavourableMax);
        writer.Byte("direction", (byte)scale.Direction);
        writer.String("favourableLabel", scale.FavourableLabel);
        writer.Int64("unanswered", tally.Unanswered);
        writer.Double("totalWeight", tally.TotalWeight);
        writer.Double("sumOfSquaredWeights", NpsTallyCodec.EncodeSquares(tally.Count, tally.SumOfSquaredWeights, tally.ScaledSumOfSquaredWeights));
        writer.BeginArray("scores", scale.Points);
        for (int i = 0; i < scale.Points; i++)
        {
            writer.BeginItem();
            writer.Int64("count", tally.Counts[i]);
            writer.Double("weight", tally.Weights[i]);
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override RatingTally Read(TallyFieldReader reader)
    {
        string metric = reader.RequiredString("metric");
        int min = reader.Int32("min"), max = reader.Int32("max"), favourableMin = reader.Int32("favourableMin"), favourableMax = reader.Int32("favourableMax");
        byte direction = reader.Byte("direction");
        if (!Enum.IsDefined((ScaleDirection)direction))
        {
            throw TallyFieldReader.Invalid($"field 'direction' holds {direction}, not a known scale direction.");
        }

        var scale = RatingScale.Create(metric, min, max, favourableMin, favourableMax, (ScaleDirection)direction, reader.RequiredString("favourableLabel"));
        long unanswered = reader.Int64("unanswered");
        double totalWeight = reader.Double("totalWeight"), sumOfSquares = reader.Double("sumOfSquaredWeights");
        int points = reader.BeginArray("scores", 16);
        if (points != scale.Points)
        {
            throw TallyFieldReader.Invalid($"{points} scores were stored for the {scale.Points}-point scale {scale}.");
        }

        var counts = new long[points];
        var weights = new double[points];
        for (int i = 0; i < points; i++)
        {
            reader.BeginItem();
            counts[i] = reader.Int64("count");
            weights[i] = reader.Double("weight");
            reader.EndItem();
        }

        reader.EndArray();
        var tally = sumOfSquares < 0
            ? RatingTally.FromScaledWeightedCounts(scale, counts, weights, unanswered, totalWeight, -sumOfSquares)
            : RatingTally.FromWeightedCounts(scale, counts, weights, unanswered, totalWeight, sumOfSquares);
        NpsTallyCodec.CheckCanonical(sumOfSquares, NpsTallyCodec.EncodeSquares(tally.Count, tally.SumOfSquaredWeights, tally.ScaledSumOfSquaredWeights));
        return tally;
    }
}
