using System.Globalization;
using CxMetrics.Support;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Sample;

/// <summary>
/// Reads the bundled ServiceNow incident event log excerpt (<c>samples/servicenow/incident_events_300.csv</c>; origin and
/// licence in its ATTRIBUTION.md) into <see cref="SupportTicket"/>s with simple line splitting (the file has no quoted
/// fields). Times have no zone in the data: they are read as wall-clock time in a fixed-offset zone (see <see cref="Zone"/>).
/// Incidents whose events cannot have happened are rejected by <see cref="SupportTicket.Create"/> and returned with the reason.
/// </summary>
internal static class ServiceNowSample
{
    public const string RelativePath = "samples/servicenow/incident_events_300.csv";

    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("dd-MM-yyyy HH:mm");

    /// <summary>The zone the local times are read in: fixed offset, so no clock changes are invented.</summary>
    public static DateTimeZone Zone { get; } = DateTimeZone.Utc;

    /// <summary>The schedule assumed for the IT service desk: Monday–Friday 08:00–18:00.</summary>
    public static BusinessCalendar Calendar { get; } = BusinessCalendar.Weekdays(Zone, new LocalTime(8, 0), new LocalTime(18, 0));

    /// <summary>The moment of judgement: 2016-03-03 00:00, after every incident was opened but before many were resolved.</summary>
    public static Instant AsOf { get; } = new LocalDateTime(2016, 3, 3, 0, 0).InZoneStrictly(Zone).ToInstant();

    public static ServiceNowSet Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, RelativePath);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"{path}: column '{name}' is missing.");
        int number = Col("number"), state = Col("incident_state"), updated = Col("sys_updated_at"), opened = Col("opened_at");
        int channel = Col("contact_type"), priority = Col("priority"), group = Col("assignment_group"), caller = Col("caller_id");

        var incidents = new List<(int Line, string[] Fields)>();
        var tickets = new List<SupportTicket>();
        var rejected = new List<string>();
        int rows = 0;
        for (int i = 1; i <= lines.Length; i++)
        {
            string[]? fields = i < lines.Length && lines[i].Length > 0 ? lines[i].Split(',') : null;
            if (fields is not null)
            {
                rows++;
                if (fields.Length != header.Length)
                {
                    throw new FormatException($"{path} line {i + 1}: {fields.Length} fields, expected {header.Length}.");
                }
            }

            if (incidents.Count > 0 && (fields is null || fields[number] != incidents[0].Fields[number]))
            {
                try
                {
                    tickets.Add(ToTicket(incidents));
                }
                catch (ArgumentException ex)
                {
                    rejected.Add($"line {incidents[0].Line}: {ex.Message}");
                }

                incidents.Clear();
            }

            if (fields is not null)
            {
                incidents.Add((i + 1, fields));
            }
        }

        return new ServiceNowSet(tickets, rejected, rows);

        SupportTicket ToTicket(List<(int Line, string[] Fields)> events)
        {
            var first = events[0].Fields;
            var last = events[^1].Fields;
            var created = Parse(first[opened], events[0].Line);
            Instant? reply = null;
            var changes = new List<TicketStatusChange>();
            string previous = "New";
            foreach (var (line, f) in events)
            {
                var at = Parse(f[updated], line);
                string s = f[state];
                if (reply is null && s != "New")
                {
                    reply = at;
                }

                if (s == previous)
                {
                    continue;
                }

                if (s == "Resolved")
                {
                    changes.Add(new(at, TicketStatus.Solved));
                }
                else if (s == "Closed")
                {
                    changes.Add(new(at, TicketStatus.Closed));
                }
                else if (previous == "Resolved")
                {
                    changes.Add(new(at, TicketStatus.Reopened));
                }

                previous = s;
            }

            return SupportTicket.Create(
                first[number], first[caller], first[channel], created, reply is { } r ? [r] : null, changes,
                priority: last[priority], agentGroup: last[group]);
        }
    }

    private static Instant Parse(string text, int line)
    {
        var result = TimePattern.Parse(text);
        return result.Success
            ? result.Value.InZoneStrictly(Zone).ToInstant()
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {line}: time '{text}' is not dd-MM-yyyy HH:mm."));
    }
}

/// <summary>The tickets read from the sample, the incidents rejected (with reasons) and the number of event rows read.</summary>
internal sealed record ServiceNowSet(IReadOnlyList<SupportTicket> Tickets, IReadOnlyList<string> Rejected, int Rows);
