using CxMetrics.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Internal;

public class CompactDecimalColumnTests
{
    private static readonly Gen<decimal> AnyDecimal =
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        from mid in Gen.Elements(0, 1, 0x01FF_FFFF, 0x0200_0000, int.MaxValue, -1)
        from hi in Gen.Elements(0, 0, 0, 1, -1)
        from negative in Gen.Elements(false, true)
        from scale in Gen.Choose(0, 28)
        select new decimal(lo, mid, hi, negative, (byte)scale);

    [Property(MaxTest = 300)]
    public Property Values_come_back_with_their_scale_and_sign() =>
        Prop.ForAll(AnyDecimal.ArrayOf().Zip(AnyDecimal.ArrayOf()).ToArbitrary(), x =>
        {
            var column = new CompactDecimalColumn();
            foreach (decimal d in x.Item1)
            {
                column.Add(d);
            }

            // Overwrite a prefix with other values (a wide slot may become narrow and back).
            var expected = (decimal[])x.Item1.Clone();
            for (int i = 0; i < Math.Min(expected.Length, x.Item2.Length); i++)
            {
                column[i] = x.Item2[i];
                expected[i] = x.Item2[i];
            }

            return column.Count == expected.Length
                && expected.Select((d, i) => decimal.GetBits(d).SequenceEqual(decimal.GetBits(column[i]))).All(b => b);
        });

    [Fact]
    public void Negative_zero_and_the_extremes_round_trip()
    {
        var column = new CompactDecimalColumn();
        decimal[] values = [new decimal(0, 0, 0, true, 2), decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 144115188075855871m, 144115188075855872m];
        foreach (decimal d in values)
        {
            column.Add(d);
        }

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(decimal.GetBits(values[i]), decimal.GetBits(column[i]));
        }
    }

    [Property(MaxTest = 500)]
    public Property An_exact_add_is_decimal_addition_when_that_is_exact_and_refused_otherwise() =>
        Prop.ForAll(AnyDecimal.Two().ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var column = new CompactDecimalColumn();
            column.Add(a);
            decimal? exact;
            try
            {
                decimal sum = a + b;
                exact = sum.Scale == Math.Max(a.Scale, b.Scale) ? sum : null;
            }
            catch (OverflowException)
            {
                exact = null;
            }

            bool added = column.TryAddExact(0, b);
            return added == exact.HasValue
                && decimal.GetBits(column[0]).SequenceEqual(decimal.GetBits(exact ?? a));
        });
}
