using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>churn [PATH]</c>: customer churn per period with the chosen denominator and same-period policy, and the MRR movements
/// with revenue churn (gross / net MRR churn, GRR, NRR), from subscription events; or, from orders, inactivity churn with a
/// required window. Without PATH: the bundled synthetic subscription events.
/// </summary>
internal static class ChurnCommand
{
    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        var data = new ShopData();
        ReportDocument doc;
        if (path is null)
        {
            s = s with { Zone = s.Zone ?? SubscriptionSample.Zone, AsOf = s.AsOf ?? SubscriptionSample.AsOf };
            doc = new ReportDocument("churn", $"bundled sample (synthetic subscription events, seed {SubscriptionSample.Seed}, samples/subscriptions)");
            Subscriptions(doc, data.Subscriptions(SubscriptionSample.Path, s), s);
        }
        else
        {
            string file = ShopData.Resolve(path, ShopData.SubscriptionsFile) ?? ShopData.Resolve(path, ShopData.OrdersFile)
                ?? throw new FileNotFoundException($"'{path}' has neither {ShopData.SubscriptionsFile} nor {ShopData.OrdersFile}.");
            doc = new ReportDocument("churn", ShopData.SourceName(file));
            if (IsSubscriptionFile(file, s))
            {
                Subscriptions(doc, data.Subscriptions(file, s), s);
            }
            else
            {
                if (s.Family.Window is null)
                {
                    throw new UsageException("churn on orders needs --window, the inactivity after which a customer counts as churned (e.g. --window 90d); there is no neutral default.");
                }

                Orders(doc, data.OrderInputOf(file, s, keyed: s.Segment is not null), s);
            }
        }

        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    /// <summary>A file is read as subscription events when its header names the subscription id column.</summary>
    public static bool IsSubscriptionFile(string file, CliSettings s) =>
        MappedRead.HeaderOf(file, FileKind.Subscriptions, s)?.Contains(s.Input.SubscriptionIdHeader()) ?? false;

    /// <summary>
    /// Customer churn and the MRR movements per period from a subscription tally (the events folded as they were read,
    /// <see cref="ShopData.Subscriptions"/>), replayed once by <see cref="SubscriptionHistory.From"/>; the default as-of is
    /// <see cref="AsOfRule"/> of the tally's latest event.
    /// </summary>
    public static void Subscriptions(ReportDocument doc, SubscriptionTally events, CliSettings s)
    {
        if (s.Segment is not null)
        {
            throw new UsageException($"segment key '{s.Segment}' is not available for subscription events (they carry no segment); churn by segment needs orders.");
        }

        var history = s.Progress.Run("replaying subscription events", _ => SubscriptionHistory.From(events));
        var zone = s.PeriodZone;
        var asOf = AsOfRule.Resolve(s.AsOf, events.Latest);
        var options = new ChurnOptions { Denominator = s.Family.Denominator, SamePeriod = s.Family.SamePeriod, ConfidenceLevel = s.ConfidenceLevel };
        var grid = s.Grid;
        string level = Format.Level(s.ConfidenceLevel);
        string period = s.Period.ToString().ToLowerInvariant();
        var churn = new ReportTable($"Customer churn by {period} ({Denominator(options.Denominator)}; same-period joiners {(options.SamePeriod == SamePeriodChurnPolicy.Exclude ? "excluded" : "included")})",
            "period", "churn", level, "churned", "start", "new", "end", "joined & churned", "denominator");
        var mrr = new ReportTable($"MRR movements by {period} ({history.Currency ?? "no currency"})",
            "period", "starting MRR", "new", "expansion", "contraction", "churned", "reactivation", "ending MRR", "gross MRR churn", "net MRR churn", "GRR", "NRR");
        var churnResults = new List<ChurnResult>();
        var revenueResults = new List<RevenueChurnResult>();
        int pending = 0;
        if (events.Earliest is { } earliest)
        {
            // Judged: every period from the first event's to the last one over by as-of; the one running at as-of is pending.
            // The series come from the library, which refuses a range of more than 10,000 periods (one outlying date).
            var first = grid.Containing(earliest);
            var current = grid.Containing(asOf);
            var running = current.ToInterval(zone);
            bool started = !running.HasStart || running.Start < asOf;
            if (current >= first && started)
            {
                pending = 1;
            }

            if (current > first)
            {
                var last = current.Previous();
                var cells = CustomerChurn.ByPeriod(history, grid, first, last, options);
                var revenue = RevenueChurn.ByPeriod(history, grid, first, last);
                for (int i = 0; i < cells.Count; i++)
                {
                    var (p, c, r) = (cells[i].Period, cells[i].Result, revenue[i].Result);
                    churnResults.Add(c);
                    revenueResults.Add(r);
                    churn.Row(p.ToString(), new ShareCell(c.Rate, 2), Cells.Interval(c.Interval, share: true, decimals: 2), Format.Count(c.ChurnedCustomers), Format.Count(c.StartCustomers),
                        Format.Count(c.NewCustomers), Format.Count(c.EndCustomers), Format.Count(c.JoinedAndChurned), new NumberCell(c.DenominatorValue, 1, Trim: true));
                    mrr.Row(p.ToString(), Money(r.StartingMrr), Money(r.NewMrr), Money(r.ExpansionMrr), Money(-r.ContractionMrr), Money(-r.ChurnedMrr), Money(r.ReactivationMrr), Money(r.EndingMrr),
                        new ShareCell(r.GrossMrrChurnRate, 2), new ShareCell(r.NetMrrChurnRate, 2), new ShareCell(r.GrossRevenueRetention), new ShareCell(r.NetRevenueRetention));
                }
            }
        }

        var summary = new ReportTable("Subscription events", "customers", "subscriptions", "events", "MRR movements", "currency", "as of", "periods judged");
        summary.Row(Format.Count(history.CustomerCount), Format.Count(history.SubscriptionCount), Format.Count(events.EventCount), Format.Count(history.Ledger.Count), history.Currency ?? Format.None,
            asOf.InZone(zone).ToString("uuuu-MM-dd HH:mm o<g>", System.Globalization.CultureInfo.InvariantCulture), Format.Count(churnResults.Count));
        summary.Note = pending > 0
            ? $"the {period} containing the as-of instant is not over yet: it is left out (pending), never reported as a partial rate"
            : null;
        churn.Note = "pauses and skipped cycles are not churn; a customer is a customer while any subscription is live (ChartMogul / Stripe / Recurly definitions in docs/metrics/retention.md)";
        mrr.Note = "customer-level MRR movements (ChartMogul); gross MRR churn = (churned + contraction) / starting MRR, net = (churned + contraction − expansion − reactivation) / starting MRR";
        doc.Tables.Add(summary);
        doc.Tables.Add(churn);
        doc.Tables.Add(mrr);
        doc.Results["churn"] = churnResults;
        doc.Results["revenueChurn"] = revenueResults;
        Dashboard(doc, history, revenueResults, s, asOf);
    }

