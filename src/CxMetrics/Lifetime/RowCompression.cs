using System.Buffers;
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
/// with its distinct row), with each weight summed in row order: the result is the same, bit for bit, as one
/// <see cref="Dictionary{TKey, TValue}"/> pass (a test holds them equal).
/// </summary>
/// <remarks>
/// Memory, not arithmetic, set the time of a million-row compression: 60 MB of fresh arrays on every call (a page fault
/// per 4 KiB touched, zeroing, collections of the large-object heap), most of it per-bucket lists and indexes that grew by
/// doubling. So the counting pass sizes everything: a bucket has at most as many distinct rows as rows, so each bucket
/// writes its distinct rows into its own region of one store as long as the input (regions in order of x), which never
/// grows and of which only the distinct rows are touched; an index starts large enough for 2¹⁵ distinct rows. On large
/// inputs (<see cref="ParallelRows"/> rows or more) the scratch — the row order, the store, the indexes — is rented from
/// <see cref="ArrayPool{T}.Shared"/> and given back, so a repeated fit reuses pages already mapped; the rows by x stay in
/// the store and go back when the fit is done (<see cref="ByFrequency"/>), and only <see cref="Compress(double[], double[], double[], double[])"/>'s
/// output is allocated (not zeroed: every element is written). Small inputs use plain arrays: nothing more to compile on
/// a small first fit.
/// </remarks>
internal static class RowCompression
{
    /// <summary>Fewer rows than this are compressed on the calling thread, in plain (not pooled) arrays.</summary>
    internal const int ParallelRows = 1 << 16;

    /// <summary>Integral x below this are bucketed directly; other x through a dictionary.</summary>
    private const int DirectX = 4096;

