using System.Globalization;
using CxMetrics.Breakdowns;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>survival [PATH]</c>: Kaplan–Meier curves by segment with their intervals, medians and restricted means, and the
/// log-rank test across segments. Lifetimes come from subscription events (each customer's first spell, from its start to
/// the cancel that ends it, censored at the as-of) or from orders with an inactivity window (<c>--window</c>: a spell ends
/// at last order + window when that is at or before the as-of; <see cref="CustomerSpells.Of"/>). Without PATH: the
/// bundled IBM Telco sample (tenure in months, churn flag) by contract.
/// </summary>
/// <remarks>
/// Every input becomes a <see cref="Lifetimes"/> value — one <see cref="KaplanMeierTally"/> per segment — and
/// <see cref="Tables"/> reads only that: a duration/event file reader (a <c>duration</c> + <c>event</c> file such as the Telco
/// export) plugs in by producing the same.
/// </remarks>
internal static class SurvivalCommand
{
    private static readonly double[] MonthPoints = [1, 3, 6, 12, 24, 36, 48, 60, 72];
    private static readonly double[] DayPoints = [7, 30, 90, 180, 365, 730, 1095];
    private static readonly double[] WeekPoints = [1, 4, 13, 26, 52, 104, 156];
    private static readonly double[] YearPoints = [1, 2, 3, 5, 10, 20];
    private static readonly double[] UnitPoints = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    /// <summary>The conventional name of a duration/event file in a folder.</summary>
    public const string SurvivalFile = "survival.csv";

    /// <summary>
    /// A file is a duration/event file when the command line says so (a <c>survival</c> section in the mapping file, or
    /// <c>--columns</c>, which maps duration/event files) or, without a map, when its header has <c>duration</c> and
    /// <c>event</c> columns. Otherwise it is read as subscription events or orders, as before.
    /// </summary>
    public static bool IsDurationFile(string file, CliSettings s)
    {
        var input = s.Input;
        if (input.Map.ContainsKey(FileKind.Survival) || (input.ColumnsFor.Contains(FileKind.Survival) && !input.Flags.Columns.IsEmpty))
        {
            return true;
        }

        var header = MappedRead.HeaderOf(file, FileKind.Survival, s);
        return header is not null && header.Contains("duration") && header.Contains("event");
    }

