using System.Globalization;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Support;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// Reads the options of the survival, sla and experiment commands and clv's --model into <see cref="FamilySettings"/>
/// (the options themselves are declared in <see cref="FamilyOptions"/>). Bad values are one-line usage errors (exit 2).
/// </summary>
internal static class ExtraOptions
{
    /// <summary>The names --model takes.</summary>
    public static readonly string[] Models = ["bgnbd", "mbg", "pareto"];

    public static string Model(string? text) => text is null ? "bgnbd"
        : Models.FirstOrDefault(m => string.Equals(m, text, StringComparison.OrdinalIgnoreCase))
          ?? throw new UsageException($"--model: '{text}' is not one of {string.Join(", ", Models)} (bgbb, the discrete-time BG/BB, needs repeat-purchase opportunities, which orders with timestamps do not have).");

    /// <summary>--duration-unit: day, week, month or year (any case, plural too) as the plural shown in tables; null when not given.</summary>
    public static string? DurationUnit(string? text) => text?.ToLowerInvariant().TrimEnd('s') switch
    {
        null => null,
        "day" or "week" or "month" or "year" => text.ToLowerInvariant().TrimEnd('s') + "s",
        _ => throw new UsageException($"--duration-unit: '{text}' is not one of day, week, month, year."),
    };

    public static FamilySettings Survival(FamilySettings settings, string? window, double? horizon)
    {
        if (horizon is { } h && !(h > 0))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--rmst-horizon: {h} is not a positive time."));
        }

