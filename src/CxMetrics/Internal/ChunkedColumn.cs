using System.Numerics;
using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>
/// A growable column of values held in chunks of 65,536: growing allocates a new chunk and never copies the values
/// already held (a doubling array holds up to three times its values while it copies them). Only the first chunk grows by
/// doubling from 16, so a small column costs memory in proportion to its values (deserialising a tiny payload must not
/// allocate a whole chunk); every later chunk is allocated whole, once, so a long column allocates about what it holds
/// (were each new chunk grown from 16 as well, the arrays it outgrew would double the bytes allocated per value).
/// </summary>
internal sealed class ChunkedColumn<T>
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private T[][] chunks = [];
    private long capacity;

    /// <summary>Values held.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="i"/> (0 ≤ i &lt; <see cref="Count"/>; not checked beyond the chunk bounds).</summary>
    public ref T this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref chunks[i >> ChunkBits][i & ChunkMask];
    }

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        int n = Count;
        if (n >= capacity)
        {
            EnsureCapacity(n + 1);
        }

        chunks[n >> ChunkBits][n & ChunkMask] = value;
        Count = n + 1;
    }

    /// <summary>Makes room for <paramref name="needed"/> values in all, allocating only what is missing.</summary>
    public void EnsureCapacity(int needed)
    {
        if (needed <= capacity)
        {
            return;
        }

        int chunkCount = (int)(((long)needed + ChunkMask) >> ChunkBits);
        int first = Math.Max(0, chunks.Length - 1);
        if (chunks.Length < chunkCount)
        {
            Array.Resize(ref chunks, chunkCount);
        }

        for (int c = first; c < chunkCount; c++)
        {
            int size = c < chunkCount - 1 || c > 0 ? ChunkSize : (int)Math.Min(ChunkSize, Math.Max(16, BitOperations.RoundUpToPowerOf2((uint)(needed - (c << ChunkBits)))));
            if (chunks[c] is null)
            {
                chunks[c] = new T[size];
            }
            else if (chunks[c].Length < size)
            {
                Array.Resize(ref chunks[c], size);
            }
        }

        capacity = ((long)(chunkCount - 1) << ChunkBits) + chunks[chunkCount - 1].Length;
    }
}