    /// <summary>
    /// A duration/event file (<see cref="Csv.SurvivalCsv"/>): one lifetime per row, in the file's own unit
    /// (<c>--duration-unit</c>), by the segment column <c>--segment</c> names (any header), or the map's <c>segment</c>.
    /// </summary>
    public static Lifetimes FromDurations(string file, ShopData data, CliSettings s)
    {
        if (s.Family.WindowGiven)
        {
            throw new UsageException("--window: a duration/event file already holds each lifetime; --window is for lifetimes from orders.");
        }

        var header = MappedRead.HeaderOf(file, FileKind.Survival, s);
        if (s.Segment is { } key && header is not null && !header.Contains(key))
        {
            throw new UsageException($"--segment: '{key}' is not a column of {ShopData.SourceName(file)} (a duration/event file is split by any of its columns: {string.Join(", ", header.Select(h => $"'{h}'"))}).");
        }

        if (s.Family.Strata is { } stratum && header is not null && !header.Contains(stratum))
        {
            throw new UsageException($"--strata: '{stratum}' is not a column of {ShopData.SourceName(file)} (its columns: {string.Join(", ", header.Select(h => $"'{h}'"))}).");
        }

        if (s.Family.Cox is { } cox && header is not null && cox.Columns.FirstOrDefault(c => !header.Contains(c)) is { } unknown)
        {
            throw new UsageException($"--cox: '{unknown}' is not a column of {ShopData.SourceName(file)} (its columns: {string.Join(", ", header.Select(h => $"'{h}'"))}).");
        }

        var records = MappedRead.Survival(file, s.Segment, s, s.Family.Strata, s.Family.Cox?.Columns);
        var coxRows = s.Family.Cox is null ? null : new CoxRows();
        var segment = s.Input.For(FileKind.Survival).Columns.Apply(new Csv.SurvivalColumns()).Segment;
        string? by = s.Segment ?? (segment is not null && header is not null && header.Contains(segment) ? segment : null);
        var tallies = new SortedDictionary<string, KaplanMeierTally>(StringComparer.Ordinal);
        var strata = s.Family.Strata is null ? null : new SortedDictionary<string, SortedDictionary<string, KaplanMeierTally>>(StringComparer.Ordinal);
        data.Records(records, s).ForEach(r =>
        {
            string key = by is null ? "all" : r.Segment ?? "(none)";
            Tally(tallies, key).Add(r.Observation);
            coxRows?.Add(r);
            if (strata is not null)
            {
                string cell = r.Stratum ?? "(none)";
                if (!strata.TryGetValue(cell, out var within))
                {
                    within = new SortedDictionary<string, KaplanMeierTally>(StringComparer.Ordinal);
                    strata.Add(cell, within);
                }

                Tally(within, key).Add(r.Observation);
            }
        });
        string unit = s.Family.DurationUnit ?? "units";
        string note = $"lifetime = the file's duration, event = the event column (no = censored at the duration){(s.Family.DurationUnit is null ? "; durations in the file's own unit (--duration-unit names it)" : string.Empty)}";
        return new Lifetimes(ShopData.SourceName(file), unit, by, tallies, note) { Strata = strata, CoxRows = coxRows };
    }

    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        var data = new ShopData();
        Lifetimes lifetimes;
        if (path is null)
        {
            RequireNoStrata(s, "the bundled Telco sample");
            lifetimes = Telco(s);
        }
        else
        {
            string file = ShopData.Resolve(path, SurvivalFile) ?? ShopData.Resolve(path, ShopData.SubscriptionsFile) ?? ShopData.Resolve(path, ShopData.OrdersFile)
                ?? throw new FileNotFoundException($"'{path}' has none of {SurvivalFile}, {ShopData.SubscriptionsFile}, {ShopData.OrdersFile}.");
            if (IsDurationFile(file, s))
            {
                lifetimes = FromDurations(file, data, s);
            }
            else if (ChurnCommand.IsSubscriptionFile(file, s))
            {
                RequireNoStrata(s, "subscription events");
                lifetimes = FromSubscriptions(Path.GetFullPath(file), data.Subscriptions(file, s), s);
            }
            else
            {
                if (s.Family.Window is null)
                {
                    throw new UsageException("survival on orders needs --window, the inactivity after which a customer counts as lost (e.g. --window 90d); there is no neutral default.");
                }

                RequireNoStrata(s, "orders");
                lifetimes = FromOrders(Path.GetFullPath(file), data.OrderInputOf(file, s, keyed: s.Segment is not null), s);
            }
        }

        var doc = new ReportDocument("survival", lifetimes.Source);
        Tables(doc, lifetimes, s);
        if (lifetimes.CoxRows is { } coxRows && s.Family.Cox is { } cox)
        {
            CoxSection.Add(doc, coxRows, cox, s.Family.Strata, lifetimes.Source, s.ConfidenceLevel);
        }

        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    /// <summary>The bundled Telco sample by contract (the only segment it offers here).</summary>
    public static Lifetimes Telco(CliSettings s)
    {
        if (s.Segment is not null and not "contract")
        {
            throw new UsageException($"segment key '{s.Segment}' is not available for the bundled Telco sample (contract only).");
        }

        var tallies = new SortedDictionary<string, KaplanMeierTally>(StringComparer.Ordinal);
        foreach (var customer in SurvivalSection.Load(SampleFiles.Path("telco", "telco_churn_tenure.csv")))
        {
            Tally(tallies, customer.Contract).Add(customer.Observation);
        }

        return new Lifetimes("bundled IBM Telco customer churn sample (samples/telco): tenure in months, churn = event, still-active customers censored at their tenure", "months", "contract", tallies, null);
    }

