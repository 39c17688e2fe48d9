using CxMetrics.Experiments;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Cli.Sample;

/// <summary>
/// The design and as-of instant of the bundled synthetic retention-offer experiment
/// (<c>samples/shop/assignments.csv</c> and <c>outcomes.csv</c>; no open experiment data exists), read by
/// <c>cxmetrics experiment</c> without a folder. The files were generated deterministically: lapsing
/// customers of three segments randomised 40/20/20/20 into control, 10% off, 15% off and free shipping, outcome =
/// an order within 30 days. True effects differ by segment (free shipping works for new customers, 15% off for
/// returning ones, nothing much for VIPs), and the last assignments are still inside their window at the as-of date.
/// </summary>
internal static class ExperimentSample
{
    public static readonly Instant AsOf = Instant.FromUtc(2025, 12, 31, 0, 0);

    public static ExperimentDesign Design { get; } = new()
    {
        ControlArm = "control",
        PlannedSplit = new Dictionary<string, double> { ["control"] = 0.4, ["10% off"] = 0.2, ["15% off"] = 0.2, ["free shipping"] = 0.2 },
        OutcomeWindow = Duration.FromDays(30),
        Adjustment = MultipleComparisonMethod.Holm,
        PlannedSampleSizePerArm = 2000,
    };
}
