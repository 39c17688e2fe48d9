using System.Globalization;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Reads ticket summary files — one row per ticket, as Zendesk, Freshdesk and CFPB export them — into
/// <see cref="SupportTicket"/>s for <see cref="SupportMetrics"/>; see <see cref="TicketSummaryColumns"/>. Rules:
/// <list type="bullet">
/// <item><description>An empty first-reply cell means no reply yet (pending until the ticket is solved; a solved ticket
/// without a reply is "closed without reply"). A reply before creation rejects the row.</description></item>
/// <item><description>A solved time before the creation time rejects the row.</description></item>
/// <item><description>Status (any case; <c>-</c>, <c>_</c> and spaces alike): <c>new, open, active, pending, hold, on hold,
/// waiting on customer, waiting on third party, in progress, untimely response</c> and every <c>awaiting …</c> (ServiceNow's
/// "Awaiting User Info", …) are unsolved; <c>solved, resolved</c> are solved;
/// <c>closed</c> and every <c>closed …</c> (CFPB's "Closed with explanation", …) are solved at the solved time (the close
/// time is not in such exports). Any other status rejects the row, naming it. Without a status column, a ticket is solved
/// exactly when its solved time is set.</description></item>
/// <item><description>A solved or closed status with an empty solved time rejects the row. An unsolved status <em>with</em> a
/// solved time is trusted only when the ticket was reopened (reopens &gt; 0: solved, then reopened after its last solve);
/// with no reopen the row contradicts itself and is rejected.</description></item>
/// <item><description>Reopens: the export gives a count, not the times. The reader places the ticket's earlier solves and its
/// reopens at the one solved time it has, so the reopen count and the reopen rate (<see cref="SupportResult.ReopenRate"/>:
/// tickets reopened / tickets solved at least once) and the full resolution time are exact, while the first resolution
/// time of a reopened ticket equals its full resolution time (an upper bound; use an event log read by
/// <see cref="TicketCsv"/> for the true first resolution). A reopen count on a ticket without a solved time rejects the row
/// (its solves cannot be placed).</description></item>
/// <item><description>Snapshot logs (several rows per ticket, the last one wins): see <see cref="TicketSummaryColumns.UpdatedAt"/>.</description></item>
/// </list>
/// </summary>
public static class TicketSummaryCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The tickets, streamed, with the account of the read (one row, one ticket).</returns>
    public static CsvRecords<SupportTicket> Read(string path, TicketSummaryColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The tickets, streamed.</returns>
    public static CsvRecords<SupportTicket> Read(TextReader reader, TicketSummaryColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, source), columns, options);
    }

    private enum State
    {
        Unsolved,
        Solved,
        Unknown,
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The records, streamed.</returns>
    public static CsvRecords<SupportTicket> Read(Stream stream, TicketSummaryColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    private static CsvRecords<SupportTicket> Create(CsvSource source, TicketSummaryColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new TicketSummaryColumns();
        string[] required = c.CustomerId is null ? [c.TicketId, c.CreatedAt, c.Channel] : [c.TicketId, c.CreatedAt, c.Channel, c.CustomerId];
        if (c.UpdatedAt is { } updated)
        {
            return new CsvRecords<SupportTicket>(source, options ?? CsvReadOptions.Default, [.. required, updated], rows => Snapshots(rows, c));
        }

        return CsvTable.Create(source, required, row => Map(row, c, null), options);
    }

    /// <summary>Groups the rows of each ticket (together in the file) and keeps the last one, with the first update that left New as the fallback first reply.</summary>
    private static IEnumerable<SupportTicket> Snapshots(CsvRowStream rows, TicketSummaryColumns c)
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        Snapshot? current = null;
        while (rows.MoveNext())
        {
            var row = rows.Row;
            string? id = row.GetOptionalString(c.TicketId);
            if (id is null)
            {
                rows.Reject(new CsvRejection(row.Line, c.TicketId, "is empty; every row of a snapshot log needs its ticket id."));
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
                current = new Snapshot(id, row.Line);
                if (finished.Contains(id))
                {
                    current.Fault = (c.TicketId, $"ticket {CsvText.Quote(id)} appears again after other tickets' rows; the rows of a ticket must be together.", row.Line);
                }
            }

            current.Rows++;
            if (current.Fault is not null)
            {
                continue;
            }

            if (current.LeftNew is null && row.GetOptionalString(c.Status) is { } status && Normalise(status) != "new")
            {
                try
                {
                    current.LeftNew = row.GetInstant(c.UpdatedAt!);
                }
                catch (CsvFieldException ex)
                {
                    // Without this time the first reply is unknown; a later update's time would be a wrong one.
                    current.Fault = (ex.Column, ex.Message, row.Line);
                    continue;
                }
            }

            try
            {
                current.Last = Map(row, c, current.LeftNew);
                current.LastFault = null;
            }
            catch (CsvFieldException ex)
            {
                current.Last = null;
                current.LastFault = (ex.Column, ex.Message, row.Line);
            }
            catch (ArgumentException ex)
            {
                current.Last = null;
                current.LastFault = (null, CsvRowStream.Describe(ex), row.Line);
            }
        }

        if (current is not null && Finish(rows, current, finished) is { } last)
        {
            yield return last;
        }
    }

    private static SupportTicket? Finish(CsvRowStream rows, Snapshot ticket, HashSet<string> finished)
    {
        finished.Add(ticket.Id);
        if (ticket.Fault is null && ticket.Last is { } made)
        {
            rows.Report.Accept();
            for (int i = 1; i < ticket.Rows; i++)
            {
                rows.Report.Skip();
            }

            return made;
        }

        var (column, reason, line) = ticket.Fault ?? ticket.LastFault!.Value;
        string where = line == ticket.FirstLine ? string.Empty : FormattableString.Invariant($" (at line {line})");
        rows.Reject(new CsvRejection(ticket.FirstLine, column, $"ticket {CsvText.Quote(ticket.Id)} rejected{where}: {reason}") { Rows = ticket.Rows });
        return null;
    }

    /// <summary>A ticket of a snapshot log being read: its last row's ticket (or why that row failed) and the first update that left New.</summary>
    private sealed class Snapshot(string id, long firstLine)
    {
        public string Id { get; } = id;

        public long FirstLine { get; } = firstLine;

        public int Rows { get; set; }

        public Instant? LeftNew { get; set; }

        public SupportTicket? Last { get; set; }

        public (string? Column, string Reason, long Line)? LastFault { get; set; }

        /// <summary>A fault of the whole ticket (its rows are not together, or its first update time cannot be read).</summary>
        public (string? Column, string Reason, long Line)? Fault { get; set; }
    }

    private static string Normalise(string status) => status.ToLowerInvariant().Replace('_', ' ').Replace('-', ' ');

    private static SupportTicket Map(CsvRow row, TicketSummaryColumns c, Instant? fallbackReply)
    {
        string id = row.GetString(c.TicketId);
        var created = row.GetInstant(c.CreatedAt);
        string customer = c.CustomerId is null ? id : row.GetString(c.CustomerId);
        string channel = row.GetString(c.Channel);
        Instant? solved = Optional(row, c.SolvedAt);
        if (solved < created)
        {
            throw new CsvFieldException(c.SolvedAt, $"solved at {solved} is before the ticket was created at {created}.");
        }

        Instant? reply = FirstReply(row, c, created, fallbackReply);
        int reopens = row.GetOptionalInt32(c.Reopens) ?? 0;
        if (reopens < 0)
        {
            throw new CsvFieldException(c.Reopens, string.Create(CultureInfo.InvariantCulture, $"reopen count {reopens} is negative."));
        }

        State state = Status(row, c.Status);
        var changes = new List<TicketStatusChange>();
        if (solved is { } at)
        {
            if (state == State.Unsolved && reopens == 0)
            {
                throw new CsvFieldException(c.Status, $"status {CsvText.Quote(row.GetOptionalString(c.Status))} is not solved, yet the ticket has a solved time ({at}) and no reopen; one of the two is wrong.");
            }

            // k solves and k reopens (reopened after the last solve) or k + 1 solves and k reopens (solved now), all at the one known solved time.
            changes.Add(new(at, TicketStatus.Solved));
            for (int i = 0; i < reopens; i++)
            {
                changes.Add(new(at, TicketStatus.Reopened));
                if (i < reopens - 1 || state != State.Unsolved)
                {
                    changes.Add(new(at, TicketStatus.Solved));
                }
            }
        }
        else if (state == State.Solved && !row.HasColumn(c.SolvedAt))
        {
            throw new CsvFieldException(c.Status, $"status {CsvText.Quote(row.GetOptionalString(c.Status))} says the ticket is solved, but the file has no solved-time column (the export does not carry the close date), so its resolution cannot be placed in time.");
        }
        else if (state == State.Solved)
        {
            throw new CsvFieldException(c.SolvedAt, $"is empty but the status is {CsvText.Quote(row.GetOptionalString(c.Status))}; a solved ticket needs its solved time.");
        }
        else if (reopens > 0)
        {
            throw new CsvFieldException(c.Reopens, string.Create(CultureInfo.InvariantCulture, $"the ticket was reopened {reopens} times but has no solved time; its solves cannot be placed in time (export the solved time, or read the ticket's event log)."));
        }

        return SupportTicket.Create(
            id, customer, channel, created, reply is { } r ? [r] : null, changes, null,
            row.GetOptionalString(c.Priority), row.GetOptionalString(c.Segment), row.GetOptionalString(c.AgentGroup));
    }

    private static Instant? Optional(CsvRow row, string? column) =>
        row.GetOptionalString(column) is null ? null : row.GetInstant(column!);

    private static Instant? FirstReply(CsvRow row, TicketSummaryColumns c, Instant created, Instant? fallback)
    {
        Instant? reply = Optional(row, c.FirstReplyAt);
        if (reply is null && row.GetOptionalDouble(c.FirstReplyMinutes) is { } minutes)
        {
            if (minutes < 0)
            {
                throw new CsvFieldException(c.FirstReplyMinutes, string.Create(CultureInfo.InvariantCulture, $"first reply time {minutes} minutes is negative."));
            }

            reply = created + Duration.FromMinutes(minutes);
        }

        if (reply is null && fallback is not null)
        {
            return fallback < created
                ? throw new CsvFieldException(c.UpdatedAt, $"the first update out of New at {fallback} is before the ticket was created at {created}.")
                : fallback;
        }

        return reply < created
            ? throw new CsvFieldException(c.FirstReplyAt, $"first reply at {reply} is before the ticket was created at {created}.")
            : reply;
    }

    private static State Status(CsvRow row, string? column)
    {
        string? text = row.GetOptionalString(column);
        if (text is null)
        {
            return State.Unknown;
        }

        string key = Normalise(text);
        return key switch
        {
            _ when key.StartsWith("awaiting ", StringComparison.Ordinal) => State.Unsolved,
            "new" or "open" or "active" or "pending" or "hold" or "on hold" or "waiting on customer" or "waiting on third party" or "in progress" or "untimely response" => State.Unsolved,
            "solved" or "resolved" => State.Solved,
            _ when key == "closed" || key.StartsWith("closed ", StringComparison.Ordinal) => State.Solved,
            _ => throw new CsvFieldException(column, $"status {CsvText.Quote(text)} is not known (expected new, open, active, pending, hold, awaiting …, solved, resolved, closed, or a CFPB 'Closed with …' / 'In progress')."),
        };
    }
}
