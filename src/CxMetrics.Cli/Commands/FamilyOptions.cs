using System.CommandLine;
using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The options of the churn, cohorts, funnel and CLV commands (see docs/cli.md), added only to the commands they concern
/// and read into <see cref="FamilySettings"/>. Bad values are one-line usage errors (exit 2).
/// </summary>
internal static class FamilyOptions
{
    private static readonly Option<string?> DenominatorOption = new("--denominator") { Description = "Customer churn denominator: start (customers at the start; default), start-plus-new, daily (sum of daily rates), customer-days (per customer-day at risk)." };
    private static readonly Option<string?> SamePeriodOption = new("--same-period") { Description = "Customers who join and churn in the same period: exclude (default) or include." };
    private static readonly Option<string?> WindowOption = new("--window") { Description = "churn on orders: the inactivity window (required), e.g. 90d; cohorts: 'calendar' (default) or an elapsed window such as 30d or 24h; report: enables inactivity churn on orders." };
    private static readonly Option<string?> UnitOption = new("--unit") { Description = "Funnel unit the cart_id column identifies: cart (default), session or user." };
    private static readonly Option<string?> TimeoutOption = new("--timeout") { Description = "Funnel: inactivity before a unit without purchase counts as abandoned, e.g. 30m (default), 24h." };
    private static readonly Option<string?> CalibrationEndOption = new("--calibration-end") { Description = "CLV: last day (yyyy-MM-dd, in --zone) of the calibration period; later orders form the holdout. Default: the day of the latest order (no holdout)." };
    private static readonly Option<int> HorizonOption = new("--horizon") { Description = "CLV: months of predicted value.", DefaultValueFactory = _ => 12, CustomParser = ToolCommands.Whole("--horizon", "a whole number of months") };
    private static readonly Option<double> DiscountOption = new("--discount") { Description = "CLV: monthly discount rate, e.g. 0.01.", DefaultValueFactory = _ => 0.01, CustomParser = ToolCommands.Number("--discount", "a rate such as 0.01") };
    private static readonly Option<double?> RmstHorizonOption = new("--rmst-horizon") { Description = "Survival: horizon τ of the restricted mean survival time, in the curve's time unit (days for subscriptions and orders, months for the bundled Telco sample); default: the shortest follow-up of the segments (the largest τ every curve reaches).", HelpName = "time", CustomParser = r => ToolCommands.Number("--rmst-horizon", "a number (time in the curve's unit)")(r) };
    private static readonly Option<string?> StrataOption = new("--strata") { Description = "Survival on a duration/event file: a column whose values are strata of the log-rank test (survdiff(… + strata(COLUMN))): segments are compared within each stratum and the stratum scores summed.", HelpName = "column" };
    private static readonly Option<string?> CoxOption = new("--cox") { Description = "Survival on a duration/event file: a Cox proportional-hazards regression (R coxph, Efron ties) on these columns, comma-separated, e.g. age,plan; numeric unless --reference names a reference level; stratified by --strata when given. Prints the coefficients (coef, HR with interval, SE, z, p), the LR, Wald and score tests, the concordance and the cox.zph test.", HelpName = "columns" };
    private static readonly Option<string[]> ReferenceOption = new("--reference") { Description = "Survival with --cox: makes a column categorical with this reference level, COLUMN=LEVEL (repeatable, or comma-separated), e.g. plan=basic; each other level gets a hazard ratio against it.", HelpName = "column=level", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<double?> RhoOption = new("--rho") { Description = "Survival: the Fleming–Harrington ρ of the log-rank weights Ŝ(t−)^ρ(1 − Ŝ(t−))^γ (R survdiff's rho); ρ = 1 weights early differences. Default 0 (the plain log-rank test).", HelpName = "number", CustomParser = r => ToolCommands.Number("--rho", "a number ≥ 0 such as 1")(r) };
    private static readonly Option<double?> GammaOption = new("--gamma") { Description = "Survival: the Fleming–Harrington γ of the log-rank weights; γ = 1 weights late differences. Default 0.", HelpName = "number", CustomParser = r => ToolCommands.Number("--gamma", "a number ≥ 0 such as 1")(r) };
    private static readonly Option<string?> DurationUnitOption = new("--duration-unit") { Description = "Survival on a duration/event file: the unit of its durations: day, week, month or year (Telco's tenure is months); names the time columns and picks the curve's time points. Default: unnamed units.", HelpName = "day|week|month|year" };
    private static readonly Option<string[]> TargetOption = new("--target") { Description = "SLA target, repeatable: METRIC=LENGTH[@GOAL%][,priority=P][,channel=C], e.g. first_response=4h@90% or \"resolution=8h@95%,priority=1 - Critical\"; metrics first_response, resolution; goal default 80%.", HelpName = "target", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> ControlOption = new("--control") { Description = "Experiment: the control arm's name (default: control)." };
    private static readonly Option<string?> AdjustOption = new("--adjust") { Description = "Experiment: p-value adjustment over segments × arms: holm (default), bh (Benjamini–Hochberg) or none." };
    private static readonly Option<string?> SplitOption = new("--split") { Description = "Experiment: the planned split for the sample-ratio check, e.g. control=0.4,offer=0.6; default: equal shares of the arms in the file." };
    private static readonly Option<string?> CovariateOption = new("--covariate") { Description = "Experiment: CUPED on this column of assignments.csv, each customer's pre-period value (e.g. spend in the 30 days before assignment; an empty cell counts as 0).", HelpName = "column" };
    private static readonly Option<bool> SequentialOption = new("--sequential") { Description = "Experiment: sequential tests (always-valid p-values and confidence sequences, as GrowthBook), so the read-out may be looked at daily." };
    private static readonly Option<double?> SequentialTuningOption = new("--sequential-tuning") { Description = "Experiment with --sequential: the tuning parameter N*, the number of customers (all arms) where the confidence sequence is tightest; default 5000.", HelpName = "units", CustomParser = r => ToolCommands.Number("--sequential-tuning", "a positive number of customers")(r) };
    private static readonly Option<int?> WithinOption = new("--within") { Description = "Acquisition: k, the days after sign-up within which a first purchase counts as converting (Wilson interval; customers acquired less than k days before the as-of are pending). Default 30.", HelpName = "days", CustomParser = r => ToolCommands.Whole("--within", "a whole number of days such as 30")(r) };
    private static readonly Option<string?> ModelOption = new("--model") { Description = "CLV: purchase model bgnbd (default), mbg (modified BG/NBD) or pareto (Pareto/NBD).", HelpName = "bgnbd|mbg|pareto" };
    private static readonly Option<bool> SegmentsOption = new("--segments") { Description = "CLV: add the RFM segments (quintile R, F, M scores and the R rfm vignette's 11 named segments) with their sizes, revenue shares, mean CLV and P(alive)." };
    private static readonly Option<bool> IntervalsOption = new("--intervals") { Description = "CLV: add intervals to P(alive), expected purchases and value of the top customers and to the base total, from --draws draws of the fitted parameters (the parameters' asymptotic normal on the log scale)." };
    private static readonly Option<int> DrawsOption = new("--draws") { Description = "CLV --intervals: number of parameter draws (at least 10).", DefaultValueFactory = _ => 200, CustomParser = ToolCommands.Whole("--draws", "a whole number of draws") };
    private static readonly Option<int> SeedOption = new("--seed") { Description = "CLV --intervals: seed of the draws; experiment --bootstrap: seed of the resamples. The same seed gives the same intervals.", DefaultValueFactory = _ => 1, CustomParser = ToolCommands.Whole("--seed", "a whole number") };
    private static readonly Option<int> BootstrapOption = new("--bootstrap") { Description = "Experiment: resamples of each arm's and the control's customers (at least 100; 2000 is usual) for the percentile and BCa (Efron 1987) intervals of the revenue difference, seeded by --seed; 0 (default) turns the bootstrap off.", HelpName = "resamples", DefaultValueFactory = _ => 0, CustomParser = ToolCommands.Whole("--bootstrap", "a whole number of resamples") };
    private static readonly Option<bool> RegulariseOption = new("--regularise") { Description = "CLV: regularised fits (maximum a posteriori with weakly informative normal priors on the log-parameters, σ = 2) for a small shop, where maximum likelihood may give no usable parameters." };
    private static readonly Option<double?> PriorWeightOption = new("--prior-weight") { Description = "Reviews: C, the weight of the shop's mean in each item's Bayesian average (C·m + Σ stars)/(C + n): the reviews at the shop's mean every item starts with; 0 ranks by the plain mean. Default 10.", HelpName = "C", CustomParser = r => ToolCommands.Number("--prior-weight", "a number ≥ 0 such as 10")(r) };
    private static readonly Option<string?> RankByOption = new("--rank-by") { Description = "Reviews: the score the ranking is ordered by: bayesian (the Bayesian average; default) or wilson (the lower bound of the Wilson interval of the positive share, Miller 2009). Both are shown.", HelpName = "bayesian|wilson" };
    private static readonly Option<string?> CovariatesOption = new("--covariates") { Description = "CLV: a customer attribute file, one row per customer (customer_id and attribute columns; the customers section of --map renames the id): fits --model bgnbd or pareto with these time-invariant covariates (every column but the id, or those of --covariate).", HelpName = "file" };
    private static readonly Option<int> TopOption = new("--top") { Description = "CLV: how many customers to list by predicted value.", DefaultValueFactory = _ => 10, CustomParser = ToolCommands.Whole("--top", "a whole number") };

    public static void AddTo(Command command)
    {
        switch (command.Name)
        {
            case "churn":
                command.Add(DenominatorOption);
                command.Add(SamePeriodOption);
                command.Add(WindowOption);
                break;
            case "cohorts":
                command.Add(WindowOption);
                break;
            case "report":
                // A report reads every family's files, so it takes the options that say how to read them (the funnel unit,
                // the durations' unit, the experiment's split): on the command line or per file in the folder's report.args.
                command.Add(WindowOption);
                command.Add(CalibrationEndOption);
                command.Add(UnitOption);
                command.Add(TimeoutOption);
                command.Add(DurationUnitOption);
                command.Add(RmstHorizonOption);
                command.Add(ControlOption);
                command.Add(AdjustOption);
                command.Add(SplitOption);
                command.Add(PriorWeightOption);
                command.Add(RankByOption);
                break;
            case "funnel":
                command.Add(UnitOption);
                command.Add(TimeoutOption);
                break;
            case "survival":
                command.Add(WindowOption);
                command.Add(RmstHorizonOption);
                command.Add(DurationUnitOption);
                command.Add(StrataOption);
                command.Add(CoxOption);
                command.Add(ReferenceOption);
                command.Add(RhoOption);
                command.Add(GammaOption);
                break;
            case "sla":
                command.Add(TargetOption);
                break;
            case "experiment":
                command.Add(WindowOption);
                command.Add(ControlOption);
                command.Add(AdjustOption);
                command.Add(SplitOption);
                command.Add(CovariateOption);
                command.Add(SequentialOption);
                command.Add(SequentialTuningOption);
                command.Add(BootstrapOption);
                command.Add(SeedOption);
                break;
            case "acquisition":
                command.Add(WithinOption);
                break;
            case "reviews":
                command.Add(PriorWeightOption);
                command.Add(RankByOption);
                command.Add(TopOption);
                break;
            case "clv":
                command.Add(ModelOption);
                command.Add(CalibrationEndOption);
                command.Add(HorizonOption);
                command.Add(DiscountOption);
                command.Add(TopOption);
                command.Add(SegmentsOption);
                command.Add(IntervalsOption);
                command.Add(DrawsOption);
                command.Add(SeedOption);
                command.Add(RegulariseOption);
                command.Add(CovariatesOption);
                command.Add(CovariateOption);
                command.Add(ReferenceOption);
                break;
        }
    }

    private static LocalDate? CalibrationEnd(ParseResult parse)
    {
        if (parse.GetValue(CalibrationEndOption) is not { } text)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new UsageException($"--calibration-end: '{text}' is not a date like 2025-06-30.");
    }

    public static FamilySettings Read(ParseResult parse, string command)
    {
        var settings = new FamilySettings();
        if (command is "churn")
        {
            settings = settings with
            {
                Denominator = parse.GetValue(DenominatorOption) switch
                {
                    null or "start" => ChurnDenominator.StartOfPeriod,
                    "start-plus-new" => ChurnDenominator.StartPlusNew,
                    "daily" => ChurnDenominator.SumOfDailyRates,
                    "customer-days" => ChurnDenominator.CustomerDays,
                    { } other => throw new UsageException($"--denominator: '{other}' is not one of start, start-plus-new, daily, customer-days."),
                },
                SamePeriod = parse.GetValue(SamePeriodOption) switch
                {
                    null or "exclude" => SamePeriodChurnPolicy.Exclude,
                    "include" => SamePeriodChurnPolicy.Include,
                    { } other => throw new UsageException($"--same-period: '{other}' is not exclude or include."),
                },
            };
        }

        if (command is "survival" or "sla" or "experiment")
        {
            settings = command switch
            {
                "survival" => ExtraOptions.Survival(settings, parse.GetValue(WindowOption), parse.GetValue(RmstHorizonOption)) with
                {
                    DurationUnit = ExtraOptions.DurationUnit(parse.GetValue(DurationUnitOption)),
                    Strata = ExtraOptions.Strata(parse.GetValue(StrataOption)),
                    Cox = ExtraOptions.Cox(parse.GetValue(CoxOption), parse.GetValue(ReferenceOption)),
                    LogRank = ExtraOptions.LogRank(parse.GetValue(RhoOption), parse.GetValue(GammaOption)),
                },
                "sla" => ExtraOptions.Sla(settings, parse.GetValue(TargetOption)),
                _ => ExtraOptions.Experiment(settings, parse.GetValue(WindowOption), parse.GetValue(ControlOption), parse.GetValue(AdjustOption), parse.GetValue(SplitOption))
                    with { Covariate = ExtraOptions.Covariate(parse.GetValue(CovariateOption)), Sequential = parse.GetValue(SequentialOption), SequentialTuning = ExtraOptions.SequentialTuning(parse.GetValue(SequentialTuningOption), parse.GetValue(SequentialOption)) },
            };
        }

        if (command is "experiment")
        {
            int resamples = parse.GetValue(BootstrapOption);
            int seed = parse.GetValue(SeedOption);
            settings = resamples is not 0 and (< 100 or > 1_000_000)
                ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--bootstrap: {resamples} resamples is outside 100–1,000,000 (0 turns the bootstrap off)."))
                : seed < 0 ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--seed: {seed} is negative."))
                : settings with { Bootstrap = resamples, Seed = seed };
        }

        if (command is "churn" or "cohorts" or "report" && parse.GetValue(WindowOption) is { } window)
        {
            settings = settings with { Window = command == "cohorts" && window == "calendar" ? null : Length("--window", window), WindowGiven = true };
        }

        if (command is "funnel" or "report")
        {
            settings = settings with
            {
                Unit = parse.GetValue(UnitOption) switch
                {
                    null or "cart" => AnalysisUnit.Cart,
                    "session" => AnalysisUnit.Session,
                    "user" => AnalysisUnit.User,
                    { } other => throw new UsageException($"--unit: '{other}' is not one of cart, session, user."),
                },
                Timeout = parse.GetValue(TimeoutOption) is { } timeout ? Length("--timeout", timeout) : null,
            };
        }

        if (command is "clv")
        {
            int horizon = parse.GetValue(HorizonOption);
            double discount = parse.GetValue(DiscountOption);
            int top = parse.GetValue(TopOption);
            if (horizon is < 1 or > 600)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--horizon: {horizon} months is outside 1–600."));
            }

            if (!(discount is >= 0 and < 1))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--discount: monthly rate {discount} must be at least 0 and below 1 (e.g. 0.01)."));
            }

            if (top < 0)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--top: {top} is negative."));
            }

            int draws = parse.GetValue(DrawsOption);
            if (draws is < 10 or > 100_000)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--draws: {draws} is outside 10–100,000."));
            }

