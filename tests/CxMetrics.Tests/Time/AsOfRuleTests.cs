using CxMetrics.Time;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Time;

public class AsOfRuleTests
{
    private static readonly Instant May = Instant.FromUtc(2025, 5, 31, 23, 0);

    [Fact]
    public void A_given_instant_wins_over_the_data()
    {
        var given = Instant.FromUtc(2025, 6, 30, 0, 0);
        Assert.Equal(given, AsOfRule.Resolve(given, May));
        Assert.Equal(given, AsOfRule.Resolve(given, null));
    }

    [Fact]
    public void Without_one_the_latest_event_is_the_instant_of_judgement_and_no_event_is_the_epoch()
    {
        Assert.Equal(May, AsOfRule.Resolve(null, May));
        Assert.Equal(May, AsOfRule.Default(AsOfRule.Latest([Instant.FromUtc(2025, 1, 1, 0, 0), May, Instant.FromUtc(2025, 3, 1, 0, 0)])));
        Assert.Null(AsOfRule.Latest([]));
        Assert.Equal(Instant.FromUnixTimeSeconds(0), AsOfRule.Resolve(null, AsOfRule.Latest([])));
    }

    [Property(MaxTest = 200)]
    public bool Latest_of_a_whole_is_the_later_of_its_parts_and_no_part_is_the_identity(long[] a, long[] b)
    {
        {
            Instant[] left = [.. a.Select(s => Instant.FromUnixTimeTicks(s % 10_000_000_000_000_000))];
            Instant[] right = [.. b.Select(s => Instant.FromUnixTimeTicks(s % 10_000_000_000_000_000))];
            var whole = AsOfRule.Latest([.. left, .. right]);
            return whole == AsOfRule.Later(AsOfRule.Latest(left), AsOfRule.Latest(right))
                && AsOfRule.Later(whole, null) == whole
                && (whole is not { } w || (left.All(i => i <= w) && right.All(i => i <= w)));
        }
    }
}
