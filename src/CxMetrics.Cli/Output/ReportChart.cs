namespace CxMetrics.Cli.Output;

/// <summary>A chart of the HTML report: a heading, the inline SVG, one sentence on how to read it, and its source.</summary>
/// <param name="Title">The section heading.</param>
/// <param name="Svg">The chart (a standalone SVG document from CxMetrics.Charts).</param>
/// <param name="HowToRead">One or two sentences that tell a reader what they are looking at.</param>
/// <param name="Source">Where the data came from.</param>
internal sealed record ReportChart(string Title, string Svg, string HowToRead, string Source);
