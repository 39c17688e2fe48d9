using CxMetrics.Statistics;

namespace CxMetrics.Portable;

/// <summary>Payload of <see cref="BinomialTally"/>: successes, trials (16 bytes).</summary>
internal sealed class BinomialTallyCodec : TallyCodec<BinomialTally>
{
    public override TallyKind Kind => TallyKind.Binomial;

    public override string Name => "binomial";

    public override void Write(BinomialTally tally, TallyFieldWriter writer)
    {
        writer.Int64("successes", tally.Successes);
        writer.Int64("trials", tally.Trials);
    }

    public override BinomialTally Read(TallyFieldReader reader) => BinomialTally.FromCounts(reader.Int64("successes"), reader.Int64("trials"));
}

/// <summary>Payload of <see cref="RunningMoments"/>: count, mean, M₂ (24 bytes).</summary>
internal sealed class RunningMomentsCodec : TallyCodec<RunningMoments>
{
    public override TallyKind Kind => TallyKind.RunningMoments;

    public override string Name => "moments";

    public override void Write(RunningMoments tally, TallyFieldWriter writer)
    {
        writer.Int64("count", tally.Count);
        writer.Double("mean", tally.Mean);
        writer.Double("sumOfSquaredDeviations", tally.SumOfSquaredDeviations);
    }

    public override RunningMoments Read(TallyFieldReader reader)
    {
        long count = reader.Int64("count");
        double mean = reader.Double("mean"), m2 = reader.Double("sumOfSquaredDeviations");
        if (count == 0 && (BitConverter.DoubleToInt64Bits(mean) != 0 || BitConverter.DoubleToInt64Bits(m2) != 0))
        {
            // Bit patterns, not values: −0 equals 0 but would be written back as +0.
            throw TallyFieldReader.Invalid($"an empty accumulator must have mean +0 and M2 +0, not {mean:R} and {m2:R}.");
        }

        return RunningMoments.FromParts(count, mean, m2);
    }
}

/// <summary>Payload of <see cref="QuantileSketch"/>: α, zero count, exact extremes, then the non-empty buckets (index, count).</summary>
internal sealed class QuantileSketchCodec : TallyCodec<QuantileSketch>
{
    public override TallyKind Kind => TallyKind.QuantileSketch;

    public override string Name => "quantile-sketch";

    public override void Write(QuantileSketch tally, TallyFieldWriter writer)
    {
        writer.Double("relativeAccuracy", tally.RelativeAccuracy);
        writer.Int64("zeroCount", tally.ZeroCount);
        writer.Double("min", tally.Min ?? 0);
        writer.Double("max", tally.Max ?? 0);
        var buckets = tally.GetBuckets();
        writer.BeginArray("buckets", buckets.Count);
        foreach (var (index, count) in buckets)
        {
            writer.BeginItem();
            writer.Int32("index", index);
            writer.Int64("count", count);
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override QuantileSketch Read(TallyFieldReader reader)
    {
        double alpha = reader.Double("relativeAccuracy");
        long zeros = reader.Int64("zeroCount");
        double min = reader.Double("min"), max = reader.Double("max");
        int n = reader.BeginArray("buckets", 12);
        var buckets = new KeyValuePair<int, long>[n];
        for (int i = 0; i < n; i++)
        {
            reader.BeginItem();
            int index = reader.Int32("index");
            long count = reader.Int64("count");
            reader.EndItem();
            if (count <= 0 || (i > 0 && index <= buckets[i - 1].Key))
            {
                throw TallyFieldReader.Invalid($"bucket {i} (index {index}, count {count}) must have a positive count and an index above the previous one.");
            }

            buckets[i] = new(index, count);
        }

        reader.EndArray();
        var sketch = QuantileSketch.FromBuckets(alpha, zeros, buckets, min, max);
        if (sketch.Count == 0 && (BitConverter.DoubleToInt64Bits(min) != 0 || BitConverter.DoubleToInt64Bits(max) != 0))
        {
            // Bit patterns, not values: −0 equals 0 but would be written back as +0.
            throw TallyFieldReader.Invalid($"an empty sketch must store extremes +0 and +0, not {min:R} and {max:R}.");
        }

        return sketch;
    }
}

/// <summary>
/// Payload of <see cref="CupedTally"/>: count, outcome mean, covariate mean, Σ(y − ȳ)², Σ(x − x̄)², Σ(x − x̄)(y − ȳ)
/// (48 bytes, 64 in all).
/// </summary>
internal sealed class CupedTallyCodec : TallyCodec<CupedTally>
{
    public override TallyKind Kind => TallyKind.Cuped;

    public override string Name => "cuped";

    public override void Write(CupedTally tally, TallyFieldWriter writer)
    {
        writer.Int64("count", tally.Count);
        writer.Double("outcomeMean", tally.OutcomeMean);
        writer.Double("covariateMean", tally.CovariateMean);
        writer.Double("outcomeSumOfSquaredDeviations", tally.OutcomeSumOfSquaredDeviations);
        writer.Double("covariateSumOfSquaredDeviations", tally.CovariateSumOfSquaredDeviations);
        writer.Double("coMoment", tally.CoMoment);
    }

    public override CupedTally Read(TallyFieldReader reader)
    {
        long count = reader.Int64("count");
        double my = reader.Double("outcomeMean"), mx = reader.Double("covariateMean");
        double myy = reader.Double("outcomeSumOfSquaredDeviations"), mxx = reader.Double("covariateSumOfSquaredDeviations"), c = reader.Double("coMoment");
        if (count == 0 && (BitConverter.DoubleToInt64Bits(my) | BitConverter.DoubleToInt64Bits(mx) | BitConverter.DoubleToInt64Bits(myy)
            | BitConverter.DoubleToInt64Bits(mxx) | BitConverter.DoubleToInt64Bits(c)) != 0)
        {
            // Bit patterns, not values: −0 equals 0 but is not what an empty tally writes.
            throw TallyFieldReader.Invalid($"an empty tally must store +0 for its means and moments, not {my:R}, {mx:R}, {myy:R}, {mxx:R}, {c:R}.");
        }

        return CupedTally.FromMoments(count, my, mx, myy, mxx, c);
    }
}