    /// <summary>Subscription events (folded into a tally as they were read): each customer's first spell (start to the cancel that ends it), in days, censored at the as-of.</summary>
    public static Lifetimes FromSubscriptions(string source, SubscriptionTally events, CliSettings s)
    {
        if (s.Segment is not null)
        {
            throw new UsageException($"segment key '{s.Segment}' is not available for subscription events (they carry no segment); survival by segment needs orders.");
        }

        var history = s.Progress.Run("replaying subscription events", _ => SubscriptionHistory.From(events));
        var asOf = AsOfRule.Resolve(s.AsOf, events.Latest);
        var tally = new KaplanMeierTally();
        int notStarted = 0;
        string? previous = null;
        foreach (var spell in history.Spells)
        {
            // Spells are ordered by customer then start: the first of each customer is their first lifetime.
            if (spell.CustomerId == previous)
            {
                continue;
            }

            previous = spell.CustomerId;
            if (spell.From > asOf)
            {
                notStarted++;
                continue;
            }

            tally.Add(spell.ObservedAt(asOf, Duration.FromDays(1)));
        }

        string note = string.Create(CultureInfo.InvariantCulture, $"lifetime = a customer's first spell (first live subscription to the cancel that leaves none live; reactivations are not new lifetimes), in days; censored at the as-of {asOf}")
            + (notStarted > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {notStarted} customers starting after the as-of are left out") : string.Empty);
        var tallies = new SortedDictionary<string, KaplanMeierTally>(StringComparer.Ordinal) { ["all"] = tally };
        return new Lifetimes(source, "days", null, tallies, note);
    }

    /// <summary>
    /// Orders with an inactivity window, folded as they are read into an <see cref="InactivityChurnTally"/> (per customer
    /// the spells of activity, of which the lifetime needs the first order and the last): one spell per customer
    /// (<see cref="InactivityChurnTally.Spells"/>, as <see cref="CustomerSpells.Of"/> gives them), in days. With
    /// --segment the customer's first order's key is kept as well (one entry per customer).
    /// </summary>
    public static Lifetimes FromOrders(string source, OrderInput orders, CliSettings s)
    {
        var window = s.Family.Window ?? throw new UsageException("survival on orders needs --window (e.g. --window 90d).");
        Func<Order, string?>? select = s.Segment switch
        {
            null => null,
            "channel" => o => o.Channel,
            "segment" => o => o.Segment,
            var key => throw new UsageException($"segment key '{key}' is not one of channel, segment for orders."),
        };
        var tally = new InactivityChurnTally(window, s.AsOf);
        var first = new Dictionary<string, (Instant At, string? Key)>(StringComparer.Ordinal);
        if (orders.Rows is { } rows)
        {
            var ids = orders.CustomerIds;
            rows.ForEach(r => tally.Add(ids[r.CustomerIndex], r.PlacedAt));
        }

        orders.Records?.ForEach(o =>
        {
            tally.Add(o);
            if (select is not null && (s.AsOf is not { } cut || o.PlacedAt <= cut) && (!first.TryGetValue(o.CustomerId, out var seen) || o.PlacedAt < seen.At))
            {
                first[o.CustomerId] = (o.PlacedAt, select(o));
            }
        });

        return Spells(source, tally, select is null ? null : first, s);
    }

    /// <summary>
    /// Orders with an inactivity window already folded into <paramref name="tally"/> (by <c>report DIR</c>'s one read, which
    /// inactivity churn shares): one spell per customer, in days, all in one segment.
    /// </summary>
    public static Lifetimes FromOrders(string source, InactivityChurnTally tally, CliSettings s) => Spells(source, tally, null, s);

    /// <summary>The lifetimes of the tally's spells, by the key of each customer's first order when <paramref name="first"/> is given.</summary>
    private static Lifetimes Spells(string source, InactivityChurnTally tally, Dictionary<string, (Instant At, string? Key)>? first, CliSettings s)
    {
        var window = tally.Window;
        var asOf = AsOfRule.Resolve(s.AsOf, tally.Latest);
        var tallies = new SortedDictionary<string, KaplanMeierTally>(StringComparer.Ordinal);
        foreach (var spell in tally.Spells())
        {
            string key = first is null ? "all" : first[spell.CustomerId].Key ?? "(none)";
            Tally(tallies, key).Add(spell.ObservedAt(asOf, Duration.FromDays(1)));
        }

        string days = window.TotalDays.ToString("#,##0.##", CultureInfo.InvariantCulture);
        string note = string.Create(CultureInfo.InvariantCulture, $"lifetime = first order to last order + {days} days of inactivity, in days; customers whose window has not run out by the as-of {asOf} are censored");
        return new Lifetimes(source, "days", s.Segment, tallies, note);
    }

    public static void Tables(ReportDocument doc, Lifetimes lifetimes, CliSettings s)
    {
        var options = new KaplanMeierOptions { ConfidenceLevel = s.ConfidenceLevel };
        var curves = lifetimes.Tallies.Select(p => new BreakdownCell<string, KaplanMeierResult>(p.Key, KaplanMeier.From(p.Value, options), p.Value.Count, p.Value.Count < s.MinimumCellSize)).ToList();
        string level = Format.Level(s.ConfidenceLevel);
        string by = lifetimes.SegmentName ?? "segment";
        if (curves.All(c => c.Count == 0))
        {
            doc.Tables.Add(new ReportTable("Survival (Kaplan–Meier)", "lifetimes", "note").Row("0", "no lifetimes to fit (no customer started at or before the as-of)"));
            return;
        }

        // The horizon every curve reaches (survRM2's default τ: the smallest of the groups' largest observed times).
        double horizon = s.Family.RmstHorizon ?? curves.Where(c => c.Count > 0).Min(c => c.Result.Steps[^1].Time);
        if (!(horizon > 0))
        {
            horizon = 1;
        }

        string tau = horizon.ToString("#,##0.##", CultureInfo.InvariantCulture);
        var summary = new ReportTable($"Survival by {by} (Kaplan–Meier; time in {lifetimes.Unit})", by, "n", "events", "censored", $"median {lifetimes.Unit}", level, $"RMST τ={tau}", level, "flag");
        var rmst = new Dictionary<string, RestrictedMeanSurvival>(StringComparer.Ordinal);
        foreach (var cell in curves)
        {
            var r = cell.Result;
            var mean = KaplanMeier.RestrictedMean(r, horizon);
            rmst[cell.Key] = mean;
            summary.Row(cell.Key, Format.Count(r.Count), Format.Count(r.Events), Format.Count(r.Censored), Time(r.Median), new IntervalCell(r.MedianLower, r.MedianUpper, 1, Trim: true),
                new NumberCell(mean.Value), Cells.Interval(mean.Interval), Format.Flag(cell.IsSmallCell));
        }

        long delayed = lifetimes.Tallies.Values.Sum(t => t.DelayedEntries);
        summary.Note = (lifetimes.Note is null ? string.Empty : lifetimes.Note + "; ")
            + (delayed > 0 ? string.Create(CultureInfo.InvariantCulture, $"{delayed:#,##0} lifetimes with delayed entry (the entry column): at risk only after their entry, as R's Surv(entry, duration, event); ") : string.Empty)
            + $"median \"—\": the curve (or its band) does not fall to 50% within follow-up; RMST = area under the curve to τ (Klein & Moeschberger §4.5), τ {(s.Family.RmstHorizon is null ? "= the shortest follow-up of the segments" : "from --rmst-horizon")}";
        doc.Tables.Add(summary);

        double last = curves.Where(c => c.Count > 0).Max(c => c.Result.Steps[^1].Time);
        var grid = lifetimes.Unit switch
        {
            "months" => MonthPoints,
            "days" => DayPoints,
            "weeks" => WeekPoints,
            "years" => YearPoints,
            _ => UnitPoints,
        };
        var points = grid.Where(t => t <= last).ToList();
        if (points.Count > 0)
        {
            var curve = new ReportTable($"Survival curve (% still customers after t {lifetimes.Unit})", ["t", .. curves.SelectMany(c => new[] { c.Key, level })]);
            foreach (double t in points)
            {
                curve.Row([t.ToString("#,##0", CultureInfo.InvariantCulture), .. curves.SelectMany(c => c.Result.StepAt(t) is { } step
                    ? new ReportCell[] { new ShareCell(step.Survival), Cells.Interval(step.Interval, share: true) }
                    : [new ShareCell(1.0), new MissingCell()])]);
            }

            doc.Tables.Add(curve);
        }

        doc.Results["survival"] = curves.ToDictionary(c => c.Key, c => (object)c.Result, StringComparer.Ordinal);
        doc.Results["rmst"] = rmst;
        if (curves.Count > 1)
        {
            var test = LogRankOf(lifetimes, s.Family.LogRank);
            doc.Results["logRank"] = test;
            var table = new ReportTable($"Log-rank test: {by}s have the same survival", "χ²", "df", "p")
                .Row(new NumberCell(test.ChiSquare, 2), test.DegreesOfFreedom?.ToString(CultureInfo.InvariantCulture) ?? Format.None, new PValueCell(test.PValue));
            var notes = new List<string>();
            if (test.Rho != 0 || test.Gamma != 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Fleming–Harrington G({test.Rho:0.###}, {test.Gamma:0.###}) weights Ŝ(t−)^ρ(1 − Ŝ(t−))^γ (--rho, --gamma)"));
            }

            if (lifetimes.Strata is { } strata)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"stratified by {s.Family.Strata} ({strata.Count} strata): {by}s compared within each stratum, scores summed"));
            }

            table.Note = notes.Count > 0 ? string.Join("; ", notes) : null;
            doc.Tables.Add(table);
        }

        lifetimes.Curves = curves;
    }

