using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>
/// A growable column of decimals in 8 bytes each instead of 16 (<see cref="PackedDecimals"/>, chunked like
/// <see cref="ChunkedColumn{T}"/>). Values come back exactly — mantissa, scale and sign (−0 included).
/// </summary>
internal sealed class CompactDecimalColumn
{
    private readonly ChunkedColumn<long> packed = new();
    private readonly PackedDecimals values = new();

    /// <summary>Values held.</summary>
    public int Count => packed.Count;

    /// <summary>The value at <paramref name="i"/>.</summary>
    public decimal this[int i]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => values.Unpack(packed[i]);
        set
        {
            ref long slot = ref packed[i];
            slot = values.Pack(value, slot);
        }
    }

    /// <summary>Loads the value's slot for its cache effect only (a batch fold's software pipelining); returns its low bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Touch(int i) => (int)packed[i];

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(decimal value) => packed.Add(values.Pack(value, 0));

    /// <summary>
    /// Adds <paramref name="amount"/> into the value at <paramref name="i"/> when decimal addition is exact (no rounding, no
    /// overflow: the sum's scale is then the larger of the two) and returns <see langword="true"/>; otherwise leaves it and
    /// returns <see langword="false"/>. Two narrow non-negative values are added as integers, without decimal arithmetic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAddExact(int i, decimal amount)
    {
        ref long slot = ref packed[i];
        if (PackedDecimals.TryPackNarrow(amount, out long b) && PackedDecimals.TryAddNarrow(slot, b, out long sum))
        {
            slot = sum;
            return true;
        }

        return TryAddExactSlow(ref slot, amount);
    }

    /// <summary>Makes room for <paramref name="needed"/> values in all.</summary>
    public void EnsureCapacity(int needed) => packed.EnsureCapacity(needed);

    private bool TryAddExactSlow(ref long slot, decimal amount)
    {
        decimal a = values.Unpack(slot), sum;
        try
        {
            sum = a + amount;
        }
        catch (OverflowException)
        {
            return false;
        }

        if (sum.Scale != Math.Max(a.Scale, amount.Scale))
        {
            return false;
        }

        slot = values.Pack(sum, slot);
        return true;
    }
}
