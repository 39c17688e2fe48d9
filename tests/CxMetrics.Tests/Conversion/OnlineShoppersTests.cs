using CxMetrics.Conversion;
using NodaTime;

namespace CxMetrics.Tests.Conversion;

/// <summary>Conversion on the real UCI online shoppers sessions bundled in samples/online-shoppers (CC BY 4.0).</summary>
public class OnlineShoppersTests
{
    private static readonly Lazy<Session[]> Sessions = new(Load);

    [Fact]
    public void Overall_session_conversion_is_1908_of_12330()
    {
        var result = ConversionRate.Of(Sessions.Value, ConversionUnit.Session);
        Assert.Equal((1908L, 12330L), (result.Rate.Successes, result.Rate.Count));
        Assert.Equal(0.1547, result.Rate.Value!.Value, 0.00005);
        Assert.True(result.Rate.Interval!.Value.Contains(0.1547));
    }

    [Fact]
    public void Visitor_types_match_the_data_set_description_and_differ_significantly()
    {
        var cells = ConversionRate.By(Sessions.Value, s => s.VisitorType, ConversionUnit.Session);
        Assert.Equal(["New_Visitor", "Other", "Returning_Visitor"], cells.Select(c => c.Key));
        Assert.Equal([1694L, 85, 10551], cells.Select(c => c.Count));
        Assert.False(cells[1].IsSmallCell);
        var cmp = ConversionRate.Compare(cells[0].Result, cells[2].Result);
        Assert.True(cmp.IsSignificantAt(0.001));
        Assert.True(cmp.Difference > 0.1);
    }

    private static Session[] Load()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "online-shoppers", "sessions.csv"));
        var header = lines[0].Split(',');
        int visitor = Array.IndexOf(header, "VisitorType"), revenue = Array.IndexOf(header, "Revenue");
        return [.. lines.Skip(1).Select((line, i) =>
        {
            var f = line.Split(',');
            return new Session($"s{i}", Instant.FromUtc(2000, 1, 1, 0, 0), f[revenue] == "TRUE") { VisitorType = f[visitor] };
        })];
    }
}
