using System.CommandLine;
using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Csv;
using CxMetrics.Support;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The <c>cxmetrics</c> command tree (System.CommandLine): <c>report [DIR]</c> and one command per family with data
/// (<c>nps</c>, <c>csat</c>, <c>ces</c>, <c>support</c>, <c>conversion</c>, <c>churn</c>, <c>cohorts</c>, <c>funnel</c>, <c>clv</c>, <c>survival</c>, <c>sla</c>, <c>experiment</c>, <c>reviews</c>). Exit codes: 0 done, 1 the data cannot be read
/// or judged (missing file or column, strict-mode rejection, events that cannot happen, mixed currencies; also any
/// unexpected error), 2 the command line is wrong (<see cref="UsageException"/>). Every error is one line on stderr,
/// never a stack trace.
/// </summary>
internal static class ToolCommands
{
    public const int Ok = 0;
    public const int DataError = 1;
    public const int UsageError = 2;

    private static readonly string[] CommandNames = ["report", "nps", "csat", "ces", "support", "conversion", "churn", "cohorts", "funnel", "clv", "survival", "sla", "experiment", "acquisition", "reviews"];

    private static readonly Option<string?> ZoneOption = new("--zone", "-z") { Description = "IANA zone (e.g. Europe/Berlin) for local timestamps in the files and for calendar periods; default: timestamps need an offset, periods in UTC." };
    private static readonly Option<string?> AsOfOption = new("--as-of") { Description = "Instant of judgement (ISO 8601 with offset, e.g. 2025-06-30T00:00:00Z): open tickets, unfinished periods, unobservable cohort cells and carts inside the time-out are pending then; default: the latest event in the data." };
    private static readonly Option<PeriodUnit?> PeriodOption = new("--period", "-p") { Description = "Calendar period of the trend tables: day, week, month, quarter, year (default: month).", HelpName = "day|week|month|quarter|year", CustomParser = Named<PeriodUnit>("--period") };
    private static readonly Option<string?> SegmentOption = new("--segment", "-s") { Description = "Breakdown key: channel, touchpoint, segment (surveys); channel, priority, segment, agent-group (support); visitor-type, channel, traffic-source, device, segment (conversion); channel, segment (churn on orders, cohorts, survival on orders); channel, device, segment (funnel); priority (default), channel (sla)." };
    private static readonly Option<string?> ScaleOption = new("--scale") { Description = "Answer scale: CSAT 1-5 (default), 1-3, 1-7, 1-10; CES 1-7 (default, agreement)." };
    private static readonly Option<double> LevelOption = new("--level") { Description = "Confidence level of the intervals.", DefaultValueFactory = _ => 0.95, CustomParser = Number("--level", "a number between 0 and 1") };
    private static readonly Option<int> MinCellOption = new("--min-cell") { Description = "Cells with fewer answers are flagged 'small n'.", DefaultValueFactory = _ => 30, CustomParser = Whole("--min-cell", "a whole number") };
    private static readonly Option<int?> SuppressBelowOption = new("--suppress-below") { Description = "Privacy of small cells: counts from 1 to N-1 are flagged, blanked or rounded in every table (--suppression; default: none).", HelpName = "N", CustomParser = r => Whole("--suppress-below", "a whole number")(r) };
    private static readonly Option<Reporting.SuppressionMode?> SuppressionOption = new("--suppression") { Description = "What --suppress-below does with a small count: flag (a * and a note), blank, or round (every count to a multiple of 5; default: flag).", HelpName = "flag|blank|round", CustomParser = Named<Reporting.SuppressionMode>("--suppression") };
    private static readonly Option<OutputFormat?> FormatOption = new("--format", "-f") { Description = "Output: table, markdown, json or html (one self-contained page with charts; report only draws charts; default: table).", HelpName = "table|markdown|json|html", CustomParser = Named<OutputFormat>("--format") };
    private static readonly Option<string> DelimiterOption = new("--delimiter") { Description = "CSV field delimiter (one character; 'tab' for tab).", DefaultValueFactory = _ => "," };
    private static readonly Option<bool> StrictOption = new("--strict") { Description = "Stop at the first bad row instead of rejecting it and going on." };
    private static readonly Option<string?> HoursOption = new("--hours") { Description = "Support business hours Monday–Friday, e.g. 08:00-18:00, in --zone; default: calendar time." };
    private static readonly Option<string?> OutputOption = new("--output", "-o") { Description = "Write the output to this file instead of stdout (created or replaced; errors still go to stderr).", HelpName = "file" };
    private static readonly Argument<string?> PathArgument = new("PATH") { Description = "A CSV file or a folder with conventionally named files (see docs/cli.md); default: the bundled sample.", Arity = ArgumentArity.ZeroOrOne };

    public static RootCommand Build(TextWriter output) => Build(output, ProgressDisplay.None);

