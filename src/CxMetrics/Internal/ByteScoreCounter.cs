using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Internal;

/// <summary>
/// Counting kernels over byte-sized scores: for ascending thresholds t₀ &lt; t₁ &lt; …, how many bytes are ≤ tⱼ, and how
/// many are the "no answer" marker 255. Vectorised with <see cref="Vector256"/> (byte lanes counted in 8-bit
/// accumulators, flushed every 255 vectors) beside a scalar reference that property tests compare it with.
/// </summary>
internal static class ByteScoreCounter
{
    /// <summary>The byte that marks an unanswered item in a span of byte scores.</summary>
    public const byte NoAnswer = byte.MaxValue;

    private const int MaxBlock = byte.MaxValue;

    /// <summary>Counts bytes ≤ each threshold (cumulative) and bytes equal to <see cref="NoAnswer"/>.</summary>
    /// <param name="values">The scores.</param>
    /// <param name="thresholds">Ascending thresholds below 255; at most 128.</param>
    /// <param name="atMost">Receives, per threshold, the number of values ≤ it (added to what is there).</param>
    /// <returns>The number of <see cref="NoAnswer"/> bytes.</returns>
    public static long CountAtMost(ReadOnlySpan<byte> values, ReadOnlySpan<byte> thresholds, Span<long> atMost)
    {
        if (thresholds.Length == 3)
        {
            return CountAtMostThree(values, thresholds[0], thresholds[1], thresholds[2], atMost);
        }

        int done = 0;
        long missing = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<byte>.Count)
        {
            missing = CountVectorised(values, thresholds, atMost, out done);
        }

