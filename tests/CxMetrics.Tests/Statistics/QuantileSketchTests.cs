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
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.AddRange([1.0, -2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(1));
        Assert.Throws<ArgumentException>(() => new QuantileSketch(0.01).Merge(new QuantileSketch(0.02)));
    }

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
