using CxMetrics.Json;

namespace CxMetrics.Json.Tests;

/// <summary>Serialise → deserialise → serialise must give the same text, and the chosen key fields must survive.</summary>
internal static class RoundTrip
{
    public static bool Holds<T>(T value, params Func<T, object?>[] keys)
    {
        string first = CxMetricsJson.Serialize(value);
        var back = CxMetricsJson.Deserialize<T>(first);
        string second = CxMetricsJson.Serialize(back);
        Assert.Equal(first, second);
        Assert.DoesNotContain("NaN", first, StringComparison.Ordinal);
        foreach (var key in keys)
        {
            Assert.Equal(key(value), key(back));
        }

        return true;
    }
}
