namespace CxMetrics.Cli.Tests.Generators;

/// <summary>
/// A small, fast, deterministic random generator (SplitMix64; Steele, Lea &amp; Flood 2014) that generates the synthetic
/// files of the bundled shop folder (<see cref="BundledShop"/>), so that they are the same from a seed on every machine
/// and .NET version (System.Random's seeded sequence is not guaranteed). The same algorithm as the core's internal
/// generator, kept with the tests that regenerate the files: the tool itself reads the committed files and generates nothing.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, n), without modulo bias (Lemire's multiply-shift).</summary>
    public int NextInt(int n) => (int)Math.BigMul(Next(), (ulong)n, out _);

    /// <summary>Draws an index from unnormalised weights.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double u = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