        return missing + CountScalar(values[done..], thresholds, atMost);
    }

    /// <summary>The scalar reference of <see cref="CountAtMost"/>.</summary>
    /// <param name="values">The scores.</param>
    /// <param name="thresholds">Ascending thresholds.</param>
    /// <param name="atMost">Receives the cumulative counts (added).</param>
    /// <returns>The number of <see cref="NoAnswer"/> bytes.</returns>
    public static long CountScalar(ReadOnlySpan<byte> values, ReadOnlySpan<byte> thresholds, Span<long> atMost)
    {
        long missing = 0;
        foreach (byte v in values)
        {
            if (v == NoAnswer)
            {
                missing++;
                continue;
            }

            for (int j = 0; j < thresholds.Length; j++)
            {
                if (v <= thresholds[j])
                {
                    atMost[j]++;
                }
            }
        }

        return missing;
    }

    private static long CountVectorised(ReadOnlySpan<byte> values, ReadOnlySpan<byte> thresholds, Span<long> atMost, out int done)
    {
        int m = thresholds.Length;
        Span<Vector256<byte>> limits = stackalloc Vector256<byte>[m];
        Span<Vector256<byte>> acc = stackalloc Vector256<byte>[m];
        for (int j = 0; j < m; j++)
        {
            limits[j] = Vector256.Create(thresholds[j]);
        }

        var marker = Vector256.Create(NoAnswer);
        ref byte start = ref MemoryMarshal.GetReference(values);
        int vectors = values.Length / Vector256<byte>.Count;
        long missing = 0;
        int i = 0;
        while (i < vectors)
        {
            int blockEnd = Math.Min(vectors, i + MaxBlock);
            acc.Clear();
            var accMissing = Vector256<byte>.Zero;
            for (; i < blockEnd; i++)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i * (nuint)Vector256<byte>.Count);
                for (int j = 0; j < m; j++)
                {
                    acc[j] -= Vector256.Equals(Vector256.Min(v, limits[j]), v);
                }

                accMissing -= Vector256.Equals(v, marker);
            }

            for (int j = 0; j < m; j++)
            {
                atMost[j] += Flush(acc[j]);
            }

            missing += Flush(accMissing);
        }

        done = vectors * Vector256<byte>.Count;
        return missing;
    }

    private static long CountAtMostThree(ReadOnlySpan<byte> values, byte t0, byte t1, byte t2, Span<long> atMost)
    {
        int done = 0;
        long missing = 0;
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<byte>.Count)
        {
            missing = CountAtMostThree512(values, t0, t1, t2, atMost, out done);
        }
        else if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<byte>.Count)
        {
            var l0 = Vector256.Create(t0);
            var l1 = Vector256.Create(t1);
            var l2 = Vector256.Create(t2);
            var marker = Vector256.Create(NoAnswer);
            ref byte start = ref MemoryMarshal.GetReference(values);
            int vectors = values.Length / Vector256<byte>.Count;
            long c0 = 0, c1 = 0, c2 = 0;
            int i = 0;
            while (i < vectors)
            {
                int blockEnd = Math.Min(vectors, i + MaxBlock);
                Vector256<byte> a0 = default, a1 = default, a2 = default, am = default;
                for (; i < blockEnd; i++)
                {
                    var v = Vector256.LoadUnsafe(ref start, (nuint)i * (nuint)Vector256<byte>.Count);
                    a0 -= Vector256.Equals(Vector256.Min(v, l0), v);
                    a1 -= Vector256.Equals(Vector256.Min(v, l1), v);
                    a2 -= Vector256.Equals(Vector256.Min(v, l2), v);
                    am -= Vector256.Equals(v, marker);
                }

                c0 += Flush(a0);
                c1 += Flush(a1);
                c2 += Flush(a2);
                missing += Flush(am);
            }

            atMost[0] += c0;
            atMost[1] += c1;
            atMost[2] += c2;
            done = vectors * Vector256<byte>.Count;
        }

        ReadOnlySpan<byte> thresholds = [t0, t1, t2];
        return missing + CountScalar(values[done..], thresholds, atMost);
    }

    private static long CountAtMostThree512(ReadOnlySpan<byte> values, byte t0, byte t1, byte t2, Span<long> atMost, out int done)
    {
        var l0 = Vector512.Create(t0);
        var l1 = Vector512.Create(t1);
        var l2 = Vector512.Create(t2);
        var marker = Vector512.Create(NoAnswer);
        ref byte start = ref MemoryMarshal.GetReference(values);
        int vectors = values.Length / Vector512<byte>.Count;
        long c0 = 0, c1 = 0, c2 = 0, missing = 0;
        int i = 0;
        while (i < vectors)
        {
            int blockEnd = Math.Min(vectors, i + MaxBlock);
            Vector512<byte> a0 = default, a1 = default, a2 = default, am = default;
            for (; i < blockEnd; i++)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)i * (nuint)Vector512<byte>.Count);
                a0 -= Vector512.Equals(Vector512.Min(v, l0), v);
                a1 -= Vector512.Equals(Vector512.Min(v, l1), v);
                a2 -= Vector512.Equals(Vector512.Min(v, l2), v);
                am -= Vector512.Equals(v, marker);
            }

            c0 += Flush(a0);
            c1 += Flush(a1);
            c2 += Flush(a2);
            missing += Flush(am);
        }

        atMost[0] += c0;
        atMost[1] += c1;
        atMost[2] += c2;
        done = vectors * Vector512<byte>.Count;
        return missing;
    }

    /// <summary>Sums 64 byte lanes (each at most 255) without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Flush(Vector512<byte> counts)
    {
        (var low, var high) = Vector512.Widen(counts);
        return Vector512.Sum(low + high);
    }

    /// <summary>Sums 32 byte lanes (each at most 255) without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Flush(Vector256<byte> counts)
    {
        (var low, var high) = Vector256.Widen(counts);
        return Vector256.Sum(low + high);
    }

    /// <summary>The index of the first byte that is neither ≤ <paramref name="max"/> nor <see cref="NoAnswer"/>, nor ≥ <paramref name="min"/>; −1 if none.</summary>
    /// <param name="values">The scores.</param>
    /// <param name="min">Smallest valid score.</param>
    /// <param name="max">Largest valid score.</param>
    /// <returns>The index of the first invalid byte, or −1.</returns>
    public static int IndexOfInvalid(ReadOnlySpan<byte> values, byte min, byte max)
    {
        for (int i = 0; i < values.Length; i++)
        {
            byte v = values[i];
            if (v != NoAnswer && (v < min || v > max))
            {
                return i;
            }
        }

        return -1;
    }
}
