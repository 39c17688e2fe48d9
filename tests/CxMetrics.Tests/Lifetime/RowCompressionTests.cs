using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

/// <summary>The bucketed open-addressing row compression against a plain dictionary pass.</summary>
public class RowCompressionTests
{
    /// <summary>The reference: one dictionary pass, rows in order of first appearance, weights summed in row order.</summary>
    private static (List<double> X, List<double> Tx, List<double> T, List<double> W) Reference(double[] x, double[] tx, double[] t, double[] w)
    {
        var index = new Dictionary<(double, double, double), int>();
        var result = (X: new List<double>(), Tx: new List<double>(), T: new List<double>(), W: new List<double>());
        for (int i = 0; i < x.Length; i++)
        {
            if (index.TryGetValue((x[i], tx[i], t[i]), out int k))
            {
                result.W[k] += w[i];
            }
            else
            {
                index.Add((x[i], tx[i], t[i]), result.X.Count);
                result.X.Add(x[i]);
                result.Tx.Add(tx[i]);
                result.T.Add(t[i]);
                result.W.Add(w[i]);
            }
        }

        return result;
    }

    /// <summary>By frequency: the reference's rows stably sorted by x (−0 and +0 equal).</summary>
    private static (List<double> X, List<double> Tx, List<double> T, List<double> W) SortedByX((List<double> X, List<double> Tx, List<double> T, List<double> W) rows)
    {
        var byX = Enumerable.Range(0, rows.X.Count).OrderBy(k => rows.X[k] + 0.0).ToArray();
        return (
            X: byX.Select(k => rows.X[k]).ToList(),
            Tx: byX.Select(k => rows.Tx[k]).ToList(),
            T: byX.Select(k => rows.T[k]).ToList(),
            W: byX.Select(k => rows.W[k]).ToList());
    }

    [Property(MaxTest = 100)]
    public Property Compression_on_one_or_all_cores_equals_a_dictionary_pass_and_its_stable_sort_by_x_bit_for_bit() =>
        Prop.ForAll(
            Gen.Choose(0, 3000).ToArbitrary(),
            Gen.Choose(1, 60).ToArbitrary(),
            Gen.Choose(0, 100_000).ToArbitrary(),
            (rows, spread, seed) =>
            {
                var random = new Random(seed);
                double[] x = new double[rows], tx = new double[rows], t = new double[rows], w = new double[rows];
                for (int i = 0; i < rows; i++)
                {
                    // Mostly purchase counts (and −0), sometimes a fractional x (weighted or scaled data).
                    x[i] = random.Next(8) == 0 ? random.Next(spread) / 3.0 : random.Next((spread / 10) + 1);
                    if (x[i] == 0 && random.Next(2) == 0)
                    {
                        x[i] = -0.0;
                    }

                    tx[i] = x[i] == 0 ? (random.Next(2) == 0 ? 0.0 : -0.0) : random.Next(spread) / 7.0;
                    t[i] = 10 + (random.Next(spread) / 7.0);
                    w[i] = 0.5 + random.Next(4);
                }

                var expected = Reference(x, tx, t, w);

                var expectedByX = SortedByX(expected);
                foreach (bool parallel in new[] { false, true })
                {
                    AssertBitwise(expected, RowCompression.Compress(x, tx, t, w, parallel));
                    using var sorted = RowCompression.CompressByFrequency(x, tx, t, w, parallel);
                    AssertBitwise(expectedByX, sorted.Data);
                }
            });

    private static void AssertBitwise((List<double> X, List<double> Tx, List<double> T, List<double> W) expected, RfmData actual) =>
        AssertBitwise(expected, (actual.Frequency.ToArray(), actual.Recency.ToArray(), actual.Age.ToArray(), actual.Weight.ToArray(), actual.Count));

    private static void AssertBitwise((List<double> X, List<double> Tx, List<double> T, List<double> W) expected, (double[] X, double[] Tx, double[] T, double[] W, int Rows) actual)
    {
        Assert.Equal(expected.X.Count, actual.Rows);
        Assert.Equal(expected.X.Count, actual.X.Length);
        for (int k = 0; k < actual.Rows; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.X[k]), BitConverter.DoubleToInt64Bits(actual.X[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Tx[k]), BitConverter.DoubleToInt64Bits(actual.Tx[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.T[k]), BitConverter.DoubleToInt64Bits(actual.T[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.W[k]), BitConverter.DoubleToInt64Bits(actual.W[k]));
        }
    }

    [Fact]
    public void Large_bases_compressed_one_after_the_other_in_pooled_scratch_equal_the_dictionary_pass_bit_for_bit()
    {
        // Above ParallelRows the scratch (row order, store, hash slots) and the rows by x are rented from the shared pool:
        // a second compression of other data must not see anything of the first, before or after its rows are returned.
        foreach (int seed in new[] { 3, 4, 3 })
        {
            var data = BetaGeoNbd.Simulate(0.243, 4.414, 0.793, 2.426, RowCompression.ParallelRows + (seed * 1000), 39, seed, resolution: 1.0 / 24);
            double[] x = data.Frequency.ToArray(), tx = data.Recency.ToArray(), t = data.Age.ToArray(), w = data.Weight.ToArray();
            for (int i = 0; i < w.Length; i += 7)
            {
                w[i] = 0.1 * (1 + (i % 5)); // weights whose sums depend on the order they are added in
            }

            var expected = Reference(x, tx, t, w);
            var expectedByX = SortedByX(expected);
            foreach (bool parallel in new[] { true, false })
            {
                AssertBitwise(expected, RowCompression.Compress(x, tx, t, w, parallel));
                using var rows = RowCompression.CompressByFrequency(x, tx, t, w, parallel);
                AssertBitwise(expectedByX, rows.Data);
                Assert.Equal(w.Sum(), rows.Data.TotalWeight, 1e-6);
            }
        }
    }

    [Fact]
    public void Compress_keeps_the_total_weight_and_likelihood_rows_of_a_large_base()
    {
        var data = BetaGeoNbd.Simulate(0.243, 4.414, 0.793, 2.426, RowCompression.ParallelRows * 2, 39, 3, resolution: 1.0 / 7);
        var compressed = data.Compress();
        var expected = Reference(data.Frequency.ToArray(), data.Recency.ToArray(), data.Age.ToArray(), data.Weight.ToArray());
        Assert.Equal(expected.X.Count, compressed.Count);
        Assert.Equal(data.TotalWeight, compressed.TotalWeight);
        Assert.Equal(expected.W, compressed.Weight.ToArray());
        Assert.Equal(expected.Tx, compressed.Recency.ToArray());
    }
}
