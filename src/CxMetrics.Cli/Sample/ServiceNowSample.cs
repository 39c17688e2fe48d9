using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Input;
using CxMetrics.Csv;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Cli.Sample;

/// <summary>
/// The bundled ServiceNow incident event log excerpt (<c>samples/servicenow/incident_event_log_100.csv</c>; origin and
/// licence in its ATTRIBUTION.md), read exactly as a user reads it: as a ticket snapshot log through the mapping file
/// <c>samples/maps/servicenow.json</c> (<see cref="TicketSummaryCsv"/>, the last row of an incident wins, the first reply
/// is the first update out of New; <c>?</c> is a missing value). Times have no zone in the data: the mapping file reads
/// them in UTC, a fixed offset, so no clock changes are invented.
/// </summary>
internal static class ServiceNowSample
{
    public const string RelativePath = "samples/servicenow/incident_event_log_100.csv";

    /// <summary>The zone the local times are read in (the mapping file's): fixed offset.</summary>
    public static DateTimeZone Zone { get; } = DateTimeZone.Utc;

    /// <summary>The schedule assumed for the IT service desk: Monday–Friday 08:00–18:00.</summary>
    public static BusinessCalendar Calendar { get; } = BusinessCalendar.Weekdays(Zone, new LocalTime(8, 0), new LocalTime(18, 0));

    /// <summary>The moment of judgement: 2016-03-03 00:00, after every incident was opened but before many were resolved.</summary>
    public static Instant AsOf { get; } = new LocalDateTime(2016, 3, 3, 0, 0).InZoneStrictly(Zone).ToInstant();

    public static ServiceNowSet Load()
    {
        string map = SampleFiles.Path("maps", "servicenow.json");
        var settings = new CliSettings { Input = new InputSettings { MapName = map, Map = MappingFile.Read(map) } };
        var records = MappedRead.TicketSummaries(SampleFiles.Path("servicenow", "incident_event_log_100.csv"), settings);
        var tickets = records.ToList();
        return new ServiceNowSet(tickets, [.. records.Report.Rejections.Select(r => r.ToString())], records.Report.RowsRead, records.Report);
    }
}

/// <summary>The tickets read from the sample, the incidents rejected (with reasons), the number of update rows read and the account.</summary>
internal sealed record ServiceNowSet(IReadOnlyList<SupportTicket> Tickets, IReadOnlyList<string> Rejected, long Rows, CsvReport Report);
