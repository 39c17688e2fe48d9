using System.Numerics;
using System.Runtime.CompilerServices;

namespace CxMetrics.Lifetime;

/// <summary>
/// Groups identical (x, t_x, T) rows, summing their weights, in order of first appearance — the kernel of
/// <see cref="RfmData.Compress"/>. The rows are first bucketed by x (a counting sort; x is a purchase count), then each
/// bucket is grouped on (t_x, T) in its own open-addressing table (the distinct rows held in place). Buckets are small
/// next to the whole: the customers without a repeat purchase, most of a real base, share t_x = 0 and a few thousand
/// ages, so their table stays in cache, and only the buckets with x ≥ 1 touch memory at random. Buckets are spread over
/// the cores. Each distinct row keeps the row of its first appearance, and the output is laid out in that order, with each
/// weight summed in row order: the result is the same, bit for bit, as one <see cref="Dictionary{TKey, TValue}"/> pass
/// (a test holds them equal).
/// </summary>
internal static class RowCompression
{
    /// <summary>Fewer rows than this are compressed on the calling thread.</summary>
    internal const int ParallelRows = 1 << 16;

    /// <summary>Integral x below this are bucketed directly; other x through a dictionary.</summary>
    private const int DirectX = 4096;

    public static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w) =>
        Compress(x, tx, t, w, x.Length >= ParallelRows && Environment.ProcessorCount > 1);

    internal static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w, bool parallel)
    {
        int n = x.Length;

        // 1. Bucket of each row (by x) and a counting sort of the row indices by bucket, stable.
        var bucketOf = new int[n];
        Dictionary<double, int>? other = null;
        var counts = new List<int>(64);
        var direct = new int[DirectX];
        for (int i = 0; i < n; i++)
        {
            double xi = x[i] + 0.0;
            int b;
            if (xi >= 0 && xi < DirectX && xi == Math.Floor(xi))
            {
                int k = (int)xi;
                if (direct[k] == 0)
                {
                    counts.Add(0);
                    direct[k] = counts.Count;
                }

                b = direct[k] - 1;
            }
            else
            {
                other ??= [];
                if (!other.TryGetValue(xi, out b))
                {
                    b = counts.Count;
                    counts.Add(0);
                    other.Add(xi, b);
                }
            }

            bucketOf[i] = b;
            counts[b]++;
        }

        int buckets = counts.Count;
        var start = new int[buckets + 1];
        for (int b = 0; b < buckets; b++)
        {
            start[b + 1] = start[b] + counts[b];
        }

        var order = new int[n];
        var next = start[..^1];
        for (int i = 0; i < n; i++)
        {
            order[next[bucketOf[i]]++] = i;
        }

        // 2. Each bucket grouped on (t_x, T); the largest buckets first when spread over the cores.
        var tables = new Table[buckets];
        if (parallel)
        {
            var bySize = Enumerable.Range(0, buckets).OrderByDescending(b => counts[b]).ToArray();
            Parallel.For(0, buckets, k => tables[bySize[k]] = Fill(order.AsSpan(start[bySize[k]], counts[bySize[k]]), tx, t, w));
        }
        else
        {
            for (int b = 0; b < buckets; b++)
            {
                tables[b] = Fill(order.AsSpan(start[b], counts[b]), tx, t, w);
            }
        }

        // 3. The distinct rows laid out in order of first appearance: mark each first row, then read the marks in order.
        int rows = 0;
        var entryAt = bucketOf; // reused: −1 for a row that is not a first appearance, else its bucket
        Array.Fill(entryAt, -1);
        var slotAt = order; // reused: the entry's slot in its bucket's table
        for (int b = 0; b < buckets; b++)
        {
            var table = tables[b];
            for (int k = 0; k < table.Count; k++)
            {
                int slot = table.Order[k];
                int first = table.Entries[slot].First;
                entryAt[first] = b;
                slotAt[first] = slot;
            }

            rows += table.Count;
        }

        double[] ox = new double[rows], otx = new double[rows], ot = new double[rows], ow = new double[rows];
        for (int i = 0, row = 0; i < n; i++)
        {
            if (entryAt[i] >= 0)
            {
                ref var e = ref tables[entryAt[i]].Entries[slotAt[i]];
                ox[row] = x[i];
                otx[row] = tx[i];
                ot[row] = t[i];
                ow[row] = e.W;
                row++;
            }
        }

        return (ox, otx, ot, ow, rows);
    }

    private static Table Fill(ReadOnlySpan<int> rows, double[] tx, double[] t, double[] w)
    {
        var table = new Table(Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Min(rows.Length, 1 << 12))));
        foreach (int i in rows)
        {
            table.Add(tx[i], t[i], w[i], i);
        }

        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(double tx, double t)
    {
        // + 0.0 maps −0 to +0, which the dictionary's double.Equals treats as equal.
        ulong h = (ulong)BitConverter.DoubleToInt64Bits(tx + 0.0) * 0x9E3779B97F4A7C15UL;
        h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(t + 0.0) ^ (h >> 29)) * 0xC2B2AE3D27D4EB4FUL;
        return h ^ (h >> 32);
    }

    private struct Entry
    {
        public double Tx;
        public double T;
        public double W;

        /// <summary>The row of first appearance + 1 (0: empty slot).</summary>
        public int FirstPlusOne;

        public readonly int First => FirstPlusOne - 1;
    }

    /// <summary>Open addressing with linear probing, load ≤ ½; slots in order of insertion in <see cref="Order"/>.</summary>
    private sealed class Table(int capacity)
    {
        public Entry[] Entries = new Entry[capacity];
        public int[] Order = new int[(capacity / 2) + 1];
        public int Count;
        private int mask = capacity - 1;

        public void Add(double tx, double t, double w, int row)
        {
            int slot = (int)Hash(tx, t) & mask;
            while (true)
            {
                ref var e = ref Entries[slot];
                if (e.FirstPlusOne == 0)
                {
                    e.Tx = tx;
                    e.T = t;
                    e.W = w;
                    e.FirstPlusOne = row + 1;
                    Order[Count++] = slot;
                    if (2 * Count > Entries.Length)
                    {
                        Grow();
                    }

                    return;
                }

                if (e.Tx == tx && e.T == t)
                {
                    e.W += w;
                    return;
                }

                slot = (slot + 1) & mask;
            }
        }

        private void Grow()
        {
            var old = Entries;
            var oldOrder = Order;
            Entries = new Entry[old.Length * 2];
            Order = new int[(Entries.Length / 2) + 1];
            mask = Entries.Length - 1;
            for (int k = 0; k < Count; k++)
            {
                ref var e = ref old[oldOrder[k]];
                int slot = (int)Hash(e.Tx, e.T) & mask;
                while (Entries[slot].FirstPlusOne != 0)
                {
                    slot = (slot + 1) & mask;
                }

                Entries[slot] = e;
                Order[k] = slot;
            }
        }
    }
}
