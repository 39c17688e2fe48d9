using System.Numerics;
using System.Runtime.CompilerServices;

namespace CxMetrics.Lifetime;

/// <summary>
/// Groups identical (x, t_x, T) rows, summing their weights, in order of first appearance — the kernel of
/// <see cref="RfmData.Compress"/>. The rows are first bucketed by x (a counting sort; x is a purchase count), then each
/// bucket is grouped on (t_x, T) through its own open-addressing index over a dense list of its distinct rows (in order of
/// first appearance). Buckets are small next to the whole: the customers without a repeat purchase, most of a real base,
/// share t_x = 0 and a few thousand ages, so their index stays in cache, and only the buckets with x ≥ 1 touch memory at
/// random. Buckets are spread over the cores. The output is laid out in order of first appearance (each first row marked
/// with its bucket, whose distinct rows are read off in order), with each weight summed in row order: the result is the
/// same, bit for bit, as one <see cref="Dictionary{TKey, TValue}"/> pass (a test holds them equal).
/// </summary>
internal static class RowCompression
{
    /// <summary>Fewer rows than this are compressed on the calling thread.</summary>
    internal const int ParallelRows = 1 << 16;

    /// <summary>Integral x below this are bucketed directly; other x through a dictionary.</summary>
    private const int DirectX = 4096;

