using CxMetrics.Cli.Commands;
using CxMetrics.Conversion;
using CxMetrics.Csv;
using CxMetrics.Support;
using CxMetrics.Surveys;

namespace CxMetrics.Cli.Input;

/// <summary>
/// A shop's CSV exports found in a folder by conventional file name (documented in docs/cli.md): <c>nps.csv</c>,
/// <c>csat.csv</c>, <c>ces.csv</c> (survey responses), <c>tickets.csv</c> (ticket event log), <c>sessions.csv</c>,
/// <c>orders.csv</c>. Each present file is read through CxMetrics.Csv; its account (rows read / accepted / rejected) is kept.
/// </summary>
internal sealed class ShopData
{
    public const string NpsFile = "nps.csv";
    public const string CsatFile = "csat.csv";
    public const string CesFile = "ces.csv";
    public const string TicketsFile = "tickets.csv";
    public const string SessionsFile = "sessions.csv";
    public const string OrdersFile = "orders.csv";

    public static readonly string[] KnownFiles = [NpsFile, CsatFile, CesFile, TicketsFile, SessionsFile, OrdersFile];

    public List<CsvReport> Reports { get; } = [];

    public static CsvReadOptions ReadOptions(CliSettings settings) =>
        new() { Delimiter = settings.Delimiter, Zone = settings.Zone, Strict = settings.Strict };

    /// <summary>Resolves a command's PATH: a file as given, or the conventional file inside a folder; null when a folder lacks it.</summary>
    public static string? Resolve(string path, string conventionalName)
    {
        if (File.Exists(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            string file = Path.Combine(path, conventionalName);
            return File.Exists(file) ? file : null;
        }

        throw new FileNotFoundException($"no such file or folder: '{path}'.");
    }

    public IReadOnlyList<SurveyResponse> Surveys(string path, RatingScale? scale, int min, int max, CliSettings settings)
    {
        var records = SurveyCsv.Read(path, scale?.Min ?? min, scale?.Max ?? max, options: ReadOptions(settings));
        return Keep(records);
    }

    public IReadOnlyList<SupportTicket> Tickets(string path, CliSettings settings) => Keep(TicketCsv.Read(path, ReadOptions(settings)));

    public IReadOnlyList<Session> Sessions(string path, CliSettings settings) => Keep(SessionCsv.Read(path, options: ReadOptions(settings)));

    public IReadOnlyList<Commerce.Order> Orders(string path, CliSettings settings) => Keep(OrderCsv.Read(path, options: ReadOptions(settings)));

    private IReadOnlyList<T> Keep<T>(CsvRecords<T> records)
    {
        var list = records.ToList();
        Reports.Add(records.Report);
        return list;
    }
}