            int seed = parse.GetValue(SeedOption);
            if (seed < 0)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--seed: {seed} is negative."));
            }

            settings = settings with
            {
                Horizon = horizon, Discount = discount, Top = top, Segments = parse.GetValue(SegmentsOption), CalibrationEnd = CalibrationEnd(parse), Model = ExtraOptions.Model(parse.GetValue(ModelOption)),
                Intervals = parse.GetValue(IntervalsOption), Draws = draws, Seed = seed, Regularise = parse.GetValue(RegulariseOption),
            };
            settings = settings with { ClvCovariates = ExtraOptions.ClvCovariates(parse.GetValue(CovariatesOption), parse.GetValue(CovariateOption), parse.GetValue(ReferenceOption), settings.Model) };
        }

        if (command is "acquisition" && parse.GetValue(WithinOption) is { } within)
        {
            settings = within is < 1 or > FamilyOptions.MaxLengthDays
                ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--within: {within} days is outside 1–{FamilyOptions.MaxLengthDays:N0}."))
                : settings with { Within = within };
        }

        if (command is "reviews" or "report")
        {
            settings = ExtraOptions.Reviews(settings, parse.GetValue(PriorWeightOption), parse.GetValue(RankByOption));
            if (command is "reviews")
            {
                int top = parse.GetValue(TopOption);
                settings = top < 0 ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--top: {top} is negative.")) : settings with { Top = top };
            }
        }

        if (command is "report")
        {
            // report DIR splits orders.csv as clv does, so the HTML page can draw the calibration/holdout chart of a shop folder;
            // its --window is the inactivity window of orders.csv, so the experiment keeps its 30-day outcome window.
            var experiment = ExtraOptions.Experiment(settings, null, parse.GetValue(ControlOption), parse.GetValue(AdjustOption), parse.GetValue(SplitOption));
            var survival = ExtraOptions.Survival(settings, null, parse.GetValue(RmstHorizonOption));
            settings = settings with
            {
                CalibrationEnd = CalibrationEnd(parse),
                DurationUnit = ExtraOptions.DurationUnit(parse.GetValue(DurationUnitOption)),
                RmstHorizon = survival.RmstHorizon,
                Control = experiment.Control,
                Adjustment = experiment.Adjustment,
                Split = experiment.Split,
            };
        }

        return settings;
    }

    /// <summary>The longest length accepted, in days (100 years): longer windows and time-outs are typing errors.</summary>
    internal const int MaxLengthDays = 36_500;

    /// <summary>A positive length such as 90d, 2w, 24h, 30m (a bare number means days), at most <see cref="MaxLengthDays"/> days.</summary>
    internal static Duration Length(string option, string text)
    {
        string t = text.Trim();
        char unit = t.Length > 0 && char.IsLetter(t[^1]) ? char.ToLowerInvariant(t[^1]) : 'd';
        string number = char.IsLetter(t.Length > 0 ? t[^1] : '0') ? t[..^1] : t;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new UsageException($"{option}: '{text}' is not a length such as 90d, 2w, 24h or 30m.");
        }

        if (value <= 0)
        {
            throw new UsageException($"{option}: '{text}' is not positive (give a length such as 90d, 2w, 24h or 30m).");
        }

        double days = unit switch
        {
            'd' => value,
            'w' => value * 7,
            'h' => value / 24,
            'm' => value / (24 * 60),
            _ => throw new UsageException($"{option}: '{text}' has an unknown unit '{unit}' (use d, w, h or m)."),
        };
        if (days > MaxLengthDays)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: '{text}' is longer than the cap of {MaxLengthDays:N0} days (100 years)."));
        }

        var length = unit switch
        {
            'd' => Duration.FromDays(value),
            'w' => Duration.FromDays(value * 7),
            'h' => Duration.FromHours(value),
            _ => Duration.FromMinutes(value),
        };
        return length > Duration.Zero ? length : throw new UsageException($"{option}: '{text}' is shorter than a nanosecond.");
    }
}