    public static RootCommand Build(TextWriter output, ProgressDisplay progress)
    {
        var root = new RootCommand("cxmetrics: customer-experience metrics (NPS, CSAT, CES, support, SLA, conversion, churn, cohorts, survival, funnel, experiments, CLV, reviews) from a shop's CSV exports.");
        root.Add(Make("report", "Every metric family that has data in DIR (or in the bundled sample).", parse => Report(parse, progress, output)));
        root.Add(Make("nps", "Net Promoter Score: headline, by segment key and by period.", output, (p, s, o) => Survey(p, s, o, "nps"), progress));
        root.Add(Make("csat", "Customer satisfaction (% satisfied and mean).", output, (p, s, o) => Survey(p, s, o, "csat"), progress));
        root.Add(Make("ces", "Customer effort score (CES 2.0 agreement).", output, (p, s, o) => Survey(p, s, o, "ces"), progress));
        root.Add(Make("support", "Support responsiveness from a ticket event log: first response, resolution, reopen rate.", output, Support, progress));
        root.Add(Make("conversion", "Conversion rate per session.", output, Conversion, progress));
        root.Add(Make("churn", "Customer churn and MRR movements from subscription events, or inactivity churn from orders (--window).", output, ChurnCommand.Run, progress));
        root.Add(Make("cohorts", "Cohort retention matrix of orders: N-period, unbounded and revenue retention.", output, CohortsCommand.Run, progress));
        root.Add(Make("funnel", "Cart abandonment and the checkout funnel from cart events.", output, FunnelCommand.Run, progress));
        root.Add(Make("clv", "Customer lifetime value: BG/NBD (or --model mbg, pareto) and gamma-gamma fits, P(alive), top customers by predicted value.", output, ClvCommand.Run, progress));
        root.Add(Make("survival", "Kaplan–Meier survival by segment (intervals, median, RMST) and the log-rank test, from subscription events or orders with --window.", output, SurvivalCommand.Run, progress));
        root.Add(Make("sla", "SLA attainment per priority or channel against --target, pending tickets past target counted as breaches.", output, SlaCommand.Run, progress));
        root.Add(Make("acquisition", "Are we converting the customers we acquire? From signups.csv and orders.csv (+ acquisition_spend.csv): per source the share buying within --within days, time to first purchase, revenue per customer at 30/90/365 days, cost per buyer and LTV:CAC.", output, AcquisitionCommand.Run, progress));
        root.Add(Make("reviews", "Reviews from every site: rating distribution and mean per source, negative share, reply rate and hours to reply for negative reviews, by source or item and by period, and a ranking of items (Bayesian average, Wilson lower bound).", output, ReviewsCommand.Run, progress));
        root.Add(Make("experiment", "Experiment read-out from assignments.csv and outcomes.csv: conversion and revenue per arm and segment, sample-ratio check, adjusted p-values.", output, ExperimentCommand.Run, progress));
        UseCommandHelp(root);
        return root;
    }

