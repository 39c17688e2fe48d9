using System.Globalization;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Csv;
using CxMetrics.Experiments;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// <c>experiment [DIR]</c>: the read-out of an incentive experiment (<see cref="Experiment.Of(IEnumerable{Assignment}, IEnumerable{OutcomeEvent}, ExperimentDesign, Instant)"/>)
/// from <c>assignments.csv</c> and <c>outcomes.csv</c> in DIR: conversion within <c>--window</c> of assignment and revenue
/// per customer, per segment and arm, uplift against <c>--control</c> with p-values adjusted over segments × arms
/// (<c>--adjust</c>), and the sample-ratio check against <c>--split</c>. Without DIR: the bundled synthetic
/// retention-offer experiment.
/// </summary>
internal static class ExperimentCommand
{
    public const string AssignmentsFile = "assignments.csv";
    public const string OutcomesFile = "outcomes.csv";

    /// <summary>The outcome window when --window is not given: 30 days, the bundled experiment's (an offer's usual validity).</summary>
    public static readonly Duration DefaultWindow = Duration.FromDays(30);

    public static int Run(string? path, CliSettings s, TextWriter output)
    {
        ReportDocument doc;
        ExperimentOutcomesBuilder outcomes;
        ExperimentDesign design;
        var inputs = new List<CsvReport>();
        if (path is null)
        {
            doc = new ReportDocument("experiment", $"bundled retention-offer experiment (synthetic, samples/{ToolCommands.BundledFolder})");
            var bundled = s with { AsOf = s.AsOf ?? ExperimentSample.AsOf, Family = s.Family with { Window = s.Family.Window ?? ExperimentSample.Design.OutcomeWindow } };
            (outcomes, design) = Read(SampleFiles.Path(ToolCommands.BundledFolder, AssignmentsFile), SampleFiles.Path(ToolCommands.BundledFolder, OutcomesFile), bundled, inputs, arms =>
            {
                var planned = ExperimentSample.Design with
                {
                    ControlArm = s.Family.Control,
                    PlannedSplit = s.Family.Split ?? ExperimentSample.Design.PlannedSplit,
                    OutcomeWindow = s.Family.Window ?? ExperimentSample.Design.OutcomeWindow,
                    Adjustment = s.Family.Adjustment,
                    Alpha = 1 - s.ConfidenceLevel,
                    Cuped = s.Family.Covariate is not null,
                    Sequential = s.Family.Sequential,
                    SequentialTuningParameter = s.Family.SequentialTuning ?? ConfidenceSequence.DefaultTuningParameter,
                    BootstrapResamples = s.Family.Bootstrap,
                    BootstrapSeed = (ulong)s.Family.Seed,
                };
                CheckArms(planned, arms, "the bundled experiment");
                return planned;
            });
        }
        else
        {
            if (!Directory.Exists(path))
            {
                throw File.Exists(path)
                    ? new FileNotFoundException($"experiment needs a folder holding {AssignmentsFile} and {OutcomesFile}; '{path}' is a file.")
                    : new DirectoryNotFoundException($"no such folder: '{path}'.");
            }

            string a = ShopData.Require(path, AssignmentsFile);
            string o = ShopData.Require(path, OutcomesFile);
            doc = new ReportDocument("experiment", Path.GetFullPath(path));
            (outcomes, design) = Read(a, o, s, inputs, arms => Design(arms, s));
        }

        Tables(doc, outcomes, design, s);
        doc.Inputs.AddRange(inputs);
        Renderer.Write(doc, s.Format, output, s.Suppression);
        return ToolCommands.Ok;
    }

    /// <summary>
    /// Reads both files of a folder in one pass each, assignments first, folding them into an
    /// <see cref="ExperimentOutcomesBuilder"/> (one entry per assigned customer, never a list of records); an outcome of a
    /// customer the assignments file does not name is counted as without assignment, as <see cref="Experiment.Outcomes"/>
    /// counts it. The design is made from the arms assigned (<paramref name="design"/>) once both files are read. A record
    /// the builder refuses (a customer assigned twice, a second currency) is left out and the first such error is thrown
    /// after the design is checked, so errors come in the order the list-based read-out gave them and both files' accounts
    /// (added to <paramref name="inputs"/>) are complete.
    /// </summary>
    public static (ExperimentOutcomesBuilder Outcomes, ExperimentDesign Design) Read(string assignmentsFile, string outcomesFile, CliSettings s, List<CsvReport> inputs, Func<IReadOnlyCollection<string>, ExperimentDesign> design)
    {
        // Through the mapping file's assignments / outcomes sections (columns and value formats), like every other file.
        var data = new ShopData();
        var outcomes = new ExperimentOutcomesBuilder(s.Family.Window ?? DefaultWindow, s.AsOf);
        Exception? refused = null;
        void Fold(Action add)
        {
            try
            {
                add();
            }
            catch (Exception ex) when (ToolCommands.IsDataError(ex))
            {
                refused ??= ex;
            }
        }

        try
        {
            data.Records(MappedRead.Assignments(assignmentsFile, s), s).ForEach(a => Fold(() => outcomes.Add(a)));
            data.Records(MappedRead.Outcomes(outcomesFile, s), s).ForEach(e => Fold(() => outcomes.Add(e)));
        }
        finally
        {
            inputs.AddRange(data.Reports);
        }

        var plan = design(outcomes.Arms);
        if (refused is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
        }

        return (outcomes, plan);
    }

