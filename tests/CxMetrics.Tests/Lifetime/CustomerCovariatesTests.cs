using CxMetrics.Lifetime;

namespace CxMetrics.Tests.Lifetime;

public class CustomerCovariatesTests
{
    [Fact]
    public void A_category_becomes_dummies_against_its_reference_level()
    {
        var table = CustomerCovariates.None(5).WithCategory("channel", ["web", "app", "store", "web", "app"], "web");
        Assert.Equal(["channel=app", "channel=store"], table.Names);
        Assert.Equal([0.0, 1, 0, 0, 1], table.Column(0).ToArray());
        Assert.Equal([0.0, 0, 1, 0, 0], table.Column(1).ToArray());
    }

    [Fact]
    public void Select_keeps_the_named_columns_in_the_order_given()
    {
        var table = CustomerCovariates.None(3).With("a", [1, 2, 3]).With("b", [4, 5, 6]);
        var b = table.Select("b");
        Assert.Equal(["b"], b.Names);
        Assert.Equal(5, b[1, 0]);
        Assert.Throws<ArgumentException>(() => table.Select("c"));
    }

    [Fact]
    public void Invalid_columns_are_rejected_with_the_row()
    {
        var table = CustomerCovariates.None(2);
        Assert.Throws<ArgumentException>(() => table.With("a", [1]));
        var error = Assert.Throws<ArgumentException>(() => table.With("a", [1, double.NaN]));
        Assert.Contains("row 1", error.Message);
        Assert.Throws<ArgumentException>(() => table.With("a", [1, 2]).With("a", [3, 4]));
        Assert.Throws<ArgumentException>(() => table.WithCategory("c", ["x", "y"], "z"));
    }
}