/// <summary>The family options read from the command line, with their defaults.</summary>
internal sealed record FamilySettings
{
    public ChurnDenominator Denominator { get; init; } = ChurnDenominator.StartOfPeriod;

    public SamePeriodChurnPolicy SamePeriod { get; init; } = SamePeriodChurnPolicy.Exclude;

    /// <summary>Inactivity window (churn on orders) or elapsed cohort window; null = calendar cohorts / not given.</summary>
    public Duration? Window { get; init; }

    public bool WindowGiven { get; init; }

    public AnalysisUnit Unit { get; init; } = AnalysisUnit.Cart;

    public Duration? Timeout { get; init; }

    public LocalDate? CalibrationEnd { get; init; }

    public int Horizon { get; init; } = 12;

    public double Discount { get; init; } = 0.01;

    public int Top { get; init; } = 10;

    /// <summary>Reviews: the prior weight C of the Bayesian average (--prior-weight).</summary>
    public double PriorWeight { get; init; } = 10;

    /// <summary>Reviews: the score the ranking is ordered by (--rank-by).</summary>
    public Reviews.ReviewRankScore RankBy { get; init; } = Reviews.ReviewRankScore.BayesianAverage;

    /// <summary>CLV: whether to add the RFM segments (--segments).</summary>
    public bool Segments { get; init; }

