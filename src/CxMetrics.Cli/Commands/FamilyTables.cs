using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Conversion;
using CxMetrics.Support;
using CxMetrics.Surveys;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>The tables of each family for the CLI's per-family commands and for <c>report DIR</c> (any output format).</summary>
internal static class FamilyTables
{
    /// <summary>
    /// The NPS tables (headline, by key, by period) from one pass over <paramref name="responses"/>: each response is added to
    /// the headline tally, its key's tally and its period's tally. The period cells are kept in <c>doc.Results["npsByPeriod"]</c>
    /// for the HTML report's trend chart, which draws from them (no response is kept).
    /// </summary>
    public static void Nps(ReportDocument doc, RecordStream<SurveyResponse> responses, CliSettings s)
    {
        var options = s.SurveyOptions;
        string level = Format.Level(s.ConfidenceLevel);
        string key = s.Segment ?? "channel";
        var fold = new KeyPeriodFold<SurveyResponse, NpsTally>(SurveyKey(key), static r => r.AnsweredAt, s, static () => new NpsTally(), static (t, r) => t.Add(r));
        responses.ForEach(fold.Add);

        var result = CxMetrics.Surveys.Nps.From(fold.Total, options);
        doc.Results["nps"] = result;
        doc.Tables.Add(new ReportTable("NPS", "metric", "NPS", level, "promoters", "passives", "detractors", "n", "unanswered")
            .Row("NPS", new NumberCell(result.Score), Cells.Interval(result.Interval), Share(result.PromoterShare), Share(result.PassiveShare), Share(result.DetractorShare), Format.Count(result.Count), Format.Count(result.Unanswered)));
        doc.Tables[^1].Note = "%promoters (9–10) − %detractors (0–6), adjusted-Wald interval";

        var byKey = new ReportTable($"NPS by {key}", key, "NPS", level, "n", "flag");
        var npsCells = CxMetrics.Surveys.Nps.By(fold.ByKey(), options);
        foreach (var cell in npsCells)
        {
            byKey.Row(cell.Key ?? "(none)", new NumberCell(cell.Result.Score), Cells.Interval(cell.Result.Interval), Format.Count(cell.Count), Format.Flag(cell.IsSmallCell));
        }

        byKey.Note = ComparisonNote.Of(CxMetrics.Surveys.Nps.Compare(npsCells, options: options), npsCells, s.Suppression, Plural(key), " points", 1, 1 - s.ConfidenceLevel);

        doc.Tables.Add(byKey);
        var byPeriod = new ReportTable($"NPS by {Name(s)}", "period", "NPS", level, "n", "change", "p", "flag");
        var periodCells = CxMetrics.Surveys.Nps.ByPeriod(fold.ByPeriod(), options);
        doc.Results["npsByPeriod"] = periodCells;
        foreach (var cell in periodCells)
        {
            byPeriod.Row(cell.Period.ToString(), new NumberCell(cell.Result.Score), Cells.Interval(cell.Result.Interval), Format.Count(cell.Count),
                new NumberCell(cell.ChangeFromPrevious?.Difference, ShowSign: true), new PValueCell(cell.ChangeFromPrevious?.PValue), Format.Flag(cell.IsSmallCell));
        }

        doc.Tables.Add(byPeriod);
    }

