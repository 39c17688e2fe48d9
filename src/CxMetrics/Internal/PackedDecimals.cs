using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxMetrics.Internal;

/// <summary>
/// Decimals in 8 bytes each instead of 16: a value whose mantissa is below 2⁵⁷ (every money amount up to 10¹⁷ at its
/// scale) is packed with its sign and scale into one non-negative <see cref="long"/> (<em>narrow</em>); a larger one is
/// kept in a side list and the long (negative) holds its position. Values come back exactly — mantissa, scale and sign
/// (−0 included). The storage of <see cref="CompactDecimalColumn"/> and of the tallies' rows that carry an amount.
/// </summary>
internal sealed class PackedDecimals
{
    private const int ScaleShift = 58;
    private const long SignBit = 1L << 57;
    private const ulong MantissaLimit = 1UL << 57;
    private const long MantissaMask = (long)MantissaLimit - 1;
    private readonly List<decimal> wide = [];

    /// <summary>The narrow form of <paramref name="value"/> when its mantissa is below 2⁵⁷.</summary>
    /// <remarks>Reads the value's fields in the layout of the OLE <c>DECIMAL</c> that <see cref="decimal"/> is blittable to
    /// (flags with sign and scale, high 32 bits, low 64 bits of the mantissa): no copy through <c>decimal.GetBits</c>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPackNarrow(decimal value, out long packed)
    {
        ref readonly var bits = ref Unsafe.As<decimal, DecimalLayout>(ref Unsafe.AsRef(in value));
        if (bits.Hi32 == 0 && bits.Lo64 < MantissaLimit)
        {
            packed = (long)bits.Lo64 | (bits.Flags < 0 ? SignBit : 0) | ((long)((bits.Flags >> 16) & 0xFF) << ScaleShift);
            return true;
        }

        packed = 0;
        return false;
    }

    /// <summary>
    /// The exact sum of two narrow non-negative values as decimal addition gives it (the larger scale, the smaller-scale
    /// mantissa scaled up), when it is narrow; <see langword="false"/> for anything else (wide, signed — −0 included — or a
    /// sum of 2⁵⁷ or more at that scale), which the caller adds as decimals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAddNarrow(long a, long b, out long sum)
    {
        // Non-negative narrow values have neither the top bit (wide) nor the sign bit set.
        if (((a | b) & (long.MinValue | SignBit)) == 0)
        {
            long scaleA = a >> ScaleShift, scaleB = b >> ScaleShift;
            ulong ma = (ulong)(a & MantissaMask), mb = (ulong)(b & MantissaMask);
            if (scaleA == scaleB)
            {
                ulong m = ma + mb;
                if (m < MantissaLimit)
                {
                    sum = (long)m | (scaleA << ScaleShift);
                    return true;
                }
            }
            else
            {
                return TryAddRescaled(ma, scaleA, mb, scaleB, out sum);
            }
        }

        sum = 0;
        return false;
    }

    /// <summary>The value of a narrow or wide slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public decimal Unpack(long packed)
    {
        if (packed < 0)
        {
            return wide[(int)(packed & int.MaxValue)];
        }

        ulong mantissa = (ulong)packed & (MantissaLimit - 1);
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, (packed & SignBit) != 0, (byte)(packed >> ScaleShift));
    }

    /// <summary>Packs <paramref name="value"/>; <paramref name="previous"/> is the slot's old content (0 for a new slot), whose side-list entry is reused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Pack(decimal value, long previous) => TryPackNarrow(value, out long packed) ? packed : PackWide(value, previous);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long PackWide(decimal value, long previous)
    {
        if (previous < 0)
        {
            wide[(int)(previous & int.MaxValue)] = value;
            return previous;
        }

        wide.Add(value);
        return long.MinValue | (long)(wide.Count - 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryAddRescaled(ulong ma, long scaleA, ulong mb, long scaleB, out long sum)
    {
        // Decimal addition brings the smaller scale up to the larger one (exactly, as the mantissas are far below 2⁹⁶) and adds.
        if (scaleA < scaleB)
        {
            (ma, mb) = (mb, ma);
            (scaleA, scaleB) = (scaleB, scaleA);
        }

        ulong factor = Pow10((int)(scaleA - scaleB));
        ulong high = Math.BigMul(mb, factor, out ulong scaled);
        if (high == 0 && scaled < MantissaLimit && ma + scaled < MantissaLimit)
        {
            sum = (long)(ma + scaled) | (scaleA << ScaleShift);
            return true;
        }

        sum = 0;
        return false;
    }

    private static ulong Pow10(int power) => power <= 19 ? PowersOf10[power] : ulong.MaxValue; // beyond 10¹⁹ every non-zero product overflows

    private static readonly ulong[] PowersOf10 = [.. Enumerable.Range(0, 20).Select(p => Enumerable.Repeat(10UL, p).Aggregate(1UL, (x, ten) => x * ten))];

    /// <summary>The memory layout of <see cref="decimal"/> (that of the OLE <c>DECIMAL</c> it marshals to as is).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct DecimalLayout
    {
        public readonly int Flags;
        public readonly uint Hi32;
        public readonly ulong Lo64;
    }
}
