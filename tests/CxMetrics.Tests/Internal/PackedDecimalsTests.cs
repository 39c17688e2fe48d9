using CxMetrics.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Internal;

public class PackedDecimalsTests
{
    // Mantissas around every boundary the packing and the integer sum care about (2³², 2⁵⁷, 2⁶⁴, 2⁹⁶), small ones most.
    private static readonly Gen<decimal> Amount =
        from size in Gen.Elements(0, 0, 1, 2, 3)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in size switch
        {
            0 => Gen.Constant(0),
            1 => Gen.Elements(0, 1, 0x00FF_FFFF),
            2 => Gen.Elements(0x01FF_FFFF, 0x0200_0000, 0x0100_0000),
            _ => Gen.Elements(int.MaxValue, -1, 0x7FFF),
        }
        from hi in size == 3 ? Gen.Elements(0, 1, -1) : Gen.Constant(0)
        from negative in Gen.Elements(false, false, false, true)
        from scale in Gen.Frequency((3, Gen.Choose(0, 4)), (1, Gen.Choose(0, 28)))
        select new decimal(size == 0 ? lo & 0x00FF_FFFF : lo, mid, hi, negative, (byte)scale);

    [Property(MaxTest = 2000)]
    public Property An_integer_sum_is_decimal_additions_sum_bit_for_bit() =>
        Prop.ForAll(Amount.Two().ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            if (!PackedDecimals.TryPackNarrow(a, out long pa) || !PackedDecimals.TryPackNarrow(b, out long pb))
            {
                return true.Label("not both narrow");
            }

            var values = new PackedDecimals();
            if (!PackedDecimals.TryAddNarrow(pa, pb, out long sum))
            {
                // Refused only when a sign bit is set, or the exact sum at the larger scale reaches 2⁵⁷.
                bool signed = decimal.IsNegative(a) || decimal.IsNegative(b);
                return (signed || !PackedDecimals.TryPackNarrow(a + b, out _) || (a + b).Scale != Math.Max(a.Scale, b.Scale)).Label("refused a narrow sum");
            }

            return decimal.GetBits(a + b).SequenceEqual(decimal.GetBits(values.Unpack(sum))).Label($"{a} + {b}");
        });

    [Property(MaxTest = 500)]
    public Property Packed_values_come_back_exactly() =>
        Prop.ForAll(Amount.ToArbitrary(), value =>
        {
            var values = new PackedDecimals();
            long packed = values.Pack(value, 0);
            return decimal.GetBits(value).SequenceEqual(decimal.GetBits(values.Unpack(packed)))
                && PackedDecimals.TryPackNarrow(value, out long narrow) == (packed >= 0)
                && (packed < 0 || narrow == packed);
        });

    [Fact]
    public void Sums_at_the_edges_of_the_narrow_form()
    {
        var values = new PackedDecimals();
        long Narrow(decimal d) => PackedDecimals.TryPackNarrow(d, out long p) ? p : throw new InvalidOperationException($"{d} is not narrow");
        decimal limit = (decimal)(1UL << 57);

        Assert.True(PackedDecimals.TryAddNarrow(Narrow(limit - 2), Narrow(1m), out long below));
        Assert.Equal(limit - 1, values.Unpack(below));
        Assert.False(PackedDecimals.TryAddNarrow(Narrow(limit - 1), Narrow(1m), out _)); // 2⁵⁷ is not narrow
        Assert.True(PackedDecimals.TryAddNarrow(Narrow(1.5m), Narrow(2.25m), out long rescaled));
        Assert.Equal(decimal.GetBits(3.75m), decimal.GetBits(values.Unpack(rescaled)));
        Assert.True(PackedDecimals.TryAddNarrow(Narrow(0m), Narrow(0.0000000000000000000000000001m), out long tiny)); // 0 at scale 0 brought to scale 28
        Assert.Equal(decimal.GetBits(0.0000000000000000000000000001m), decimal.GetBits(values.Unpack(tiny)));
        Assert.False(PackedDecimals.TryAddNarrow(Narrow(1m), Narrow(0.0000000000000000000000000001m), out _)); // 10²⁸ at scale 28 is wide
        Assert.False(PackedDecimals.TryAddNarrow(Narrow(new decimal(0, 0, 0, true, 2)), Narrow(1m), out _)); // −0 goes the decimal way
    }
}
