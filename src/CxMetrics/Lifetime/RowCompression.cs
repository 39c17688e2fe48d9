using System.Runtime.CompilerServices;

namespace CxMetrics.Lifetime;

/// <summary>
/// Groups identical (x, t_x, T) rows, summing their weights, in order of first appearance — the kernel of
/// <see cref="RfmData.Compress"/>. An open-addressing table holds each distinct row in place (one cache line touched per
/// row instead of a dictionary's bucket and entry), and on large inputs the rows are split by hash between the cores: every
/// core reads all rows but keeps only those whose hash falls in its part, so each distinct row lives in exactly one part,
/// its weight is summed in row order there, and the parts are merged back in order of first appearance. The result is
/// the same, bit for bit, as one <see cref="Dictionary{TKey, TValue}"/> pass (a test holds them equal).
/// </summary>
internal static class RowCompression
{
    /// <summary>Fewer rows than this are compressed on the calling thread.</summary>
    internal const int ParallelRows = 1 << 16;

    public static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w) =>
        Compress(x, tx, t, w, x.Length >= ParallelRows ? PartsFor(Environment.ProcessorCount) : 1);

    internal static int PartsFor(int processors) => processors >= 8 ? 8 : processors >= 4 ? 4 : processors >= 2 ? 2 : 1;

    internal static (double[] X, double[] Tx, double[] T, double[] W, int Rows) Compress(double[] x, double[] tx, double[] t, double[] w, int parts)
    {
        var tables = new Table[parts];
        int shift = 64 - System.Numerics.BitOperations.Log2((uint)parts);
        if (parts == 1)
        {
            tables[0] = Fill(x, tx, t, w, 0, shift);
        }
        else
        {
            Parallel.For(0, parts, part => tables[part] = Fill(x, tx, t, w, part, shift));
        }

        int rows = 0;
        foreach (var table in tables)
        {
            rows += table.Count;
        }

        double[] ox = new double[rows], otx = new double[rows], ot = new double[rows], ow = new double[rows];
        var next = new int[parts];
        for (int row = 0; row < rows; row++)
        {
            // The part whose next distinct row appeared first (parts are few: a linear scan).
            int best = -1, bestFirst = int.MaxValue;
            for (int p = 0; p < parts; p++)
            {
                if (next[p] < tables[p].Count)
                {
                    int first = tables[p].Entries[tables[p].Order[next[p]]].First;
                    if (first < bestFirst)
                    {
                        bestFirst = first;
                        best = p;
                    }
                }
            }

            ref var e = ref tables[best].Entries[tables[best].Order[next[best]++]];
            ox[row] = e.X;
            otx[row] = e.Tx;
            ot[row] = e.T;
            ow[row] = e.W;
        }

        return (ox, otx, ot, ow, rows);
    }

    private static Table Fill(double[] x, double[] tx, double[] t, double[] w, int part, int shift)
    {
        int n = x.Length;
        var table = new Table(Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, n / Math.Max(1, 1 << (64 - shift)) / 2))));
        for (int i = 0; i < n; i++)
        {
            ulong h = Hash(x[i], tx[i], t[i]);
            if (shift < 64 && (int)(h >> shift) != part)
            {
                continue;
            }

            table.Add(h, x[i], tx[i], t[i], w[i], i);
        }

        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(double x, double tx, double t)
    {
        // + 0.0 maps −0 to +0, which the dictionary's double.Equals treats as equal.
        ulong h = (ulong)BitConverter.DoubleToInt64Bits(x + 0.0) * 0x9E3779B97F4A7C15UL;
        h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(tx + 0.0) ^ (h >> 31)) * 0xC2B2AE3D27D4EB4FUL;
        h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(t + 0.0) ^ (h >> 29)) * 0x165667B19E3779F9UL;
        return h ^ (h >> 32);
    }

    private struct Entry
    {
        public double X;
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

        public void Add(ulong hash, double x, double tx, double t, double w, int row)
        {
            int slot = (int)hash & mask;
            while (true)
            {
                ref var e = ref Entries[slot];
                if (e.FirstPlusOne == 0)
                {
                    e.X = x;
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

                if (e.X == x && e.Tx == tx && e.T == t)
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
                int slot = (int)Hash(e.X, e.Tx, e.T) & mask;
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