    /// <summary>
    /// The subscription dashboard (ChartMogul / Baremetrics): ARPA, quick ratio and net MRR churn per judged period, MRR and
    /// paying customers by plan (and by billing interval and segment when the events carry them) in the last judged period,
    /// the logo and MRR retention cohorts (<see cref="SubscriptionCohorts"/>), and trial-to-paid conversion when there are trials. Every number comes from the library's results.
    /// </summary>
    public static void Dashboard(ReportDocument doc, SubscriptionHistory history, IReadOnlyList<RevenueChurnResult> periods, CliSettings s, Instant asOf)
    {
        string period = s.Period.ToString().ToLowerInvariant();
        if (periods.Count > 0)
        {
            var trend = new ReportTable($"Subscription dashboard by {period} ({history.Currency ?? "no currency"})",
                "period", "ending MRR", "paying customers", "ARPA", "quick ratio", "net MRR churn");
            var grid = s.Grid;
            foreach (var r in periods)
            {
                trend.Row(grid.Containing(r.Period.Start).ToString(), Money(r.EndingMrr), Format.Count(r.EndingPayingCustomers), new MoneyCell(r.Arpa),
                    new NumberCell(r.QuickRatio, 2), new ShareCell(r.NetMrrChurnRate, 2));
            }

            trend.Note = "ARPA = ending MRR / paying customers; quick ratio = (new + expansion + reactivation) / (contraction + churned), — when nothing was lost (ChartMogul, Baremetrics)";
            doc.Tables.Add(trend);

            var last = periods[^1];
            var lastPeriod = grid.Containing(last.Period.Start);
            foreach (var (name, key) in new (string, Func<SubscriptionEvent, string?>)[] { ("plan", e => e.Plan), ("billing interval", e => e.BillingInterval), ("segment", e => e.Segment) })
            {
                var cells = RevenueChurn.By(history, key, last.Period, new RevenueChurnOptions { MinimumCellSize = s.MinimumCellSize });
                if (name != "plan" && cells.All(c => c.Key is null))
                {
                    continue;
                }

                var table = new ReportTable($"MRR by {name}, {lastPeriod}", name, "starting MRR", "ending MRR", "paying customers", "ARPA", "quick ratio", "net MRR churn", "flag");
                foreach (var c in cells)
                {
                    var r = c.Result;
                    table.Row(c.Key ?? "(none)", Money(r.StartingMrr), Money(r.EndingMrr), Format.Count(r.EndingPayingCustomers), new MoneyCell(r.Arpa),
                        new NumberCell(r.QuickRatio, 2), new ShareCell(r.NetMrrChurnRate, 2), Format.Flag(c.IsSmallCell));
                }

                table.Note = $"a subscription counts in the {name} of its last start or plan change; moving between them is churn or contraction in one and new or expansion in the other; a customer in two counts in both";
                doc.Tables.Add(table);
                doc.Results["mrrBy" + char.ToUpperInvariant(name[0]) + name[1..].Replace(" ", string.Empty, StringComparison.Ordinal)] = cells;
            }
        }

        // MRR and logo retention cohorts on the period grid (ChartMogul's cohort tables): rows by the period of first payment.
        var cohorts = SubscriptionCohorts.Of(history, asOf, s.Grid);
        if (cohorts.Cohorts.Count > 0)
        {
            doc.Add(cohorts.ToReport());
            doc.Results["subscriptionCohorts"] = cohorts;
        }

        var trials = TrialConversion.Of(history, asOf, new TrialConversionOptions { ConfidenceLevel = s.ConfidenceLevel });
        if (trials.Trials > 0)
        {
            string level = Format.Level(s.ConfidenceLevel);
            var table = new ReportTable($"Trial-to-paid conversion (as of {asOf})", "plan", "conversion", level, "converted", "expired", "pending", "flag");
            table.Row("all", new ShareCell(trials.Rate.Value), Cells.Interval(trials.Rate.Interval, share: true), Format.Count(trials.Converted), Format.Count(trials.Expired), Format.Count(trials.Pending), Format.Flag(trials.Rate.Count < s.MinimumCellSize));
            foreach (var c in TrialConversion.By(history, e => e.Plan, asOf, new TrialConversionOptions { ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize }))
            {
                var r = c.Result;
                table.Row(c.Key ?? "(none)", new ShareCell(r.Rate.Value), Cells.Interval(r.Rate.Interval, share: true), Format.Count(r.Converted), Format.Count(r.Expired), Format.Count(r.Pending), Format.Flag(c.IsSmallCell));
            }

            table.Note = "converted / (converted + expired) with a Wilson interval; trials still running are pending, not lost";
            doc.Tables.Add(table);
            doc.Results["trialConversion"] = trials;
        }
    }

