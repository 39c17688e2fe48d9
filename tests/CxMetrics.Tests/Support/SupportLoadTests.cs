using CxMetrics.Support;

namespace CxMetrics.Tests.Support;

public class SupportLoadTests
{
    [Fact]
    public void Thirty_tickets_over_1200_active_user_hours_is_25_per_1000_hours()
    {
        var load = SupportLoad.PerThousandActiveUserHours(30, 1200);
        Assert.Equal(25, load.Value!.Value, 12);
        Assert.Equal(16.87, load.Interval!.Value.Lower, 2);
        Assert.Equal(35.69, load.Interval!.Value.Upper, 2);
        Assert.Equal("25.00 per 1000 (95% CI [16.87, 35.69]; 30 events in 1200)", load.ToString());
    }

    [Fact]
    public void Per_active_user_scales_by_users()
    {
        var load = SupportLoad.PerActiveUser(30, 600, per: 100);
        Assert.Equal(5, load.Value!.Value, 12);
        Assert.Throws<ArgumentOutOfRangeException>("exposure", () => SupportLoad.PerActiveUser(1, 0));
    }
}
