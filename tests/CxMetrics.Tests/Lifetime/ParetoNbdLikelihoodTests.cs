using CxMetrics.Lifetime;

namespace CxMetrics.Tests.Lifetime;

/// <summary>The Pareto/NBD likelihood's passes spread over the cores against the same passes on one thread.</summary>
public class ParetoNbdLikelihoodTests
{
    private static RfmData Panel(int customers, int seed)
    {
        // Births at a random hour over two years, hourly purchases: mostly distinct (x, t_x) and (x, T) pairs.
        var random = new Random(seed);
        var x = new List<double>();
        var tx = new List<double>();
        var t = new List<double>();
        for (int done = 0, h = 0; done < customers; h++)
        {
            int n = Math.Min(customers - done, 1 + random.Next(8));
            var part = ParetoNbd.Simulate(0.553, 10.578, 0.606, 11.669, n, (104 * 168 - (h % (104 * 168))) / 168.0, seed + h, resolution: 1.0 / 168);
            x.AddRange(part.Frequency.ToArray());
            tx.AddRange(part.Recency.ToArray());
            t.AddRange(part.Age.ToArray());
            done += n;
        }

        return RfmData.Create([.. x], [.. tx], [.. t]).Compress();
    }

    [Theory]
    [InlineData(0.55, 10.6, 0.61, 11.7)]
    [InlineData(0.55, 20, 0.61, 5)]
    [InlineData(1.5, 3, 0.2, 30)]
    public void Parallel_passes_equal_one_thread_and_the_sum_of_individual_likelihoods(double r, double alpha, double s, double beta)
    {
        var data = Panel(100_000, 4);
        var parallel = new ParetoNbdLikelihood(data);
        var single = new ParetoNbdLikelihood(data, parallel: false);
        Assert.True(parallel.DistinctTerms > ParetoNbdLikelihood.ParallelSize && data.Count > ParetoNbdLikelihood.ParallelSize, $"{parallel.DistinctTerms} pairs, {data.Count} rows");
        double[] logs = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        double[] g1 = new double[4], g2 = new double[4];
        double v1 = parallel.Evaluate(logs, g1), v2 = single.Evaluate(logs, g2);
        Assert.Equal(v2, v1);
        Assert.Equal(g2, g1);

        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            sum += data.Weight[i] * ParetoNbdLikelihood.Individual(r, alpha, s, beta, data.Frequency[i], data.Recency[i], data.Age[i]);
        }

        double expected = -sum / data.TotalWeight;
        Assert.True(Math.Abs(v1 - expected) <= 1e-10 * Math.Abs(expected), $"{v1:R} vs individual sum {expected:R}");
    }
}