    public static void Orders(ReportDocument doc, RecordStream<Order> orders, CliSettings s) => Orders(doc, OrderInput.Of(orders), s);

    /// <summary>
    /// Inactivity churn from orders folded as they are read into <see cref="InactivityChurnTally"/> (one for all orders, one
    /// per key): memory grows with customers and their returns after a lapse, not with orders. The trend judges the same
    /// tally at each period end.
    /// </summary>
    public static void Orders(ReportDocument doc, OrderInput orders, CliSettings s)
    {
        var (fold, _, tables) = OrdersFold(orders, s);
        orders.ForEach(fold);
        tables(doc);
    }

    /// <summary>
    /// The inactivity-churn fold of <see cref="Orders(ReportDocument, OrderInput, CliSettings)"/> without the read: what each
    /// order does, the tally of all orders (which survival on orders reads as well, <see cref="SurvivalCommand.FromOrders(string, InactivityChurnTally, CliSettings)"/>),
    /// and the tables to write once every order was pushed.
    /// </summary>
    public static (OrderFold Fold, InactivityChurnTally Tally, Action<ReportDocument> Tables) OrdersFold(OrderInput orders, CliSettings s)
    {
        var window = s.Family.Window ?? throw new UsageException("churn on orders needs --window (e.g. 90d).");
        Func<Order, string?>? select = s.Segment switch
        {
            null => null,
            "channel" => o => o.Channel,
            "segment" => o => o.Segment,
            var other => throw new UsageException($"segment key '{other}' is not one of channel, segment for orders."),
        };
        var tally = new InactivityChurnTally(window, s.AsOf);
        var byKey = new Dictionary<string, InactivityChurnTally>(StringComparer.Ordinal);
        InactivityChurnTally? noKey = null;
        Instant? earliest = null;
        // No key: each row goes into the tally by its customer id, made once per customer by the reader (no record per row).
        var ids = orders.Rows is null ? null : orders.CustomerIds;
        var fold = new OrderFold(r =>
        {
            tally.Add(ids![r.CustomerIndex], r.PlacedAt);
            earliest = earliest is { } e && e <= r.PlacedAt ? e : r.PlacedAt;
        }, o =>
        {
            tally.Add(o);
            earliest = earliest is { } e && e <= o.PlacedAt ? e : o.PlacedAt;
            if (select is not null)
            {
                string? k = select(o);
                InactivityChurnTally cell;
                if (k is null)
                {
                    cell = noKey ??= new InactivityChurnTally(window, s.AsOf);
                }
                else if (!byKey.TryGetValue(k, out cell!))
                {
                    cell = new InactivityChurnTally(window, s.AsOf);
                    byKey.Add(k, cell);
                }

                cell.Add(o);
            }
        });

        return (fold, tally, doc => OrdersTables(doc, s, window, tally, byKey, noKey, earliest));
    }

