using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using CxMetrics.Surveys;

namespace CxMetrics.Benchmarks.Surveys;

/// <summary>
/// Tallying 100 million byte-sized NPS scores. Baseline: the naive LINQ way (two predicate counts). Beside it: a plain
/// scalar loop, our vectorised tally, and a vectorised byte sum that stands for the machine's single-thread memory read
/// bandwidth (the ceiling the tally is measured against).
/// </summary>
[MemoryDiagnoser]
public class NpsTallyBenchmarks
{
    private byte[] scores = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(100_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup() => scores = Scores(Count);

    /// <summary>The input: <paramref name="count"/> scores 0–10, uniform, seed 42 (also exported for the peer scripts).</summary>
    internal static byte[] Scores(int count)
    {
        var scores = new byte[count];
        var random = new Random(42);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (byte)random.Next(0, 11);
        }

        return scores;
    }

    [Benchmark(Baseline = true, Description = "LINQ Count x2 (naive)")]
    public double Linq()
    {
        long promoters = scores.Count(s => s >= 9);
        long detractors = scores.Count(s => s <= 6);
        return 100.0 * (promoters - detractors) / scores.Length;
    }

    [Benchmark(Description = "scalar loop")]
    public double ScalarLoop()
    {
        long promoters = 0, detractors = 0;
        foreach (byte s in scores)
        {
            if (s > 10)
            {
                throw new ArgumentOutOfRangeException(nameof(scores));
            }

            promoters += s >= 9 ? 1 : 0;
            detractors += s <= 6 ? 1 : 0;
        }

        return 100.0 * (promoters - detractors) / scores.Length;
    }

    [Benchmark(Description = "Nps.Of(span) vectorised")]
    public double? Tally() => Nps.Of(scores).Score;

    [Benchmark(Description = "Nps.OfParallel, all cores")]
    public double? TallyParallel() => Nps.OfParallel(scores).Score;

    [Benchmark(Description = "byte sum (bandwidth reference)")]
    public ulong BandwidthReference()
    {
        var span = MemoryMarshal.Cast<byte, Vector256<byte>>(scores.AsSpan());
        var acc = Vector256<ulong>.Zero;
        foreach (var v in span)
        {
            acc += System.Runtime.Intrinsics.X86.Avx2.IsSupported
                ? System.Runtime.Intrinsics.X86.Avx2.SumAbsoluteDifferences(v, Vector256<byte>.Zero).AsUInt64()
                : Vector256.WidenLower(Vector256.WidenLower(Vector256.WidenLower(v))).AsUInt64();
        }

        return Vector256.Sum(acc);
    }
}