    /// <summary>The CSAT or CES tables (headline, by key, by period) from one pass over <paramref name="responses"/>, as <see cref="Nps"/>.</summary>
    public static void Rating(ReportDocument doc, string name, RecordStream<SurveyResponse> responses, RatingScale scale, string defaultKey, CliSettings s)
    {
        var options = s.SurveyOptions;
        string level = Format.Level(s.ConfidenceLevel);
        string key = s.Segment ?? defaultKey;
        var fold = new KeyPeriodFold<SurveyResponse, RatingTally>(SurveyKey(key), static r => r.AnsweredAt, s, () => new RatingTally(scale), static (t, r) => t.Add(r));
        responses.ForEach(fold.Add);

        var result = CxMetrics.Surveys.Rating.From(fold.Total, options);
        doc.Results[name.ToLowerInvariant()] = result;
        string label = $"% {scale.FavourableLabel} ({scale.FavourableMin}–{scale.FavourableMax} of {scale.Min}–{scale.Max})";
        doc.Tables.Add(new ReportTable(name, "metric", "score %", level, "mean", "mean " + level, "n", "unanswered")
            .Row(name, new NumberCell(result.Score), Cells.Interval(result.Favourable.Interval, share: true), new NumberCell(result.Mean.Value, 2),
                Cells.Interval(result.Mean.Interval, decimals: 2), Format.Count(result.Count), Format.Count(result.Unanswered)));
        doc.Tables[^1].Note = label + ", Wilson interval; mean with Student-t interval";

        var byKey = new ReportTable($"{name} by {key}", key, "score %", level, "mean", "n", "flag");
        var ratingCells = CxMetrics.Surveys.Rating.By(fold.ByKey(), options);
        byKey.Note = ComparisonNote.Of(CxMetrics.Surveys.Rating.Compare(ratingCells, options: options), ratingCells, s.Suppression, Plural(key), " pp", 100, 1 - s.ConfidenceLevel);
        foreach (var cell in ratingCells)
        {
            byKey.Row(cell.Key ?? "(none)", new NumberCell(cell.Result.Score), Cells.Interval(cell.Result.Favourable.Interval, share: true), new NumberCell(cell.Result.Mean.Value, 2), Format.Count(cell.Count), Format.Flag(cell.IsSmallCell));
        }

        doc.Tables.Add(byKey);
        var byPeriod = new ReportTable($"{name} by {Name(s)}", "period", "score %", level, "n", "change (pp)", "p", "flag");
        foreach (var cell in CxMetrics.Surveys.Rating.ByPeriod(fold.ByPeriod(), options))
        {
            byPeriod.Row(cell.Period.ToString(), new NumberCell(cell.Result.Score), Cells.Interval(cell.Result.Favourable.Interval, share: true), Format.Count(cell.Count),
                new NumberCell(cell.ChangeFromPrevious?.Difference * 100, ShowSign: true), new PValueCell(cell.ChangeFromPrevious?.PValue), Format.Flag(cell.IsSmallCell));
        }

        doc.Tables.Add(byPeriod);
    }

    public static void Support(ReportDocument doc, IReadOnlyList<SupportTicket> tickets, BusinessCalendar calendar, Instant asOf, CliSettings s) =>
        Support(doc, RecordStream<SupportTicket>.InMemory(tickets), calendar, asOf, s);

