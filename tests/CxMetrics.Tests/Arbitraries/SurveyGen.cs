using FsCheck;
using FsCheck.Fluent;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>FsCheck generators for survey data: valid scores (with the 255 no-answer marker), weights and split points.</summary>
public static class SurveyGen
{
    /// <summary>Bytes on 0–10, sometimes 255 (unanswered).</summary>
    public static Gen<byte> NpsByte { get; } = Gen.Frequency(
        (20, Gen.Choose(0, 10).Select(i => (byte)i)),
        (1, Gen.Constant((byte)255)));

    /// <summary>Arrays of NPS bytes, sometimes long enough to exercise the vector path and its 255-vector blocks.</summary>
    public static Arbitrary<byte[]> NpsBytes { get; } = Gen.Frequency(
        (4, NpsByte.ArrayOf()),
        (1, Gen.Choose(0, 20_000).SelectMany(n => NpsByte.ArrayOf(n))))
        .ToArbitrary();

    /// <summary>Integer scores on 0–10.</summary>
    public static Arbitrary<int[]> NpsInts { get; } = Gen.Choose(0, 10).ArrayOf().ToArbitrary();

    /// <summary>Scores 0–10 paired with weights in (0, 10].</summary>
    public static Arbitrary<(int Score, double Weight)[]> WeightedNps { get; } =
        Gen.Choose(0, 10).Zip(Gen.Choose(1, 1000).Select(w => w / 100.0)).ArrayOf().ToArbitrary();

    /// <summary>Any bytes (for the kernel against its scalar reference).</summary>
    public static Arbitrary<byte[]> AnyBytes { get; } = Gen.Frequency(
        (4, ArbMap.Default.GeneratorFor<byte>().ArrayOf()),
        (1, Gen.Choose(0, 20_000).SelectMany(n => ArbMap.Default.GeneratorFor<byte>().ArrayOf(n))))
        .ToArbitrary();

    /// <summary>Bytes on an arbitrary 1..max scale with 255 sometimes.</summary>
    public static Gen<byte[]> RatingBytes(int min, int max) => Gen.Frequency(
        (20, Gen.Choose(min, max).Select(i => (byte)i)),
        (1, Gen.Constant((byte)255))).ArrayOf();

    /// <summary>Splits an array at a generated point.</summary>
    public static (T[] Left, T[] Right) SplitAt<T>(T[] items, int seed)
    {
        int at = items.Length == 0 ? 0 : (int)((uint)seed % (uint)(items.Length + 1));
        return (items[..at], items[at..]);
    }
}
