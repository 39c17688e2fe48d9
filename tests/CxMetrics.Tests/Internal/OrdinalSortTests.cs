using CxMetrics.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Internal;

public class OrdinalSortTests
{
    /// <summary>Distinct ids from a small alphabet (so prefixes collide) with U+0000, a lone surrogate and a high unit, of 0 to 9 units.</summary>
    private static Arbitrary<string[]> Ids { get; } =
        Gen.Choose(0, 9).SelectMany(length => Gen.Elements('a', 'b', '\0', '\uD800', '\uFFFF', 'c').ArrayOf(length))
            .Select(units => new string(units))
            .ArrayOf()
            .Select(ids => ids.Distinct(StringComparer.Ordinal).ToArray())
            .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Distinct_ids_come_out_in_the_order_of_the_ordinal_sort_with_their_items() => Prop.ForAll(Ids, Gen.Choose(0, 3).ToArbitrary(), (ids, copies) =>
    {
        // Repeat the set with suffixes so that more than the small-input cut-off is sorted by keys.
        var many = Enumerable.Range(0, copies * 40).SelectMany(k => ids.Select(id => id + (k == 0 ? string.Empty : "\u0001" + k))).Concat(ids).Distinct(StringComparer.Ordinal).ToArray();
        var expected = (string[])many.Clone();
        var expectedItems = Enumerable.Range(0, many.Length).ToArray();
        Array.Sort(expected, expectedItems, StringComparer.Ordinal);
        var items = Enumerable.Range(0, many.Length).ToArray();
        OrdinalSort.Sort(many, items);
        return many.SequenceEqual(expected, StringComparer.Ordinal) && items.SequenceEqual(expectedItems);
    });

    [Fact]
    public void An_id_that_ends_sorts_before_longer_ids_with_its_start_and_nul_units_are_compared_in_full()
    {
        string[] ids = [.. Enumerable.Range(0, 100).Select(i => $"c{i:D3}"), "c0", "c\0", "c", "c\0\0\0\0x", "c\0\0\0\0", "\uFFFFz", "\uD800"];
        var expected = (string[])ids.Clone();
        var expectedItems = Enumerable.Range(0, ids.Length).ToArray();
        Array.Sort(expected, expectedItems, StringComparer.Ordinal);
        var items = Enumerable.Range(0, ids.Length).ToArray();
        OrdinalSort.Sort(ids, items);
        Assert.Equal(expected, ids);
        Assert.Equal(expectedItems, items);
        Assert.Equal(["c", "c\0", "c\0\0\0\0", "c\0\0\0\0x", "c0", "c000"], ids[..6]);
    }
}
