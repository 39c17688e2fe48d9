using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Output;
using CxMetrics.Conversion;
using CxMetrics.Csv;
using CxMetrics.Support;
using CxMetrics.Surveys;

namespace CxMetrics.Cli.Input;

/// <summary>
/// A shop's CSV exports found in a folder by conventional file name (documented in docs/cli.md): <c>nps.csv</c>,
/// <c>csat.csv</c>, <c>ces.csv</c> (survey responses), <c>tickets.csv</c> (ticket event log), <c>sessions.csv</c>,
/// <c>orders.csv</c>, <c>subscriptions.csv</c> (subscription events), <c>cart_events.csv</c>. Each present file is read through CxMetrics.Csv; its account (rows read / accepted / rejected) is kept.
/// </summary>
internal sealed class ShopData
{
    public const string NpsFile = "nps.csv";
    public const string CsatFile = "csat.csv";
    public const string CesFile = "ces.csv";
    public const string TicketsFile = "tickets.csv";
    public const string SessionsFile = "sessions.csv";
    public const string OrdersFile = "orders.csv";
    public const string SubscriptionsFile = "subscriptions.csv";
    public const string CartEventsFile = "cart_events.csv";
    public const string ReviewsFile = "reviews.csv";

    public static readonly string[] KnownFiles = [NpsFile, CsatFile, CesFile, TicketsFile, SessionsFile, OrdersFile, SubscriptionsFile, CartEventsFile, ReviewsFile];

    public List<CsvReport> Reports { get; } = [];

