using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Reads support tickets (<see cref="SupportTicket"/>) from an event log: one row per event, the rows of a ticket
/// together and in time order (as help-desk exports such as ServiceNow's incident log come). Header:
/// <c>ticket_id, event, at</c>, and <c>customer_id, channel</c> (needed on the <c>created</c> row), optional
/// <c>priority, segment, agent_group</c>. Events (any case): <c>created</c> (exactly one, first), <c>reply</c> (an agent's
/// public reply), <c>solved</c>, <c>reopened</c>, <c>closed</c>, and <c>work_start</c> / <c>work_end</c> pairs for handle time.
/// A ticket with a bad row, or whose events cannot have happened (checked by <see cref="SupportTicket.Create"/>), is
/// rejected as a whole — one rejection covering all its rows, with the line of its first row. A ticket id that appears again
/// after another ticket's rows is rejected too (the ids of finished tickets are kept to detect it: memory grows with the
/// number of tickets, not with the number of rows).
/// </summary>
public static class TicketCsv
{
    /// <summary>The required columns.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["ticket_id", "event", "at", "customer_id", "channel"];

    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The tickets, streamed; the report counts event rows (rows of accepted tickets are accepted).</returns>
    public static CsvRecords<SupportTicket> Read(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new CsvRecords<SupportTicket>(CsvSource.File(path), options ?? CsvReadOptions.Default, RequiredColumns, Group);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The tickets, streamed.</returns>
    public static CsvRecords<SupportTicket> Read(TextReader reader, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new CsvRecords<SupportTicket>(CsvSource.Text(reader, source), options ?? CsvReadOptions.Default, RequiredColumns, Group);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The tickets, streamed.</returns>
    public static CsvRecords<SupportTicket> Read(Stream stream, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new CsvRecords<SupportTicket>(CsvSource.Bytes(stream, source), options ?? CsvReadOptions.Default, RequiredColumns, Group);
    }

    private static IEnumerable<SupportTicket> Group(CsvRowStream rows)
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        Pending? current = null;
        while (rows.MoveNext())
        {
            var row = rows.Row;
            string? id = row.GetOptionalString("ticket_id");
            if (id is null)
            {
                rows.Reject(new CsvRejection(row.Line, "ticket_id", "is empty; every event row needs its ticket id."));
                continue;
            }

            if (current is not null && current.Id != id)
            {
                if (Finish(rows, current, finished) is { } done)
                {
                    yield return done;
                }

                current = null;
            }

            if (current is null)
            {
                current = new Pending(id, row.Line);
                if (finished.Contains(id))
                {
                    current.Fault ??= ("ticket_id", $"ticket {CsvText.Quote(id)} appears again after other tickets' rows; the rows of a ticket must be together.", row.Line);
                }
            }

            current.Rows++;
            if (current.Fault is null)
            {
                try
                {
                    current.Add(row);
                }
                catch (CsvFieldException ex)
                {
                    current.Fault = (ex.Column, ex.Message, row.Line);
                }
            }
        }

        if (current is not null && Finish(rows, current, finished) is { } last)
        {
            yield return last;
        }
    }

    private static SupportTicket? Finish(CsvRowStream rows, Pending ticket, HashSet<string> finished)
    {
        finished.Add(ticket.Id);
        if (ticket.Fault is null)
        {
            try
            {
                var made = ticket.Build();
                rows.Report.Accept(ticket.Rows);
                return made;
            }
            catch (CsvFieldException ex)
            {
                ticket.Fault = (ex.Column, ex.Message, ticket.FirstLine);
            }
            catch (ArgumentException ex)
            {
                ticket.Fault = (null, CsvRowStream.Describe(ex), ticket.FirstLine);
            }
        }

        var (column, reason, line) = ticket.Fault!.Value;
        string where = line == ticket.FirstLine ? string.Empty : FormattableString.Invariant($" (at line {line})");
        rows.Reject(new CsvRejection(ticket.FirstLine, column, $"ticket {CsvText.Quote(ticket.Id)} rejected{where}: {reason}") { Rows = ticket.Rows });
        return null;
    }

    private sealed class Pending(string id, long firstLine)
    {
        private readonly List<Instant> replies = [];
        private readonly List<TicketStatusChange> changes = [];
        private readonly List<Interval> work = [];
        private readonly List<TicketMessage> messages = [];
        private bool conversation;
        private Instant? created;
        private Instant? workStart;
        private string? customer;
        private string? channel;
        private string? priority;
        private string? segment;
        private string? group;

        public string Id { get; } = id;

        public long FirstLine { get; } = firstLine;

        public int Rows { get; set; }

        public (string? Column, string Reason, long Line)? Fault { get; set; }

        public void Add(CsvRow row)
        {
            string kind = row.GetString("event").ToUpperInvariant();
            var at = row.GetInstant("at");
            priority = row.GetOptionalString("priority") ?? priority;
            segment = row.GetOptionalString("segment") ?? segment;
            group = row.GetOptionalString("agent_group") ?? group;
            if (kind != "CREATED" && created is null)
            {
                throw new CsvFieldException("event", $"the first event of ticket {CsvText.Quote(Id)} is {CsvText.Quote(kind.ToLowerInvariant())}; expected 'created'.");
            }

            switch (kind)
            {
                case "CREATED" when created is not null:
                    throw new CsvFieldException("event", $"ticket {CsvText.Quote(Id)} is created twice.");
                case "CREATED":
                    created = at;
                    customer = row.GetString("customer_id");
                    channel = row.GetString("channel");
                    break;
                case "REPLY":
                    replies.Add(at);
                    messages.Add(new(at, MessageAuthor.Agent));
                    break;
                case "CUSTOMER_MESSAGE":
                    messages.Add(new(at, MessageAuthor.Customer));
                    conversation = true;
                    break;
                case "INTERNAL_NOTE":
                    messages.Add(new(at, MessageAuthor.Agent, IsPublic: false));
                    conversation = true;
                    break;
                case "PENDING":
                    changes.Add(new(at, TicketStatus.Pending));
                    break;
                case "ON_HOLD":
                    changes.Add(new(at, TicketStatus.OnHold));
                    break;
                case "OPEN":
                    changes.Add(new(at, TicketStatus.Open));
                    break;
                case "SOLVED":
                    changes.Add(new(at, TicketStatus.Solved));
                    break;
                case "REOPENED":
                    changes.Add(new(at, TicketStatus.Reopened));
                    break;
                case "CLOSED":
                    changes.Add(new(at, TicketStatus.Closed));
                    break;
                case "WORK_START" when workStart is not null:
                    throw new CsvFieldException("event", $"work_start at {at} while work started at {workStart} is not ended.");
                case "WORK_START":
                    workStart = at;
                    break;
                case "WORK_END" when workStart is null:
                    throw new CsvFieldException("event", $"work_end at {at} without a work_start.");
                case "WORK_END":
                    if (at < workStart!.Value)
                    {
                        throw new CsvFieldException("at", $"work_end at {at} is before its work_start at {workStart}.");
                    }

                    work.Add(new Interval(workStart.Value, at));
                    workStart = null;
                    break;
                default:
                    throw new CsvFieldException("event", $"{CsvText.Quote(kind.ToLowerInvariant())} is not an event (expected created, reply, customer_message, internal_note, pending, on_hold, open, solved, reopened, closed, work_start, work_end).");
            }
        }

        public SupportTicket Build() =>
            workStart is not null
                ? throw new CsvFieldException("event", $"work started at {workStart} is never ended.")
                : SupportTicket.Create(Id, customer!, channel!, created!.Value, replies, changes, work, priority, segment, group, Conversation());

        /// <summary>
        /// The messages when the log has customer messages or internal notes for the ticket (the creation is the first
        /// customer message, replies are public agent messages), in time order; otherwise none, as before.
        /// </summary>
        private List<TicketMessage>? Conversation() =>
            conversation ? [new(created!.Value, MessageAuthor.Customer), .. messages.OrderBy(m => m.At)] : null;
    }
}
