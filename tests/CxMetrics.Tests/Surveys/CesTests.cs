using CxMetrics.Surveys;

namespace CxMetrics.Tests.Surveys;

public class CesTests
{
    [Fact]
    public void Default_is_CES_2_0_with_agree_5_to_7()
    {
        var r = Rating.Of([7, 6, 5, 4, 3, 2, 1, 7], CesScale.Agreement1To7);
        Assert.Equal(4, r.Favourable.Successes);
        Assert.Equal(50.0, r.Score!.Value, 10);
        Assert.Equal(35.0 / 8, r.Mean.Value!.Value, 12);
        Assert.Equal("agree", r.Scale.FavourableLabel);
    }

    [Fact]
    public void Old_five_point_effort_scale_needs_a_direction_and_counts_the_good_end()
    {
        var lowEffort = CesScale.OneToFive(ScaleDirection.LowerIsBetter);
        Assert.Equal((1, 2), (lowEffort.FavourableMin, lowEffort.FavourableMax));
        Assert.Equal(75.0, Rating.Of([1, 2, 2, 5], lowEffort).Score!.Value, 10);

        var easy = CesScale.OneToFive(ScaleDirection.HigherIsBetter);
        Assert.Equal(25.0, Rating.Of([1, 2, 2, 5], easy).Score!.Value, 10);
    }

    [Fact]
    public void Zero_to_ten_scale_in_both_directions()
    {
        Assert.Equal(50.0, Rating.Of([0, 10, 9, 5], CesScale.ZeroToTen(ScaleDirection.HigherIsBetter)).Score!.Value, 10);
        Assert.Equal(25.0, Rating.Of([0, 10, 9, 5], CesScale.ZeroToTen(ScaleDirection.LowerIsBetter)).Score!.Value, 10);
        Assert.Throws<ArgumentOutOfRangeException>("scores", () => Rating.Of([11], CesScale.ZeroToTen(ScaleDirection.LowerIsBetter)));
    }

    [Fact]
    public void Comparison_of_two_periods_uses_the_agree_shares()
    {
        var before = Rating.Of([7, 7, 1, 1], CesScale.Agreement1To7);
        var after = Rating.Of([7, 7, 7, 1], CesScale.Agreement1To7);
        var cmp = Rating.Compare(after, before);
        Assert.Equal(0.25, cmp.Difference!.Value, 12);
        Assert.False(cmp.IsSignificantAt(0.05));
    }
}
