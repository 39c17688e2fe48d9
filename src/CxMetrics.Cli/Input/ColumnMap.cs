using System.Globalization;
using CxMetrics.Cli.Commands;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Input;

/// <summary>
/// Logical column → header pairs (<c>customer_id=Customer,placed_at="Paid at"</c>), as given on the command line or in a
/// mapping file, and their application to the columns records of CxMetrics.Csv.
/// </summary>
/// <remarks>
/// Quoting rule of <c>--columns</c> (the CSV rule): pairs are separated by commas; a name may be written in double
/// quotes, and inside quotes commas and <c>=</c> are plain characters and <c>""</c> is one quote. Spaces around unquoted
/// names are trimmed. An empty header (<c>segment=</c>) ignores an optional column.
/// </remarks>
internal sealed record ColumnMap(IReadOnlyList<(string Logical, string Header)> Pairs)
{
    public static ColumnMap Empty { get; } = new([]);

    public bool IsEmpty => Pairs.Count == 0;

    /// <summary>Parses <c>--columns</c> text; syntax mistakes are usage errors (all listed).</summary>
    public static ColumnMap Parse(string text)
    {
        var pairs = new List<(string, string)>();
        var mistakes = new List<string>();
        int i = 0;
        while (i <= text.Length)
        {
            string logical = Name(text, ref i, '=', out bool sawEquals, mistakes);
            if (!sawEquals)
            {
                if (logical.Length > 0 || i < text.Length)
                {
                    mistakes.Add($"--columns: '{logical}' is not logical=header (e.g. customer_id=Customer).");
                }

                i++;
                continue;
            }

            i++;
            string header = Name(text, ref i, ',', out _, mistakes);
            i++;
            if (logical.Length == 0)
            {
                mistakes.Add($"--columns: '={header}' names no logical column.");
                continue;
            }

            pairs.Add((logical, header));
        }

        return mistakes.Count > 0 ? throw new ColumnMapException(ToolCommands.UsageError, mistakes) : new ColumnMap(pairs);
    }

    /// <summary>Reads one name up to <paramref name="stop"/> (outside quotes); leaves <paramref name="i"/> on the stop character or the end.</summary>
    private static string Name(string text, ref int i, char stop, out bool stopped, List<string> mistakes)
    {
        var name = new System.Text.StringBuilder();
        bool quoted = false;
        bool wasQuoted = false;
        int start = i;
        while (i < text.Length)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    name.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    i++;
                    continue;
                }

