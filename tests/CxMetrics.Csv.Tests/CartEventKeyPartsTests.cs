using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

public class CartEventKeyPartsTests
{
    private static readonly CartEventColumns TwoParts = new() { KeyParts = ["user", "session"] };

    private static List<string> Keys(IEnumerable<(string User, string Session)> rows)
    {
        string csv = "user,session,event,at\n" + string.Concat(rows.Select(r => $"{r.User},{r.Session},add_to_cart,2024-03-01T08:00:00Z\n"));
        return CartEventCsv.Read(new StringReader(csv), TwoParts).ToList().Select(e => e.Key).ToList();
    }

    [Fact]
    public void The_key_joins_the_parts_with_a_bar_and_escapes_bars_and_backslashes()
    {
        Assert.Equal(["u1|7", @"a\|b|c", @"a|b\|c", @"x\\|y"], Keys([("u1", "7"), ("a|b", "c"), ("a", "b|c"), (@"x\", "y")]));
    }

    [Fact]
    public void An_empty_part_rejects_the_row_and_fewer_than_two_parts_are_refused()
    {
        var records = CartEventCsv.Read(new StringReader("user,session,event,at\nu1,,add_to_cart,2024-03-01T08:00:00Z\n"), TwoParts);
        Assert.Empty(records.ToList());
        Assert.Equal("session", Assert.Single(records.Report.Rejections).Column);
        Assert.Throws<ArgumentException>("columns", () => CartEventCsv.Read(new StringReader("user,event,at\n"), new CartEventColumns { KeyParts = ["user"] }));
        Assert.Throws<ArgumentException>("columns", () => CartEventCsv.Read(new StringReader("user,event,at\n"), new CartEventColumns { KeyParts = ["user", "user"] }));
    }

    [Fact]
    public void SkipOtherEvents_counts_unknown_names_as_skipped_instead_of_rejected()
    {
        const string csv = "cart_id,event,at\nc1,page_view,2024-03-01T08:00:00Z\nc1,add_to_cart,2024-03-01T08:01:00Z\n";
        var strict = CartEventCsv.Read(new StringReader(csv));
        strict.ToList();
        var lenient = CartEventCsv.Read(new StringReader(csv), new CartEventColumns { SkipOtherEvents = true });
        Assert.Single(lenient.ToList());
        Assert.Equal((1L, 0L), (strict.Report.RowsRejected, strict.Report.RowsSkipped));
        Assert.Equal((0L, 1L), (lenient.Report.RowsRejected, lenient.Report.RowsSkipped));
    }

    /// <summary>Two rows get the same key exactly when their parts are the same: the escaping never merges two sessions.</summary>
    [Property(MaxTest = 200)]
    public Property Keys_are_equal_exactly_when_the_parts_are()
    {
        var part = Gen.Elements('a', '|', '\\', 'b').ArrayOf().Where(a => a.Length > 0 && a[0] != ' ').Select(a => new string(a));
        var pair = from u in part from s in part select (u, s);
        return Prop.ForAll(pair.ToArbitrary(), pair.ToArbitrary(), (x, y) =>
        {
            var keys = Keys([x, y]);
            return (keys[0] == keys[1]) == (x == y);
        });
    }
}
