using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

public class QuantileSketchTests
{
    private static readonly Gen<double> Value = Gen.Frequency(
        (1, Gen.Constant(0.0)),
        (8, Gen.Choose(1, 1_000_000).Select(i => i / 1000.0)),
        (2, Gen.Choose(1, 30).Zip(Gen.Choose(-6, 9)).Select(t => t.Item1 * Math.Pow(10, t.Item2))));

    private static readonly Gen<double[]> Values = Value.ArrayOf();

    /// <summary>Zeros, the extremes of the double range, and mantissas times any power of ten in between.</summary>
    private static readonly Gen<double> WideValues = Gen.Frequency(
        (1, Gen.Elements(0.0, double.Epsilon, double.MaxValue, 1.0)),
        (6, Gen.Choose(1, 1000).Zip(Gen.Choose(-320, 305)).Select(t => t.Item1 * Math.Pow(10, t.Item2))));

    /// <summary>Like <see cref="WideValues"/> without subnormals, whose own precision is coarser than the finest α.</summary>
    private static readonly Gen<double> NormalValues = Gen.Frequency(
        (1, Gen.Elements(0.0, double.MaxValue, 1.0)),
        (6, Gen.Choose(1, 1000).Zip(Gen.Choose(-300, 305)).Select(t => t.Item1 * Math.Pow(10, t.Item2))));

    private static readonly double[] Probabilities = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

    [Fact]
    public void Quantiles_of_1_to_1000_are_within_one_percent()
    {
        var sketch = new QuantileSketch(0.01);
        for (int i = 1; i <= 1000; i++)
        {
            sketch.Add(i);
        }

        Assert.Equal(1000, sketch.Count);
        Assert.Equal(1, sketch.Quantile(0));
        Assert.Equal(1000, sketch.Quantile(1));
        Assert.InRange(sketch.Quantile(0.5)!.Value, 500 * 0.99, 500 * 1.01);
        Assert.InRange(sketch.Quantile(0.9)!.Value, 900 * 0.99, 900 * 1.01);
    }

