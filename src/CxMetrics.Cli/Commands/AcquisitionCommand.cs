using System.Globalization;
using CxMetrics.Acquisition;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Time;
using CxMetrics.Charts;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>acquisition [DIR]</c>: are we converting the customers we acquire? Reads <c>signups.csv</c> (customer, acquired
/// instant, source, campaign), <c>orders.csv</c> and, when present, <c>acquisition_spend.csv</c> (source, period start,
/// amount) from DIR into one <see cref="AcquisitionTally"/> and prints <see cref="CustomerAcquisition.From"/>'s own tables
/// (by source, by cohort, time to first purchase), the Kaplan–Meier share bought by a few days per source, and the
/// per-period breakdown of <see cref="CustomerAcquisition.ByPeriod"/> with its change tests. Without DIR: the bundled CDNOW
/// orders with their synthetic sign-ups and spend (<c>samples/shop</c>).
/// </summary>
internal static class AcquisitionCommand
{
    public const string SignupsFile = "signups.csv";
    public const string SpendFile = "acquisition_spend.csv";

    /// <summary>The bundled folder's as-of: the day after the last CDNOW order, as the folder's orders are judged.</summary>
    public static readonly Instant BundledAsOf = Instant.FromUtc(1998, 7, 1, 0, 0);

    /// <summary>The days at which the Kaplan–Meier share that has bought is shown.</summary>
    private static readonly int[] Points = [7, 30, 90, 180, 365];

    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        string folder;
        string source;
        if (path is null)
        {
            folder = SampleFiles.Path(ToolCommands.BundledFolder);
            source = $"bundled CDNOW orders with synthetic sign-ups (samples/{ToolCommands.BundledFolder})";
            s = s with { AsOf = s.AsOf ?? BundledAsOf };
        }
        else
        {
            if (!Directory.Exists(path))
            {
                throw File.Exists(path)
                    ? new FileNotFoundException($"acquisition needs a folder holding {SignupsFile} and {ShopData.OrdersFile}; '{path}' is a file.")
                    : new DirectoryNotFoundException($"no such folder: '{path}'.");
            }

            folder = path;
            source = Path.GetFullPath(path);
        }

        string signups = ShopData.Require(folder, SignupsFile);
        string orders = ShopData.Require(folder, ShopData.OrdersFile);
        var doc = new ReportDocument("acquisition", source);
        Section(doc, signups, orders, ShopData.Resolve(folder, SpendFile), s);
        if (s.Format == OutputFormat.Html)
        {
            Chart(doc, s);
        }

        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    /// <summary>
    /// The acquisition tables of one folder's files (the command): one read of each file — sign-ups, orders, spend — into an
    /// <see cref="AcquisitionTally"/>, then the read-out at the given as-of (else the latest sign-up or order). The inputs'
    /// accounts are added to the document.
    /// </summary>
    public static AcquisitionResult Section(ReportDocument doc, string signupsFile, string ordersFile, string? spendFile, CliSettings s) =>
        Section(doc, signupsFile, new AcquiredOrders(), (data, orders) => data.OrderStream(ordersFile, s).ForEach(orders.Add), spendFile, s);

    /// <summary>
    /// The acquisition section of <c>report DIR</c>: the orders come from the report's one read of <c>orders.csv</c>
    /// (<paramref name="orders"/>, folded beside the other order families by <see cref="AcquiredOrders.Fold"/>), so only the
    /// sign-ups and the spend are read here.
    /// </summary>
    /// <exception cref="InvalidOperationException">The orders read did not finish (its section failed), or an order was refused by the tally.</exception>
    public static AcquisitionResult Section(ReportDocument doc, string signupsFile, AcquiredOrders orders, string? spendFile, CliSettings s) =>
        Section(doc, signupsFile, orders.Folded(), null, spendFile, s);

    private static AcquisitionResult Section(ReportDocument doc, string signupsFile, AcquiredOrders orders, Action<ShopData, AcquiredOrders>? readOrders, string? spendFile, CliSettings s)
    {
        string key = s.Segment ?? "source";
        if (key is not ("source" or "campaign"))
        {
            throw new UsageException($"segment key '{key}' is not one of source, campaign for acquisition.");
        }

        var grid = s.Grid;
        var data = new ShopData();
        var tally = orders.Tally;
        try
        {
            data.Records(MappedRead.Signups(signupsFile, s), s).ForEach(c =>
            {
                tally.Add(key == "source" ? c : new AcquiredCustomer(c.CustomerId, c.AcquiredAt, c.Campaign, c.Campaign));
                orders.Saw(c.AcquiredAt);
            });
            readOrders?.Invoke(data, orders);
            if (spendFile is not null)
            {
                data.Records(MappedRead.AcquisitionSpend(spendFile, grid, s), s).ForEach(tally.Add);
            }
        }
        finally
        {
            doc.Inputs.AddRange(data.Reports);
        }

        var latest = orders.Latest;
        var asOf = AsOfRule.Resolve(s.AsOf, latest);
        var options = new AcquisitionOptions { ConversionWindowDays = s.Family.Within, ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize };
        var result = s.Progress.Run("reading out acquisition", _ => CustomerAcquisition.From(tally, asOf, grid, options));
        doc.Results["acquisition"] = result;
        doc.Add(result.ToReport());
        doc.Tables.Add(BoughtBy(result, key));
        doc.Tables.Add(ByPeriod(CustomerAcquisition.ByPeriod(tally, asOf, grid, options), result, s));
        if (spendFile is null)
        {
            doc.Tables.Add(new ReportTable("Acquisition spend", "note").Row($"no {SpendFile}: CAC, cost per buyer and LTV:CAC need the spend per {key} and period"));
        }

        return result;
    }

    /// <summary>
    /// The HTML chart of the time to first purchase: one Kaplan–Meier curve per source of the document's acquisition result
    /// (the share of sign-ups that have not bought yet after t days); nothing when the document has no acquisition result.
    /// </summary>
    public static void Chart(ReportDocument doc, CliSettings s)
    {
        if (doc.Results.GetValueOrDefault("acquisition") is not AcquisitionResult result)
        {
            return;
        }

        if (result.TimeToFirstPurchase.Any(c => c.Count > 0))
        {
            doc.Charts.Add(new ReportChart(
                "Time to first purchase by source",
                result.TimeToFirstPurchase.ToSvg("days after sign-up", new Charts.ChartOptions { Suppression = s.Suppression, Width = ReportCharts.Width, Height = 460 }),
                $"each line is the share of a source's sign-ups that have not placed a first order t days after signing up, with its {Format.Level(s.ConfidenceLevel)} as a shaded band (Kaplan–Meier; sign-ups who have not bought by the as-of are followed until then, not counted as never buying). The drop by day {result.ConversionWindowDays} is the first-purchase share of the tables.",
                $"{SignupsFile} and {ShopData.OrdersFile}: {s.Suppression.Show(result.Total.Acquired)} sign-ups as of {result.AsOf}."));
        }
        else
        {
            doc.ChartNotes.Add($"Time to first purchase: no sign-up at or before the as-of instant, so there is no curve to draw.");
        }
    }

    /// <summary>1 − S(t) of each source's Kaplan–Meier curve of time to first purchase at a few days.</summary>
    private static ReportTable BoughtBy(AcquisitionResult result, string key)
    {
        string[] columns = [key, "customers", .. Points.Select(d => string.Create(CultureInfo.InvariantCulture, $"bought ≤ {d} d")), "flag"];
        var table = new ReportTable("Time to first purchase: share bought by day t (Kaplan–Meier 1 − S(t); no purchase yet = censored at the as-of)", columns);
        foreach (var cell in result.TimeToFirstPurchase)
        {
            var km = cell.Result;
            var row = new List<ReportCell> { cell.Key ?? $"(no {key})", Format.Count(km.Count) };
            row.AddRange(Points.Select(d => (ReportCell)new ShareCell(km.Count == 0 ? null : 1 - km.SurvivalAt(d))));
            row.Add(Format.Flag(cell.IsSmallCell));
            table.Row([.. row]);
        }

        table.Note = "A customer who has not bought is censored at the as-of, so recent sign-ups count only for the days they were observed; a share beyond the longest follow-up of a source repeats its last value.";
        return table;
    }

    /// <summary>Every period of sign-up (all sources): the first-purchase share, its change from the period before, revenue at the first horizon and the spend.</summary>
    private static ReportTable ByPeriod(IReadOnlyList<Breakdowns.PeriodCell<AcquisitionCohort, Statistics.ProportionComparison>> cells, AcquisitionResult result, CliSettings s)
    {
        int first = result.Total.Revenue.Count > 0 ? result.Total.Revenue[0].HorizonDays : 30;
        string k = result.ConversionWindowDays.ToString(CultureInfo.InvariantCulture);
        var table = new ReportTable($"Acquisition by {s.Period.ToString().ToLowerInvariant()} of sign-up (all sources; change from the period before)",
            "period", "acquired", "judged", $"first purchase ≤ {k} d", Format.Level(s.ConfidenceLevel), "change (pp)", "p", $"revenue/customer {first} d", "spend", "CAC", "flag");
        foreach (var cell in cells)
        {
            var line = cell.Result;
            table.Row(cell.Period.ToString(), Format.Count(line.Acquired), Format.Count(cell.Count), new ShareCell(line.FirstPurchase.Value),
                Cells.Interval(line.FirstPurchase.Interval, share: true), new NumberCell(cell.ChangeFromPrevious?.Difference * 100, ShowSign: true),
                new PValueCell(cell.ChangeFromPrevious?.PValue), new MoneyCell(line.RevenueAt(first)?.PerCustomer, result.Currency),
                new MoneyCell(line.Spend, result.Currency), new MoneyCell(line.CostPerAcquiredCustomer, result.Currency), Format.Flag(cell.IsSmallCell));
        }

        table.Note = $"judged = customers acquired at least {k} days before the as-of (the share's denominator); change = two-proportion z-test against the period before (Newcombe interval); revenue/customer {first} d only for periods that ended at least {first} days before the as-of.";
        return table;
    }
}
