using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>
/// A growable column of decimals in 8 bytes each instead of 16 (chunked like <see cref="ChunkedColumn{T}"/>): a value
/// whose mantissa is below 2⁵⁷ (every money amount up to 10¹⁷ at its scale) is packed with its sign and scale into one
/// <see cref="long"/>; a larger one is kept in a side list and the long holds its position. Values come back exactly —
/// mantissa, scale and sign (−0 included).
/// </summary>
internal sealed class CompactDecimalColumn
{
    private const int ScaleShift = 58;
    private const long SignBit = 1L << 57;
    private const ulong MantissaLimit = 1UL << 57;
    private readonly ChunkedColumn<long> packed = new();
    private readonly List<decimal> wide = [];

    /// <summary>Values held.</summary>
    public int Count => packed.Count;

    /// <summary>The value at <paramref name="i"/>.</summary>
    public decimal this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Unpack(packed[i]);
        set => packed[i] = Pack(value, packed[i]);
    }

    /// <summary>Loads the value's slot for its cache effect only (a batch fold's software pipelining); returns its low bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Touch(int i) => (int)packed[i];

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(decimal value) => packed.Add(Pack(value, 0));

    /// <summary>Makes room for <paramref name="needed"/> values in all.</summary>
    public void EnsureCapacity(int needed) => packed.EnsureCapacity(needed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private decimal Unpack(long p)
    {
        if (p < 0)
        {
            return wide[(int)(p & int.MaxValue)];
        }

        ulong mantissa = (ulong)p & (MantissaLimit - 1);
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, (p & SignBit) != 0, (byte)(p >> ScaleShift));
    }

    /// <summary>Packs <paramref name="value"/>; <paramref name="previous"/> is the slot's old content, whose side-list entry is reused.</summary>
    private long Pack(decimal value, long previous)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        ulong mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] == 0 && mantissa < MantissaLimit)
        {
            long scale = (bits[3] >> 16) & 0xFF;
            return (long)mantissa | (bits[3] < 0 ? SignBit : 0) | (scale << ScaleShift);
        }

        if (previous < 0)
        {
            wide[(int)(previous & int.MaxValue)] = value;
            return previous;
        }

        wide.Add(value);
        return long.MinValue | (long)(wide.Count - 1);
    }
}
