using FsCheck;
using FsCheck.Fluent;

namespace CxMetrics.Charts.Tests;

public class ChartCanvasTests
{
    /// <summary>Whether <paramref name="step"/> is 1, 2 or 5 × 10^k.</summary>
    internal static bool IsReadableStep(double step)
    {
        double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        return new[] { 1.0, 2.0, 5.0 }.Any(m => Math.Abs(mantissa - m) < 1e-6);
    }

    [FsCheck.Xunit.Property]
    public Property Ticks_step_by_one_two_or_five_times_a_power_of_ten_and_cover_the_range() =>
        Prop.ForAll(
            Gen.Choose(1, 1_000_000).Select(n => n / 1000.0).ToArbitrary(),
            Gen.Choose(3, 12).ToArbitrary(),
            (max, most) =>
            {
                double[] ticks = ChartCanvas.NiceTicks(max, most);
                double step = ticks[1] - ticks[0];
                return ticks[0] == 0
                    && IsReadableStep(step)
                    && ticks.Length - 1 <= most
                    && ticks[^1] <= max * (1 + 1e-9)
                    && ticks[^1] + step > max
                    && ticks.Zip(ticks.Skip(1)).All(p => Math.Abs(p.Second - p.First - step) < step * 1e-6);
            });

    [Fact]
    public void Worked_tick_steps()
    {
        Assert.Equal([0, 10, 20, 30], ChartCanvas.NiceTicks(35, 4));
        Assert.Equal([0, 200, 400, 600, 800, 1000], ChartCanvas.NiceTicks(1000, 6));
        Assert.Equal(0.5, ChartCanvas.NiceStep(2.2, 5));
    }
}
