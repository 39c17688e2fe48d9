using System.Globalization;

namespace CxMetrics.Statistics;

/// <summary>
/// A two-sided confidence interval <c>[Lower, Upper]</c> at a confidence <see cref="Level"/> (0.95 for 95%).
/// </summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound (never below <paramref name="Lower"/>).</param>
/// <param name="Level">The confidence level, strictly between 0 and 1.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>The width <c>Upper − Lower</c>.</summary>
    public double Width => Upper - Lower;

    /// <summary>Whether <paramref name="value"/> lies inside the interval, bounds included.</summary>
    /// <param name="value">The value to test.</param>
    /// <returns><see langword="true"/> when <c>Lower ≤ value ≤ Upper</c>.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>Formats as <c>95% CI [0.2553, 0.3662]</c>.</summary>
    /// <returns>The interval as text.</returns>
    public override string ToString() => ToString("G4");

    /// <summary>Formats the bounds with a numeric format string, e.g. <c>"F1"</c>.</summary>
    /// <param name="format">A standard or custom numeric format for the bounds.</param>
    /// <returns>The interval as text.</returns>
    public string ToString(string format) =>
        string.Create(CultureInfo.InvariantCulture, $"{Level * 100:0.##}% CI [{Lower.ToString(format, CultureInfo.InvariantCulture)}, {Upper.ToString(format, CultureInfo.InvariantCulture)}]");
}
