using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>cohorts [PATH]</c>: the cohort retention matrix of orders (cohort = period of the first order in --zone; offsets by
/// calendar period or by an elapsed --window), unbounded and revenue retention, and pooled retention by segment. Without
/// PATH: the bundled CDNOW sample.
/// </summary>
internal static class CohortsCommand
{
    /// <summary>Offsets shown in the matrix tables (the JSON result has them all).</summary>
    private const int ShownOffsets = 12;

    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        var data = new ShopData();
        var (source, orders) = data.OrdersOrCdnow(path, s, keyed: s.Segment is not null);
        if (path is null)
        {
            s = s with { AsOf = s.AsOf ?? Instant.FromUtc(1998, 7, 1, 0, 0) };
        }

        var doc = new ReportDocument("cohorts", source);

        Tables(doc, orders, s);
        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    public static void Tables(ReportDocument doc, RecordStream<Order> orders, CliSettings s) => Tables(doc, OrderInput.Of(orders), s);

    /// <summary>
    /// The cohort tables from one pass over the orders: each order goes into the cohort accumulator (and, with --segment,
    /// its key's accumulator), and the latest order instant (the default as-of) is tracked on the way.
    /// </summary>
    public static void Tables(ReportDocument doc, OrderInput orders, CliSettings s)
    {
        var (fold, tables) = Fold(orders, s);
        orders.ForEach(fold);
        tables(doc);
    }

    /// <summary>
    /// The cohort fold of <see cref="Tables(ReportDocument, OrderInput, CliSettings)"/> without the read: what each order
    /// does, and the tables to write once every order was pushed (so that <c>report DIR</c> feeds it from its one read).
    /// With <paramref name="charts"/> (the HTML report) the tally of all orders is handed to the charts as well.
    /// </summary>
    public static (OrderFold Fold, Action<ReportDocument> Tables) Fold(OrderInput orders, CliSettings s, OrderCharts? charts = null)
    {
        Func<Order, string?>? select = s.Segment switch
        {
            null => null,
            "channel" => o => o.Channel,
            "segment" => o => o.Segment,
            var unknown => throw new UsageException($"segment key '{unknown}' is not one of channel, segment for orders."),
        };
        var options = new CohortOptions { ElapsedWindow = s.Family.Window, ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize };

        // Calendar windows: the accumulators keep one row per customer and period (orders after --as-of are counted, not
        // kept); an elapsed window needs every order's instant.
        Func<CohortTally> create = options.ElapsedWindow is null ? () => new CohortTally(s.Grid, s.AsOf) : () => new CohortTally();
        var all = create();
        if (charts is not null)
        {
            charts.Cohorts = all;
        }

        var byKey = new Dictionary<string, CohortTally>(StringComparer.Ordinal);
        CohortTally? noKey = null;
        var latest = Instant.MinValue;
        bool any = false;
        // No key: each row goes into the one accumulator by its dense customer index (no record per row), a reader's batch at a time.
        var ids = orders.Rows is null ? null : orders.CustomerIds;
        var fold = new OrderFold(r =>
        {
            all.Add(ids!, r.CustomerIndex, r.PlacedAt, r.Amount, orders.Currency);
            any = true;
            latest = Instant.Max(latest, r.PlacedAt);
        }, o =>
        {
            all.Add(o);
            any = true;
            latest = Instant.Max(latest, o.PlacedAt);
            if (select is not null)
            {
                string? k = select(o);
                CohortTally? cell;
                if (k is null)
                {
                    cell = noKey ??= create();
                }
                else if (!byKey.TryGetValue(k, out cell))
                {
                    cell = create();
                    byKey.Add(k, cell);
                }

                cell.Add(o);
            }
        }, b =>
        {
            all.AddRange(ids!, b.CustomerIndexes, b.PlacedAt, b.Amounts, orders.Currency);
            any = true;
            latest = Instant.Max(latest, OrderFold.Latest(b));
        });

        return (fold, doc => Write(doc, s, options, all, byKey, noKey, AsOfRule.Resolve(s.AsOf, any ? latest : null)));
    }

    private static void Write(ReportDocument doc, CliSettings s, CohortOptions options, CohortTally all, Dictionary<string, CohortTally> byKey, CohortTally? noKey, Instant asOf)
    {
        var matrix = s.Progress.Run("building the cohort matrix", _ => Cohorts.From(all, asOf, s.Grid, options));
        doc.Results["cohorts"] = matrix;
        string offsetName = s.Family.Window is { } w ? $"{w.TotalDays.ToString("#,##0.##", CultureInfo.InvariantCulture)}-day window" : s.Period.ToString().ToLowerInvariant();
        int shown = Math.Min(matrix.Columns - 1, ShownOffsets);
        var offsets = Enumerable.Range(1, Math.Max(shown, 0)).ToArray();

        var grid = new ReportTable($"Cohort retention: % of the cohort ordering in {offsetName} +k (cohort = {s.Period.ToString().ToLowerInvariant()} of first order, {matrix.Zone}, as of {asOf})",
            ["cohort", "customers", .. offsets.Select(k => "+" + k.ToString(CultureInfo.InvariantCulture))]);
        var other = new ReportTable("Unbounded retention (ordering in +k or later) and revenue retention (revenue in +k / revenue in +0)",
            "cohort", "customers", "+1 or later", "+3 or later", "+6 or later", "+12 or later", "revenue +1", "revenue +3", "revenue +12");
        for (int r = 0; r < matrix.Cohorts.Count; r++)
        {
            string name = matrix.Cohorts[r].ToString();
            grid.Row([name, Format.Count(matrix.Sizes[r]), .. offsets.Select(k => Pct(matrix.Retention(r, k)))]);
            other.Row(name, Format.Count(matrix.Sizes[r]), Pct(Unbounded(matrix, r, 1)), Pct(Unbounded(matrix, r, 3)), Pct(Unbounded(matrix, r, 6)), Pct(Unbounded(matrix, r, 12)),
                Pct(Revenue(matrix, r, 1)), Pct(Revenue(matrix, r, 3)), Pct(Revenue(matrix, r, 12)));
        }

        grid.Note = string.Create(CultureInfo.InvariantCulture, $"— = not observable yet at the as-of instant (censored), never 0%; {(matrix.Columns - 1 > shown ? $"offsets beyond +{shown} are in the JSON result; " : string.Empty)}{matrix.OrdersAfterAsOf:N0} orders after the as-of instant ignored; revenue in {matrix.Currency ?? "—"}");
        doc.Tables.Add(grid);
        doc.Tables.Add(other);

        if (s.Segment is { } key)
        {
            var cells = byKey.Select(c => new KeyValuePair<string?, CohortTally>(c.Key, c.Value));
            if (noKey is not null)
            {
                cells = cells.Append(new(null, noKey));
            }

            var table = new ReportTable($"Pooled cohort retention by {key} (customers ordering in +k over customers of cohorts that reached +k)", key, "customers", "cohorts", "+1", "+3", "+6", "+12", "flag");
            foreach (var cell in Cohorts.By(cells, asOf, s.Grid, options))
            {
                var m = cell.Result;
                table.Row(cell.Key ?? "(none)", Format.Count(cell.Count), Format.Count(m.Cohorts.Count), Pct(m.PooledRetention(1)), Pct(m.PooledRetention(3)), Pct(m.PooledRetention(6)), Pct(m.PooledRetention(12)), Format.Flag(cell.IsSmallCell));
            }

            doc.Tables.Add(table);
        }
    }

    private static double? Unbounded(CohortMatrix m, int r, int k) => k < m.Columns ? m.UnboundedRetention(r, k) : null;

    private static double? Revenue(CohortMatrix m, int r, int k) => k < m.Columns ? m.RevenueRetention(r, k) : null;

    private static ShareCell Pct(double? share) => new ShareCell(share);
}