        return settings with
        {
            Window = window is null ? null : FamilyOptions.Length("--window", window),
            WindowGiven = window is not null,
            RmstHorizon = horizon,
        };
    }

    /// <summary>--strata: a column name (not blank); null when not given.</summary>
    public static string? Strata(string? column) => column is null || !string.IsNullOrWhiteSpace(column)
        ? column
        : throw new UsageException("--strata: the stratum column's name is empty.");

    /// <summary>
    /// --cox and --reference: the covariate columns (comma-separated, each once) and the reference level of each categorical
    /// one (COLUMN=LEVEL, repeatable or comma-separated; the column must be one of --cox).
    /// </summary>
    public static CoxRequest? Cox(string? columns, string[]? references)
    {
        references ??= [];
        if (columns is null)
        {
            return references.Length == 0 ? null : throw new UsageException("--reference: names the reference level of a --cox column; give --cox too (e.g. --cox age,plan --reference plan=basic).");
        }

        string[] names = [.. columns.Split(',').Select(c => c.Trim())];
        if (names.Any(string.IsNullOrEmpty))
        {
            throw new UsageException($"--cox: '{columns}' has an empty column name; give columns separated by commas, e.g. age,plan.");
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new UsageException($"--cox: column '{twice.Key}' is named twice.");
        }

        var levels = ReferenceLevels(references, "plan=basic", column =>
        {
            if (!names.Contains(column, StringComparer.Ordinal))
            {
                throw new UsageException($"--reference: '{column}' is not one of the --cox columns ({string.Join(", ", names)}).");
            }
        });
        return new CoxRequest(names, levels);
    }

    /// <summary>The covariates clv computes from the orders themselves (no --covariates file needed).</summary>
    public static readonly string[] OrderCovariates = ["first_order_value", "log_first_order_value"];

    /// <summary>
    /// clv's --covariates FILE, --covariate COLUMN[:purchase|:dropout],… and --reference COLUMN=LEVEL: which customer
    /// attributes enter the BG/NBD or Pareto/NBD fit with covariates, and through which process (default both); null when
    /// none is given. Without --covariate every column of FILE but the customer id is a covariate of both processes.
    /// </summary>
    public static ClvCovariateRequest? ClvCovariates(string? file, string? columns, string[]? references, string model)
    {
        references ??= [];
        if (file is null && columns is null)
        {
            return references.Length == 0 ? null : throw new UsageException("--reference: names the reference level of a covariate; give --covariate or --covariates too (e.g. --covariates customers.csv --reference channel=web).");
        }

        if (file is { } f && string.IsNullOrWhiteSpace(f))
        {
            throw new UsageException("--covariates: the file name is empty.");
        }

        if (model == "mbg")
        {
            throw new UsageException("--covariate: covariates are fitted with --model bgnbd or pareto (CLVTools' static covariates); the modified BG/NBD has none.");
        }

        List<ClvCovariateColumn>? list = null;
        if (columns is not null)
        {
            list = [];
            foreach (string part in columns.Split(','))
            {
                string item = part.Trim();
                int colon = item.LastIndexOf(':');
                string name = (colon >= 0 ? item[..colon] : item).Trim();
                string process = colon >= 0 ? item[(colon + 1)..].Trim().ToLowerInvariant() : "both";
                if (name.Length == 0)
                {
                    throw new UsageException($"--covariate: '{columns}' has an empty column name; give columns separated by commas, e.g. channel,first_order_value:purchase.");
                }

                if (process is not ("both" or "purchase" or "dropout"))
                {
                    throw new UsageException($"--covariate: '{item}' names the process '{process}'; a column takes :purchase, :dropout or nothing (both).");
                }

                if (list.Any(c => c.Name == name))
                {
                    throw new UsageException($"--covariate: column '{name}' is named twice.");
                }

                if (file is null && !OrderCovariates.Contains(name))
                {
                    throw new UsageException($"--covariate: '{name}' is not one the orders give ({string.Join(", ", OrderCovariates)}); give --covariates FILE with a '{name}' column.");
                }

                list.Add(new ClvCovariateColumn(name, process != "dropout", process != "purchase"));
            }
        }

        var levels = ReferenceLevels(references, "channel=web", column =>
        {
            if (list is not null && !list.Any(c => c.Name == column))
            {
                throw new UsageException($"--reference: '{column}' is not one of the --covariate columns ({string.Join(", ", list.Select(c => c.Name))}).");
            }

            if (OrderCovariates.Contains(column))
            {
                throw new UsageException($"--reference: '{column}' is a number the orders give; only a text column of --covariates FILE is categorical.");
            }
        });
        return new ClvCovariateRequest(file, list, levels);
    }

    /// <summary>--reference COLUMN=LEVEL pairs (repeatable or comma-separated), each column once and accepted by <paramref name="check"/>.</summary>
    private static Dictionary<string, string> ReferenceLevels(string[] references, string example, Action<string> check)
    {
        var levels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in references.SelectMany(r => r.Split(',')))
        {
            int at = pair.IndexOf('=', StringComparison.Ordinal);
            string column = at > 0 ? pair[..at].Trim() : string.Empty;
            string level = at > 0 ? pair[(at + 1)..].Trim() : string.Empty;
            if (column.Length == 0 || level.Length == 0)
            {
                throw new UsageException($"--reference: '{pair}' is not COLUMN=LEVEL (e.g. {example}).");
            }

            check(column);
            if (!levels.TryAdd(column, level))
            {
                throw new UsageException($"--reference: column '{column}' has two reference levels.");
            }
        }

        return levels;
    }

    /// <summary>A categorical column's levels, after checking that its --reference level occurs among them (when there are any).</summary>
    public static string[] CheckedLevels(IEnumerable<string> cells, string column, string reference)
    {
        string[] levels = [.. cells];
        if (levels.Length > 0 && !levels.Contains(reference, StringComparer.Ordinal))
        {
            var seen = levels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(10);
            throw new UsageException($"--reference: level '{reference}' does not occur in column '{column}' (its levels: {string.Join(", ", seen)}).");
        }

        return levels;
    }

    /// <summary>--rho and --gamma: the log-rank test's G(ρ, γ) weights, each finite and ≥ 0.</summary>
    public static LogRankOptions LogRank(double? rho, double? gamma)
    {
        foreach (var (name, value) in new[] { ("--rho", rho), ("--gamma", gamma) })
        {
            if (value is { } v && !(v >= 0 && double.IsFinite(v)))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{name}: {v} is not a number ≥ 0."));
            }
        }

        return new LogRankOptions { Rho = rho ?? 0, Gamma = gamma ?? 0 };
    }

    /// <summary>The review ranking's prior weight (finite, ≥ 0) and score (bayesian or wilson).</summary>
    public static FamilySettings Reviews(FamilySettings settings, double? priorWeight, string? rankBy)
    {
        if (priorWeight is { } c && !(c >= 0))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--prior-weight: {c} is negative; the prior weight is a number of reviews, 0 or more (e.g. 10)."));
        }

        var score = rankBy?.ToLowerInvariant() switch
        {
            null or "bayesian" => CxMetrics.Reviews.ReviewRankScore.BayesianAverage,
            "wilson" => CxMetrics.Reviews.ReviewRankScore.PositiveLowerBound,
            _ => throw new UsageException($"--rank-by: '{rankBy}' is not bayesian or wilson."),
        };
        return settings with { PriorWeight = priorWeight ?? settings.PriorWeight, RankBy = score };
    }

    public static FamilySettings Sla(FamilySettings settings, string[]? targets) =>
        settings with { Targets = targets is { Length: > 0 } ? [.. targets.Select(Target)] : null };

    public static FamilySettings Experiment(FamilySettings settings, string? window, string? control, string? adjust, string? split)
    {
        var adjustment = adjust?.ToLowerInvariant() switch
        {
            null or "holm" => MultipleComparisonMethod.Holm,
            "bh" or "benjamini-hochberg" => MultipleComparisonMethod.BenjaminiHochberg,
            "none" => MultipleComparisonMethod.None,
            _ => throw new UsageException($"--adjust: '{adjust}' is not one of holm, bh, none."),
        };
        if (control is { } c && string.IsNullOrWhiteSpace(c))
        {
            throw new UsageException("--control: the control arm's name is empty.");
        }

        return settings with
        {
            Window = window is null ? null : FamilyOptions.Length("--window", window),
            WindowGiven = window is not null,
            Control = control ?? "control",
            Adjustment = adjustment,
            Split = split is null ? null : Split(split),
        };
    }

    /// <summary>--covariate COLUMN: a non-empty header of assignments.csv.</summary>
    public static string? Covariate(string? column) =>
        column is { } c && string.IsNullOrWhiteSpace(c) ? throw new UsageException("--covariate: the column name is empty.") : column;

    /// <summary>--sequential-tuning N: a positive number, and only with --sequential.</summary>
    public static double? SequentialTuning(double? tuning, bool sequential)
    {
        if (tuning is not { } n)
        {
            return null;
        }

        if (!sequential)
        {
            throw new UsageException("--sequential-tuning: only with --sequential.");
        }

        return n > 0 && double.IsFinite(n) ? n : throw new UsageException($"--sequential-tuning: {n} is not a positive number of customers.");
    }

    /// <summary>
    /// One --target: <c>METRIC=LENGTH[@GOAL%][,priority=P][,channel=C]</c>, e.g. <c>first_response=4h@90%</c> or
    /// <c>resolution=8h@95%,priority=1 - Critical</c>. The goal may also be a share (<c>@0.9</c>); default 80%.
    /// </summary>
    internal static SlaTarget Target(string text)
    {
        string Bad(string why) => $"--target: '{text}' {why} (e.g. first_response=4h@90% or \"resolution=8h@95%,priority=1 - Critical\").";
        var parts = text.Split(',');
        int eq = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new UsageException(Bad("is not METRIC=LENGTH"));
        }

        var metric = parts[0][..eq].Trim().ToLowerInvariant() switch
        {
            "first_response" or "first-response" or "firstresponse" => SlaMetric.FirstResponse,
            "resolution" => SlaMetric.Resolution,
            "next_reply" or "next-reply" => SlaMetric.NextReply,
            "periodic_update" or "periodic-update" => SlaMetric.PeriodicUpdate,
            "pausable_update" or "pausable-update" => SlaMetric.PausableUpdate,
            "agent_work" or "agent-work" => SlaMetric.AgentWork,
            "requester_wait" or "requester-wait" => SlaMetric.RequesterWait,
            var other => throw new UsageException(Bad($"names no SLA metric '{other}' (first_response, resolution, next_reply, periodic_update, pausable_update, agent_work or requester_wait)")),
        };
        string rest = parts[0][(eq + 1)..];
        double goal = 0.8;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            string g = rest[(at + 1)..].Trim();
            bool percent = g.EndsWith('%');
            if (!double.TryParse(percent ? g[..^1] : g, NumberStyles.Float, CultureInfo.InvariantCulture, out goal) || !double.IsFinite(goal))
            {
                throw new UsageException(Bad($"has a goal '{g}' that is not a percentage such as 90%"));
            }

            goal = percent || goal > 1 ? goal / 100 : goal;
            if (!(goal > 0 && goal <= 1))
            {
                throw new UsageException(Bad($"has a goal '{g}' outside (0%, 100%]"));
            }

            rest = rest[..at];
        }

        var length = FamilyOptions.Length("--target", rest);
        string? priority = null, channel = null;
        foreach (string scope in parts.Skip(1))
        {
            int e = scope.IndexOf('=', StringComparison.Ordinal);
            string key = e > 0 ? scope[..e].Trim().ToLowerInvariant() : scope.Trim();
            string value = e > 0 ? scope[(e + 1)..].Trim() : string.Empty;
            if (value.Length == 0)
            {
                throw new UsageException(Bad($"has a scope '{scope.Trim()}' that is not priority=P or channel=C"));
            }

            switch (key)
            {
                case "priority" when priority is null:
                    priority = value;
                    break;
                case "channel" when channel is null:
                    channel = value;
                    break;
                default:
                    throw new UsageException(Bad($"has a scope '{scope.Trim()}' that is not one priority=P and one channel=C"));
            }
        }

        return new SlaTarget { Metric = metric, Target = length, Goal = goal, Priority = priority, Channel = channel };
    }

    private static Dictionary<string, double> Split(string text)
    {
        var split = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string part in text.Split(','))
        {
            int eq = part.LastIndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double share) || !(share > 0) || !double.IsFinite(share)
                || !split.TryAdd(part[..eq].Trim(), share))
            {
                throw new UsageException($"--split: '{text}' is not arm=share pairs with positive shares and distinct arms, e.g. control=0.5,offer=0.5.");
            }
        }

        double total = split.Values.Sum();
        return split.ToDictionary(p => p.Key, p => p.Value / total, StringComparer.Ordinal);
    }
}

/// <summary>What --cox and --reference ask for: the covariate columns in order, and the reference level of each categorical one.</summary>
internal sealed record CoxRequest(IReadOnlyList<string> Columns, IReadOnlyDictionary<string, string> References);

/// <summary>What clv's --covariates, --covariate and --reference ask for: the attribute file, the columns (null: all of the file's) and the reference level of each categorical one.</summary>
internal sealed record ClvCovariateRequest(string? File, IReadOnlyList<ClvCovariateColumn>? Columns, IReadOnlyDictionary<string, string> References);

/// <summary>One covariate of clv: its column and whether it enters the purchase process, the dropout process or both.</summary>
internal sealed record ClvCovariateColumn(string Name, bool Purchase, bool Dropout);
