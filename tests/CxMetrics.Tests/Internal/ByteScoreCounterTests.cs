using CxMetrics.Internal;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Internal;

public class ByteScoreCounterTests
{
    [Property]
    public Property Vector_kernel_equals_scalar_reference_for_three_thresholds() =>
        Prop.ForAll(SurveyGen.AnyBytes, bytes => Agree(bytes, [6, 8, 10]));

    [Property]
    public Property Vector_kernel_equals_scalar_reference_for_many_thresholds() =>
        Prop.ForAll(SurveyGen.AnyBytes, bytes => Agree(bytes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) && Agree(bytes, [0, 200]));

    [Fact]
    public void Counts_survive_more_than_255_vectors_per_lane()
    {
        var bytes = new byte[(32 * 255 * 3) + 17];
        Array.Fill(bytes, (byte)9);
        bytes[^1] = 255;
        Span<long> atMost = stackalloc long[3];
        long missing = ByteScoreCounter.CountAtMost(bytes, [6, 8, 10], atMost);
        Assert.Equal(1, missing);
        Assert.Equal(0, atMost[0]);
        Assert.Equal(0, atMost[1]);
        Assert.Equal(bytes.Length - 1, atMost[2]);
    }

    private static bool Agree(byte[] bytes, byte[] thresholds)
    {
        var fast = new long[thresholds.Length];
        var slow = new long[thresholds.Length];
        long m1 = ByteScoreCounter.CountAtMost(bytes, thresholds, fast);
        long m2 = ByteScoreCounter.CountScalar(bytes, thresholds, slow);
        return m1 == m2 && fast.AsSpan().SequenceEqual(slow);
    }
}