    /// <summary>The log-rank test across the segments, within the strata when --strata gave them.</summary>
    private static LogRankResult LogRankOf(Lifetimes lifetimes, LogRankOptions options)
    {
        var keys = lifetimes.Tallies.Keys.ToList();
        if (lifetimes.Strata is not { } strata)
        {
            return LogRank.From([.. lifetimes.Tallies.Values], keys, options);
        }

        var cells = strata.Values.Select(within => (IReadOnlyList<KaplanMeierTally>)[.. keys.Select(k => within.TryGetValue(k, out var t) ? t : new KaplanMeierTally())]).ToList();
        return LogRank.From(cells, keys, options);
    }

    private static void RequireNoStrata(CliSettings s, string input)
    {
        if (s.Family.Strata is not null)
        {
            throw new UsageException($"--strata: {input} give no column to stratify by; --strata names a column of a duration/event file.");
        }

        if (s.Family.Cox is not null)
        {
            throw new UsageException($"--cox: {input} give no covariate columns; --cox names columns of a duration/event file.");
        }
    }

    private static KaplanMeierTally Tally(SortedDictionary<string, KaplanMeierTally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tally = new KaplanMeierTally();
            tallies.Add(key, tally);
        }

        return tally;
    }

    private static NumberCell Time(double? value) => new(value, 1, Trim: true);
}

/// <summary>
/// Lifetimes ready for Kaplan–Meier: one tally per segment, the time unit, where they came from and how they were made.
/// Any input (subscription events, orders with inactivity, a duration/event file) becomes one of these.
/// </summary>
internal sealed class Lifetimes(string source, string unit, string? segmentName, SortedDictionary<string, KaplanMeierTally> tallies, string? note)
{
    public string Source { get; } = source;

    public string Unit { get; } = unit;

    public string? SegmentName { get; } = segmentName;

    public SortedDictionary<string, KaplanMeierTally> Tallies { get; } = tallies;

    public string? Note { get; } = note;

    /// <summary>Per stratum (--strata) the segments' tallies, for the stratified log-rank test; null when not stratified.</summary>
    public SortedDictionary<string, SortedDictionary<string, KaplanMeierTally>>? Strata { get; init; }

    /// <summary>The distinct rows of a duration/event file with their --cox covariates and counts, for the Cox regression; null without --cox.</summary>
    public CoxRows? CoxRows { get; init; }

    /// <summary>The fitted curves, once <see cref="SurvivalCommand.Tables"/> has run (for the report's chart).</summary>
    public IReadOnlyList<BreakdownCell<string, KaplanMeierResult>>? Curves { get; set; }
}
