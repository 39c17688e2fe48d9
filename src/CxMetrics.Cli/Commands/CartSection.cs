using System.Globalization;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Commerce;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The cart section of <c>report</c>: abandonment and the add-to-cart → order funnel of the bundled OTTO visits
/// (real otto.de events, CC BY 4.0), with the anomalies found, and the effort to buy.
/// </summary>
internal static class CartSection
{
    internal static string Render(ReportSettings settings)
    {
        var data = OttoSample.Load();
        var options = new CartOptions
        {
            Unit = AnalysisUnit.Session,
            InactivityTimeout = OttoSample.VisitGap,
            ConfidenceLevel = settings.ConfidenceLevel,
            MinimumCellSize = settings.MinimumCellSize,
            Steps =
            [
                new FunnelStep("add to cart", CartEventKind.Created, CartEventKind.ItemAdded),
                new FunnelStep("purchase", CartEventKind.Purchase),
            ],
        };
        string level = (settings.ConfidenceLevel * 100).ToString("#,##0.##", CultureInfo.InvariantCulture) + "% CI";
        var tally = CartTally.Of(data.Events);
        var asOf = OttoSample.AsOf;
        var abandonment = Abandonment.From(tally, asOf, options: options);
        var funnel = Funnel.From(tally, asOf, options);
        var effort = EffortToBuy.From(tally, asOf, options);
        var anomalies = abandonment.Anomalies!;

        string header = string.Create(
            CultureInfo.InvariantCulture,
            $"Cart abandonment — OTTO sample (samples/otto, CC BY 4.0): {data.Sessions:N0} sessions split into {data.Visits:N0} visits at {OttoSample.VisitGap.TotalMinutes:0}-minute gaps; unit: session (= visit); as of {asOf}; time-out {options.InactivityTimeout.TotalMinutes:0} min; {data.Clicks:N0} clicks are not cart events (read, not used)\n");

        var headline = new TextTable("Cart abandonment", "metric", "rate %", level, "abandoned", "purchased", "pending", "definition");
        headline.Row("cart abandonment", Format.Number(abandonment.Rate.Value * 100), Format.Interval(abandonment.Rate.Interval, 100),
            Format.Count(abandonment.Abandoned), Format.Count(abandonment.Purchased), Format.Count(abandonment.Pending), "1 − purchases / decided carts, Wilson CI");

        var steps = new TextTable($"{funnel.Mode} funnel by {funnel.Unit.ToString().ToLowerInvariant()}".ToLowerInvariant(), "step", "reached", "continued", "abandoned", "pending", "completion %", level, "median min to next");
        foreach (var s in funnel.Steps)
        {
            steps.Row(s.Name, Format.Count(s.Reached), Format.Count(s.Continued), Format.Count(s.Abandoned), Format.Count(s.Pending),
                Format.Number(s.Completion.Value * 100), Format.Interval(s.Completion.Interval, 100), Minutes(s.SecondsToNext.Median));
        }

        steps.Row("overall abandonment", Format.Count(funnel.Entered), Format.Count(funnel.Completed), string.Empty, Format.Count(funnel.Pending),
            Format.Number(funnel.OverallAbandonment * 100), Format.Interval(funnel.Overall?.Interval, 100), string.Empty);

        var quality = new TextTable("Cart data quality (nothing dropped: each is counted and treated as documented)", "anomaly", "count", "treatment");
        quality.Row("duplicate events", Format.Count(anomalies.DuplicateEvents), "ignored (same visit, kind, time, article)");
        quality.Row("out-of-order arrivals", Format.Count(anomalies.OutOfOrderArrivals), "reordered by time");
        quality.Row("events after as-of", Format.Count(anomalies.EventsAfterAsOf), "ignored for this snapshot");
        quality.Row("purchases without cart", Format.Count(anomalies.PurchasesWithoutCart), "kept out of the rates");
        quality.Row("units without cart activity", Format.Count(anomalies.UnitsWithoutCartActivity), "kept out of the rates");
        quality.Row("steps out of sequence", Format.Count(funnel.StepsOutOfSequence), "kept out of step times");

        var effortTable = new TextTable("Effort to buy (first add-to-cart to order)", "measure", "median", "P25", "P75", "P90", "n");
        effortTable.Row("cart events", Format.Number(effort.Events.Median), Format.Number(effort.Events.P25), Format.Number(effort.Events.P75), Format.Number(effort.Events.P90), Format.Count(effort.Purchases));
        effortTable.Row("minutes", Minutes(effort.Seconds.Median), Minutes(effort.Seconds.P25), Minutes(effort.Seconds.P75), Minutes(effort.Seconds.P90), Format.Count(effort.Purchases));

        return string.Join('\n', header, headline.ToString(), steps.ToString(), quality.ToString(), effortTable.ToString());
    }

    private static string Minutes(double? seconds) => Format.Number(seconds / 60, "0.0");
}