    public static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w) =>
        Compress(x, tx, t, w, OnAllCores(x.Length));

    /// <summary>
    /// The same distinct rows and weights as <see cref="Compress(double[], double[], double[], double[])"/>, laid out by x
    /// ascending and, within one x, in order of first appearance: the stable sort by x of its output, the order the BG/NBD
    /// likelihood sums its runs of equal x in, read off the buckets without the pass over every row that restores the
    /// order of first appearance.
    /// </summary>
    public static (double[] X, double[] Tx, double[] T, double[] W, int Rows) CompressByFrequency(double[] x, double[] tx, double[] t, double[] w) =>
        CompressByFrequency(x, tx, t, w, OnAllCores(x.Length));

    internal static (double[] X, double[] Tx, double[] T, double[] W, int Rows) CompressByFrequency(double[] x, double[] tx, double[] t, double[] w, bool parallel)
    {
        var (bucketX, groups, _) = GroupRows(x, tx, t, w, parallel);
        int buckets = bucketX.Length, rows = 0;
        var byX = new int[buckets];
        for (int b = 0; b < buckets; b++)
        {
            byX[b] = b;
            rows += groups[b].Count;
        }

        // Insertion sort on x: a few dozen buckets, and no generic sort on the path of a small first fit.
        for (int i = 1; i < buckets; i++)
        {
            int b = byX[i], j = i - 1;
            for (; j >= 0 && bucketX[byX[j]] > bucketX[b]; j--)
            {
                byX[j + 1] = byX[j];
            }

            byX[j + 1] = b;
        }

        double[] ox = new double[rows], otx = new double[rows], ot = new double[rows], ow = new double[rows];
        int row = 0;
        foreach (int b in byX)
        {
            var g = groups[b];
            for (int k = 0; k < g.Count; k++, row++)
            {
                ox[row] = x[g.First[k]];
                otx[row] = g.Tx[k];
                ot[row] = g.T[k];
                ow[row] = g.W[k];
            }
        }

        return (ox, otx, ot, ow, rows);
    }

    private static bool OnAllCores(int rows) => rows >= ParallelRows && Environment.ProcessorCount > 1;

    internal static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w, bool parallel)
    {
        int n = x.Length;
        var (_, groups, bucketOf) = GroupRows(x, tx, t, w, parallel);
        int buckets = groups.Length;

        // 3. Output in order of first appearance: mark each first row with its bucket; within a bucket the groups are
        //    already in that order, so a cursor per bucket reads them off.
        int rows = 0;
        var firstOf = bucketOf; // reused: −1 for a row that is not a first appearance, else its bucket
        Array.Fill(firstOf, -1);
        for (int b = 0; b < buckets; b++)
        {
            var g = groups[b];
            for (int k = 0; k < g.Count; k++)
            {
                firstOf[g.First[k]] = b;
            }

            rows += g.Count;
        }

        var cursor = new int[buckets];
        double[] ox = new double[rows], otx = new double[rows], ot = new double[rows], ow = new double[rows];
        for (int i = 0, row = 0; i < n; i++)
        {
            int b = firstOf[i];
            if (b >= 0)
            {
                var g = groups[b];
                int k = cursor[b]++;
                ox[row] = x[i];
                otx[row] = g.Tx[k];
                ot[row] = g.T[k];
                ow[row] = g.W[k];
                row++;
            }
        }

        return (ox, otx, ot, ow, rows);
    }

    /// <summary>
    /// The distinct (t_x, T) of each bucket of equal x (buckets in order of first appearance), and each row's bucket.
    /// </summary>
    private static (double[] BucketX, Group[] Groups, int[] BucketOf) GroupRows(double[] x, double[] tx, double[] t, double[] w, bool parallel)
    {
        int n = x.Length;

        // 1. Bucket of each row (by x) and a counting sort of the row indices by bucket, stable.
        var bucketOf = new int[n];
        Dictionary<double, int>? other = null;
        var bucketX = new double[64];
        int buckets = 0;
        var direct = new int[DirectX];
        for (int i = 0; i < n; i++)
        {
            double xi = x[i] + 0.0;
            int b;
            if (xi >= 0 && xi < DirectX && xi == Math.Floor(xi))
            {
                ref int d = ref direct[(int)xi];
                if (d == 0)
                {
                    d = AddBucket(ref bucketX, ref buckets, xi) + 1;
                }

                b = d - 1;
            }
            else
            {
                other ??= [];
                if (!other.TryGetValue(xi, out b))
                {
                    b = AddBucket(ref bucketX, ref buckets, xi);
                    other.Add(xi, b);
                }
            }

            bucketOf[i] = b;
        }

        var start = new int[buckets + 1];
        foreach (int b in bucketOf)
        {
            start[b + 1]++;
        }

        for (int b = 0; b < buckets; b++)
        {
            start[b + 1] += start[b];
        }

        var order = new int[n];
        var next = new int[buckets];
        Array.Copy(start, next, buckets);
        for (int i = 0; i < n; i++)
        {
            order[next[bucketOf[i]]++] = i;
        }

        // 2. Each bucket grouped on (t_x, T); the largest buckets first when spread over the cores.
        var groups = new Group[buckets];
        if (parallel)
        {
            var bySize = new int[buckets];
            var sizes = new int[buckets];
            for (int b = 0; b < buckets; b++)
            {
                bySize[b] = b;
                sizes[b] = start[b] - start[b + 1];
            }

            Array.Sort(sizes, bySize);
            Parallel.For(0, buckets, k =>
            {
                int b = bySize[k];
                groups[b] = Group.Of(order.AsSpan(start[b], start[b + 1] - start[b]), tx, t, w);
            });
        }
        else
        {
            for (int b = 0; b < buckets; b++)
            {
                groups[b] = Group.Of(order.AsSpan(start[b], start[b + 1] - start[b]), tx, t, w);
            }
        }

        if (buckets < bucketX.Length)
        {
            var exact = new double[buckets];
            Array.Copy(bucketX, exact, buckets);
            bucketX = exact;
        }

        return (bucketX, groups, bucketOf);
    }

    /// <summary>Appends a bucket's x, growing the array by doubling; returns the bucket's index.</summary>
    private static int AddBucket(ref double[] bucketX, ref int buckets, double x)
    {
        if (buckets == bucketX.Length)
        {
            bucketX = Grown(bucketX, 2 * buckets);
        }

        bucketX[buckets] = x;
        return buckets++;
    }

    /// <summary>A copy of <paramref name="values"/> with room for <paramref name="size"/> (no generic <see cref="Array.Resize{T}"/>, which is compiled at run time).</summary>
    private static double[] Grown(double[] values, int size)
    {
        var grown = new double[size];
        Array.Copy(values, grown, values.Length);
        return grown;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(double tx, double t)
    {
        // + 0.0 maps −0 to +0, which the dictionary's double.Equals treats as equal. The finaliser of MurmurHash3 mixes
        // every bit into the low ones the table indexes by: a weaker mix clustered the no-repeat bucket (t_x = 0, T on an
        // hourly grid) into runs of ≈ 45 probes per lookup.
        ulong h = ((ulong)BitConverter.DoubleToInt64Bits(tx + 0.0) * 0x9E3779B97F4A7C15UL) ^ (ulong)BitConverter.DoubleToInt64Bits(t + 0.0);
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }

    /// <summary>
    /// The distinct (t_x, T) of one bucket, held densely in order of first appearance with their summed weights and first
    /// rows, found through an open-addressing index (linear probing, load ≤ ½) whose 8-byte slots hold the upper half of
    /// the hash and the entry: a probe compares keys only when the hash halves agree, and growing rehashes slots only.
    /// </summary>
    private sealed class Group
    {
        public double[] Tx = new double[16];
        public double[] T = new double[16];
        public double[] W = new double[16];
        public int[] First = new int[16];
        public int Count;
        private ulong[] slots; // (upper 32 bits of the hash) | (entry + 1); 0 for an empty slot
        private int mask;

        private Group(int capacity)
        {
            slots = new ulong[capacity];
            mask = capacity - 1;
        }

        public static Group Of(ReadOnlySpan<int> rows, double[] tx, double[] t, double[] w)
        {
            var g = new Group(Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Min(rows.Length, 1 << 12))));
            foreach (int i in rows)
            {
                g.Add(tx[i], t[i], w[i], i);
            }

            return g;
        }

        private void Add(double tx, double t, double w, int row)
        {
            ulong h = Hash(tx, t);
            ulong tag = h & 0xFFFFFFFF00000000UL;
            int slot = (int)h & mask;
            var s = slots;
            while (true)
            {
                ulong e = s[slot];
                if (e == 0)
                {
                    break;
                }

                if ((e & 0xFFFFFFFF00000000UL) == tag)
                {
                    int k = (int)(uint)e - 1;
                    if (Tx[k] == tx && T[k] == t)
                    {
                        W[k] += w;
                        return;
                    }
                }

                slot = (slot + 1) & mask;
            }

            if (Count == Tx.Length)
            {
                int size = Count * 2;
                Tx = Grown(Tx, size);
                T = Grown(T, size);
                W = Grown(W, size);
                var first = new int[size];
                Array.Copy(First, first, Count);
                First = first;
            }

            Tx[Count] = tx;
            T[Count] = t;
            W[Count] = w;
            First[Count] = row;
            Count++;
            s[slot] = tag | (uint)Count;
            if (2 * Count > s.Length)
            {
                Grow();
            }
        }

        private void Grow()
        {
            slots = new ulong[slots.Length * 2];
            mask = slots.Length - 1;
            for (int k = 0; k < Count; k++)
            {
                ulong h = Hash(Tx[k], T[k]);
                int slot = (int)h & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = (h & 0xFFFFFFFF00000000UL) | (uint)(k + 1);
            }
        }
    }
}