    /// <summary>
    /// Help that describes each option for the command it is asked for (<see cref="CommandHelp"/>): the options are shared
    /// objects, so their own descriptions cannot differ per command.
    /// </summary>
    private static void UseCommandHelp(RootCommand root)
    {
        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>())
        {
            help.Action = new CommandHelpAction(help.Action, PathArgument);
        }
    }

    /// <summary>Runs the tool in-process: the one entry point of Program.cs and of the tests.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var progress = ProgressDisplay.For(error);
        var root = Build(output, progress);
        var parse = root.Parse(args);
        if (args.Length > 0 && !args[0].StartsWith('-') && !CommandNames.Contains(args[0], StringComparer.Ordinal))
        {
            return Fail(error, UsageError, $"unknown command '{args[0]}' (commands: {string.Join(", ", CommandNames)}; --help for help).");
        }

        if (args.Length > 0 && args[0].StartsWith('-') && args[0] != "--" && !root.Options.Any(o => o.Name == args[0] || o.Aliases.Contains(args[0])))
        {
            string first = TerminalText.Safe(args[0].Split('=')[0], TerminalText.MaxCell);
            return Fail(error, UsageError, $"unknown option '{first}' (options come after a command: cxmetrics COMMAND --help lists them; commands: {string.Join(", ", CommandNames)}).");
        }

        if (UnknownOption(parse) is { } unknown)
        {
            return Fail(error, UsageError, unknown);
        }

        if (MissingValue(parse) is { } missing)
        {
            return Fail(error, UsageError, missing);
        }

        if (parse.Errors.Count > 0)
        {
            return Fail(error, UsageError, parse.Errors[0].Message);
        }

        if (args.Length == 0)
        {
            return Fail(error, UsageError, $"no command given (commands: {string.Join(", ", CommandNames)}; --help for help).");
        }

        StreamWriter? file = null;
        if (parse.GetValue(OutputOption) is { } path)
        {
            try
            {
                file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
            {
                return Fail(error, DataError, $"--output: cannot write '{path}': {ex.Message}");
            }

            // The commands write to the writer they were built with: build them again around the file.
            parse = Build(file, progress).Parse(args);
        }

        using var written = file;
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            return Fail(error, UsageError, ex.Message);
        }
        catch (ColumnMapException ex)
        {
            ex.Mistakes.SkipLast(1).ToList().ForEach(m => Fail(error, ex.ExitCode, m));
            return Fail(error, ex.ExitCode, ex.Mistakes[^1]);
        }
        catch (PartialReportException ex)
        {
            return Fail(error, DataError, ex.Message);
        }
        catch (Exception ex) when (ex is CsvDataException or DuckDb.PushdownException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return Fail(error, DataError, ex.Message);
        }
        catch (Exception ex) when (IsDataError(ex))
        {
            return Fail(error, DataError, Describe(ex));
        }
        catch (Exception ex)
        {
            // Never a stack trace: an unexpected exception is one line naming its type, and exit code 1.
            return Fail(error, DataError, $"unexpected error ({ex.GetType().Name}): {ex.Message}");
        }
    }

    /// <summary>
    /// The error for the first token that looks like an option (starts with '-') but is none of the command's options and
    /// is not the value of the option before it: System.CommandLine would take it as the PATH argument ("no such file
    /// '--frobnicate'"). A token within Levenshtein distance 2 of a known option gets "did you mean". Tokens after
    /// <c>--</c> are arguments.
    /// </summary>
    private static string? UnknownOption(ParseResult parse)
    {
        if (parse.CommandResult.Command is not { } command || command is RootCommand)
        {
            return null;
        }

        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToArray();
        bool takesValue = false;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == System.CommandLine.Parsing.TokenType.DoubleDash)
            {
                return null;
            }

            if (token.Type == System.CommandLine.Parsing.TokenType.Option)
            {
                takesValue = command.Options.FirstOrDefault(o => o.Name == token.Value || o.Aliases.Contains(token.Value)) is { Arity.MaximumNumberOfValues: > 0 } option && option.ValueType != typeof(bool);
                continue;
            }

            if (token.Type == System.CommandLine.Parsing.TokenType.Argument && !takesValue && token.Value.Length > 1 && token.Value[0] == '-')
            {
                string name = token.Value.Split('=', ':')[0];
                string? nearest = names.Where(n => n.StartsWith("--", StringComparison.Ordinal) && name.Length > 2).Select(n => (Name: n, Distance: Levenshtein(name, n))).Where(c => c.Distance <= 2).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
                string safe = TerminalText.Safe(name, TerminalText.MaxCell);
                return nearest is null
                    ? name.IndexOfAny(['.', '/', '\\']) > 0
                        ? $"{command.Name}: unknown option '{safe}' (a file whose name starts with '-' goes after --, as in cxmetrics {command.Name} -- {safe}, or as ./{safe})."
                        : $"{command.Name}: unknown option '{safe}' (cxmetrics {command.Name} --help lists the options)."
                    : $"{command.Name}: unknown option '{safe}'; did you mean {nearest}?";
            }

            takesValue = false;
        }

        return null;
    }

    /// <summary>
    /// The error for an option that takes a value but is given none (the last token, or followed by another option):
    /// <c>nps: --zone needs a value (an IANA zone such as Europe/Berlin).</c>, instead of System.CommandLine's wording.
    /// </summary>
    private static string? MissingValue(ParseResult parse)
    {
        if (parse.CommandResult.Command is not { } command || command is RootCommand)
        {
            return null;
        }

        var tokens = parse.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == System.CommandLine.Parsing.TokenType.DoubleDash)
            {
                return null;
            }

            if (tokens[i].Type == System.CommandLine.Parsing.TokenType.Option
                && command.Options.FirstOrDefault(o => o.Name == tokens[i].Value || o.Aliases.Contains(tokens[i].Value)) is { Arity.MinimumNumberOfValues: > 0 } option
                && option.ValueType != typeof(bool)
                && (i + 1 == tokens.Count || tokens[i + 1].Type is System.CommandLine.Parsing.TokenType.Option or System.CommandLine.Parsing.TokenType.DoubleDash
                    || command.Options.Any(o => o.Name == tokens[i + 1].Value || o.Aliases.Contains(tokens[i + 1].Value))))
            {
                return $"{command.Name}: {option.Name} needs a value ({CommandHelp.ValueOf(option.Name)}).";
            }
        }

        return null;
    }

    /// <summary>The edit distance (insertions, deletions, substitutions) between two strings.</summary>
    internal static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// Whether an exception from the calculators is about the data (events that cannot happen, mixed currencies, a value
    /// out of range): the tool's own option checks throw <see cref="UsageException"/> instead.
    /// </summary>
    internal static bool IsDataError(Exception ex) => ex is ArgumentException or FormatException or InvalidOperationException or ArithmeticException;

    /// <summary>The message of a data error, without the parameter name .NET appends to argument exceptions.</summary>
    internal static string Describe(Exception ex) =>
        ex is ArgumentException { ParamName: { } name } ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;

    /// <summary>
    /// The instant of an offset date-time, or a usage error when it lies outside NodaTime's instant range (for example
    /// <c>9999-12-31T23:59:59-18:00</c>, which is 10000-01-01 in UTC): <see cref="OffsetDateTime.ToInstant"/> overflows there.
    /// </summary>
    private static Instant AsInstant(OffsetDateTime value, string text)
    {
        try
        {
            return value.ToInstant();
        }
        catch (OverflowException)
        {
            throw new UsageException($"--as-of: '{text}' lies outside the range of instants (from -9998-01-01 to 9999-12-31 in UTC).");
        }
    }

    /// <summary>Writes one error line (<c>cxmetrics: …</c>, control characters escaped, cut to <see cref="TerminalText.MaxLine"/>) and returns the exit code.</summary>
    private static int Fail(TextWriter error, int code, string message)
    {
        error.WriteLine("cxmetrics: " + TerminalText.Safe(OneLine(message)));
        return code;
    }

    /// <summary>
    /// Parses an enum option by name only (case-insensitive): .NET's enum parsing would also take numbers, so that
    /// <c>--format 2</c> or <c>--format 99</c> were accepted.
    /// </summary>
    private static Func<System.CommandLine.Parsing.ArgumentResult, T?> Named<T>(string option)
        where T : struct, Enum => result =>
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"{option}: '{TerminalText.Safe(text, TerminalText.MaxCell)}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return default;
    };

    /// <summary>Parses a number option (invariant culture, finite) with a plain-word error instead of System.CommandLine's "as expected type 'System.Double'".</summary>
    internal static Func<System.CommandLine.Parsing.ArgumentResult, double> Number(string option, string what) => result =>
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"{option}: '{TerminalText.Safe(text, TerminalText.MaxCell)}' is not {what}.");
        return default;
    };

    /// <summary>Parses a whole-number option with a plain-word error instead of "as expected type 'System.Int32'".</summary>
    internal static Func<System.CommandLine.Parsing.ArgumentResult, int> Whole(string option, string what) => result =>
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        result.AddError($"{option}: '{TerminalText.Safe(text, TerminalText.MaxCell)}' is not {what}.");
        return default;
    };

    private static Command Make(string name, string description, TextWriter output, Func<string?, CliSettings, TextWriter, int> action, ProgressDisplay progress) =>
        Make(name, description, parse => action(parse.GetValue(PathArgument), Settings(parse, name) with { Progress = progress }, output));

    /// <summary>A command with its PATH and options, whose action reads its own settings from the parse (report: per file).</summary>
    private static Command Make(string name, string description, Func<ParseResult, int> action)
    {
        var command = new Command(name, description) { PathArgument };
        foreach (var option in new Option[] { ZoneOption, AsOfOption, PeriodOption, SegmentOption, LevelOption, MinCellOption, FormatOption, SuppressBelowOption, SuppressionOption, DelimiterOption, StrictOption, OutputOption, ScaleOption, HoursOption })
        {
            if (CommandHelp.Takes(name, option.Name))
            {
                command.Add(option);
            }
        }

        FamilyOptions.AddTo(command);
        InputOptions.AddTo(command);
        command.SetAction(action);
        return command;
    }


    private static CliSettings Settings(ParseResult parse, string command)
    {
        // A command without --level or --min-cell (clv) keeps the defaults: GetValue gives 0 for an option it does not have.
        double level = parse.GetResult(LevelOption) is null ? 0.95 : parse.GetValue(LevelOption);
        if (!(level is > 0 and < 1))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--level: confidence level {level} must be strictly between 0 and 1 (for example 0.95)."));
        }

        int minCell = parse.GetResult(MinCellOption) is null ? 30 : parse.GetValue(MinCellOption);
        if (minCell < 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--min-cell: {minCell} is negative."));
        }

        string delimiter = parse.GetValue(DelimiterOption) ?? ",";
        char d = delimiter switch
        {
            "tab" or "\\t" => '\t',
            { Length: 1 } when delimiter[0] is '"' or '\r' or '\n' => throw new UsageException($"--delimiter: '{TerminalText.Safe(delimiter)}' cannot separate fields (it is the quote or a line break)."),
            { Length: 1 } => delimiter[0],
            _ => throw new UsageException($"--delimiter: '{delimiter}' is not one character (or 'tab')."),
        };

        DateTimeZone? zone = null;
        if (parse.GetValue(ZoneOption) is { } zoneId)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new UsageException($"--zone: '{zoneId}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).");
        }

        Instant? asOf = null;
        if (parse.GetValue(AsOfOption) is { } asOfText)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(asOfText);
            var offset = OffsetDateTimePattern.ExtendedIso.Parse(asOfText);
            asOf = parsed.Success ? parsed.Value : offset.Success ? AsInstant(offset.Value, asOfText)
                : throw new UsageException($"--as-of: '{asOfText}' is not an instant with offset (e.g. 2025-06-30T00:00:00Z).");
        }

        (LocalTime, LocalTime)? hours = null;
        if (parse.GetValue(HoursOption) is { } hoursText)
        {
            var parts = hoursText.Split('-');
            var pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
            if (parts.Length != 2 || pattern.Parse(parts[0]) is not { Success: true } open || pattern.Parse(parts[1]) is not { Success: true } close || close.Value <= open.Value)
            {
                throw new UsageException($"--hours: '{hoursText}' is not opening hours like 08:00-18:00.");
            }

            hours = (open.Value, close.Value);
        }

        int? suppressBelow = parse.GetResult(SuppressBelowOption) is null ? null : parse.GetValue(SuppressBelowOption);
        if (suppressBelow < 0)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--suppress-below: {suppressBelow} is negative."));
        }

        var mode = parse.GetValue(SuppressionOption);
        if (mode is not null && suppressBelow is null && mode != Reporting.SuppressionMode.Round)
        {
            throw new UsageException("--suppression: flag and blank need --suppress-below N (the smallest count shown as it is).");
        }

        var suppression = suppressBelow is null && mode is null ? Reporting.SuppressionOptions.None
            : new Reporting.SuppressionOptions { MinimumCount = suppressBelow ?? 0, Mode = mode ?? Reporting.SuppressionMode.Flag };

        return new CliSettings
        {
            Suppression = suppression,
            Zone = zone,
            AsOf = asOf,
            Period = parse.GetValue(PeriodOption) ?? PeriodUnit.Month,
            Segment = parse.GetValue(SegmentOption),
            Scale = Scale(parse.GetValue(ScaleOption), command),
            ConfidenceLevel = level,
            MinimumCellSize = minCell,
            Format = parse.GetValue(FormatOption) ?? OutputFormat.Table,
            Delimiter = d,
            Strict = parse.GetValue(StrictOption),
            Hours = hours,
            Family = FamilyOptions.Read(parse, command),
            Input = InputOptions.Read(parse, command, zone, parse.GetResult(DelimiterOption) is { Implicit: false } ? d : null),
        };
    }

    private static RatingScale? Scale(string? text, string command) => (command, text) switch
    {
        (_, null) => null,
        ("csat" or "report", "1-5") => CsatScale.OneToFive,
        ("csat" or "report", "1-3") => CsatScale.OneToThree,
        ("csat" or "report", "1-7") => CsatScale.OneToSeven,
        ("csat" or "report", "1-10") => CsatScale.OneToTen,
        ("ces", "1-7") => CesScale.Agreement1To7,
        _ => throw new UsageException($"--scale: '{text}' is not a scale of {command} (CSAT: 1-5, 1-3, 1-7, 1-10; CES: 1-7)."),
    };

    /// <summary>
    /// <c>report [DIR]</c>: every family that has a conventional file in DIR, each read with its own settings
    /// (<see cref="FolderSettings"/>: the folder's <c>report.args</c>, then the command line). Without DIR it reports the
    /// bundled shop folder (<c>samples/shop</c>) through exactly the same code, so every format shows the same content.
    /// </summary>
    private static int Report(ParseResult parse, ProgressDisplay progress, TextWriter output)
    {
        string? path = parse.GetValue(PathArgument);
        if (path is not null && StandardInput.Is(path))
        {
            throw new UsageException("report needs a folder; '-' (standard input) is one file: give it to a family command, e.g. cxmetrics nps -.");
        }

        if (path is not null && !Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"report needs a folder; '{path}' is not one.");
        }

        string folder = path ?? SampleFiles.Path(BundledFolder);
        var settings = FolderSettings(parse, folder, progress);
        var s = settings(null);
        var doc = new ReportDocument("report", path is null ? $"bundled sample (samples/{BundledFolder})" : Path.GetFullPath(path));
        var data = new ShopData();
        bool any = false;
        OrderCharts? orderCharts = null;
        Lifetimes? lifetimes = null;
        var failures = new List<string>();
        var failedFiles = new List<string>();

        // One family's bad data (events that cannot happen, mixed currencies) is reported as such; the others still print.
        void Section(string file, Action work)
        {
            any = true;
            int tables = doc.Tables.Count;
            var results = doc.Results.Keys.ToHashSet(StringComparer.Ordinal);
            try
            {
                work();
            }
            catch (Exception ex) when (IsDataError(ex))
            {
                doc.Tables.RemoveRange(tables, doc.Tables.Count - tables);
                foreach (string key in doc.Results.Keys.Where(k => !results.Contains(k)).ToList())
                {
                    doc.Results.Remove(key);
                }

                string reason = Describe(ex);
                doc.Tables.Add(new ReportTable($"{Path.GetFileName(file)}: not reported (the data cannot be judged)", "reason").Row(reason));
                failures.Add($"{Path.GetFileName(file)}: {reason}");
                failedFiles.Add(Path.GetFileName(file));
            }
        }

        if (ShopData.Resolve(folder, ShopData.NpsFile) is { } nps)
        {
            var n = settings(ShopData.NpsFile);
            // The HTML page's NPS trend chart draws the period cells of these tables (per-period tallies, no responses kept).
            Section(nps, () => FamilyTables.Nps(doc, data.Surveys(nps, null, 0, 10, n), n with { Segment = null }));
        }

        if (ShopData.Resolve(folder, ShopData.CsatFile) is { } csat)
        {
            var c = settings(ShopData.CsatFile);
            var scale = c.Scale ?? CsatScale.OneToFive;
            Section(csat, () => FamilyTables.Rating(doc, "CSAT", data.Surveys(csat, scale, 0, 0, c), scale, "touchpoint", c with { Segment = null }));
        }

        if (ShopData.Resolve(folder, ShopData.CesFile) is { } ces)
        {
            var c = settings(ShopData.CesFile);
            Section(ces, () => FamilyTables.Rating(doc, "CES", data.Surveys(ces, CesScale.Agreement1To7, 0, 0, c), CesScale.Agreement1To7, "channel", c with { Segment = null }));
        }

        if (ShopData.Resolve(folder, ShopData.TicketsFile) is { } tickets)
        {
            var t = settings(ShopData.TicketsFile);
            Section(tickets, () => SupportFrom(doc, data.TicketStream(tickets, t), t with { Segment = null }));
        }

        if (ShopData.Resolve(folder, HelpdeskSection.File) is { } ticketEvents)
        {
            var e = settings(HelpdeskSection.File) with { Segment = null };
            Section(ticketEvents, () => HelpdeskSection.Tables(doc, data.TicketEventStream(ticketEvents, e), ShopData.TicketEventsAgain(ticketEvents, e), e));
        }

        if (ShopData.Resolve(folder, ShopData.SessionsFile) is { } sessions)
        {
            var c = settings(ShopData.SessionsFile);
            Section(sessions, () => FamilyTables.Conversion(doc, data.Sessions(sessions, c), c with { Segment = null }));
        }

        // The acquisition section's orders come from the orders section's one read of orders.csv (one more fold).
        var acquiredOrders = ShopData.Resolve(folder, AcquisitionCommand.SignupsFile) is null ? null : new AcquiredOrders();
        if (ShopData.Resolve(folder, ShopData.OrdersFile) is { } orders)
        {
            var o = settings(ShopData.OrdersFile);
            Section(orders, () =>
            {
                // One read of the orders feeds every family at once (OrderInput.ForEach pushes each order to each fold): the
                // overview, cohorts, CLV, with --window inactivity churn, whose tally survival reads as well, and with
                // signups.csv acquisition (its tally keeps each order's customer, instant and amount). The other folds keep
                // per-customer state, never the orders; the HTML page's charts draw from the cohort and CLV tallies.
                var charts = s.Format == OutputFormat.Html ? new OrderCharts() : null;
                var input = data.OrderInputOf(orders, o, keyed: false);
                var plain = o with { Segment = null };
                var (overview, overviewTables) = FamilyTables.OrdersFold(input);
                var (cohorts, cohortTables) = CohortsCommand.Fold(input, plain with { Family = plain.Family with { Window = null } }, charts);
                var churn = o.Family.Window is null ? default : ChurnCommand.OrdersFold(input, plain);
                // The report always shows the RFM segments (with mean CLV and P(alive) when the fits converge); clv asks with --segments.
                var (clv, clvTables) = ClvCommand.Fold(input, plain with { Family = plain.Family with { Segments = true } }, charts);
                input.ForEach([overview, cohorts, .. churn.Fold is null ? Array.Empty<OrderFold>() : [churn.Fold], clv,
                    .. acquiredOrders is null ? Array.Empty<OrderFold>() : [acquiredOrders.Fold(input)]]);
                acquiredOrders?.Complete();
                overviewTables(doc);
                cohortTables(doc);
                churn.Tables?.Invoke(doc);
                clvTables(doc);
                if (churn.Tally is { } activity)
                {
                    var fromOrders = SurvivalCommand.FromOrders(Path.GetFullPath(orders), activity, plain);
                    SurvivalCommand.Tables(doc, fromOrders, plain);
                    lifetimes = fromOrders;
                }

                orderCharts = charts;
            });
        }

        if (ShopData.Resolve(folder, ShopData.SubscriptionsFile) is { } subscriptions)
        {
            var u = settings(ShopData.SubscriptionsFile) with { Segment = null };
            Section(subscriptions, () =>
            {
                var events = data.Subscriptions(subscriptions, u);
                ChurnCommand.Subscriptions(doc, events, u);
                var fromSubscriptions = SurvivalCommand.FromSubscriptions(Path.GetFullPath(subscriptions), events, u);
                SurvivalCommand.Tables(doc, fromSubscriptions, u);
                lifetimes = fromSubscriptions;
            });
        }

        if (ShopData.Resolve(folder, SurvivalCommand.SurvivalFile) is { } survival)
        {
            // A duration/event file holds its lifetimes: report's --window (the inactivity window of orders.csv) is not for it.
            var given = settings(SurvivalCommand.SurvivalFile);
            var v = given with { Segment = null, Family = given.Family with { Window = null, WindowGiven = false } };
            Section(survival, () =>
            {
                var fromDurations = SurvivalCommand.FromDurations(survival, data, v);
                SurvivalCommand.Tables(doc, fromDurations, v);
                lifetimes = fromDurations;
            });
        }

        if (ShopData.Resolve(folder, ShopData.CartEventsFile) is { } cartEvents)
        {
            var f = settings(ShopData.CartEventsFile);
            Section(cartEvents, () => FunnelCommand.Tables(doc, data.CartEventStream(cartEvents, f), f with { Segment = null }));
        }

        if (ShopData.Resolve(folder, ExperimentCommand.AssignmentsFile) is { } assignments && ShopData.Resolve(folder, ExperimentCommand.OutcomesFile) is { } outcomes)
        {
            Section(assignments, () => ExperimentCommand.Section(doc, assignments, outcomes, settings(ExperimentCommand.AssignmentsFile)));
        }

        if (ShopData.Resolve(folder, AcquisitionCommand.SignupsFile) is { } signups && acquiredOrders is not null && ShopData.Resolve(folder, ShopData.OrdersFile) is not null)
        {
            // The sign-ups and the spend are read with the sign-ups' settings; the orders were read once, above, with their own.
            var a = settings(AcquisitionCommand.SignupsFile) with { Segment = null };
            Section(signups, () => AcquisitionCommand.Section(doc, signups, acquiredOrders, ShopData.Resolve(folder, AcquisitionCommand.SpendFile), a));
        }

        if (ShopData.Resolve(folder, ShopData.ReviewsFile) is { } reviewsFile)
        {
            var r = settings(ShopData.ReviewsFile);
            Section(reviewsFile, () => ReviewsCommand.Tables(doc, data.ReviewStream(reviewsFile, r), r with { Segment = null }));
        }

        if (!any)
        {
            throw new FileNotFoundException($"'{path ?? folder}' has none of the files {string.Join(", ", FolderArgs.Sections)} (see docs/cli.md).");
        }

        if (s.Format == OutputFormat.Html)
        {
            var orderSettings = settings(ShopData.OrdersFile);
            ReportCharts.Folder(doc, ShopData.Resolve(folder, ShopData.NpsFile) is not null, orderCharts, s, settings, FolderCharts.For(folder, lifetimes, doc.Results.GetValueOrDefault("funnel") as Commerce.FunnelResult, failedFiles, orderSettings.Family.Window is not null));
            AcquisitionCommand.Chart(doc, settings(AcquisitionCommand.SignupsFile));
        }

        doc.Inputs.AddRange(data.Reports);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        if (failures.Count > 0)
        {
            throw new PartialReportException($"report: {string.Join("; ", failures)} (the other families are printed).");
        }

        return Ok;
    }

    /// <summary>The folder under the tool's <c>samples/</c> that <c>report</c> without DIR reports.</summary>
    internal const string BundledFolder = "shop";

    /// <summary>The zone of the bundled survey answers (the folder's report.args says so for report).</summary>
    private const string BundledSurveyZone = "Europe/Berlin";

    /// <summary>
    /// The settings of each file of a report folder (null: the report's own, for its format and output): the folder's
    /// <c>report.args</c> (<see cref="FolderArgs"/>) — its lines for every file, then the file's section — followed by the
    /// command line, all parsed by the report command's own parser. An option the command line gives replaces the file's,
    /// and a section's option replaces the same option of the lines for every file. A relative <c>--map</c> path in the
    /// file is relative to the folder. Without the file every file gets the command line's settings.
    /// </summary>
    private static Func<string?, CliSettings> FolderSettings(ParseResult user, string folder, ProgressDisplay progress)
    {
        var file = FolderArgs.Read(folder);
        var command = user.CommandResult.Command;

        // The command line alone first: its own mistakes are named as the command line's.
        var only = Settings(user, command.Name) with { Progress = progress };
        if (file.Path is null)
        {
            return _ => only;
        }

        var userTokens = user.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => t.Value).ToList();
        var given = OptionsIn(userTokens, command);
        var global = Normalise(file.Global, command, folder);
        var cache = new Dictionary<string, CliSettings>(StringComparer.Ordinal);
        return name =>
        {
            if (cache.TryGetValue(name ?? string.Empty, out var known))
            {
                return known;
            }

            var section = name is null ? [] : Normalise(file.For(name), command, folder);
            var tokens = new List<string> { command.Name };
            tokens.AddRange(Without(global, [.. OptionsIn(section, command), .. given], command, file.Path));
            tokens.AddRange(Without(section, given, command, file.Path));

            // The file's own tokens are checked alone first, so that a mistake there is named as the file's.
            var root = user.RootCommandResult.Command;
            foreach (var parse in new[] { root.Parse(tokens), root.Parse([.. tokens, .. userTokens]) })
            {
                if ((UnknownOption(parse) ?? MissingValue(parse) ?? (parse.Errors.Count > 0 ? parse.Errors[0].Message : null)) is { } error)
                {
                    throw new UsageException($"{file.Path}: {error}");
                }
            }

            try
            {
                return cache[name ?? string.Empty] = Settings(root.Parse([.. tokens, .. userTokens]), command.Name) with { Progress = progress };
            }
            catch (UsageException ex)
            {
                throw new UsageException($"{file.Path}: {ex.Message}");
            }
        };
    }

    /// <summary>The options named by a token list (long names and aliases).</summary>
    private static HashSet<Option> OptionsIn(IEnumerable<string> tokens, Command command) =>
        [.. tokens.Select(t => OptionNamed(t, command)).OfType<Option>()];

    private static Option? OptionNamed(string token, Command command) =>
        command.Options.FirstOrDefault(o => o.Name == token || o.Aliases.Contains(token));

    /// <summary>File tokens with <c>--name=value</c> split in two and a relative <c>--map</c> path made relative to the folder.</summary>
    private static List<string> Normalise(IReadOnlyList<string> tokens, Command command, string folder)
    {
        var split = new List<string>();
        foreach (string token in tokens)
        {
            int eq = token.StartsWith('-') ? token.IndexOfAny(['=', ':']) : -1;
            if (eq > 0 && OptionNamed(token[..eq], command) is not null)
            {
                split.Add(token[..eq]);
                split.Add(token[(eq + 1)..]);
            }
            else
            {
                split.Add(token);
            }
        }

        for (int i = 0; i + 1 < split.Count; i++)
        {
            if (split[i] == "--map" && !Path.IsPathRooted(split[i + 1]))
            {
                split[i + 1] = Path.GetFullPath(Path.Combine(folder, split[i + 1]));
            }
        }

        return split;
    }

    /// <summary>The tokens without the options in <paramref name="drop"/> (and their values); a token that is neither an option nor its value is a usage error.</summary>
    private static List<string> Without(List<string> tokens, HashSet<Option> drop, Command command, string source)
    {
        var kept = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var option = OptionNamed(tokens[i], command)
                ?? throw new UsageException($"{source}: '{TerminalText.Safe(tokens[i], TerminalText.MaxCell)}' is not an option of report (the file holds options only; cxmetrics report --help lists them).");
            int count = option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0 && i + 1 < tokens.Count ? 2 : 1;
            if (!drop.Contains(option))
            {
                kept.AddRange(tokens.Skip(i).Take(count));
            }

            i += count - 1;
        }

        return kept;
    }

    private static int Survey(string? path, CliSettings s, TextWriter output, string family)
    {
        var scale = family switch
        {
            "csat" => s.Scale ?? CsatScale.OneToFive,
            "ces" => s.Scale ?? CesScale.Agreement1To7,
            _ => null,
        };
        // Without PATH: the bundled shop folder's synthetic answers (a shop in Europe/Berlin, periods cut there).
        string file = path is null ? SampleFiles.Path(BundledFolder, family + ".csv") : ShopData.Require(path, family + ".csv");
        var doc = new ReportDocument(family, path is null ? $"bundled sample (samples/{BundledFolder}/{family}.csv, synthetic; periods in {BundledSurveyZone})" : ShopData.SourceName(file));
        s = path is null ? s with { Zone = s.Zone ?? DateTimeZoneProviders.Tzdb[BundledSurveyZone] } : s;
        var data = new ShopData();
        var responses = data.Surveys(file, scale, 0, 10, s);
        doc.Inputs.AddRange(data.Reports);

        if (family == "nps")
        {
            FamilyTables.Nps(doc, responses, s);
        }
        else
        {
            FamilyTables.Rating(doc, family.ToUpperInvariant(), responses, scale!, family == "csat" ? "touchpoint" : "channel", s);
        }

        Renderer.Write(doc, s.Format, output, s.Suppression);
        return Ok;
    }

    private static int Support(string? path, CliSettings s, TextWriter output)
    {
        if (path is null)
        {
            var doc = new ReportDocument("support", "bundled ServiceNow incident log excerpt (UCI, CC BY 4.0), Mon–Fri 08:00–18:00 assumed");
            var incidents = ServiceNowSample.Load();
            FamilyTables.Support(doc, incidents.Tickets, ServiceNowSample.Calendar, s.AsOf ?? ServiceNowSample.AsOf, s with { Hours = (new LocalTime(8, 0), new LocalTime(18, 0)) });
            Renderer.Write(doc, s.Format, output, s.Suppression);
            return Ok;
        }

        string file = ShopData.Require(path, ShopData.TicketsFile);
        var result = new ReportDocument("support", ShopData.SourceName(file));
        var data = new ShopData();
        SupportFrom(result, data.TicketStream(file, s), s);
        result.Inputs.AddRange(data.Reports);
        Renderer.Write(result, s.Format, output, s.Suppression);
        return Ok;
    }

    private static void SupportFrom(ReportDocument doc, RecordStream<SupportTicket> tickets, CliSettings s)
    {
        var zone = s.PeriodZone;
        var calendar = s.Hours is { } h ? BusinessCalendar.Weekdays(zone, h.Open, h.Close) : BusinessCalendar.AlwaysOpen(zone);
        FamilyTables.Support(doc, tickets, calendar, s.AsOf, s);
    }

    private static int Conversion(string? path, CliSettings s, TextWriter output)
    {
        if (path is null)
        {
            var doc = new ReportDocument("conversion", "bundled UCI online shoppers sessions (CC BY 4.0; no dates, so no period table)");
            FamilyTables.Conversion(doc, OnlineShoppersSample.Load(), s, byPeriod: false);
            Renderer.Write(doc, s.Format, output, s.Suppression);
            return Ok;
        }

        string file = ShopData.Require(path, ShopData.SessionsFile);
        var result = new ReportDocument("conversion", ShopData.SourceName(file));
        var data = new ShopData();
        FamilyTables.Conversion(result, data.Sessions(file, s), s);
        result.Inputs.AddRange(data.Reports);
        Renderer.Write(result, s.Format, output, s.Suppression);
        return Ok;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
