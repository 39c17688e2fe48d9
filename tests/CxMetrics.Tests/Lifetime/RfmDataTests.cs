using CxMetrics.Lifetime;

namespace CxMetrics.Tests.Lifetime;

public class RfmDataTests
{
    [Fact]
    public void Compress_groups_identical_rows_and_keeps_the_total_weight()
    {
        var data = RfmData.Create([0, 0, 2, 2, 2], [0, 0, 3, 3, 4], [10, 10, 10, 10, 10]);
        var c = data.Compress();
        Assert.Equal(3, c.Count);
        Assert.Equal(5, c.TotalWeight);
        Assert.Equal([2.0, 2.0, 1.0], c.Weight.ToArray());
    }

    [Theory]
    [InlineData(-1, 0, 1, "frequency")]
    [InlineData(1.5, 0.5, 1, "frequency")]
    [InlineData(1, 2, 1, "recency")]
    [InlineData(0, 0.5, 1, "recency")]
    [InlineData(0, 0, -1, "age")]
    public void Invalid_rows_are_rejected_naming_the_column_and_row(double x, double tx, double t, string column)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(column, () => RfmData.Create([0, x], [0, tx], [1, t]));
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_of_different_length_are_rejected()
    {
        Assert.Throws<ArgumentException>("recency", () => RfmData.Create([0, 1], [0], [1, 1]));
    }
}
