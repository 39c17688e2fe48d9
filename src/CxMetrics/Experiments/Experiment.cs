using System.Globalization;
using System.Runtime.InteropServices;
using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>
/// Reads out an experiment (e.g. retention incentives — 10% off, 15% off, free shipping — tested per customer segment)
/// the way experimentation platforms (GrowthBook, Statsig, Optimizely) do: a sample-ratio-mismatch check first, outcomes
/// only for customers whose window has closed, each arm against control per segment with the absolute difference
/// (Newcombe interval, two-proportion z-test), the relative uplift (log-ratio interval) and revenue per customer
/// (Welch's t-test, optional seeded percentile and BCa bootstrap), p-values adjusted across segments × arms by Holm or
/// Benjamini–Hochberg, and the best arm per segment reported together with whether it is distinguishable from the
/// runner-up. On request (<see cref="ExperimentDesign.Cuped"/>, <see cref="ExperimentDesign.Sequential"/>) conversion and
/// revenue are also compared with CUPED on a pre-period covariate and with always-valid sequential tests, and the
/// significance flags then use those comparisons.
/// </summary>
public static class Experiment
{
    /// <summary>
    /// Turns assignments and outcome events into one observation per customer: converted when an event falls in
    /// <c>[assigned, assigned + window)</c>, revenue the sum of those events; pending while the window is still open at
    /// <paramref name="asOf"/> (events after <paramref name="asOf"/> are not known yet and are ignored).
    /// </summary>
    /// <param name="assignments">One assignment per customer.</param>
    /// <param name="events">Outcome events (orders) in one currency.</param>
    /// <param name="window">The outcome window, &gt; 0.</param>
    /// <param name="asOf">When the experiment is read.</param>
    /// <returns>The observations with counts of events that could not be counted.</returns>
    /// <exception cref="ArgumentException">A customer is assigned twice, or the window is not positive.</exception>
    /// <exception cref="InvalidOperationException">Events are in different currencies.</exception>
    public static ExperimentOutcomes Outcomes(IEnumerable<Assignment> assignments, IEnumerable<OutcomeEvent> events, Duration window, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(events);
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"the outcome window {window} must be positive.");
        }

        var builder = new ExperimentOutcomesBuilder(window, asOf);
        foreach (var a in assignments)
        {
            builder.Add(a, nameof(assignments));
        }

        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            builder.Add(e);
        }

        return builder.ToOutcomes();
    }

    /// <summary>Reads out an experiment from assignments and raw outcome events at an as-of instant.</summary>
    /// <param name="assignments">One assignment per customer.</param>
    /// <param name="events">Outcome events in one currency.</param>
    /// <param name="design">The plan.</param>
    /// <param name="asOf">When the experiment is read.</param>
    /// <returns>The read-out: <see cref="Of(ExperimentOutcomes, ExperimentDesign)"/> of <see cref="Outcomes"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="design"/> is null.</exception>
    public static ExperimentReadout Of(IEnumerable<Assignment> assignments, IEnumerable<OutcomeEvent> events, ExperimentDesign design, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(design);
        return Of(Outcomes(assignments, events, design.OutcomeWindow, asOf), design);
    }

    /// <summary>
    /// Reads out an experiment from its per-customer outcomes (<see cref="Outcomes"/>, or an
    /// <see cref="ExperimentOutcomesBuilder"/> fed as the files are read): the read-out of the observations, with the as-of
    /// instant, the events that could not be counted and a warning when events belong to customers without an assignment.
    /// </summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="design">The plan.</param>
    /// <returns>The read-out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outcomes"/> or <paramref name="design"/> is null.</exception>
    /// <exception cref="ArgumentException">An arm is not in the planned split, or the control arm is not.</exception>
    public static ExperimentReadout Of(ExperimentOutcomes outcomes, ExperimentDesign design)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(design);
        var readout = Of(outcomes.Observations, design);
        var warnings = readout.Warnings.ToList();
        if (outcomes.EventsWithoutAssignment > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{outcomes.EventsWithoutAssignment:N0} outcome events belong to customers without an assignment and were not counted."));
        }

        return readout with
        {
            AsOf = outcomes.AsOf,
            EventsWithoutAssignment = outcomes.EventsWithoutAssignment,
            EventsOutsideWindow = outcomes.EventsOutsideWindow,
            Warnings = warnings,
        };
    }

    /// <summary>Reads out an experiment from per-customer observations.</summary>
    /// <param name="observations">One observation per assigned customer.</param>
    /// <param name="design">The plan.</param>
    /// <returns>The read-out; the same as <see cref="From"/> of the observations' <see cref="ExperimentTally"/>.</returns>
    /// <exception cref="ArgumentException">An arm is not in the planned split, or the control arm is not.</exception>
    public static ExperimentReadout Of(IEnumerable<ExperimentObservation> observations, ExperimentDesign design)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(design);
        var arms = PlannedArms(design);
        var planned = new HashSet<string>(arms, StringComparer.Ordinal);
        var tally = new ExperimentTally();
        Dictionary<(string?, string), List<double>>? values = design.BootstrapResamples > 0 ? [] : null;
        Dictionary<(string?, string), CupedPair>? cuped = design.Cuped ? [] : null;
        foreach (var o in observations)
        {
            ArgumentNullException.ThrowIfNull(o);
            if (!planned.Contains(o.Arm))
            {
                throw new ArgumentException($"customer '{o.CustomerId}' is in arm '{o.Arm}', which is not in the planned split ({string.Join(", ", arms)}).", nameof(observations));
            }

            tally.Add(o);
            if (values is not null && o.Status != OutcomeStatus.Pending)
            {
                if (!values.TryGetValue((o.Segment, o.Arm), out var list))
                {
                    values.Add((o.Segment, o.Arm), list = []);
                }

                list.Add(o.Revenue);
            }

            if (cuped is not null && o.Status != OutcomeStatus.Pending)
            {
                if (!cuped.TryGetValue((o.Segment, o.Arm), out var pair))
                {
                    cuped.Add((o.Segment, o.Arm), pair = new CupedPair(new CupedTally(), new CupedTally()));
                }

                double x = o.Covariate ?? 0;
                pair.Conversion.Add(o.Converted ? 1 : 0, x);
                pair.Revenue.Add(o.Revenue, x);
            }
        }

        return ReadOut(tally, design, arms, values, cuped);
    }

    /// <summary>
    /// Reads out an experiment from its tally (per segment × arm counts, possibly merged over shops and days): the same
    /// read-out <see cref="Of(IEnumerable{ExperimentObservation}, ExperimentDesign)"/> gives for the observations the
    /// tally counted (the revenue statistics up to the rounding of merged moments).
    /// </summary>
    /// <param name="tally">The tally.</param>
    /// <param name="design">The plan; without a bootstrap (<see cref="ExperimentDesign.BootstrapResamples"/> = 0) and without CUPED.</param>
    /// <returns>The read-out.</returns>
    /// <exception cref="ArgumentException">An arm of the tally is not in the planned split, the control arm is not, or the design asks for a bootstrap (which resamples each customer's revenue, kept by observations and not by a tally) or for CUPED (which needs each customer's covariate; merge <see cref="CupedTally"/> values and call <see cref="Cuped.From"/> instead).</exception>
    public static ExperimentReadout From(ExperimentTally tally, ExperimentDesign design)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(design);
        if (design.BootstrapResamples > 0)
        {
            throw new ArgumentException($"the design asks for {design.BootstrapResamples} bootstrap resamples, which need each customer's revenue; a tally keeps only its moments. Read from the observations, or set BootstrapResamples to 0.", nameof(design));
        }

        if (design.Cuped)
        {
            throw new ArgumentException("the design asks for CUPED, which needs each customer's pre-period covariate; a tally keeps no covariate. Read from the observations, or merge CupedTally values per arm and compare them with Cuped.From.", nameof(design));
        }

        var arms = PlannedArms(design);
        var planned = new HashSet<string>(arms, StringComparer.Ordinal);
        foreach (var (segment, arm) in tally.Counted.Keys)
        {
            if (!planned.Contains(arm))
            {
                throw new ArgumentException($"the tally counts arm '{arm}' (segment '{segment ?? "(none)"}'), which is not in the planned split ({string.Join(", ", arms)}).", nameof(tally));
            }
        }

        return ReadOut(tally, design, arms, null, null);
    }

    private static string[] PlannedArms(ExperimentDesign design)
    {
        ArgumentNullException.ThrowIfNull(design.PlannedSplit);
        if (!design.PlannedSplit.ContainsKey(design.ControlArm))
        {
            throw new ArgumentException($"the control arm '{design.ControlArm}' is not in the planned split.", nameof(design));
        }

        if (design.PlannedSplit.Count < 2)
        {
            throw new ArgumentException("an experiment needs at least two arms in its planned split.", nameof(design));
        }

        // Control first, then the other arms by name, so output order never depends on dictionary order.
        return [design.ControlArm, .. design.PlannedSplit.Keys.Where(a => a != design.ControlArm).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every arm of one segment compared at once on revenue per customer (non-buyers count as 0): the omnibus Welch ANOVA of
    /// the arms' means (<see cref="WelchAnova"/>, as R's <c>oneway.test(var.equal = FALSE)</c>) and every pair of arms by
    /// Welch's t-test (<see cref="WelchTest"/>: first arm minus second, Welch interval, as R's <c>t.test</c>), the pairs'
    /// p-values adjusted together by <paramref name="method"/> — the breakdown comparison of the other families
    /// (<c>ConversionRate.Compare</c>, <c>SupportMetrics.Compare</c>) with the arms as keys. The read-out itself compares each
    /// arm with the control only; this answers "does any arm differ, and which from which?".
    /// </summary>
    /// <param name="segment">A segment of a read-out (<see cref="ExperimentReadout.Segments"/>); its arms in its order, control first.</param>
    /// <param name="method">The adjustment of the pairs' p-values; Holm by default.</param>
    /// <param name="level">Confidence level of the pairs' intervals.</param>
    /// <returns>The omnibus test (none with fewer than two arms with observed customers) and every pair of arms.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segment"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not defined, or <paramref name="level"/> is not strictly between 0 and 1.</exception>
    public static Breakdowns.BreakdownComparison<string, MeanComparison> CompareRevenue(SegmentReadout segment, MultipleComparisonMethod method = MultipleComparisonMethod.Holm, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(segment);
        Guard.ConfidenceLevel(level);
        var arms = segment.Arms.Select(a => new Breakdowns.BreakdownCell<string, RunningMoments>(a.Arm, Moments(a.RevenuePerCustomer), a.RevenuePerCustomer.Count, false)).ToArray();
        return Breakdowns.PairwiseEngine.Compare(
            arms, method, static moments => Breakdowns.PairwiseEngine.Anova(moments), (a, b) => WelchTest.From(a, b, level), static c => (c.Difference, c.Interval, c.PValue), nameof(segment));
    }

    /// <summary>The moments behind an arm's revenue estimate: n, the mean and M₂ = s²(n − 1).</summary>
    private static RunningMoments Moments(MeanEstimate revenue) => revenue is { Count: > 0, Value: { } mean }
        ? RunningMoments.FromParts(revenue.Count, mean, revenue.StandardDeviation is { } sd ? sd * sd * (revenue.Count - 1) : 0)
        : new RunningMoments();

    /// <summary>The read-out of a tally's cells (with each customer's revenue per cell when the design bootstraps).</summary>
    private static ExperimentReadout ReadOut(ExperimentTally tally, ExperimentDesign design, string[] arms, Dictionary<(string?, string), List<double>>? values, Dictionary<(string?, string), CupedPair>? cuped)
    {
        var segments = tally.Counted.Keys.Select(k => k.Segment).Distinct().ToList();
        var cells = new List<Cell[]>(segments.Count);
        var empty = new ExperimentTally.Counts(0, new BinomialTally(), new RunningMoments());
        var assignedPerArm = new long[arms.Length];
        long observedTotal = 0, pendingTotal = 0;
        foreach (string? segment in segments)
        {
            var row = new Cell[arms.Length];
            for (int a = 0; a < arms.Length; a++)
            {
                var counts = tally.Counted.TryGetValue((segment, arms[a]), out var c) ? c : empty;
                row[a] = new Cell(
                    counts,
                    values is null ? null : values.TryGetValue((segment, arms[a]), out var list) ? list : [],
                    cuped is null ? null : cuped.TryGetValue((segment, arms[a]), out var pair) ? pair : new CupedPair(new CupedTally(), new CupedTally()));
                assignedPerArm[a] += counts.Pending + counts.Conversions.Trials;
                observedTotal += counts.Conversions.Trials;
                pendingTotal += counts.Pending;
            }

            cells.Add(row);
        }

        var sampleRatio = SampleRatio(design, arms, assignedPerArm);
        var segmentReadouts = BuildSegments(design, arms, segments, cells);
        return new ExperimentReadout
        {
            Design = design,
            SampleRatio = sampleRatio,
            Observed = observedTotal,
            Pending = pendingTotal,
            Segments = segmentReadouts,
            Warnings = Warnings(design, sampleRatio, arms, cells, pendingTotal),
        };
    }

    private static SampleRatioCheck SampleRatio(ExperimentDesign design, string[] arms, long[] assigned)
    {
        var shares = arms.Select(a => design.PlannedSplit[a]).ToArray();
        var test = ChiSquareTest.GoodnessOfFit(assigned, shares);
        double total = shares.Sum();
        return new SampleRatioCheck(arms, assigned, [.. shares.Select(s => s / total)], test, test.PValue < design.SampleRatioThreshold);
    }

    private static List<SegmentReadout> BuildSegments(ExperimentDesign design, string[] arms, List<string?> segments, List<Cell[]> cells)
    {
        double level = 1 - design.Alpha;
        var order = Enumerable.Range(0, segments.Count).OrderBy(i => segments[i] is null).ThenBy(i => segments[i], StringComparer.Ordinal).ToArray();
        var drafts = new List<(string? Segment, ArmResult[] Arms, List<Draft> Comparisons, string? Best, string? RunnerUp, ProportionComparison? BestVsRunnerUp)>();
        foreach (int row in order)
        {
            var results = new ArmResult[arms.Length];
            for (int a = 0; a < arms.Length; a++)
            {
                var c = cells[row][a];
                results[a] = new ArmResult(arms[a], c.Conversions.Trials + c.Pending, c.Pending, c.Conversions.ToEstimate(level), c.Revenue.ToEstimate(level));
            }

            var control = cells[row][0];
            var comparisons = new List<Draft>();
            for (int a = 1; a < arms.Length; a++)
            {
                var c = cells[row][a];
                BcaInterval? boot = c.Values is { Count: > 0 } treated && control.Values is { Count: > 0 } baseline
                    ? Bootstrap.MeanDifferenceBca(CollectionsMarshal.AsSpan(treated), CollectionsMarshal.AsSpan(baseline), level, design.BootstrapResamples, design.BootstrapSeed)
                    : null;
                var diff = Proportion.Compare(results[a].Conversion, results[0].Conversion, level);
                var revenue = WelchTest.From(c.Revenue, control.Revenue, level);
                var cupedConversion = c.Cuped is { } mine && control.Cuped is { } theirs ? Cuped.From(mine.Conversion, theirs.Conversion, level) : null;
                var cupedRevenue = c.Cuped is { } mine2 && control.Cuped is { } theirs2 ? Cuped.From(mine2.Revenue, theirs2.Revenue, level) : null;
                long observed = c.Conversions.Trials + control.Conversions.Trials;

                // The conversion test the design asks for: the z-test, or CUPED's t-test; sequential on its estimate and error.
                var (conversionEstimate, conversionError, conversionTestP) = cupedConversion is { } cc
                    ? (cc.Adjusted.Difference, StandardError(cc.Adjusted), cc.Adjusted.PValue)
                    : (diff.Difference, UnpooledError(results[a].Conversion, results[0].Conversion), diff.PValue);
                var (revenueEstimate, revenueError, revenueTestP) = cupedRevenue is { } cr
                    ? (cr.Adjusted.Difference, StandardError(cr.Adjusted), cr.Adjusted.PValue)
                    : (revenue.Difference, StandardError(revenue), revenue.PValue);
                ConfidenceInterval? conversionSequence = null, revenueSequence = null;
                double? conversionSequentialP = null, revenueSequentialP = null;
                if (design.Sequential)
                {
                    (conversionSequence, conversionSequentialP) = Sequential(conversionEstimate, conversionError, observed, design);
                    (revenueSequence, revenueSequentialP) = Sequential(revenueEstimate, revenueError, observed, design);
                    conversionTestP = conversionSequentialP;
                    revenueTestP = revenueSequentialP;
                }

                comparisons.Add(new Draft(arms[a], diff, ProportionRatio.Of(results[a].Conversion, results[0].Conversion, level), revenue, boot,
                    cupedConversion, cupedRevenue, conversionSequence, conversionSequentialP, revenueSequence, revenueSequentialP, conversionTestP, revenueTestP));
            }

            var ranked = results.Where(r => r.Conversion.Value is not null).OrderByDescending(r => r.Conversion.Value).ThenBy(r => r.Arm, StringComparer.Ordinal).ToArray();
            string? best = ranked.Length > 0 ? ranked[0].Arm : null;
            string? runnerUp = ranked.Length > 1 ? ranked[1].Arm : null;
            var bestVsRunnerUp = ranked.Length > 1 ? Proportion.Compare(ranked[0].Conversion, ranked[1].Conversion, level) : null;
            drafts.Add((segments[row], results, comparisons, best, runnerUp, bestVsRunnerUp));
        }

        // One family for conversion, one for revenue, one for best-vs-runner-up, each adjusted by the design's method.
        var conversionP = Adjust(drafts.SelectMany(d => d.Comparisons.Select(c => c.ConversionP)), design.Adjustment);
        var revenueP = Adjust(drafts.SelectMany(d => d.Comparisons.Select(c => c.RevenueP)), design.Adjustment);
        var bestP = Adjust(drafts.Select(d => d.BestVsRunnerUp?.PValue), design.Adjustment);
        var output = new List<SegmentReadout>(drafts.Count);
        int k = 0;
        for (int s = 0; s < drafts.Count; s++)
        {
            var d = drafts[s];
            var comparisons = new List<ArmComparison>(d.Comparisons.Count);
            foreach (var c in d.Comparisons)
            {
                comparisons.Add(new ArmComparison
                {
                    Arm = c.Arm, Control = arms[0], Difference = c.Diff, Uplift = c.Ratio, AdjustedPValue = conversionP[k], Alpha = design.Alpha,
                    Revenue = c.Revenue, RevenueAdjustedPValue = revenueP[k], RevenueBootstrapInterval = c.Boot?.Percentile,
                    RevenueBcaInterval = c.Boot?.Interval, CupedConversion = c.CupedConversion, CupedRevenue = c.CupedRevenue,
                    SequentialInterval = c.ConversionSequence, SequentialPValue = c.ConversionSequentialP,
                    RevenueSequentialInterval = c.RevenueSequence, RevenueSequentialPValue = c.RevenueSequentialP,
                });
                k++;
            }

            output.Add(new SegmentReadout
            {
                Segment = d.Segment,
                Arms = d.Arms,
                Comparisons = comparisons,
                BestArm = d.Best,
                RunnerUp = d.RunnerUp,
                BestVersusRunnerUp = d.BestVsRunnerUp,
                BestVersusRunnerUpAdjustedPValue = bestP[s],
                IsBestDistinguishable = bestP[s] is { } p && p < design.Alpha,
            });
        }

        return output;
    }

    /// <summary>Adjusts the p-values that exist, leaving missing ones missing.</summary>
    private static double?[] Adjust(IEnumerable<double?> pValues, MultipleComparisonMethod method)
    {
        var all = pValues.ToArray();
        var present = all.Where(p => p is not null).Select(p => p!.Value).ToArray();
        var adjusted = MultipleComparisons.Adjust(present, method);
        var output = new double?[all.Length];
        for (int i = 0, j = 0; i < all.Length; i++)
        {
            output[i] = all[i] is null ? null : adjusted[j++];
        }

        return output;
    }

    private static List<string> Warnings(ExperimentDesign design, SampleRatioCheck sampleRatio, string[] arms, List<Cell[]> cells, long pending)
    {
        var warnings = new List<string>();
        if (sampleRatio.IsMismatch)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"SAMPLE RATIO MISMATCH: assignments {string.Join(" / ", sampleRatio.Observed.Select(o => o.ToString("N0", CultureInfo.InvariantCulture)))} do not fit the planned split (chi-square {sampleRatio.Test.Statistic:#,##0.00}, p = {sampleRatio.Test.PValue:0.######} < {design.SampleRatioThreshold}); randomisation or logging is broken and no effect below can be trusted."));
        }

        if (pending > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{pending:N0} customers' outcome windows are still open: they are counted as pending, not as non-converting."));
        }

        if (design.PlannedSampleSizePerArm is { } planned)
        {
            for (int a = 0; a < arms.Length; a++)
            {
                long observed = cells.Sum(row => row[a].Conversions.Trials);
                if (observed < planned)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"read before the planned sample size: arm '{arms[a]}' has {observed:N0} of {planned:N0} planned observed customers; early reads inflate false positives."));
                }
            }
        }

        return warnings;
    }

    /// <summary>The always-valid interval and p-value of an estimate, or nothing without an estimate and its error.</summary>
    private static (ConfidenceInterval?, double?) Sequential(double? estimate, double? standardError, long count, ExperimentDesign design) =>
        estimate is { } e && standardError is { } se && count > 0 && double.IsFinite(e)
            ? (ConfidenceSequence.Interval(e, se, count, 1 - design.Alpha, design.SequentialTuningParameter),
               ConfidenceSequence.PValue(e, se, count, design.Alpha, design.SequentialTuningParameter))
            : (null, null);

    /// <summary>√(SE₁² + SE₂²) of a comparison of means, when both sides have one.</summary>
    private static double? StandardError(MeanComparison comparison) =>
        comparison.First.StandardError is { } a && comparison.Second.StandardError is { } b ? Math.Sqrt((a * a) + (b * b)) : null;

    /// <summary>√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂), the unpooled error of a difference of rates.</summary>
    private static double? UnpooledError(ProportionEstimate first, ProportionEstimate second) =>
        first.Value is { } p1 && second.Value is { } p2 && first.Count > 0 && second.Count > 0
            ? Math.Sqrt((p1 * (1 - p1) / first.Count) + (p2 * (1 - p2) / second.Count))
            : null;

    private sealed record Draft(
        string Arm, ProportionComparison Diff, ProportionRatio Ratio, MeanComparison Revenue, BcaInterval? Boot,
        CupedComparison? CupedConversion, CupedComparison? CupedRevenue,
        ConfidenceInterval? ConversionSequence, double? ConversionSequentialP, ConfidenceInterval? RevenueSequence, double? RevenueSequentialP,
        double? ConversionP, double? RevenueP);

    /// <summary>One segment × arm's CUPED tallies: conversion (0/1) and revenue against the covariate.</summary>
    private sealed record CupedPair(CupedTally Conversion, CupedTally Revenue);

    private sealed class Cell(ExperimentTally.Counts counts, List<double>? values, CupedPair? cuped)
    {
        public CupedPair? Cuped => cuped;

        public BinomialTally Conversions => counts.Conversions;

        public RunningMoments Revenue => counts.Revenue;

        public List<double>? Values => values;

        public long Pending => counts.Pending;
    }
}