    [Fact]
    public void Empty_sketch_has_no_quantile_and_bad_input_throws()
    {
        var sketch = new QuantileSketch();
        Assert.Null(sketch.Quantile(0.5));
        Assert.Null(sketch.Min);
        Assert.Throws<ArgumentOutOfRangeException>("value", () => sketch.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>("value", () => sketch.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("value", () => sketch.Add(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>("values", () => sketch.AddRange([1.0, -2.0]));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => sketch.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>("relativeAccuracy", () => new QuantileSketch(0));
        Assert.Throws<ArgumentOutOfRangeException>("relativeAccuracy", () => new QuantileSketch(1));
        Assert.Throws<ArgumentException>("other", () => new QuantileSketch(0.01).Merge(new QuantileSketch(0.02)));
    }

    [Fact]
    public void Memory_follows_the_non_empty_buckets_not_the_gap_between_them()
    {
        // At α = 1e-6 the buckets of 1 and 1000 are 3.5 million indices apart: a dense array between them is 27 MB.
        var sketch = new QuantileSketch(1e-6);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sketch.Add(1);
        sketch.Add(1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 16_384);
        Assert.InRange(sketch.BucketCount, 2, 256);
        Assert.Equal(2, sketch.GetBuckets().Count);
        Assert.Equal(1, sketch.Quantile(0));
        Assert.Equal(1000, sketch.Quantile(1));
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1e-12)]
    [InlineData(9.99e-7)]
    [InlineData(double.NaN)]
    public void Accuracy_finer_than_the_minimum_is_refused_naming_the_accuracy(double alpha)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("relativeAccuracy", () => new QuantileSketch(alpha));
        Assert.Equal("relativeAccuracy", e.ParamName);
        Assert.Contains("at least 1E-06", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_at_both_ends_of_the_double_range_fit_at_the_finest_accuracy()
    {
        var sketch = new QuantileSketch(QuantileSketch.MinimumRelativeAccuracy);
        sketch.AddRange([double.Epsilon, 1, 5, 1e300, double.MaxValue]);

        Assert.Equal(5, sketch.GetBuckets().Count);
        Assert.Equal(double.Epsilon, sketch.Quantile(0));
        Assert.Equal(double.MaxValue, sketch.Quantile(1));
        Assert.InRange(sketch.Quantile(0.5)!.Value, 5 * (1 - 1e-6), 5 * (1 + 1e-6));
        Assert.InRange(sketch.BucketCount, 5, 256);
    }

    [Fact]
    public void From_buckets_refuses_an_index_that_no_finite_value_has()
    {
        // At α = 1% the largest double is in bucket 35,496; bucket 10 million would hold values beyond it.
        var e = Assert.Throws<ArgumentOutOfRangeException>("buckets", () => QuantileSketch.FromBuckets(0.01, 0, [new(0, 1L), new(10_000_000, 1L)], 1, 2));
        Assert.Equal("buckets", e.ParamName);
        Assert.Contains("bucket index 10000000", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5.0, 5.0, "min")]
    [InlineData(0, 0.5, 1.0, "min")]
    [InlineData(0, 1.0, 7.0, "max")]
    [InlineData(2, 1.0, 1.0, "min")]
    public void From_buckets_refuses_extremes_that_do_not_lie_in_the_end_buckets(long zeros, double min, double max, string param)
    {
        // Bucket 0 holds (1/γ, 1]: min and max of a sketch whose only bucket is 0 must be in it (or min 0 with zeros).
        var e = Assert.Throws<ArgumentOutOfRangeException>(param, () => QuantileSketch.FromBuckets(0.01, zeros, [new(0, 3L)], min, max));
    }

    [Fact]
    public void Counts_that_add_up_past_the_largest_long_are_refused_not_wrapped()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("buckets", () => QuantileSketch.FromBuckets(0.01, long.MaxValue, [new(0, 1L)], 0, 1));
        Assert.Equal("buckets", e.ParamName);

        var full = QuantileSketch.FromBuckets(0.01, 0, [new(0, long.MaxValue - 1)], 1, 1);
        var more = new QuantileSketch(0.01);
        more.AddRange([1, 1]);
        Assert.Throws<OverflowException>(() => full.Merge(more));
        Assert.Equal(long.MaxValue - 1, full.Count);
        Assert.Equal([new(0, long.MaxValue - 1)], full.GetBuckets());
    }

    [Property(MaxTest = 200)]
    public Property Counters_held_stay_within_sixteen_per_non_empty_bucket() =>
        Prop.ForAll(WideValues.ArrayOf().ToArbitrary(), Gen.Elements(1e-6, 1e-4, 0.01, 0.3).ToArbitrary(), (values, alpha) =>
        {
            var sketch = new QuantileSketch(alpha);
            sketch.AddRange(values);
            return sketch.BucketCount <= Math.Max(256, 16 * (sketch.GetBuckets().Count + 1));
        });

    [Property(MaxTest = 200)]
    public Property Error_stays_within_the_relative_bound_over_the_whole_double_range() =>
        Prop.ForAll(NormalValues.ArrayOf().Where(v => v.Length > 0).ToArbitrary(), Gen.Elements(1e-6, 1e-4, 0.01, 0.3).ToArbitrary(), (values, alpha) =>
        {
            var sketch = new QuantileSketch(alpha);
            sketch.AddRange(values);
            var sorted = values.Order().ToArray();
            return Probabilities.All(p =>
            {
                double exact = sorted[(int)Math.Floor(p * (sorted.Length - 1))];
                double estimate = sketch.Quantile(p)!.Value;
                return Math.Abs(estimate - exact) <= alpha * exact * (1 + 1e-6);
            });
        });

    [Property(MaxTest = 300)]
    public Property Error_stays_within_the_relative_bound_of_the_lower_order_statistic() =>
        Prop.ForAll(Values.Where(v => v.Length > 0).ToArbitrary(), Gen.Elements(0.005, 0.01, 0.05, 0.2).ToArbitrary(), (values, alpha) =>
        {
            var sketch = new QuantileSketch(alpha);
            sketch.AddRange(values);
            var sorted = values.Order().ToArray();
            return Probabilities.All(p =>
            {
                double exact = sorted[(int)Math.Floor(p * (sorted.Length - 1))];
                double estimate = sketch.Quantile(p)!.Value;
                return Math.Abs(estimate - exact) <= (alpha * exact * (1 + 1e-9)) + 1e-300;
            });
        });

    [Property(MaxTest = 200)]
    public Property Merge_equals_the_sketch_of_the_whole() =>
        Prop.ForAll(Values.ToArbitrary(), Values.ToArbitrary(), (a, b) =>
        {
            var left = new QuantileSketch();
            left.AddRange(a);
            var right = new QuantileSketch();
            right.AddRange(b);
            var whole = new QuantileSketch();
            whole.AddRange([.. a, .. b]);
            left.Merge(right);
            return left.Count == whole.Count && left.ZeroCount == whole.ZeroCount && left.Min == whole.Min && left.Max == whole.Max
                && left.GetBuckets().SequenceEqual(whole.GetBuckets())
                && Probabilities.All(p => left.Quantile(p) == whole.Quantile(p));
        });

    [Property(MaxTest = 100)]
    public Property Buckets_round_trip_and_quantiles_are_monotone_in_p() =>
        Prop.ForAll(Values.ToArbitrary(), values =>
        {
            var sketch = new QuantileSketch();
            sketch.AddRange(values);
            var copy = QuantileSketch.FromBuckets(sketch.RelativeAccuracy, sketch.ZeroCount, sketch.GetBuckets(), sketch.Min ?? 0, sketch.Max ?? 0);
            bool monotone = values.Length == 0 || Probabilities.Zip(Probabilities.Skip(1)).All(t => sketch.Quantile(t.First) <= sketch.Quantile(t.Second));
            return monotone && copy.Count == sketch.Count && Probabilities.All(p => copy.Quantile(p) == sketch.Quantile(p));
        });
}