    /// <summary>The support tables, folding the tickets as they are read (<see cref="SupportFold"/>); without <paramref name="asOf"/>, as of the file's latest instant.</summary>
    public static void Support(ReportDocument doc, RecordStream<SupportTicket> tickets, BusinessCalendar calendar, Instant? asOf, CliSettings s)
    {
        string key = s.Segment ?? "channel";
        Func<SupportTicket, string?> select = key switch
        {
            "channel" => t => t.Channel,
            "priority" => t => t.Priority,
            "segment" => t => t.Segment,
            "agent-group" => t => t.AgentGroup,
            _ => throw new UsageException($"segment key '{key}' is not one of channel, priority, segment, agent-group for support."),
        };

        // Tickets created after as-of do not exist yet at the moment of judgement (as every command leaves out later events).
        var fold = new SupportFold(calendar, asOf, select);
        tickets.ForEach(fold.Add);
        long later = fold.Later;
        var at = fold.AsOf;
        var options = new SupportOptions { ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize, Basis = s.Hours is null ? TimeBasis.Calendar : TimeBasis.Business };
        var r = SupportMetrics.From(fold.Total(), options);
        doc.Results["support"] = r;
        string clock = options.Basis == TimeBasis.Business ? "business hours" : "calendar hours";
        var headline = new ReportTable($"Support ({clock}, as of {at})", "metric", "median h", "p90 h", "mean h", "n", "pending", "pending median so far h", "closed without reply");
        headline.Row("first response", new NumberCell(r.FirstResponse.Median, 2), new NumberCell(r.FirstResponse.Percentile(0.9), 2), new NumberCell(r.FirstResponse.Mean, 2),
            Format.Count(r.FirstResponse.Count), Format.Count(r.ResponsePending), new NumberCell(r.ResponsePendingFor.Median, 2), Format.Count(r.ClosedWithoutReply));
        headline.Row("full resolution", new NumberCell(r.FullResolution.Median, 2), new NumberCell(r.FullResolution.Percentile(0.9), 2), new NumberCell(r.FullResolution.Mean, 2),
            Format.Count(r.FullResolution.Count), Format.Count(r.ResolutionPending), new NumberCell(r.ResolutionPendingFor.Median, 2), string.Empty);
        headline.Note = "pending tickets are censored (reported apart), never counted as 0 or as resolved; tickets solved or closed without any public reply have no first response and are not pending: counted apart as closed without reply"
            + (later > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; {Format.Count(later)} tickets created after the as-of instant are left out") : string.Empty);
        doc.Tables.Add(headline);
        doc.Tables.Add(new ReportTable("Reopen rate", "metric", "rate", Format.Level(s.ConfidenceLevel), "solved tickets", "reopens")
            .Row("reopen rate", new ShareCell(r.ReopenRate.Value), Cells.Interval(r.ReopenRate.Interval, share: true), Format.Count(r.ReopenRate.Count), Format.Count(r.Reopens)));

        if (fold.HelpDeskEvents)
        {
            HelpDesk(doc, r, TicketResolution.From(fold.Resolution(), options), clock, s);
        }

        var byKey = new ReportTable($"Support by {key}", key, "tickets", "FRT median h", "resolution median h", "resolution pending", "reopen", "flag");
        var supportCells = SupportMetrics.By(fold.ByKey(), options);
        byKey.Note = "first-response means: " + ComparisonNote.Of(SupportMetrics.Compare(supportCells, SupportMeasure.FirstResponse, options: options), supportCells, s.Suppression, Plural(key), " h", 1, 1 - s.ConfidenceLevel);
        foreach (var cell in supportCells)
        {
            byKey.Row(cell.Key ?? "(none)", Format.Count(cell.Count), new NumberCell(cell.Result.FirstResponse.Median, 2), new NumberCell(cell.Result.FullResolution.Median, 2),
                Format.Count(cell.Result.ResolutionPending), new ShareCell(cell.Result.ReopenRate.Value), Format.Flag(cell.IsSmallCell));
        }

        doc.Tables.Add(byKey);
    }

    /// <summary>The help-desk tables of an event log with pending / on-hold changes or a conversation: paused clocks and touches.</summary>
    /// <param name="section">Null for the support command's tables; else the name of the report section they head (titles and result keys say it).</param>
    internal static void HelpDesk(ReportDocument doc, SupportResult r, TicketResolutionResult touches, string clock, CliSettings s, string? section = null)
    {
        doc.Results[section is null ? "resolution" : "helpdesk-resolution"] = touches;
        var clocks = new ReportTable(section is null ? $"Paused clocks of solved tickets ({clock})" : $"{section}: paused clocks of solved tickets ({clock})", "time", "median h", "p90 h", "mean h", "n");
        foreach (var (name, summary) in new[] { ("agent work (new, open)", r.AgentWorkTime), ("on hold", r.OnHoldTime), ("agent wait (pending)", r.AgentWaitTime), ("requester wait (new, open, on hold)", r.RequesterWaitTime) })
        {
            clocks.Row(name, new NumberCell(summary?.Median, 2), new NumberCell(summary?.Percentile(0.9), 2), new NumberCell(summary?.Mean, 2), Format.Count(summary?.Count ?? 0));
        }

        clocks.Note = "Zendesk's definitions: agent work pauses on pending and on hold, requester wait only on pending; agent work + on hold + agent wait = the unsolved time";
        doc.Tables.Add(clocks);
        string level = Format.Level(s.ConfidenceLevel);
        var table = new ReportTable(section is null ? "Resolution" : $"{section}: resolution", "metric", "rate", level, "of", "n");
        foreach (var (name, p) in new[] { ("one-touch", touches.OneTouch), ("two-touch", touches.TwoTouch), ("first-contact resolution", touches.FirstContactResolution), ("reopened", touches.ReopenRate), ("solved without reply", touches.SolvedWithoutReply) })
        {
            table.Row(name, new ShareCell(p.Value), Cells.Interval(p.Interval, share: true), Format.Count(p.Successes), Format.Count(p.Count));
        }

        table.Note = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"touch rates over solved tickets with a public reply; solved without reply reported apart; {touches.RepliesPerTicket.Value:0.00} public replies per answered solved ticket");
        doc.Tables.Add(table);
    }

