using System.Buffers;

namespace CxMetrics.Internal;

/// <summary>
/// Hash partitioning of keyed records for the parallel calculators whose tallies are per key (per visitor, per customer):
/// every record goes to the partition of a hash of its string key, so each key is owned by exactly one partition and the
/// partitions' results never need merging by key — they are concatenated (or, for ordered outputs, merged by key in one
/// linear pass). Within a partition the records keep their input order, so per-key sums are added in the same order as on
/// one thread and the results are bit-for-bit identical.
/// </summary>
/// <remarks>
/// Two parallel passes over contiguous chunks: the first hashes each key and counts per (chunk, partition), the second
/// scatters the record positions into one pooled array (a counting sort, stable). Nothing is allocated per record; the two
/// position arrays are rented from <see cref="ArrayPool{T}.Shared"/> and returned by <see cref="Dispose"/>.
/// </remarks>
internal sealed class KeyPartition : IDisposable
{
    private readonly int[] positions;
    private readonly int[] starts;

    private KeyPartition(int[] positions, int[] starts)
    {
        this.positions = positions;
        this.starts = starts;
    }

    /// <summary>Partitions.</summary>
    public int Count => starts.Length - 1;

    /// <summary>The positions (in the input) of partition <paramref name="partition"/>'s records, ascending.</summary>
    public ReadOnlySpan<int> Positions(int partition) => positions.AsSpan(starts[partition], starts[partition + 1] - starts[partition]);

    /// <summary>Records in partition <paramref name="partition"/>.</summary>
    public int Length(int partition) => starts[partition + 1] - starts[partition];

    /// <summary>
    /// Partitions <paramref name="items"/> into <paramref name="partitions"/> groups by a hash of <paramref name="key"/>,
    /// on <paramref name="partitions"/> threads. Returns <see langword="null"/> when a key cannot be read (a null record or
    /// key): the caller then runs its sequential path, which reports that input exactly as on one thread.
    /// </summary>
    public static KeyPartition? Create<T>(ReadOnlyMemory<T> items, int partitions, Func<T, string?> key)
    {
        int n = items.Length;
        int[] owner = ArrayPool<int>.Shared.Rent(Math.Max(1, n));
        int[] positions = ArrayPool<int>.Shared.Rent(Math.Max(1, n));
        var counts = new int[partitions][];
        int chunk = n / partitions;
        bool failed = false;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = partitions };
        try
        {
            Parallel.For(0, partitions, parallel, w =>
            {
                int start = w * chunk, end = w == partitions - 1 ? n : start + chunk;
                var local = new int[partitions]; // per worker, so no two threads write one cache line
                var span = items.Span;
                for (int i = start; i < end; i++)
                {
                    string? k = span[i] is { } item ? key(item) : null;
                    if (k is null)
                    {
                        Volatile.Write(ref failed, true);
                        return;
                    }

                    int p = Of(k, partitions);
                    owner[i] = p;
                    local[p]++;
                }

                counts[w] = local;
            });
            if (failed)
            {
                Return(owner, positions);
                return null;
            }

            // Partition p's records: chunk 0's first, then chunk 1's, ... — input order.
            var cursors = new int[partitions][];
            var starts = new int[partitions + 1];
            int offset = 0;
            for (int p = 0; p < partitions; p++)
            {
                starts[p] = offset;
                for (int w = 0; w < partitions; w++)
                {
                    cursors[w] ??= new int[partitions];
                    cursors[w][p] = offset;
                    offset += counts[w][p];
                }
            }

            starts[partitions] = offset;
            Parallel.For(0, partitions, parallel, w =>
            {
                int start = w * chunk, end = w == partitions - 1 ? n : start + chunk;
                var cursor = cursors[w];
                for (int i = start; i < end; i++)
                {
                    positions[cursor[owner[i]]++] = i;
                }
            });
            ArrayPool<int>.Shared.Return(owner);
            return new KeyPartition(positions, starts);
        }
        catch
        {
            Return(owner, positions);
            throw;
        }
    }

    /// <summary>The partition of a key: a multiplicative mix of its ordinal hash, reduced to [0, partitions) without division.</summary>
    public static int Of(string key, int partitions)
    {
        uint mixed = unchecked((uint)key.GetHashCode(StringComparison.Ordinal) * 0x9E3779B9u);
        return (int)(((ulong)mixed * (uint)partitions) >> 32);
    }

    /// <summary>Returns the pooled position array.</summary>
    public void Dispose() => ArrayPool<int>.Shared.Return(positions);

    private static void Return(int[] owner, int[] positions)
    {
        ArrayPool<int>.Shared.Return(owner);
        ArrayPool<int>.Shared.Return(positions);
    }
}