    /// <summary>CLV: whether to add intervals from parameter draws (--intervals).</summary>
    public bool Intervals { get; init; }

    /// <summary>CLV --intervals: number of parameter draws (--draws).</summary>
    public int Draws { get; init; } = 200;

    /// <summary>CLV --intervals: seed of the draws; experiment --bootstrap: seed of the resamples (--seed).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Experiment: bootstrap resamples of the revenue difference (--bootstrap); 0 = off.</summary>
    public int Bootstrap { get; init; }

    /// <summary>CLV: regularised (MAP) fits (--regularise).</summary>
    public bool Regularise { get; init; }

    /// <summary>CLV: the covariate fit of --covariates, --covariate and --reference; null without one.</summary>
    public ClvCovariateRequest? ClvCovariates { get; init; }

    /// <summary>CLV purchase model: bgnbd, mbg or pareto.</summary>
    public string Model { get; init; } = "bgnbd";

    /// <summary>Survival: RMST horizon in the curve's time unit; null = the shortest follow-up of the segments.</summary>
    public double? RmstHorizon { get; init; }

    /// <summary>Survival on a duration/event file: the durations' unit in plural (days, weeks, months, years); null = unnamed.</summary>
    public string? DurationUnit { get; init; }

    /// <summary>Survival on a duration/event file: the stratum column of the log-rank test (--strata); null = not stratified.</summary>
    public string? Strata { get; init; }

