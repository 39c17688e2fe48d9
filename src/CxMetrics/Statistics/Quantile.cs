namespace CxMetrics.Statistics;

/// <summary>Exact sample quantiles (percentiles and the median) of a sample of doubles.</summary>
public static class Quantile
{
    /// <summary>
    /// The <paramref name="p"/>-quantile of <paramref name="sorted"/>, which must be sorted ascending and free of NaN.
    /// With <c>h</c> the method's plotting position (1-based), the result is
    /// <c>x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋)</c>, clamped to the sample's range (Hyndman &amp; Fan 1996).
    /// </summary>
    /// <param name="sorted">The sample, sorted ascending.</param>
    /// <param name="p">The probability in [0, 1] (0.5 = median, 0.9 = 90th percentile).</param>
    /// <param name="method">The estimation method; default <see cref="QuantileMethod.Linear"/> (R type 7, NumPy default).</param>
    /// <returns>The quantile, or <see langword="null"/> for an empty sample.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or the method is unknown.</exception>
    public static double? OfSorted(ReadOnlySpan<double> sorted, double p, QuantileMethod method = QuantileMethod.Linear)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"quantile probability {p} must be between 0 and 1.");
        }

        int n = sorted.Length;
        if (n == 0)
        {
            return null;
        }

        if (method == QuantileMethod.InvertedCdf)
        {
            int k = Math.Max(1, (int)Math.Ceiling((n * p) - 1e-12));
            return sorted[Math.Min(k, n) - 1];
        }

        double h = method switch
        {
            QuantileMethod.Linear => ((n - 1) * p) + 1,
            QuantileMethod.Weibull => (n + 1) * p,
            QuantileMethod.MedianUnbiased => ((n + (1.0 / 3)) * p) + (1.0 / 3),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"unknown quantile method {method}."),
        };

        if (h <= 1)
        {
            return sorted[0];
        }

        if (h >= n)
        {
            return sorted[n - 1];
        }

        int lower = (int)Math.Floor(h);
        double fraction = h - lower;
        double a = sorted[lower - 1], b = sorted[lower];
        return fraction == 0 || a == b ? a : Between(a, b, fraction);
    }

    /// <summary>
    /// <c>a + f·(b − a)</c> for a ≤ b and 0 &lt; f &lt; 1, kept within [a, b]: when <c>b − a</c> overflows (a and b of
    /// opposite sign near ±double.MaxValue, or an infinite end) the weighted form <c>(1 − f)·a + f·b</c>, which cannot.
    /// </summary>
    private static double Between(double a, double b, double fraction)
    {
        double width = b - a;
        double value = double.IsFinite(width) ? a + (fraction * width) : ((1 - fraction) * a) + (fraction * b);
        return Math.Clamp(value, a, b);
    }

    /// <summary>The <paramref name="p"/>-quantile of an unsorted sample (copied and sorted; the input is not changed).</summary>
    /// <param name="sample">The sample; NaN is rejected.</param>
    /// <param name="p">The probability in [0, 1].</param>
    /// <param name="method">The estimation method.</param>
    /// <returns>The quantile, or <see langword="null"/> for an empty sample.</returns>
    /// <exception cref="ArgumentException">The sample contains NaN.</exception>
    public static double? Of(ReadOnlySpan<double> sample, double p, QuantileMethod method = QuantileMethod.Linear)
    {
        var copy = sample.ToArray();
        SortChecked(copy, nameof(sample));
        return OfSorted(copy, p, method);
    }

    /// <summary>The median (type 7: the middle value, or the mean of the two middle values).</summary>
    /// <param name="sample">The sample.</param>
    /// <returns>The median, or <see langword="null"/> for an empty sample.</returns>
    public static double? Median(ReadOnlySpan<double> sample) => Of(sample, 0.5);

    /// <summary>Sorts in place after checking for NaN, which has no place in an ordering.</summary>
    /// <param name="values">The values to sort.</param>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    public static void SortChecked(Span<double> values) => SortChecked(values, nameof(values));

    /// <summary>Sorts in place after checking for NaN; the error names <paramref name="paramName"/>, the caller's parameter.</summary>
    internal static void SortChecked(Span<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new ArgumentException($"value at position {i} is NaN; quantiles need ordered numbers.", paramName);
            }
        }

        values.Sort();
    }
}
