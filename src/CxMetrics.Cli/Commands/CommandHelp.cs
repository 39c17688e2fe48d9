using System.CommandLine;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// Which of the shared options each command takes, and the help text of an option written for that command (its
/// segment keys, what its as-of instant judges, what it counts as a small cell), so that <c>cxmetrics COMMAND --help</c>
/// lists only that command's options and no description speaks of another family. The options themselves are declared
/// once (<see cref="ToolCommands"/>, <see cref="FamilyOptions"/>); System.CommandLine's help shows the text given here.
/// </summary>
internal static class CommandHelp
{
    /// <summary>Whether <paramref name="command"/> takes the shared option <paramref name="option"/> (its long name).</summary>
    public static bool Takes(string command, string option) => option switch
    {
        "--as-of" => command is not ("nps" or "csat" or "ces" or "conversion"),
        "--period" => command is "report" or "nps" or "csat" or "ces" or "conversion" or "churn" or "cohorts" or "funnel" or "acquisition" or "reviews",
        "--segment" => command is not ("report" or "clv" or "experiment"),
        "--min-cell" => command is not "clv",
        "--scale" => command is "report" or "csat" or "ces",
        "--hours" => command is "report" or "support" or "sla",
        _ => true,
    };

    /// <summary>What an option without its value needs, for the error line <c>cxmetrics: nps: --zone needs a value (…).</c></summary>
    public static string ValueOf(string option) => option switch
    {
        "--zone" or "-z" => "an IANA zone such as Europe/Berlin",
        "--as-of" => "an instant with offset such as 2025-06-30T00:00:00Z",
        "--period" or "-p" => "day, week, month, quarter or year",
        "--segment" or "-s" => "a breakdown key; --help lists this command's keys",
        "--scale" => "a scale such as 1-5",
        "--level" => "a confidence level such as 0.95",
        "--min-cell" => "a whole number such as 30",
        "--format" or "-f" => "table, markdown, json or html",
        "--suppress-below" => "a whole number such as 10",
        "--suppression" => "flag, blank or round",
        "--delimiter" => "one character, or tab",
        "--output" or "-o" => "a file to write",
        "--hours" => "opening hours such as 08:00-18:00",
        "--window" => "a length such as 90d, 2w or 24h",
        "--timeout" => "a length such as 30m or 24h",
        "--denominator" => "start, start-plus-new, daily or customer-days",
        "--same-period" => "exclude or include",
        "--unit" => "cart, session or user",
        "--calibration-end" => "a date such as 2025-06-30",
        "--horizon" => "a whole number of months such as 12",
        "--discount" => "a monthly rate such as 0.01",
        "--top" => "a whole number such as 10",
        "--model" => "bgnbd, mbg or pareto",
        "--rmst-horizon" => "a time in the curve's unit, such as 365",
        "--strata" => "a column of the duration/event file",
        "--cox" => "columns of the duration/event file such as age,plan",
        "--reference" => "COLUMN=LEVEL such as plan=basic",
        "--covariates" => "a customer attribute file such as customers.csv",
        "--rho" or "--gamma" => "a number ≥ 0 such as 1",
        "--target" => "a target such as first_response=4h@90%",
        "--control" => "the control arm's name",
        "--adjust" => "holm, bh or none",
        "--split" => "arm=share pairs such as control=0.5,offer=0.5",
        "--within" => "a whole number of days such as 30",
        "--prior-weight" => "a number of reviews ≥ 0 such as 10",
        "--rank-by" => "bayesian or wilson",
        _ => "a value",
    };