    /// <summary>
    /// The experiment section of <c>report DIR</c>: the control arm, the split and the adjustment of report's
    /// <c>--control</c>, <c>--split</c> and <c>--adjust</c> (by default the arm named <c>control</c>, equal shares of the
    /// arms, Holm), the window 30 days (report's --window is the inactivity window of orders). A folder without the control
    /// arm is data the report cannot judge (exit 1 after the other families), not a wrong command line.
    /// </summary>
    public static void Section(ReportDocument doc, string assignmentsFile, string outcomesFile, CliSettings s)
    {
var plain = s with { Segment = null, Family = new FamilySettings { Control = s.Family.Control, Adjustment = s.Family.Adjustment, Split = s.Family.Split } };
        var (outcomes, design) = Read(assignmentsFile, outcomesFile, plain, doc.Inputs, arms =>
        {
            try
            {
                return Design(arms, plain);
            }
            catch (UsageException ex)
            {
                throw new InvalidOperationException(ex.Message.Replace("--control: ", string.Empty, StringComparison.Ordinal).Replace("--split: ", string.Empty, StringComparison.Ordinal)
                    + " (report takes the arm named 'control' as the control; --control NAME reads another, on the command line or in the folder's report.args)");
            }
        });

        Tables(doc, outcomes, design, plain);
    }

    /// <summary>The design from the options: the planned split from --split, else equal shares of the arms assigned.</summary>
    public static ExperimentDesign Design(IReadOnlyCollection<string> arms, CliSettings s)
    {
        var design = new ExperimentDesign
        {
            ControlArm = s.Family.Control,
            PlannedSplit = s.Family.Split ?? arms.ToDictionary(arm => arm, _ => 1.0 / Math.Max(arms.Count, 1), StringComparer.Ordinal),
            OutcomeWindow = s.Family.Window ?? DefaultWindow,
            Adjustment = s.Family.Adjustment,
            Alpha = 1 - s.ConfidenceLevel,
            Cuped = s.Family.Covariate is not null,
            Sequential = s.Family.Sequential,
            SequentialTuningParameter = s.Family.SequentialTuning ?? ConfidenceSequence.DefaultTuningParameter,
            BootstrapResamples = s.Family.Bootstrap,
            BootstrapSeed = (ulong)s.Family.Seed,
        };
        CheckArms(design, arms, AssignmentsFile);
        return design;
    }

