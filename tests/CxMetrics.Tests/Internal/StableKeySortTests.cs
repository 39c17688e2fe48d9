using CxMetrics.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Internal;

public class StableKeySortTests
{
    [Property(MaxTest = 300)]
    public Property A_range_comes_out_as_the_stable_sort_by_key_and_the_rest_is_untouched() => Prop.ForAll(
        Gen.Choose(-5, 5).Select(k => k / 2.0).ArrayOf().ToArbitrary(),
        Gen.Choose(0, 40).ToArbitrary(),
        Gen.Choose(0, 40).ToArbitrary(),
        (keys, before, after) =>
        {
            // Few distinct keys (many ties) inside padding on both sides, lengths across the
            // insertion-sort runs (16) and several merge widths.
            double[] all = [.. Enumerable.Repeat(9.0, before), .. keys, .. Enumerable.Repeat(-9.0, after)];
            int[] items = [.. Enumerable.Range(0, all.Length)];
            var expected = Enumerable.Range(before, keys.Length).OrderBy(i => all[i]).ToArray();
            StableKeySort.Sort(all, items, before, keys.Length);
            bool range = items.Skip(before).Take(keys.Length).SequenceEqual(expected)
                && Enumerable.Range(0, keys.Length).All(j => all[before + j].Equals(keys[expected[j] - before]));
            bool padding = Enumerable.Range(0, before).All(i => items[i] == i && all[i] == 9)
                && Enumerable.Range(before + keys.Length, after).All(i => items[i] == i && all[i] == -9);
            return range && padding;
        });

    [Fact]
    public void Many_rows_sort_like_a_stable_sort()
    {
        var random = new Random(7);
        double[] keys = [.. Enumerable.Range(0, 5_000).Select(_ => (double)random.Next(100))];
        var expected = Enumerable.Range(0, keys.Length).OrderBy(i => keys[i]).ToArray();
        int[] items = [.. Enumerable.Range(0, keys.Length)];
        StableKeySort.Sort(keys, items, 0, keys.Length);
        Assert.Equal(expected, items);
        Assert.True(keys.Zip(keys.Skip(1)).All(p => p.First <= p.Second));
    }
}