                name.Append(c);
                i++;
                continue;
            }

            if (c == stop || (stop == '=' && c == ','))
            {
                stopped = c == stop;
                return wasQuoted ? name.ToString() : name.ToString().Trim();
            }

            if (c == '"' && name.ToString().Trim().Length == 0)
            {
                name.Clear();
                quoted = true;
                wasQuoted = true;
                i++;
                continue;
            }

            name.Append(c);
            i++;
        }

        if (quoted)
        {
            mistakes.Add($"--columns: the quote opened at character {start + 1} is never closed.");
        }

        stopped = false;
        return wasQuoted ? name.ToString() : name.ToString().Trim();
    }

    /// <summary>
    /// Checks the pairs against a file kind: unknown logical names (with the valid ones and a "did you mean"), a logical
    /// name given twice, one header named by two logical names, an empty header for a required column. Usage errors.
    /// </summary>
    public void Validate(FileKind kind, string origin)
    {
        var logical = kind.LogicalColumns();
        var mistakes = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, header) in Pairs)
        {
            if (!logical.Contains(name))
            {
                string? near = logical.Select(l => (Name: l, Distance: ToolCommands.Levenshtein(name, l))).Where(c => c.Distance <= 2).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
                mistakes.Add($"{origin}: '{name}' is not a column of {kind.Section()} files{(near is null ? string.Empty : $"; did you mean {near}?")} (columns: {string.Join(", ", logical)}).");
                continue;
            }

            if (!seen.TryAdd(name, 1))
            {
                mistakes.Add($"{origin}: {name} is mapped twice.");
                continue;
            }

            if (header.Length == 0)
            {
                if (Array.IndexOf(Required(kind), name) >= 0)
                {
                    mistakes.Add($"{origin}: {name} is required and cannot be left empty.");
                }

                continue;
            }

            if (!headers.TryAdd(header, name))
            {
                mistakes.Add($"{origin}: header '{header}' is named by both {headers[header]} and {name}.");
            }
        }

        if (mistakes.Count > 0)
        {
            throw new ColumnMapException(ToolCommands.UsageError, mistakes);
        }
    }

    /// <summary>The map's pairs after <paramref name="over"/>'s pairs replace those of the same logical name.</summary>
    public ColumnMap With(ColumnMap over) =>
        new([.. Pairs.Where(p => !over.Pairs.Any(o => o.Logical == p.Logical)), .. over.Pairs]);

    private static string[] Required(FileKind kind) => kind switch
    {
        FileKind.Nps or FileKind.Csat or FileKind.Ces => ["customer_id", "answered_at", "score"],
        FileKind.Sessions => ["converted"],
        FileKind.Orders => ["customer_id", "placed_at", "amount"],
        FileKind.Subscriptions => ["subscription_id", "customer_id", "event", "at", "mrr"],
        FileKind.CartEvents => ["cart_id", "event", "at"],
        FileKind.TicketSummaries => ["ticket_id", "created_at", "channel"],
        FileKind.Survival => ["duration", "event"],
        FileKind.Assignments => ["customer_id", "arm", "assigned_at"],
        FileKind.Outcomes => ["customer_id", "occurred_at", "revenue"],
        FileKind.Signups => ["customer_id", "acquired_at"],
        FileKind.AcquisitionSpend => ["source", "period_start", "amount"],
        FileKind.Reviews => ["item", "rating", "created_at"],
        FileKind.Customers => ["customer_id"],
        _ => [],
    };

    private string? Header(string logical, string? fallback)
    {
        foreach (var (name, header) in Pairs)
        {
            if (name == logical)
            {
                return header.Length == 0 ? null : header;
            }
        }

        return fallback;
    }

    private string Required(string logical, string fallback) => Header(logical, fallback) ?? fallback;

    /// <summary>The header of a logical column: the mapped one, the conventional name when unmapped, null when mapped to nothing.</summary>
    public string? HeaderOf(string logical) => Header(logical, logical);

    public TicketSummaryColumns Apply(TicketSummaryColumns c) => c with
    {
        TicketId = Required("ticket_id", c.TicketId),
        CreatedAt = Required("created_at", c.CreatedAt),
        Channel = Required("channel", c.Channel),
        CustomerId = Header("customer_id", c.CustomerId),
        FirstReplyAt = Header("first_reply_at", c.FirstReplyAt),
        FirstReplyMinutes = Header("first_reply_minutes", c.FirstReplyMinutes),
        SolvedAt = Header("solved_at", c.SolvedAt),
        Status = Header("status", c.Status),
        Priority = Header("priority", c.Priority),
        AgentGroup = Header("agent_group", c.AgentGroup),
        Reopens = Header("reopens", c.Reopens),
        Segment = Header("segment", c.Segment),
        UpdatedAt = Header("updated_at", c.UpdatedAt),
    };

    /// <summary>Review columns renamed; a preset's source name, rating names and resource-name items stay.</summary>
    public ReviewColumns Apply(ReviewColumns c) => c with
    {
        Id = Header("review_id", c.Id),
        Source = Header("source", c.Source),
        Item = Required("item", c.Item),
        Rating = Required("rating", c.Rating),
        Scale = Header("scale", c.Scale),
        CreatedAt = Required("created_at", c.CreatedAt),
        RepliedAt = Header("replied_at", c.RepliedAt),
    };

    public SurvivalColumns Apply(SurvivalColumns c) => c with
    {
        Duration = Required("duration", c.Duration),
        Event = Required("event", c.Event),
        Id = Header("id", c.Id),
        Segment = Header("segment", c.Segment),
        Weight = Header("weight", c.Weight),
        Entry = Header("entry", c.Entry),
    };

    public SurveyColumns Apply(SurveyColumns c) => c with
    {
        CustomerId = Required("customer_id", c.CustomerId),
        AnsweredAt = Required("answered_at", c.AnsweredAt),
        Score = Required("score", c.Score),
        Id = Header("response_id", c.Id),
        Channel = Header("channel", c.Channel),
        Touchpoint = Header("touchpoint", c.Touchpoint),
        Segment = Header("segment", c.Segment),
        Weight = Header("weight", c.Weight),
    };

    public AcquisitionColumns Apply(AcquisitionColumns c) => c with
    {
        CustomerId = Required("customer_id", c.CustomerId),
        AcquiredAt = Required("acquired_at", c.AcquiredAt),
        Source = Header("source", c.Source),
        Campaign = Header("campaign", c.Campaign),
    };

    public AcquisitionSpendColumns Apply(AcquisitionSpendColumns c) => c with
    {
        Source = Required("source", c.Source),
        PeriodStart = Required("period_start", c.PeriodStart),
        Amount = Required("amount", c.Amount),
        Currency = Header("currency", c.Currency),
    };

    public OrderColumns Apply(OrderColumns c) => c with
    {
        CustomerId = Required("customer_id", c.CustomerId),
        PlacedAt = Required("placed_at", c.PlacedAt),
        Amount = Required("amount", c.Amount),
        Currency = Header("currency", c.Currency),
        Id = Header("order_id", c.Id),
        Channel = Header("channel", c.Channel),
        Segment = Header("segment", c.Segment),
    };

    public SessionColumns Apply(SessionColumns c) => c with
    {
        VisitorId = Header("visitor_id", c.VisitorId),
        StartedAt = Header("started_at", c.StartedAt),
        Converted = Required("converted", c.Converted),
        Id = Header("session_id", c.Id),
        Channel = Header("channel", c.Channel),
        TrafficSource = Header("traffic_source", c.TrafficSource),
        Device = Header("device", c.Device),
        VisitorType = Header("visitor_type", c.VisitorType),
        Segment = Header("segment", c.Segment),
    };

    /// <summary>The logical names only a one-row-per-subscription export has (its status, dates, price and plan).</summary>
    internal static readonly string[] SubscriptionExportOnly = ["status", "started_at", "trial_start", "trial_end", "canceled_at", "ended_at", "amount", "quantity", "interval", "interval_count", "plan", "segment"];

    /// <summary>Subscription-event columns renamed; a name only a subscriptions export has is refused (this file is events).</summary>
    public SubscriptionEventColumns Apply(SubscriptionEventColumns c)
    {
        Refuse(SubscriptionExportOnly, "--columns: a subscription event file has one row per start, change or cancel (subscription_id, customer_id, event, at, mrr, currency); {0} belong to a one-row-per-subscription export (--from stripe)");
        return c with
        {
            SubscriptionId = Required("subscription_id", c.SubscriptionId),
            CustomerId = Required("customer_id", c.CustomerId),
            Kind = Required("event", c.Kind),
            At = Required("at", c.At),
            Mrr = Required("mrr", c.Mrr),
            Currency = Header("currency", c.Currency),
        };
    }

    /// <summary>
    /// A subscription export's columns (Stripe) with any of its columns renamed (say <c>started_at="Start (UTC)"</c>, the
    /// newer export's spelling); the event-file names <c>event</c>, <c>at</c> and <c>mrr</c> are refused (the export has no
    /// event, time or MRR column: they come from its status, dates, amount, quantity and interval).
    /// </summary>
    public SubscriptionSummaryColumns Apply(SubscriptionSummaryColumns c)
    {
        Refuse(["event", "at", "mrr"], "--from: a subscriptions export has one row per subscription; {0} come from its status, dates, amount, quantity and interval (rename those columns instead)");
        return c with
        {
            SubscriptionId = Required("subscription_id", c.SubscriptionId),
            CustomerId = Required("customer_id", c.CustomerId),
            Status = Header("status", c.Status),
            StartedAt = Required("started_at", c.StartedAt),
            TrialStart = Header("trial_start", c.TrialStart),
            TrialEnd = Header("trial_end", c.TrialEnd),
            CanceledAt = Header("canceled_at", c.CanceledAt),
            EndedAt = Header("ended_at", c.EndedAt),
            Amount = Required("amount", c.Amount),
            Quantity = Header("quantity", c.Quantity),
            Interval = Required("interval", c.Interval),
            IntervalCount = Header("interval_count", c.IntervalCount),
            Currency = Header("currency", c.Currency),
            Plan = Header("plan", c.Plan),
            Segment = Header("segment", c.Segment),
        };
    }

    /// <summary>Throws a usage error naming the mapped logical names among <paramref name="names"/>.</summary>
    private void Refuse(string[] names, string message)
    {
        var mapped = Pairs.Where(p => Array.IndexOf(names, p.Logical) >= 0).Select(p => p.Logical).ToList();
        if (mapped.Count > 0)
        {
            throw new UsageException(string.Format(CultureInfo.InvariantCulture, message, string.Join(", ", mapped)) + ".");
        }
    }

    /// <summary>Cart-event columns renamed; the preset's event names and key parts stay unless the key column is mapped.</summary>
    public CartEventColumns Apply(CartEventColumns c) => c with
    {
        KeyParts = Pairs.Any(p => p.Logical == "cart_id") ? null : c.KeyParts,
        Key = Required("cart_id", c.Key),
        Kind = Required("event", c.Kind),
        At = Required("at", c.At),
        Value = Header("value", c.Value),
        Currency = Header("currency", c.Currency),
        ItemId = Header("item_id", c.ItemId),
        Channel = Header("channel", c.Channel),
        Device = Header("device", c.Device),
        Segment = Header("segment", c.Segment),
        Id = Header("event_id", c.Id),
    };
}
