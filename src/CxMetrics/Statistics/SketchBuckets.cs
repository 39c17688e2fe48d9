using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Statistics;

/// <summary>
/// The bucket counts of a <see cref="QuantileSketch"/>: a dense window of counters while the indices in use lie close
/// together (the fast path of <c>Add</c>), a sparse map of the non-empty buckets when they do not. The dense window never
/// grows past <c>max(<see cref="MinimumDenseSpan"/>, <see cref="DenseSlotsPerBucket"/> × (non-empty buckets + 1))</c>
/// counters, so memory is bounded by the number of non-empty buckets, however far apart their indices are. Counting into
/// the window is one bounds check and an increment, as before; the bound is checked only when the window must grow.
/// </summary>
/// <remarks>Callers keep the total count below <see cref="long.MaxValue"/>, so no single bucket can overflow.</remarks>
internal sealed class SketchBuckets
{
    /// <summary>The dense window may always hold this many counters (2 KB).</summary>
    public const int MinimumDenseSpan = 256;

    /// <summary>Beyond <see cref="MinimumDenseSpan"/>, the dense window may hold this many counters per non-empty bucket.</summary>
    public const int DenseSlotsPerBucket = 16;

    private long[] counts = [];
    private int offset;
    private Dictionary<int, long>? sparse;
    private int[]? sortedKeys;

    // The non-empty index range while sparse (the dense window finds its own by scanning, off the fast path).
    private int lowest = int.MaxValue;
    private int highest = int.MinValue;

    /// <summary>The number of non-empty buckets (counted on demand when dense: the fast path does not track it).</summary>
    public int NonEmpty => sparse?.Count ?? CountNonEmpty();

    /// <summary>The counters held: the dense window's length, or the entries of the sparse map.</summary>
    public int Slots => sparse?.Count ?? counts.Length;

    /// <summary>Counts one value in bucket <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(int index)
    {
        int slot = index - offset;
        if ((uint)slot < (uint)counts.Length)
        {
            counts[slot]++;
            return;
        }

        Add(index, 1);
    }

    private static long BoundFor(int nonEmpty) => Math.Max(MinimumDenseSpan, DenseSlotsPerBucket * ((long)nonEmpty + 1));

    /// <summary>Adds <paramref name="count"/> &gt; 0 to bucket <paramref name="index"/>.</summary>
    public void Add(int index, long count)
    {
        if (sparse is null)
        {
            int slot = index - offset;
            if ((uint)slot >= (uint)counts.Length && !TryWiden(index))
            {
                ToSparse();
            }
            else
            {
                counts[index - offset] += count;
                return;
            }
        }

        ref long entry = ref CollectionsMarshal.GetValueRefOrAddDefault(sparse!, index, out bool exists);
        entry += count;
        if (!exists)
        {
            lowest = Math.Min(lowest, index);
            highest = Math.Max(highest, index);
            sortedKeys = null;
            if ((long)highest - lowest + 1 <= BoundFor(sparse!.Count) / 2)
            {
                ToDense();
            }
        }
    }

    /// <summary>Prepares the store for buckets spanning <paramref name="low"/> to <paramref name="high"/>, <paramref name="buckets"/> of them non-empty.</summary>
    public void Reserve(int low, int high, int buckets)
    {
        if (counts.Length == 0 && sparse is null && low <= high)
        {
            long span = (long)high - low + 1;
            if (span <= BoundFor(buckets))
            {
                counts = new long[span];
                offset = low;
            }
            else
            {
                sparse = new Dictionary<int, long>(buckets);
            }
        }
    }

    /// <summary>Adds every bucket of <paramref name="other"/> into this store.</summary>
    public void AddAll(SketchBuckets other)
    {
        if (other.sparse is { } map)
        {
            foreach (var (index, count) in map)
            {
                Add(index, count);
            }

            return;
        }

        for (int i = 0; i < other.counts.Length; i++)
        {
            if (other.counts[i] != 0)
            {
                Add(other.offset + i, other.counts[i]);
            }
        }
    }

    /// <summary>The index of the bucket holding the value of 0-based rank <paramref name="rank"/>, counting from <paramref name="seen"/>.</summary>
    public int IndexAtRank(double rank, long seen)
    {
        if (sparse is null)
        {
            for (int i = 0; i < counts.Length; i++)
            {
                seen += counts[i];
                if (seen > rank)
                {
                    return offset + i;
                }
            }
        }
        else
        {
            foreach (int index in SortedKeys())
            {
                seen += sparse[index];
                if (seen > rank)
                {
                    return index;
                }
            }
        }

        return sparse is null ? offset + counts.Length - 1 : highest;
    }

    /// <summary>The non-empty buckets in index order.</summary>
    public List<KeyValuePair<int, long>> ToList()
    {
        var list = new List<KeyValuePair<int, long>>(NonEmpty);
        if (sparse is null)
        {
            for (int i = 0; i < counts.Length; i++)
            {
                if (counts[i] != 0)
                {
                    list.Add(new(offset + i, counts[i]));
                }
            }
        }
        else
        {
            foreach (int index in SortedKeys())
            {
                list.Add(new(index, sparse[index]));
            }
        }

        return list;
    }

    private int CountNonEmpty()
    {
        int n = 0;
        foreach (long c in counts)
        {
            n += c != 0 ? 1 : 0;
        }

        return n;
    }

    /// <summary>Grows the dense window to cover <paramref name="index"/> if the bound allows it (scans the window: growth is rare).</summary>
    private bool TryWiden(int index)
    {
        int first = Array.FindIndex(counts, static c => c != 0), last = Array.FindLastIndex(counts, static c => c != 0);
        long low = first < 0 ? index : Math.Min(offset + first, index), high = first < 0 ? index : Math.Max(offset + last, index);
        long span = high - low + 1, bound = BoundFor(first < 0 ? 0 : CountNonEmpty());
        if (span > bound)
        {
            return false;
        }

        long length = Math.Min(bound, span + (2 * Math.Max(16, span / 4)));
        long start = low - ((length - span) / 2);
        var grown = new long[length];
        if (first >= 0)
        {
            Array.Copy(counts, first, grown, offset + first - start, last - first + 1);
        }

        counts = grown;
        offset = (int)start;
        return true;
    }

    private void ToSparse()
    {
        var map = new Dictionary<int, long>(CountNonEmpty() + 1);
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] != 0)
            {
                map.Add(offset + i, counts[i]);
                lowest = Math.Min(lowest, offset + i);
                highest = Math.Max(highest, offset + i);
            }
        }

        sparse = map;
        sortedKeys = null;
        counts = [];
        offset = 0;
    }

    private void ToDense()
    {
        var dense = new long[highest - lowest + 1];
        foreach (var (index, count) in sparse!)
        {
            dense[index - lowest] = count;
        }

        counts = dense;
        offset = lowest;
        sparse = null;
        sortedKeys = null;
        lowest = int.MaxValue;
        highest = int.MinValue;
    }

    private int[] SortedKeys()
    {
        if (sortedKeys is null)
        {
            sortedKeys = [.. sparse!.Keys];
            Array.Sort(sortedKeys);
        }

        return sortedKeys;
    }
}