    public static void Conversion(ReportDocument doc, IReadOnlyList<Session> sessions, CliSettings s, bool byPeriod = true) =>
        Conversion(doc, RecordStream<Session>.InMemory(sessions), s, byPeriod);

    /// <summary>
    /// The conversion tables (headline, by key, by period) from one pass over <paramref name="sessions"/>, folded into
    /// per-session tallies as they are read (<see cref="KeyPeriodFold{TRecord, TTally}"/>); the period table only when every
    /// session has a start time.
    /// </summary>
    public static void Conversion(ReportDocument doc, RecordStream<Session> sessions, CliSettings s, bool byPeriod = true)
    {
        var options = new ConversionOptions { ConfidenceLevel = s.ConfidenceLevel, MinimumCellSize = s.MinimumCellSize };
        string level = Format.Level(s.ConfidenceLevel);
        string key = SegmentKey(s.Segment, s.Input.For(FileKind.Sessions).Columns) ?? "visitor-type";
        Func<Session, string?> select = key switch
        {
            "visitor-type" => x => x.VisitorType,
            "channel" => x => x.Channel,
            "traffic-source" => x => x.TrafficSource,
            "device" => x => x.Device,
            "segment" => x => x.Segment,
            _ => throw new UsageException($"segment key '{key}' is not one of visitor-type, channel, traffic-source, device, segment for conversion, nor a header mapped to one of them (to break down by another column, map it: --columns segment={key})."),
        };
        var fold = new KeyPeriodFold<Session, ConversionTally>(select, static x => x.StartedAt, s, static () => new ConversionTally(ConversionUnit.Session), static (t, x) => t.Add(x));
        sessions.ForEach(fold.Add);

        var result = ConversionRate.From(fold.Total, options);
        doc.Results["conversion"] = result;
        bool dated = fold.Undated == 0;
        var headline = new ReportTable("Conversion per session", "metric", "rate", level, "sessions")
            .Row("conversion", new ShareCell(result.Rate.Value, 2), Cells.Interval(result.Rate.Interval, share: true, decimals: 2), Format.Count(result.Rate.Count));
        if (!dated && byPeriod)
        {
            headline.Note = "the sessions have no start time (started_at not mapped), so there is no period table; each session is its own visitor";
        }

        doc.Tables.Add(headline);

        string shown = s.Segment ?? key;
        var byKey = new ReportTable($"Conversion by {shown}", shown, "rate", level, "sessions", "flag");
        var conversionCells = ConversionRate.By(fold.ByKey(), options);
        byKey.Note = ComparisonNote.Of(ConversionRate.Compare(conversionCells, options: options), conversionCells, s.Suppression, Plural(shown), " pp", 100, 1 - s.ConfidenceLevel);
        foreach (var cell in conversionCells)
        {
            byKey.Row(cell.Key ?? "(none)", new ShareCell(cell.Result.Rate.Value, 2), Cells.Interval(cell.Result.Rate.Interval, share: true, decimals: 2), Format.Count(cell.Count), Format.Flag(cell.IsSmallCell));
        }

        doc.Tables.Add(byKey);
        if (!byPeriod || !dated)
        {
            return;
        }

        var periods = new ReportTable($"Conversion by {Name(s)}", "period", "rate", level, "sessions", "change (pp)", "p", "flag");
        foreach (var cell in ConversionRate.ByPeriod(fold.ByPeriod(), options))
        {
            periods.Row(cell.Period.ToString(), new ShareCell(cell.Result.Rate.Value, 2), Cells.Interval(cell.Result.Rate.Interval, share: true, decimals: 2), Format.Count(cell.Count),
                new NumberCell(cell.ChangeFromPrevious?.Difference * 100, 2, ShowSign: true), new PValueCell(cell.ChangeFromPrevious?.PValue), Format.Flag(cell.IsSmallCell));
        }

        doc.Tables.Add(periods);
    }

