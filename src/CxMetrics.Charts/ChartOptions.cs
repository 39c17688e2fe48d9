using CxMetrics.Reporting;

namespace CxMetrics.Charts;

/// <summary>Size and title of a chart. Defaults suit a report column (760 × 400 px).</summary>
/// <remarks>SVG output also carries a <c>viewBox</c>, so it scales to its container; the size fixes the aspect ratio
/// and the text size relative to the drawing.</remarks>
public sealed record ChartOptions
{
    /// <summary>The default options.</summary>
    public static ChartOptions Default { get; } = new();

    /// <summary>Width in pixels, 200–4000. Default 760.</summary>
    public int Width { get; init; } = 760;

    /// <summary>Height in pixels, 150–4000. Default 400.</summary>
    public int Height { get; init; } = 400;

    /// <summary>A title to use instead of the chart's own (which names the metric, the unit and the confidence level).</summary>
    public string? Title { get; init; }

    /// <summary>
    /// Small-cell privacy of the counts a chart prints (labels, legends, the number-at-risk row, descriptions): the same
    /// policy the report writers apply to tables; <see cref="SuppressionOptions.None"/> by default.
    /// </summary>
    public SuppressionOptions Suppression { get; init; } = SuppressionOptions.None;

    internal void Validate()
    {
        if (Width is < 200 or > 4000)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), Width, $"chart width {Width} px is outside 200–4000 px.");
        }

        if (Height is < 150 or > 4000)
        {
            throw new ArgumentOutOfRangeException(nameof(Height), Height, $"chart height {Height} px is outside 150–4000 px.");
        }
    }
}
