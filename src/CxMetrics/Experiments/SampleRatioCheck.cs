using CxMetrics.Statistics;

namespace CxMetrics.Experiments;

/// <summary>
/// The sample-ratio-mismatch (SRM) check: assignment counts per arm against the planned split by Pearson's chi-square.
/// A mismatch means the randomisation or the logging is broken, and no effect estimate can be trusted.
/// </summary>
/// <param name="Arms">The arms, in order.</param>
/// <param name="Observed">Customers assigned per arm.</param>
/// <param name="PlannedShares">Planned shares per arm (normalised).</param>
/// <param name="Test">The chi-square test.</param>
/// <param name="IsMismatch">Whether the p-value is below the design's threshold.</param>
public sealed record SampleRatioCheck(IReadOnlyList<string> Arms, IReadOnlyList<long> Observed, IReadOnlyList<double> PlannedShares, ChiSquareResult Test, bool IsMismatch);