    /// <summary>The help text of the PATH argument of <paramref name="command"/>.</summary>
    public static string Path(string command) => command switch
    {
        "report" => "A folder with conventionally named files (nps.csv, tickets.csv, orders.csv, …, or .parquet in place of .csv) and, if it needs them, its settings in report.args (see docs/cli.md); default: the bundled sample folder (samples/shop).",
        "nps" or "csat" or "ces" => $"{command}.csv (or .parquet, read by DuckDB), or a folder holding it; default: the bundled synthetic {command.ToUpperInvariant()} answers.",
        "support" => "tickets.csv (a ticket event log), or a folder holding it; default: the bundled ServiceNow incident log.",
        "conversion" => "sessions.csv (or .parquet), or a folder holding it; default: the bundled UCI online shoppers sessions.",
        "churn" => "subscriptions.csv (subscription events) or orders.csv, or a folder holding one; default: the bundled subscription events.",
        "cohorts" or "clv" => "orders.csv (or .parquet, read by DuckDB), or a folder holding it; default: the bundled CDNOW orders.",
        "funnel" => "cart_events.csv, or a folder holding it (with sessions.csv, conversion per session is added); default: the bundled OTTO cart events.",
        "survival" => "subscriptions.csv, or orders.csv with --window, or a folder holding one; default: the bundled IBM Telco tenures.",
        "sla" => "tickets.csv (a ticket event log), or a folder holding it; default: the bundled ServiceNow incidents with illustrative targets.",
        "experiment" => "A folder holding assignments.csv and outcomes.csv; default: the bundled retention-offer experiment.",
        "acquisition" => "A folder holding signups.csv and orders.csv (and, for cost per buyer and LTV:CAC, acquisition_spend.csv); default: the bundled CDNOW orders with their synthetic sign-ups.",
        "reviews" => "reviews.csv (one row per review from any site), or a .jsonl file, or a folder holding reviews.csv; default: the bundled synthetic reviews (samples/shop).",
        _ => "A CSV or Parquet file or a folder with conventionally named files (see docs/cli.md); default: the bundled sample.",
    };

    /// <summary>The help text of <paramref name="option"/> (its long name) for <paramref name="command"/>; null keeps the option's own description.</summary>
    public static string? Describe(string command, string option) => option switch
    {
        "--zone" => Zone(command),
        "--as-of" => "Instant of judgement (ISO 8601 with offset, e.g. 2025-06-30T00:00:00Z): " + AsOf(command),
        "--period" => Period(command),
        "--segment" => Segment(command),
        "--level" => Level(command),
        "--min-cell" => MinCell(command),
        "--scale" => command switch
        {
            "csat" => "CSAT answer scale: 1-5 (default), 1-3, 1-7 or 1-10.",
            "ces" => "CES 2.0 agreement scale: 1-7 (the only one).",
            _ => "Answer scale of csat.csv: 1-5 (default), 1-3, 1-7 or 1-10 (ces.csv is always 1-7).",
        },
        "--hours" => command switch
        {
            "sla" => "Business hours Monday–Friday, e.g. 08:00-18:00, in --zone: times against the targets count only while open; default: calendar time (bundled: 08:00-18:00).",
            "support" => "Business hours Monday–Friday, e.g. 08:00-18:00, in --zone: response and resolution times count only while open; default: calendar time.",
            _ => "Business hours Monday–Friday of tickets.csv, e.g. 08:00-18:00, in --zone: support times count only while open; default: calendar time.",
        },
        "--window" => command switch
        {
            "churn" => "Orders only (required there): inactivity after which a customer counts as churned, e.g. 90d, 2w, 24h.",
            "cohorts" => "'calendar' (default: offsets by calendar period) or an elapsed window such as 30d or 24h measured from each customer's first order.",
            "survival" => "Orders only (required there): inactivity after which a customer is lost, e.g. 90d, 2w, 24h.",
            "experiment" => "Outcome window after assignment: the first outcome within it is a conversion, e.g. 30d (default), 2w.",
            "report" => "Inactivity window for orders.csv, e.g. 90d: adds inactivity churn and survival on orders.",
            _ => null,
        },
        "--map" => Map(command),
        "--covariate" when command == "clv" => "CLV with covariates: the attribute columns, comma-separated, each optionally :purchase or :dropout (default: both processes), e.g. channel,first_order_value:purchase; first_order_value (the spend of the first purchase day) and log_first_order_value (ln(1 + it)) come from the orders, every other column from --covariates FILE. Numeric unless --reference names a reference level. Prints the coefficients (γ, SE, z, p per process), the likelihood-ratio test against the model without covariates and the two fits side by side.",
        "--reference" when command == "clv" => "CLV with covariates: makes a text column of --covariates FILE categorical with this reference level, COLUMN=LEVEL (repeatable, or comma-separated), e.g. channel=web; each other level gets a coefficient against it.",
        "--engine" => command == "experiment"
            ? "What reads the files: auto (default) or builtin; assignments and outcomes are read by the built-in reader only (CSV or JSON Lines)."
            : null,
        "--from" => command switch
        {
            "nps" or "csat" or "ces" => "Read a survey export by its vendor's preset: " + Presets(p => p.Surveys is not null) + ".",
            "cohorts" or "clv" => "Read an orders export by its vendor's preset: " + Presets(p => p.Orders is not null) + ".",
            "churn" or "survival" => "Read an orders export (" + Presets(p => p.Orders is not null) + ") or a subscriptions export (" + Presets(p => p.SubscriptionSummaries is not null) + ") by its vendor's preset.",
            "funnel" => "Read an event export by its vendor's preset: " + Presets(p => p.CartEvents is not null) + " (its unit is the session: add --unit session).",
            "support" or "sla" => "Read a ticket export (one row per ticket) by its vendor's preset: " + Presets(p => p.TicketSummaries is not null) + " (give --zone: their times have no offset).",
            "reviews" => "Read a review export by its vendor's preset: " + Presets(p => p.Reviews is not null) + " (Google Business Profile API review objects, one per line).",
            _ => null,
        },
        "--columns" => command switch
        {
            "nps" or "csat" or "ces" => Columns(command + ".csv", "customer_id=Respondent,answered_at=\"Submitted at\""),
            "conversion" => Columns("sessions.csv", "visitor_id=Visitor,started_at=\"Session start\""),
            "funnel" => Columns("cart_events.csv", "cart_id=Cart,at=\"Event time\""),
            "support" or "sla" => Columns("a one-row-per-ticket tickets file (read as ticket summaries)", "ticket_id=Id,created_at=\"Created at\",channel=Via"),
            "survival" => Columns("a duration/event file", "duration=tenure,event=Churn"),
            "acquisition" => Columns("signups.csv (orders.csv and acquisition_spend.csv take sections of --map)", "customer_id=user,acquired_at=joined,source=channel"),
            "reviews" => Columns("reviews.csv", "item=Product,rating=Stars,created_at=\"Posted at\""),
            _ => null,
        },
        "--top" => command == "reviews" ? "How many items to list at the top of the ranking (and, with more than twice as many items, at its bottom)." : null,
        "--format" => command == "report"
            ? "Output: table, markdown, json or html (one self-contained page with charts); default: table."
            : "Output: table, markdown, json or html (one self-contained page); default: table.",
        _ => null,
    };