    /// <summary>The read-out tables of the folded outcomes, judged at the builder's as-of (the one given, else <see cref="Time.AsOfRule"/> of the latest assignment or outcome read).</summary>
    public static void Tables(ReportDocument doc, ExperimentOutcomesBuilder outcomes, ExperimentDesign design, CliSettings s)
    {
        if (outcomes.Customers == 0)
        {
            doc.Tables.Add(new ReportTable("Experiment", "assignments", "note").Row("0", "no assignments: nothing to read out"));
            return;
        }

        var judged = outcomes.ToOutcomes();
        var asOf = judged.AsOf;
        var readout = s.Progress.Run("reading out the experiment", _ => Experiment.Of(judged, design));
        doc.Results["experiment"] = readout;
        string days = design.OutcomeWindow.TotalDays.ToString("#,##0.##", CultureInfo.InvariantCulture);
        string adjust = design.Adjustment switch
        {
            MultipleComparisonMethod.Holm => "Holm",
            MultipleComparisonMethod.BenjaminiHochberg => "Benjamini–Hochberg",
            _ => "not",
        };
        var srm = readout.SampleRatio;
        var checks = new ReportTable($"Experiment checks (as of {asOf}; outcome = an order within {days} days of assignment)", "check", "value", "note");
        checks.Row("customers observed", Format.Count(readout.Observed), "their window has closed");
        checks.Row("customers pending", Format.Count(readout.Pending), "window still open at the as-of: not counted as non-converting");
        checks.Row("sample ratio χ²", new NumberCell(srm.Test.Statistic, 2),
            string.Create(CultureInfo.InvariantCulture, $"p {(srm.Test.PValue < 0.0001 ? string.Empty : "= ")}{new PValueCell(srm.Test.PValue)} against the planned split {string.Join(", ", srm.Arms.Select((arm, i) => $"{arm} {new ShareCell(srm.PlannedShares[i], Trim: true)}"))}: {(srm.IsMismatch ? "MISMATCH — the read-out is not trustworthy" : "ok")}"));
        checks.Row("outcomes without assignment", Format.Count(readout.EventsWithoutAssignment ?? 0), "not counted");
        checks.Row("outcomes outside the window", Format.Count(readout.EventsOutsideWindow ?? 0), "not counted");
        checks.Row("tests", readout.IsSequential
            ? string.Create(CultureInfo.InvariantCulture, $"sequential, always valid (tuned for {design.SequentialTuningParameter:#,##0} units)")
            : "fixed horizon", readout.IsSequential ? "may be read daily and stopped at the first significant look" : "valid when read once, at the planned size");
        doc.Tables.Add(checks);

        string level = Format.Level(s.ConfidenceLevel);
        bool boot = design.BootstrapResamples > 0;
        string[] columns = ["segment", "arm", "observed", "pending", $"converted within {days} d %", level, "uplift", "adj. p", "revenue/customer", "revenue adj. p",
            .. boot ? (string[])["revenue Δ percentile", "revenue Δ BCa"] : [], "flag"];
        var table = new ReportTable($"Read-out by segment and arm (control '{design.ControlArm}'; p-values {adjust}-adjusted over segments × arms)", columns);
        foreach (var segment in readout.Segments)
        {
            foreach (var arm in segment.Arms)
            {
                var cmp = segment.Comparisons.FirstOrDefault(c => c.Arm == arm.Arm);
                long observed = arm.Assigned - arm.Pending;
                ReportCell[] row = [segment.Segment ?? "(all)", arm.Arm, Format.Count(observed), Format.Count(arm.Pending), new ShareCell(arm.Conversion.Value),
                    Cells.Interval(arm.Conversion.Interval, share: true), cmp is null ? "control" : new ShareCell(cmp.Uplift.Uplift, ShowSign: true),
                    new PValueCell(cmp?.AdjustedPValue), new NumberCell(arm.RevenuePerCustomer.Value, 2), new PValueCell(cmp?.RevenueAdjustedPValue),
                    .. boot ? (ReportCell[])[Cells.Interval(cmp?.RevenueBootstrapInterval, decimals: 2), Cells.Interval(cmp?.RevenueBcaInterval, decimals: 2)] : [],
                    cmp?.IsSignificant == true ? "significant" : observed < s.MinimumCellSize ? "small n" : string.Empty];
                table.Row(row);
            }
        }

        table.Note = "uplift = conversion of the arm / control − 1; conversion compared by a two-proportion test, revenue per customer by Welch's t-test"
            + (design.Cuped ? $"; adj. p from CUPED on column '{s.Family.Covariate}'" : string.Empty)
            + (design.Sequential ? "; adj. p always valid (sequential): the test may be read daily" : string.Empty)
            + (boot ? string.Create(CultureInfo.InvariantCulture, $"; revenue Δ = the arm's revenue per customer − the control's, bootstrap intervals from {design.BootstrapResamples:#,##0} resamples of each side (seed {design.BootstrapSeed}; the same seed gives the same intervals): percentile, and BCa (Efron 1987, bias-corrected and accelerated, as R's boot.ci type \"bca\"), the better one for revenue's skew; not adjusted for multiplicity") : string.Empty);
        doc.Tables.Add(table);
        if (design.Cuped || design.Sequential)
        {
            // The read-out's own table of the CUPED / sequential comparisons (its last), as the core describes it.
            doc.Tables.Add(ReportTable.From(readout.ToReport().Tables[^1]));
        }

        RevenueAcrossArms(doc, readout, design, s);
        var verdicts = new ReportTable("Best arm per segment", "segment", "best", "runner-up", "adj. p best vs runner-up", "verdict");
        foreach (var segment in readout.Segments)
        {
            verdicts.Row(segment.Segment ?? "(all)", segment.BestArm ?? Format.None, segment.RunnerUp ?? Format.None, new PValueCell(segment.BestVersusRunnerUpAdjustedPValue),
                segment.Winner is { } w ? $"'{w}' wins" : "no clear winner");
        }

        doc.Tables.Add(verdicts);
        if (readout.Warnings.Count > 0)
        {
            var warnings = new ReportTable("Warnings", "warning");
            foreach (string w in readout.Warnings)
            {
                warnings.Row(w);
            }

            doc.Tables.Add(warnings);
        }
    }