    /// <summary>Survival on a duration/event file: the Cox regression's covariates (--cox, --reference); null = no Cox fit.</summary>
    public CoxRequest? Cox { get; init; }

    /// <summary>Survival: the log-rank test's Fleming–Harrington weights (--rho, --gamma).</summary>
    public LogRankOptions LogRank { get; init; } = LogRankOptions.Default;

    /// <summary>SLA targets from --target; null = none given.</summary>
    public IReadOnlyList<Support.SlaTarget>? Targets { get; init; }

    /// <summary>Experiment: control arm, adjustment, planned split (null = equal shares of the arms seen).</summary>
    public string Control { get; init; } = "control";

    public Statistics.MultipleComparisonMethod Adjustment { get; init; } = Statistics.MultipleComparisonMethod.Holm;

    public IReadOnlyDictionary<string, double>? Split { get; init; }

    /// <summary>Experiment: the assignments column holding each customer's pre-period covariate (CUPED); null = no CUPED.</summary>
    public string? Covariate { get; init; }

    /// <summary>Experiment: sequential tests (always valid) instead of fixed-horizon ones.</summary>
    public bool Sequential { get; init; }

    /// <summary>Experiment: the sequential tuning parameter N*; null = the core's default.</summary>
    public double? SequentialTuning { get; init; }

    /// <summary>Acquisition: k, the first-purchase window in days (--within).</summary>
    public int Within { get; init; } = 30;
}