    private static string Zone(string command)
    {
        string files = command switch
        {
            "report" => "the folder's files",
            "nps" or "csat" or "ces" => command + ".csv",
            "support" or "sla" => "tickets.csv",
            "conversion" => "sessions.csv",
            "churn" => "subscriptions.csv or orders.csv",
            "cohorts" or "clv" => "orders.csv",
            "funnel" => "cart_events.csv",
            "survival" => "survival.csv, subscriptions.csv or orders.csv",
            "experiment" => "assignments.csv and outcomes.csv",
            "acquisition" => "signups.csv and orders.csv",
            "reviews" => "reviews.csv",
            _ => "the files",
        };
        string uses = command switch
        {
            "clv" => " and for --calibration-end dates; default: timestamps need an offset, days in UTC.",
            "support" or "sla" => " and for --hours; default: timestamps need an offset, hours in UTC.",
            "survival" or "experiment" => "; default: timestamps need an offset.",
            _ => " and for calendar periods; default: timestamps need an offset, periods in UTC.",
        };
        return $"IANA zone (e.g. Europe/Berlin) for local timestamps in {files}{uses}";
    }

    /// <summary>The names of the presets that match, comma-separated.</summary>
    private static string Presets(Func<Csv.CsvPreset, bool> match) => string.Join(", ", Csv.CsvPreset.All.Where(match).Select(p => p.Name));

    private static string Columns(string file, string example) =>
        $"Column map of {file}: logical=header pairs, e.g. {example} (names in double quotes may hold commas, '=' and \"\" for a quote; logical= ignores an optional column).";