    /// <summary>Resolves a command's PATH: a file as given, or the conventional file inside a folder; null when a folder lacks it.</summary>
    public static string? Resolve(string path, string conventionalName)
    {
        if (File.Exists(path) || StandardInput.Is(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            // orders.parquet stands in for orders.csv (read through DuckDB, DuckDbInput); the CSV file wins when both are there.
            string file = Path.Combine(path, conventionalName);
            string parquet = Path.ChangeExtension(file, ".parquet");
            return File.Exists(file) ? file : File.Exists(parquet) ? parquet : null;
        }

        throw new FileNotFoundException($"no such file or folder: '{path}'.");
    }

    /// <summary><see cref="Resolve"/>, failing with a clear message when a folder lacks the conventional file.</summary>
    public static string Require(string path, string conventionalName) =>
        Resolve(path, conventionalName) ?? throw new FileNotFoundException($"'{path}' has no {conventionalName}.");

    /// <summary>
    /// The orders of a command's PATH (a file, or <c>orders.csv</c> in a folder), or the bundled CDNOW sample without one;
    /// with the source to name in the report.
    /// </summary>
    /// <remarks>
    /// A file is read as rows (<see cref="OrderInput.Rows"/>, no record per row) unless <paramref name="keyed"/> (the
    /// command reads a channel or segment per order, which rows do not carry).
    /// </remarks>
    public (string Source, OrderInput Orders) OrdersOrCdnow(string? path, CliSettings settings, bool keyed = false)
    {
        if (path is null)
        {
            return ("bundled CDNOW sample (Fader & Hardie, samples/cdnow; dates in UTC)", OrderInput.Of(Stream(CdnowCsv.Read(Sample.SampleFiles.Path("cdnow", "CDNOW_sample.txt")), null)));
        }

        string file = Require(path, OrdersFile);
        return (SourceName(file), OrderInputOf(file, settings, keyed));
    }

    /// <summary>The orders of a file as rows, or as records when <paramref name="keyed"/> (see <see cref="OrdersOrCdnow"/>).</summary>
    public OrderInput OrderInputOf(string file, CliSettings settings, bool keyed)
    {
        if (keyed)
        {
            return OrderInput.Of(OrderStream(file, settings));
        }

        var rows = MappedRead.OrderRows(file, settings);
        Reports.Add(rows.Report);
        return OrderInput.Of(rows, new RecordStream<OrderRow>(rows, rows.Report, $"reading {rows.Report.Source}", settings.Progress));
    }

    /// <summary>How a file is named in a report: its full path, or <c>stdin</c> for <c>-</c>.</summary>
    public static string SourceName(string file) => StandardInput.Is(file) ? StandardInput.Name : Path.GetFullPath(file);

    /// <summary>The survey responses of a file, read as they are folded (<see cref="RecordStream{T}"/>), never listed.</summary>
    public RecordStream<SurveyResponse> Surveys(string path, RatingScale? scale, int min, int max, CliSettings settings)
    {
        var records = MappedRead.Surveys(path, MappedRead.SurveyKind(min, max, scale), scale?.Min ?? min, scale?.Max ?? max, settings);
        return Stream(records, settings);
    }

    /// <summary>The tickets of a file: a ticket summary (one row per ticket, <see cref="IsTicketSummary"/>) or an event log, read as they are folded, never listed.</summary>
    public RecordStream<SupportTicket> TicketStream(string path, CliSettings settings) =>
        Stream(IsTicketSummary(path, settings) ? MappedRead.TicketSummaries(path, settings) : MappedRead.Tickets(path, settings), settings);

    /// <summary>The tickets of a help-desk audit log (<c>ticket_events.csv</c> of a shop folder): always an event log, read as it is folded.</summary>
    public RecordStream<SupportTicket> TicketEventStream(string path, CliSettings settings) => Stream(MappedRead.Tickets(path, settings), settings);

    /// <summary>
    /// The tickets of a help-desk audit log read a second time, after <see cref="TicketEventStream"/> has read it once (a
    /// fold that needs the as-of instant and the range of the whole file before it counts): the same tickets, with progress;
    /// the file's account is the first pass's, so this pass adds none.
    /// </summary>
    public static RecordStream<SupportTicket> TicketEventsAgain(string path, CliSettings settings)
    {
        var records = MappedRead.Tickets(path, settings);
        return new RecordStream<SupportTicket>(records, records.Report, $"reading {records.Report.Source} again", settings.Progress);
    }

    /// <summary>
    /// A tickets file is a ticket summary when the command line says so (a ticket export's preset, <c>--from zendesk</c> or
    /// <c>freshdesk</c>; a <c>ticket_summaries</c> section in the mapping file; or <c>--columns</c> of support / sla, which map summaries) or, without a map, when its header has
    /// <c>created_at</c> and no <c>event</c> column (an event log's rows each name their event). Anything else is an event log.
    /// </summary>
    public static bool IsTicketSummary(string path, CliSettings settings)
    {
        var input = settings.Input;
        if (input.Preset?.TicketSummaries is not null || input.Map.ContainsKey(FileKind.TicketSummaries) || (input.ColumnsFor.Contains(FileKind.TicketSummaries) && !input.Flags.Columns.IsEmpty))
        {
            return true;
        }

        var header = MappedRead.HeaderOf(path, FileKind.TicketSummaries, settings);
        return header is not null && header.Contains("created_at") && !header.Contains("event");
    }

    /// <summary>The sessions of a file, read as they are folded (<see cref="RecordStream{T}"/>), never listed.</summary>
    public RecordStream<Session> Sessions(string path, CliSettings settings) => Stream(MappedRead.Sessions(path, settings), settings);

    /// <summary>The orders of a file, read as they are folded (<see cref="RecordStream{T}"/>), never listed.</summary>
    public RecordStream<Commerce.Order> OrderStream(string path, CliSettings settings) => Stream(MappedRead.Orders(path, settings), settings);

    /// <summary>
    /// The subscription events of a file folded as they are read into a <see cref="Retention.SubscriptionTally"/> (the
    /// core's mergeable form of a subscription history, replayed by <see cref="Retention.SubscriptionHistory.From"/>), never
    /// a list of records. An event the tally refuses (a subscription moving to another customer, a second currency) stops
    /// the fold, but the file is still read to its end, so its account (rows read, rejected) is the whole file's, and the
    /// error is thrown then.
    /// </summary>
    public Retention.SubscriptionTally Subscriptions(string path, CliSettings settings)
    {
        var tally = new Retention.SubscriptionTally();
        Exception? refused = null;
        Stream(MappedRead.Subscriptions(path, settings), settings).ForEach(e =>
        {
            if (refused is not null)
            {
                return;
            }

            try
            {
                tally.Add(e);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                refused = ex;
            }
        });

        if (refused is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
        }

        return tally;
    }

    /// <summary>The cart events of a file, read as they are folded (<see cref="RecordStream{T}"/>), never listed.</summary>
    public RecordStream<Commerce.CartEvent> CartEventStream(string path, CliSettings settings) => Stream(MappedRead.CartEvents(path, settings), settings);

    /// <summary>The reviews of a file, read as they are folded (<see cref="RecordStream{T}"/>), never listed.</summary>
    public RecordStream<Reviews.Review> ReviewStream(string path, CliSettings settings) => Stream(MappedRead.Reviews(path, settings), settings);

    /// <summary>Any reader's records as a single-use stream with progress; the account is kept.</summary>
    public RecordStream<T> Records<T>(CsvRecords<T> records, CliSettings settings) => Stream(records, settings);

    /// <summary>A file's records as a single-use stream with progress; its account is kept (complete once the stream is read).</summary>
    private RecordStream<T> Stream<T>(CsvRecords<T> records, CliSettings? settings)
    {
        Reports.Add(records.Report);
        return new RecordStream<T>(records, records.Report, $"reading {records.Report.Source}", settings?.Progress ?? ProgressDisplay.None);
    }
}