    public static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w) =>
        Compress(x, tx, t, w, OnAllCores(x.Length));

    /// <summary>
    /// The same distinct rows and weights as <see cref="Compress(double[], double[], double[], double[])"/>, laid out by x
    /// ascending and, within one x, in order of first appearance: the stable sort by x of its output, the order the BG/NBD
    /// likelihood sums its runs of equal x in. The rows stay in the grouping's own store (each bucket's distinct rows
    /// moved down next to the previous bucket's), rented from the shared pool on large inputs: no pass over every row to
    /// restore the order of first appearance, no new arrays. For a fit, which discards the rows when it is done: dispose
    /// of the result then, and do not keep its <see cref="ByFrequency.Data"/>.
    /// </summary>
    public static ByFrequency CompressByFrequency(double[] x, double[] tx, double[] t, double[] w) =>
        CompressByFrequency(x, tx, t, w, OnAllCores(x.Length));

    internal static ByFrequency CompressByFrequency(double[] x, double[] tx, double[] t, double[] w, bool parallel)
    {
        var g = Grouping.Of(x, tx, t, w, parallel);
        var ox = g.Pooled ? ArrayPool<double>.Shared.Rent(x.Length) : new double[g.Rows];
        int row = 0;
        for (int b = 0; b < g.BucketX.Length; b++)
        {
            int from = g.Start[b], count = g.Distinct[b];
            double xb = g.BucketX[b];
            if (xb != 0 && !double.IsNaN(xb))
            {
                // Equal non-zero doubles have equal bits: every row of the bucket has this x.
                ox.AsSpan(row, count).Fill(xb);
            }
            else
            {
                // x = 0 and −0 share a bucket; each distinct row keeps the x of its first row.
                for (int k = 0; k < count; k++)
                {
                    ox[row + k] = x[g.First[from + k]];
                }
            }

            if (from != row)
            {
                Array.Copy(g.Tx, from, g.Tx, row, count);
                Array.Copy(g.T, from, g.T, row, count);
                Array.Copy(g.W, from, g.W, row, count);
            }

            row += count;
        }

        g.Release(keepStore: true);
        return new ByFrequency(ox, g.Tx, g.T, g.W, g.Rows, g.Pooled);
    }

    internal static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w, bool parallel)
    {
        int n = x.Length;
        var g = Grouping.Of(x, tx, t, w, parallel);
        try
        {
            // Output in order of first appearance: each first row marked with its distinct row in the store.
            var firstOf = g.BucketOf; // reused: −1 for a row that is not a first appearance, else its place in the store
            Array.Fill(firstOf, -1, 0, n);
            for (int b = 0; b < g.BucketX.Length; b++)
            {
                for (int k = g.Start[b], end = k + g.Distinct[b]; k < end; k++)
                {
                    firstOf[g.First[k]] = k;
                }
            }

            var (ox, otx, ot, ow) = Output(g.Rows);
            for (int i = 0, row = 0; i < n; i++)
            {
                int k = firstOf[i];
                if (k >= 0)
                {
                    ox[row] = x[i];
                    otx[row] = g.Tx[k];
                    ot[row] = g.T[k];
                    ow[row] = g.W[k];
                    row++;
                }
            }

            return (ox, otx, ot, ow, g.Rows);
        }
        finally
        {
            g.Release(keepStore: false);
        }
    }

    private static bool OnAllCores(int rows) => rows >= ParallelRows && Environment.ProcessorCount > 1;

    /// <summary>The output columns, not zeroed (every element is written).</summary>
    private static (double[] X, double[] Tx, double[] T, double[] W) Output(int rows) =>
        rows >= ParallelRows
            ? (GC.AllocateUninitializedArray<double>(rows), GC.AllocateUninitializedArray<double>(rows), GC.AllocateUninitializedArray<double>(rows), GC.AllocateUninitializedArray<double>(rows))
            : (new double[rows], new double[rows], new double[rows], new double[rows]);

    /// <summary>
    /// The rows grouped per bucket of equal x, buckets in order of x: bucket b's distinct (t_x, T) are
    /// <c>Tx/T/W/First[Start[b] .. Start[b] + Distinct[b]]</c>, in order of first appearance, with their summed weights and
    /// first rows. The arrays other than <see cref="BucketX"/>, <see cref="Start"/> and <see cref="Distinct"/> are scratch
    /// (rented on large inputs) and longer than the data; <see cref="Release"/> gives them back.
    /// </summary>
    private sealed class Grouping
    {
        public required double[] BucketX { get; init; }
        public required int[] Start { get; init; }
        public required int[] Distinct { get; init; }
        public required double[] Tx { get; init; }
        public required double[] T { get; init; }
        public required double[] W { get; init; }
        public required int[] First { get; init; }

        /// <summary>Scratch as long as the data, free for the caller to overwrite (each row's bucket while grouping).</summary>
        public required int[] BucketOf { get; init; }

        public required int[] Order { get; init; }
        public required bool Pooled { get; init; }

        /// <summary>Distinct rows in all.</summary>
        public int Rows { get; private set; }

        public static Grouping Of(double[] x, double[] tx, double[] t, double[] w, bool parallel)
        {
            int n = x.Length;
            bool pooled = n >= ParallelRows;

            // 1. Bucket of each row (by x, in order of first appearance) and the rows per bucket.
            var bucketOf = pooled ? ArrayPool<int>.Shared.Rent(n) : new int[n];
            Dictionary<double, int>? other = null;
            var bucketX = new double[64];
            var rowsOf = new int[64];
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
                        d = AddBucket(ref bucketX, ref rowsOf, ref buckets, xi) + 1;
                    }

                    b = d - 1;
                }
                else
                {
                    other ??= [];
                    if (!other.TryGetValue(xi, out b))
                    {
                        b = AddBucket(ref bucketX, ref rowsOf, ref buckets, xi);
                        other.Add(xi, b);
                    }
                }

                bucketOf[i] = b;
                rowsOf[b]++;
            }

            // 2. Buckets in order of x (an insertion sort: a few dozen buckets, and no generic sort on the path of a small
            //    first fit), each with a region of the store as large as its rows.
            var byX = new int[buckets];
            for (int i = 0; i < buckets; i++)
            {
                int b = i, j = i - 1;
                for (; j >= 0 && bucketX[byX[j]] > bucketX[b]; j--)
                {
                    byX[j + 1] = byX[j];
                }

                byX[j + 1] = b;
            }

            var rank = new int[buckets];
            var sortedX = new double[buckets];
            var start = new int[buckets + 1];
            for (int k = 0; k < buckets; k++)
            {
                rank[byX[k]] = k;
                sortedX[k] = bucketX[byX[k]];
                start[k + 1] = start[k] + rowsOf[byX[k]];
            }

            // 3. The row indices in order of bucket, stable (a counting sort).
            var order = pooled ? ArrayPool<int>.Shared.Rent(n) : new int[n];
            var next = new int[buckets];
            Array.Copy(start, next, buckets);
            for (int i = 0; i < n; i++)
            {
                order[next[rank[bucketOf[i]]]++] = i;
            }

            var g = new Grouping
            {
                BucketX = sortedX,
                Start = start,
                Distinct = new int[buckets],
                Tx = pooled ? ArrayPool<double>.Shared.Rent(n) : new double[n],
                T = pooled ? ArrayPool<double>.Shared.Rent(n) : new double[n],
                W = pooled ? ArrayPool<double>.Shared.Rent(n) : new double[n],
                First = pooled ? ArrayPool<int>.Shared.Rent(n) : new int[n],
                BucketOf = bucketOf,
                Order = order,
                Pooled = pooled,
            };

            // 4. Each bucket grouped on (t_x, T) into its region; the largest buckets first when spread over the cores.
            if (parallel)
            {
                var bySize = new int[buckets];
                var sizes = new int[buckets];
                for (int k = 0; k < buckets; k++)
                {
                    bySize[k] = k;
                    sizes[k] = start[k] - start[k + 1];
                }

                Array.Sort(sizes, bySize);
                Parallel.For(0, buckets, k => g.GroupBucket(bySize[k], tx, t, w));
            }
            else
            {
                for (int k = 0; k < buckets; k++)
                {
                    g.GroupBucket(k, tx, t, w);
                }
            }

            foreach (int d in g.Distinct)
            {
                g.Rows += d;
            }

            return g;
        }

        /// <summary>Gives the scratch arrays back to the pool (large inputs), the store's t_x, T and weights unless the caller keeps them.</summary>
        public void Release(bool keepStore)
        {
            if (Pooled)
            {
                ArrayPool<int>.Shared.Return(BucketOf);
                ArrayPool<int>.Shared.Return(Order);
                ArrayPool<int>.Shared.Return(First);
                if (!keepStore)
                {
                    ArrayPool<double>.Shared.Return(Tx);
                    ArrayPool<double>.Shared.Return(T);
                    ArrayPool<double>.Shared.Return(W);
                }
            }
        }

        /// <summary>
        /// Groups bucket <paramref name="bucket"/>'s rows on (t_x, T) into its region of the store, through an
        /// open-addressing index (linear probing, load ≤ ½) whose 8-byte slots hold the upper half of the hash and the
        /// place in the region: a probe compares keys only when the hash halves agree, and growing rehashes slots only.
        /// </summary>
        private void GroupBucket(int bucket, double[] tx, double[] t, double[] w)
        {
            int from = Start[bucket];
            var rows = Order.AsSpan(from, Start[bucket + 1] - from);
            // Load ≤ ½ without growing for up to 2¹⁵ distinct rows: a bucket of that many rows never grows its index, and
            // a larger one (the no-repeat customers, few distinct ages) starts at 512 KiB, which stays in cache.
            int size = Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)(2 * Math.Min(rows.Length, 1 << 15))));
            var slots = Slots(size);
            int mask = size - 1, count = 0;
            double[] storeTx = Tx, storeT = T, storeW = W;
            int[] first = First;
            foreach (int i in rows)
            {
                double rowTx = tx[i], rowT = t[i];
                ulong h = Hash(rowTx, rowT);
                ulong tag = h & 0xFFFFFFFF00000000UL;
                int slot = (int)h & mask;
                while (true)
                {
                    ulong e = slots[slot];
                    if (e == 0)
                    {
                        int k = from + count;
                        storeTx[k] = rowTx;
                        storeT[k] = rowT;
                        storeW[k] = w[i];
                        first[k] = i;
                        count++;
                        slots[slot] = tag | (uint)count;
                        if (2 * count > size)
                        {
                            var grown = Slots(2 * size);
                            Rehash(grown, 2 * size, from, count);
                            FreeSlots(slots);
                            slots = grown;
                            size *= 2;
                            mask = size - 1;
                        }

                        break;
                    }

                    if ((e & 0xFFFFFFFF00000000UL) == tag)
                    {
                        int k = from + (int)(uint)e - 1;
                        if (storeTx[k] == rowTx && storeT[k] == rowT)
                        {
                            storeW[k] += w[i];
                            break;
                        }
                    }

                    slot = (slot + 1) & mask;
                }
            }

            FreeSlots(slots);
            Distinct[bucket] = count;
        }

        /// <summary>Cleared slots, rented on large inputs.</summary>
        private ulong[] Slots(int size)
        {
            if (!Pooled)
            {
                return new ulong[size];
            }

            var slots = ArrayPool<ulong>.Shared.Rent(size);
            Array.Clear(slots, 0, size);
            return slots;
        }

        private void FreeSlots(ulong[] slots)
        {
            if (Pooled)
            {
                ArrayPool<ulong>.Shared.Return(slots);
            }
        }

        private void Rehash(ulong[] slots, int size, int from, int count)
        {
            int mask = size - 1;
            for (int k = 0; k < count; k++)
            {
                ulong h = Hash(Tx[from + k], T[from + k]);
                int slot = (int)h & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = (h & 0xFFFFFFFF00000000UL) | (uint)(k + 1);
            }
        }
    }

    /// <summary>
    /// Compressed rows laid out by x (<see cref="CompressByFrequency(double[], double[], double[], double[])"/>) in arrays
    /// that may be rented from the shared pool and longer than <see cref="Data"/>: disposing gives them back, after which
    /// <see cref="Data"/> must not be read.
    /// </summary>
    internal sealed class ByFrequency : IDisposable
    {
        private readonly double[] x;
        private readonly double[] tx;
        private readonly double[] t;
        private readonly double[] w;
        private readonly bool pooled;
        private bool disposed;

        internal ByFrequency(double[] x, double[] tx, double[] t, double[] w, int rows, bool pooled)
        {
            (this.x, this.tx, this.t, this.w, this.pooled) = (x, tx, t, w, pooled);
            Data = RfmData.Over(x, tx, t, w, rows);
        }

        /// <summary>The rows: the first <see cref="RfmData.Count"/> elements of the arrays.</summary>
        public RfmData Data { get; }

        public void Dispose()
        {
            if (pooled && !disposed)
            {
                disposed = true;
                ArrayPool<double>.Shared.Return(x);
                ArrayPool<double>.Shared.Return(tx);
                ArrayPool<double>.Shared.Return(t);
                ArrayPool<double>.Shared.Return(w);
            }
        }
    }

    /// <summary>Appends a bucket's x (with no rows yet), growing the arrays by doubling; returns the bucket's index.</summary>
    private static int AddBucket(ref double[] bucketX, ref int[] rowsOf, ref int buckets, double x)
    {
        if (buckets == bucketX.Length)
        {
            var grownX = new double[2 * buckets];
            Array.Copy(bucketX, grownX, buckets);
            bucketX = grownX;
            var grownRows = new int[2 * buckets];
            Array.Copy(rowsOf, grownRows, buckets);
            rowsOf = grownRows;
        }

        bucketX[buckets] = x;
        return buckets++;
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
}