    /// <summary>The mapping file's help (the option comes with the column maps): the section of this command's files only.</summary>
    private static string? Map(string command)
    {
        string? sections = command switch
        {
            "nps" or "csat" or "ces" => $"its '{command}' section gives",
            "support" or "sla" => "its 'ticket_summaries' (one row per ticket, or a snapshot log) or 'tickets' (event log) section gives",
            "conversion" => "its 'sessions' section gives",
            "churn" => "its 'subscriptions' and 'orders' sections give",
            "survival" => "its 'survival' (duration/event), 'subscriptions' and 'orders' sections give",
            "experiment" => "its 'assignments' and 'outcomes' sections give",
            "acquisition" => "its 'signups', 'orders' and 'acquisition_spend' sections give",
            "reviews" => "its 'reviews' section gives",
            "cohorts" or "clv" => "its 'orders' section gives",
            "funnel" => "its 'cart_events' and 'sessions' sections give",
            "report" => null,
            _ => "its sections give",
        };
        return sections is null ? null : $"JSON mapping file: {sections} the columns and value formats of the files read; flags override it.";
    }

    private static string AsOf(string command) => command switch
    {
        "report" => "each family is judged then (later events left out, open work pending, unfinished periods left out); default: each file's latest event.",
        "support" => "tickets created later are left out, tickets still open then are pending; default: the latest ticket event.",
        "sla" => "tickets created later are left out, tickets still waiting then are pending (past their target: breached); default: the latest ticket event.",
        "churn" => "later events are ignored and periods not over then are left out; on orders, customers inside --window are pending; default: the latest event in the file.",
        "cohorts" => "later orders are ignored and cells not observable yet are shown as —; default: the latest order.",
        "funnel" => "later events are ignored and carts without purchase inside --timeout are pending; default: the latest cart event.",
        "clv" => "later orders are ignored; default: every order.",
        "survival" => "later events are ignored and lifetimes still running then are censored; default: the latest event in the file.",
        "experiment" => "later outcomes are ignored and customers assigned less than --window before it are pending; default: the latest assignment or outcome.",
        "acquisition" => "later sign-ups and orders are left out, customers acquired less than --within days before it are pending, not-yet-buyers are censored then; default: the latest sign-up or order.",
        "reviews" => "reviews posted later are left out and replies given later do not count yet (those negative reviews are unreplied); default: every review and reply.",
        _ => "later events are ignored; default: the latest event.",
    };

    private static string Period(string command)
    {
        string what = command switch
        {
            "report" => "the trend tables and cohorts",
            "nps" => "the NPS trend table",
            "csat" => "the CSAT trend table",
            "ces" => "the CES trend table",
            "conversion" => "the conversion trend table",
            "churn" => "customer churn and MRR movements (subscription events) or of inactivity churn at period ends (orders)",
            "cohorts" => "the cohorts (period of the first order) and of the offsets without --window",
            "funnel" => "the abandonment trend (period of the first cart activity)",
            "acquisition" => "the acquisition cohorts (period of sign-up) and of acquisition_spend.csv's period_start",
            "reviews" => "the review trend table (period of posting)",
            _ => "the trend tables",
        };
        return $"Calendar period of {what}: day, week, month, quarter, year (default: month).";
    }

    private static string Segment(string command) => command switch
    {
        "nps" => "Breakdown key: channel (default), touchpoint, segment.",
        "csat" => "Breakdown key: touchpoint (default), channel, segment.",
        "ces" => "Breakdown key: channel (default), touchpoint, segment.",
        "support" => "Breakdown key: channel (default), priority, segment, agent-group.",
        "conversion" => "Breakdown key: visitor-type (default), channel, traffic-source, device, segment.",
        "churn" => "Inactivity churn on orders by channel or segment (each order's value); subscription events carry no segment.",
        "cohorts" => "Pooled retention by channel or segment (each order's value).",
        "funnel" => "Abandonment by channel, device or segment.",
        "survival" => "Curves by channel or segment on orders (the customer's first order's value); subscription events carry no segment; the bundled Telco sample: contract.",
        "sla" => "Breakdown key: priority (default: cells per channel × priority) or channel (cells per channel).",
        "acquisition" => "Breakdown key: source (default) or campaign of signups.csv; with campaign, acquisition_spend.csv's source column names campaigns.",
        "reviews" => "Breakdown key: source (default) or item (product or location).",
        _ => "Breakdown key.",
    };

