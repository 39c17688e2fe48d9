using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>funnel [PATH]</c>: cart abandonment and the checkout funnel from cart events (steps without any event in the file
/// are left out), with the data-quality counts, by segment key and by period; a folder's <c>sessions.csv</c> adds the
/// conversion per session. Without PATH: the bundled OTTO sessions (add to cart → purchase).
/// </summary>
internal static class FunnelCommand
{
    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        var data = new ShopData();
        ReportDocument doc;
        RecordStream<CartEvent> events;
        RecordStream<Session>? sessions = null;
        if (path is null)
        {
            doc = new ReportDocument("funnel", $"bundled OTTO sample (samples/otto, CC BY 4.0): sessions split into visits at {OttoSample.VisitGap.TotalMinutes:0}-minute gaps; unit session");
            events = RecordStream<CartEvent>.InMemory(OttoSample.Load().Events);
            s = s with { AsOf = s.AsOf ?? OttoSample.AsOf, Family = s.Family with { Unit = AnalysisUnit.Session } };
        }
        else
        {
            string file = ShopData.Require(path, ShopData.CartEventsFile);
            doc = new ReportDocument("funnel", ShopData.SourceName(file));
            events = data.CartEventStream(file, s);
            if (Directory.Exists(path) && ShopData.Resolve(path, ShopData.SessionsFile) is { } sessionFile)
            {
                sessions = data.Sessions(sessionFile, s);
            }
        }

        Tables(doc, events, s);
        if (sessions is not null)
        {
            var perSession = new ConversionTally(ConversionUnit.Session);
            sessions.ForEach(perSession.Add);
            var rate = ConversionRate.From(perSession, new ConversionOptions { ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize });
            doc.Results["conversion"] = rate;
            doc.Tables.Insert(0, new ReportTable("Sessions → purchase (sessions.csv)", "metric", "rate", Format.Level(s.ConfidenceLevel), "sessions")
                .Row("conversion per session", new ShareCell(rate.Rate.Value, 2), Cells.Interval(rate.Rate.Interval, share: true, decimals: 2), Format.Count(rate.Rate.Count)));
        }

        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    public static void Tables(ReportDocument doc, IReadOnlyList<CartEvent> events, CliSettings s) => Tables(doc, RecordStream<CartEvent>.InMemory(events), s);

    /// <summary>
    /// The funnel tables from one pass over the events: each goes into the <see cref="CartTally"/> (per-unit journeys) as it
    /// is read, with the latest instant (the default as-of) and the kinds present; the events are never listed.
    /// </summary>
    public static void Tables(ReportDocument doc, RecordStream<CartEvent> events, CliSettings s)
    {
        var tally = new CartTally();
        var latest = Instant.MinValue;
        bool any = false;
        var present = new HashSet<CartEventKind>();
        events.ForEach(e =>
        {
            tally.Add(e);
            any = true;
            latest = Instant.Max(latest, e.At);
            present.Add(e.Kind);
        });
        var asOf = AsOfRule.Resolve(s.AsOf, any ? latest : null);
        var steps = FunnelStep.Defaults.Where((step, i) => i == 0 || i == FunnelStep.Defaults.Count - 1 || step.Kinds.Any(present.Contains)).ToList();
        var defaults = CartOptions.Default;
        var options = new CartOptions
        {
            Unit = s.Family.Unit,
            InactivityTimeout = s.Family.Timeout ?? defaults.InactivityTimeout,
            ConfidenceLevel = s.ConfidenceLevel,
            MinimumCellSize = s.MinimumCellSize,
            Steps = steps,
        };
        string level = Format.Level(s.ConfidenceLevel);
        string unit = options.Unit.ToString().ToLowerInvariant();
        var abandonment = Abandonment.From(tally, asOf, options: options);
        var funnel = Funnel.From(tally, asOf, options);
        doc.Results["abandonment"] = abandonment;
        doc.Results["funnel"] = funnel;

        string timeout = options.InactivityTimeout.TotalMinutes.ToString("#,##0.#", CultureInfo.InvariantCulture);
        var headline = new ReportTable($"Cart abandonment (unit {unit}, as of {asOf}, time-out {timeout} min)", "metric", "rate", level, "abandoned", "purchased", "pending");
        headline.Row("cart abandonment", new ShareCell(abandonment.Rate.Value), Cells.Interval(abandonment.Rate.Interval, share: true),
            Format.Count(abandonment.Abandoned), Format.Count(abandonment.Purchased), Format.Count(abandonment.Pending));
        headline.Row("funnel overall abandonment", new ShareCell(funnel.OverallAbandonment), Cells.Interval(funnel.Overall?.Interval, share: true),
            Format.Count(funnel.Entered - funnel.Completed - funnel.Pending), Format.Count(funnel.Completed), Format.Count(funnel.Pending));
        headline.Note = "cart abandonment: 1 − purchases / decided units, Wilson interval; funnel: 1 − Π step completions (interval only for a closed funnel with nothing pending); units still inside the time-out are pending, not abandoned";
        doc.Tables.Add(headline);

        var table = new ReportTable($"{funnel.Mode} funnel by {unit}".ToLowerInvariant(), "step", "reached", "continued", "abandoned", "pending", "completion", level, "median min to next");
        foreach (var step in funnel.Steps)
        {
            table.Row(step.Name, Format.Count(step.Reached), Format.Count(step.Continued), Format.Count(step.Abandoned), Format.Count(step.Pending),
                new ShareCell(step.Completion.Value), Cells.Interval(step.Completion.Interval, share: true), new NumberCell(step.SecondsToNext.Median / 60));
        }

        table.Note = steps.Count < FunnelStep.Defaults.Count ? "checkout steps without any event in the data are left out of the funnel" : null;
        doc.Tables.Add(table);

        var anomalies = abandonment.Anomalies!;
        var quality = new ReportTable("Cart data quality (nothing dropped: each is counted and treated as documented)", "anomaly", "count", "treatment");
        quality.Row("duplicate events", Format.Count(anomalies.DuplicateEvents), "ignored (same unit, kind, time, item)");
        quality.Row("out-of-order arrivals", Format.Count(anomalies.OutOfOrderArrivals), "reordered by time");
        quality.Row("events after as-of", Format.Count(anomalies.EventsAfterAsOf), "ignored for this snapshot");
        quality.Row("purchases without cart", Format.Count(anomalies.PurchasesWithoutCart), "kept out of the rates");
        quality.Row("units without cart activity", Format.Count(anomalies.UnitsWithoutCartActivity), "kept out of the rates");
        quality.Row("steps out of sequence", Format.Count(funnel.StepsOutOfSequence), "kept out of step times");
        doc.Tables.Add(quality);
        CartEffortTables.Add(doc, tally, asOf, options);

        if (s.Segment is { } key)
        {
            Func<CartOutcome, string?> select = key switch
            {
                "channel" => o => o.Channel,
                "device" => o => o.Device,
                "segment" => o => o.Segment,
                _ => throw new UsageException($"segment key '{key}' is not one of channel, device, segment for cart events."),
            };
            var byKey = new ReportTable($"Cart abandonment by {key}", key, "rate", level, "abandoned", "purchased", "pending", "flag");
            foreach (var cell in Abandonment.By(tally, select, asOf, options: options))
            {
                var r = cell.Result;
                byKey.Row(cell.Key ?? "(none)", new ShareCell(r.Rate.Value), Cells.Interval(r.Rate.Interval, share: true), Format.Count(r.Abandoned), Format.Count(r.Purchased), Format.Count(r.Pending), Format.Flag(cell.IsSmallCell));
            }

            doc.Tables.Add(byKey);
        }

        var byPeriod = new ReportTable($"Cart abandonment by {s.Period.ToString().ToLowerInvariant()} of first cart activity", "period", "rate", level, "decided", "pending", "change (pp)", "p", "flag");
        foreach (var cell in Abandonment.ByPeriod(tally, asOf, s.Grid, options: options))
        {
            var r = cell.Result;
            byPeriod.Row(cell.Period.ToString(), new ShareCell(r.Rate.Value), Cells.Interval(r.Rate.Interval, share: true), Format.Count(r.Purchased + r.Abandoned), Format.Count(r.Pending),
                new NumberCell(cell.ChangeFromPrevious?.Difference * 100, ShowSign: true), new PValueCell(cell.ChangeFromPrevious?.PValue), Format.Flag(cell.IsSmallCell));
        }

        doc.Tables.Add(byPeriod);
    }
}
