using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// Merging sorted runs (each chunk of a parallel calculator sorted on its own thread) into one sorted sequence: pairwise
/// linear merges, ⌈log₂ k⌉ passes over the values between two pooled buffers, so k sorted chunks cost O(n log k) instead of
/// sorting all n values again on one thread. Equal values keep the order of their runs (stable).
/// </summary>
internal static class SortedRuns
{
    /// <summary>Merges <paramref name="runs"/> (each sorted ascending) and applies <paramref name="apply"/> to the merged values.</summary>
    public static TResult MergeAndApply<TResult>(ReadOnlyMemory<double>[] runs, Func<ReadOnlySpan<double>, TResult> apply)
    {
        int total = 0;
        foreach (var run in runs)
        {
            total += run.Length;
        }

        double[] a = ArrayPool<double>.Shared.Rent(Math.Max(1, total));
        double[] b = ArrayPool<double>.Shared.Rent(Math.Max(1, total));
        try
        {
            var bounds = new List<int>(runs.Length + 1) { 0 };
            foreach (var run in runs)
            {
                run.Span.CopyTo(a.AsSpan(bounds[^1]));
                bounds.Add(bounds[^1] + run.Length);
            }

            while (bounds.Count > 2)
            {
                var next = new List<int>((bounds.Count / 2) + 2) { 0 };
                for (int r = 0; r + 1 < bounds.Count; r += 2)
                {
                    int lo = bounds[r], mid = bounds[r + 1];
                    int hi = r + 2 < bounds.Count ? bounds[r + 2] : mid;
                    Merge(a.AsSpan(lo, mid - lo), a.AsSpan(mid, hi - mid), b.AsSpan(lo, hi - lo));
                    next.Add(hi);
                }

                (a, b) = (b, a);
                bounds = next;
            }

            return apply(a.AsSpan(0, total));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(a);
            ArrayPool<double>.Shared.Return(b);
        }
    }

    /// <summary>Merges two ascending runs into <paramref name="into"/> (left wins ties).</summary>
    public static void Merge(ReadOnlySpan<double> left, ReadOnlySpan<double> right, Span<double> into)
    {
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            into[k++] = right[j] < left[i] ? right[j++] : left[i++];
        }

        left[i..].CopyTo(into[k..]);
        right[j..].CopyTo(into[(k + left.Length - i)..]);
    }

    /// <summary>The number of elements ≤ <paramref name="value"/> in <paramref name="sorted"/> (ascending): the index of the first element above it.</summary>
    public static int CountAtMost(ReadOnlySpan<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