    /// <summary>
    /// When the outcomes carry revenue: every segment's arms compared at once on revenue per customer by the core
    /// (<see cref="Experiment.CompareRevenue"/>: Welch's ANOVA, then every pair by Welch's t, the pairs' p-values adjusted
    /// together by <c>--adjust</c>). Small cells follow <c>--suppress-below</c> as the k-group notes do
    /// (<see cref="ComparisonNote"/>): <c>flag</c> marks the small arm's name (<c>offer*</c>); <c>blank</c> leaves its pairs
    /// out and counts them in the note.
    /// </summary>
    private static void RevenueAcrossArms(ReportDocument doc, ExperimentReadout readout, ExperimentDesign design, CliSettings s)
    {
        if (!readout.Segments.Any(segment => segment.Arms.Any(arm => arm.RevenuePerCustomer.Value is > 0)))
        {
            return;
        }

        const string Flag = "*";
        string level = Format.Level(s.ConfidenceLevel);
        string adjusted = design.Adjustment switch
        {
            MultipleComparisonMethod.Holm => "p-values Holm-adjusted over the pairs of a segment",
            MultipleComparisonMethod.BenjaminiHochberg => "p-values Benjamini–Hochberg-adjusted over the pairs of a segment",
            _ => "p-values not adjusted",
        };
        var table = new ReportTable($"Revenue per customer across arms (Welch's ANOVA, then every pair by Welch's t; {adjusted})",
            "segment", "comparison", "revenue Δ", level, "F or t", "df", "p", "adj. p");
        bool blank = s.Suppression.Mode == Reporting.SuppressionMode.Blank;
        long leftOut = 0;
        bool flagged = false;
        foreach (var segment in readout.Segments)
        {
            var comparison = Experiment.CompareRevenue(segment, design.Adjustment, s.ConfidenceLevel);
            var small = segment.Arms.Where(a => s.Suppression.Hides(a.RevenuePerCustomer.Count)).Select(a => a.Arm).ToHashSet(StringComparer.Ordinal);
            string name = segment.Segment ?? "(all)";
            string Arm(string arm) => small.Contains(arm) ? arm + Flag : arm;
            if (comparison.Omnibus is { } omnibus)
            {
                table.Row(name, string.Create(CultureInfo.InvariantCulture, $"all {omnibus.Groups} arms alike?"), new MissingCell(), new MissingCell(), new NumberCell(omnibus.Statistic, 3),
                    string.Create(CultureInfo.InvariantCulture, $"{new NumberCell(omnibus.DegreesOfFreedom, 2, Trim: true)}, {new NumberCell(omnibus.DenominatorDegreesOfFreedom, 1)}"), new PValueCell(omnibus.PValue), new MissingCell());
            }

            foreach (var pair in comparison.Pairs)
            {
                bool hasSmall = small.Contains(pair.First) || small.Contains(pair.Second);
                if (hasSmall && blank)
                {
                    leftOut++;
                    continue;
                }

                flagged |= hasSmall;
                table.Row(name, $"{Arm(pair.First)} vs {Arm(pair.Second)}", new NumberCell(pair.Difference, 2, ShowSign: true), Cells.Interval(pair.Interval, decimals: 2),
                    new NumberCell(pair.Comparison.T, 3), new NumberCell(pair.Comparison.DegreesOfFreedom, 1), new PValueCell(pair.PValue), new PValueCell(pair.AdjustedPValue));
            }
        }

        table.Note = "revenue per customer (non-buyers count as 0); revenue Δ = the first arm's − the second's, Welch interval (not adjusted); the first row of a segment tests whether every arm has the same mean (Welch's ANOVA, F on its two df)"
            + (leftOut > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {leftOut:N0} pair(s) with a small arm (a count below {s.Suppression.MinimumCount}) not listed") : string.Empty)
            + (flagged ? string.Create(CultureInfo.InvariantCulture, $" ({Flag} a count below {s.Suppression.MinimumCount}: small cell)") : string.Empty);
        doc.Tables.Add(table);
    }

    private static void CheckArms(ExperimentDesign design, IReadOnlyCollection<string> arms, string source)
    {
        if (arms.Count > 0 && !arms.Contains(design.ControlArm, StringComparer.Ordinal))
        {
            throw new UsageException($"--control: '{design.ControlArm}' is not an arm of {source} (arms: {string.Join(", ", arms)}).");
        }

        if (arms.FirstOrDefault(arm => !design.PlannedSplit.ContainsKey(arm)) is { } missing)
        {
            throw new UsageException($"--split: arm '{missing}' of {source} has no planned share (arms: {string.Join(", ", arms)}).");
        }
    }
}