    private static void OrdersTables(ReportDocument doc, CliSettings s, Duration window, InactivityChurnTally tally, Dictionary<string, InactivityChurnTally> byKey, InactivityChurnTally? noKey, Instant? earliest)
    {
        var asOf = AsOfRule.Resolve(s.AsOf, tally.Latest);
        string level = Format.Level(s.ConfidenceLevel);
        string days = window.TotalDays.ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture) + " days";
        var result = InactivityChurn.From(tally, asOf, new RepeatPurchaseOptions { ConfidenceLevel = s.ConfidenceLevel });
        doc.Results["inactivityChurn"] = result;
        var headline = new ReportTable($"Inactivity churn: no order in the last {days} (as of {asOf})", "metric", "churn", level, "churned", "judged", "pending", "customers", "orders after as-of");
        headline.Row("inactivity churn", new ShareCell(result.Rate.Value), Cells.Interval(result.Rate.Interval, share: true), Format.Count(result.Churned), Format.Count(result.Rate.Count),
            Format.Count(result.Pending), Format.Count(result.Customers), Format.Count(result.OrdersAfterAsOf));
        headline.Note = "customers whose first order is younger than the window cannot be judged yet: pending, not counted as retained or churned";
        doc.Tables.Add(headline);

        if (s.Segment is { } key)
        {
            var table = new ReportTable($"Inactivity churn by {key}", key, "churn", level, "churned", "judged", "pending", "flag");
            var cells = byKey.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (Key: (string?)p.Key, Tally: p.Value)).ToList();
            if (noKey is not null)
            {
                cells.Insert(0, (null, noKey));
            }

            foreach (var (k, cell) in cells)
            {
                var r = InactivityChurn.From(cell, asOf, new RepeatPurchaseOptions { ConfidenceLevel = s.ConfidenceLevel });
                table.Row(k ?? "(none)", new ShareCell(r.Rate.Value), Cells.Interval(r.Rate.Interval, share: true), Format.Count(r.Churned), Format.Count(r.Rate.Count),
                    Format.Count(r.Pending), Format.Flag(r.Rate.Count < s.MinimumCellSize));
            }

            table.Note = "the key is read per order: a customer whose orders carry two keys is judged in each on that key's orders";
            doc.Tables.Add(table);
        }

        if (earliest is not { } firstOrder)
        {
            return;
        }

        var zone = s.PeriodZone;
        var trend = new ReportTable($"Inactivity churn at the end of each {s.Period.ToString().ToLowerInvariant()}", "period end", "churn", level, "churned", "judged", "pending");
        var last = s.Grid.Containing(asOf);
        var periods = new List<CalendarPeriod>();
        for (var p = s.Grid.Containing(firstOrder); p < last && periods.Count < 1000; p = p.Next())
        {
            periods.Add(p);
        }

        foreach (var p in periods.TakeLast(36))
        {
            var end = p.ToInterval(zone).End;
            var c = tally.CountsAt(end);
            var rate = Statistics.Proportion.FromCounts(c.Churned, c.Judged, s.ConfidenceLevel);
            trend.Row(p.End.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new ShareCell(rate.Value), Cells.Interval(rate.Interval, share: true),
                Format.Count(c.Churned), Format.Count(rate.Count), Format.Count(c.Pending));
        }

        trend.Note = "each row judges the customers as of that period's end (later orders ignored); at most the last 36 periods";
        doc.Tables.Add(trend);
    }

    private static MoneyCell Money(decimal value) => new MoneyCell(value);

    private static string Denominator(ChurnDenominator d) => d switch
    {
        ChurnDenominator.StartOfPeriod => "churned / customers at start",
        ChurnDenominator.StartPlusNew => "churned / (start + new)",
        ChurnDenominator.SumOfDailyRates => "sum of daily churn rates",
        _ => "churn per customer-day at risk × days",
    };
}