    private static string Level(string command) => command switch
    {
        "experiment" => "Confidence level of the intervals; an uplift is significant when its adjusted p-value is below 1 − level.",
        "clv" => "Confidence level of the --intervals (percentiles of the parameter draws).",
        "survival" => "Confidence level of the curves' intervals, the medians' and the restricted means'.",
        "sla" => "Confidence level of the attainment intervals (Wilson) and of the verdicts against the goal.",
        _ => "Confidence level of the intervals, strictly between 0 and 1.",
    };

    private static string MinCell(string command)
    {
        string what = command switch
        {
            "report" => "Cells with fewer answers, tickets, sessions, carts or customers",
            "nps" or "csat" or "ces" => "Cells with fewer answers",
            "support" => "Breakdown cells with fewer tickets",
            "sla" => "Cells with fewer judged tickets",
            "conversion" => "Cells with fewer sessions",
            "churn" => "Segments with fewer judged customers (orders)",
            "cohorts" => "Segments with fewer customers",
            "funnel" => "Cells with fewer decided carts",
            "survival" => "Segments with fewer subjects",
            "experiment" => "Arms with fewer observed customers",
            "acquisition" => "Sources and periods with fewer judged customers",
            "reviews" => "Sources, items and periods with fewer reviews",
            _ => "Cells with fewer records",
        };
        return what + " are flagged 'small n'.";
    }
}

/// <summary>
/// <c>cxmetrics COMMAND --help</c>: the command's description, usage, PATH and its options, each described for the
/// command (<see cref="CommandHelp"/>), one line per option (no hard wraps; a terminal wraps long lines itself). The root
/// help (<c>cxmetrics --help</c>) stays System.CommandLine's.
/// </summary>
internal sealed class CommandHelpAction(System.CommandLine.Invocation.CommandLineAction? standard, Argument path) : System.CommandLine.Invocation.SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        if (command is RootCommand && standard is System.CommandLine.Invocation.SynchronousCommandLineAction root)
        {
            return root.Invoke(parseResult);
        }

        var output = parseResult.InvocationConfiguration.Output;
        var rows = new List<(string First, string Second)>();
        if (command.Arguments.Contains(path))
        {
            rows.Add(("<PATH>", CommandHelp.Path(command.Name)));
        }

        var options = new List<(string First, string Second)>();
        foreach (var option in command.Options.Concat(parseResult.RootCommandResult.Command.Options.Where(o => o.Recursive)).Where(o => !o.Hidden))
        {
            string names = string.Join(", ", option.Aliases.Where(a => a[0] == '-' && !a.StartsWith("--", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Append(option.Name));
            string value = option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0 ? string.Empty : $" <{option.HelpName ?? option.Name.TrimStart('-')}>";
            string text = CommandHelp.Describe(command.Name, option.Name) ?? option.Description ?? string.Empty;
            if (option.HasDefaultValue && option.ValueType != typeof(bool) && option.GetDefaultValue() is { } d)
            {
                text += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" [default: {d}]");
            }

            options.Add((names + value, text));
        }

        int width = rows.Concat(options).Max(r => r.First.Length) + 2;
        output.WriteLine("Description:");
        output.WriteLine("  " + command.Description);
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine($"  cxmetrics {command.Name}{(rows.Count > 0 ? " [<PATH>]" : string.Empty)} [options]");
        output.WriteLine();
        if (rows.Count > 0)
        {
            output.WriteLine("Arguments:");
            rows.ForEach(r => output.WriteLine("  " + r.First.PadRight(width) + r.Second));
            output.WriteLine();
        }

        output.WriteLine("Options:");
        options.ForEach(r => output.WriteLine("  " + r.First.PadRight(width) + r.Second));
        output.WriteLine();
        return 0;
    }
}
