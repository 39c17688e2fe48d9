namespace CxMetrics.Charts;

/// <summary>
/// The colour-blind-safe qualitative palette of the charts: Okabe &amp; Ito, "Color Universal Design" (2008,
/// https://jfly.uni-koeln.de/color/), distinguishable under protanopia, deuteranopia and tritanopia.
/// </summary>
public static class Palette
{
    /// <summary>The series colours in the order they are used (blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow), as <c>#RRGGBB</c>.</summary>
    public static IReadOnlyList<string> Series { get; } = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"];

    /// <summary>Cells and marks that have no value yet (not-yet-observable cohort cells, empty charts): light grey.</summary>
    public const string Unobservable = "#E4E4E4";

    /// <summary>Text and axes: near-black.</summary>
    public const string Ink = "#222222";

    /// <summary>The colour of series <paramref name="index"/> (cycling through <see cref="Series"/>).</summary>
    /// <param name="index">The series index, ≥ 0.</param>
    /// <returns>The colour as <c>#RRGGBB</c>.</returns>
    public static string SeriesColor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Series[index % Series.Count];
    }

    /// <summary>
    /// The sequential colour of a share in [0, 1] on the viridis scale (van der Walt &amp; Smith, matplotlib 2015:
    /// perceptually uniform and readable in grey scale and by colour-blind readers), from dark purple (0) to yellow (1).
    /// </summary>
    /// <param name="fraction">Position on the scale; clamped to [0, 1].</param>
    /// <returns>The colour as <c>#RRGGBB</c>.</returns>
    public static string Sequential(double fraction)
    {
        double f = double.IsNaN(fraction) ? 0 : Math.Clamp(fraction, 0, 1);
        double position = f * (Viridis.Length - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, Viridis.Length - 1);
        double w = position - lo;
        int Channel(int shift) => (int)Math.Round(((Viridis[lo] >> shift) & 0xFF) * (1 - w) + ((Viridis[hi] >> shift) & 0xFF) * w);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{Channel(16):X2}{Channel(8):X2}{Channel(0):X2}");
    }

    /// <summary>Whether text on <paramref name="background"/> should be white (dark background) rather than ink.</summary>
    internal static bool NeedsLightText(string background)
    {
        int rgb = Convert.ToInt32(background[1..], 16);
        double r = ((rgb >> 16) & 0xFF) / 255.0, g = ((rgb >> 8) & 0xFF) / 255.0, b = (rgb & 0xFF) / 255.0;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45;
    }

    // Viridis at 9 evenly spaced stops (matplotlib's _viridis_data at 0, 1/8, …, 1).
    private static readonly int[] Viridis =
    [
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725,
    ];
}