    /// <summary>
    /// A session segment given as the key (<c>visitor-type</c>) or as the header a key is mapped to (<c>--segment Month</c>
    /// with <c>segment=Month</c>), as the key; other text is returned as it is (and refused by the caller with the keys).
    /// </summary>
    private static string? SegmentKey(string? segment, ColumnMap columns) =>
        segment is null ? null
            : columns.Pairs.LastOrDefault(p => p.Header.Length > 0 && p.Header == segment && p.Logical is "visitor_type" or "channel" or "traffic_source" or "device" or "segment").Logical?.Replace('_', '-') ?? segment;

    /// <summary>
    /// The overview of the orders read (per currency: orders, distinct customers, revenue, first and last order) as a fold
    /// of one read (<see cref="OrderInput.ForEach(OrderFold[])"/>): per currency a few sums and the set of its customers,
    /// never the orders; the table is written once every order was pushed.
    /// </summary>
    public static (OrderFold Fold, Action<ReportDocument> Tables) OrdersFold(OrderInput orders)
    {
        var byCurrency = new SortedDictionary<string, OrderOverview>(StringComparer.Ordinal);
        OrderOverview Of(string currency)
        {
            if (!byCurrency.TryGetValue(currency, out var cell))
            {
                cell = new OrderOverview();
                byCurrency.Add(currency, cell);
            }

            return cell;
        }

        var fold = new OrderFold(
            r => Of(orders.Currency).Add(r.CustomerIndex, null, r.PlacedAt, r.Amount),
            o => Of(o.Currency).Add(-1, o.CustomerId, o.PlacedAt, o.Amount));
        return (fold, doc =>
        {
            var table = new ReportTable("Orders (read; order metrics come with the retention and CLV families)", "currency", "orders", "customers", "revenue", "first", "last");
            foreach (var (currency, cell) in byCurrency)
            {
                table.Row(currency, Format.Count(cell.Orders), Format.Count(cell.Customers), new MoneyCell(cell.Revenue), cell.First.ToString(), cell.Last.ToString());
            }

            doc.Tables.Add(table);
        });
    }

    private static Func<SurveyResponse, string?> SurveyKey(string key) => key switch
    {
        "channel" => r => r.Channel,
        "touchpoint" => r => r.Touchpoint,
        "segment" => r => r.Segment,
        _ => throw new UsageException($"segment key '{key}' is not one of channel, touchpoint, segment for surveys."),
    };

    private static ShareCell Share(double? share) => new ShareCell(share);

    private static string Name(CliSettings s) => s.Period.ToString().ToLowerInvariant();

    /// <summary>A segment key in the plural for the comparison note: <c>channels</c>, <c>visitor types</c>.</summary>
    private static string Plural(string key)
    {
        string words = key.Replace('-', ' ').Replace('_', ' ');
        return words.EndsWith('s') ? words : words + "s";
    }
}
