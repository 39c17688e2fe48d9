using CxMetrics.Breakdowns;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Acquisition;

/// <summary>
/// Acquisition cohorts: are we converting the customers we acquire? A customer is acquired at their first visit or
/// sign-up through a source; cohorts are source × calendar period of acquisition on a <see cref="PeriodGrid"/>. For each
/// cohort, source and in total: the share making a first purchase within k days (a binomial share with a Wilson interval,
/// Wilson 1927; customers acquired less than k days before the as-of are pending and not in the denominator, so recent
/// cohorts are not undercounted), revenue per acquired customer at fixed horizons (only cohorts old enough), and with
/// spend the customer acquisition cost, cost per acquired buyer and LTV:CAC, where LTV is the historical revenue in the
/// first 365 days per acquired customer (an observed figure, not a model's forecast); the time to first purchase per
/// source as a Kaplan–Meier curve (Kaplan &amp; Meier 1958) with customers who have not bought censored at the as-of.
/// </summary>
/// <remarks>
/// An order placed before its customer's acquisition instant (a guest order, then a sign-up) counts as placed at the
/// acquisition (0 days). Customers acquired after the as-of, orders after the as-of and orders of customers never
/// acquired are left out and counted in the result.
/// </remarks>
public static class CustomerAcquisition
{
    /// <summary>The acquisition read-out of customers and their orders, without spend.</summary>
    /// <param name="customers">The acquired customers.</param>
    /// <param name="orders">The orders.</param>
    /// <param name="asOf">The instant of judgement.</param>
    /// <param name="grid">The period grid of the cohorts.</param>
    /// <param name="options">The window k, the revenue horizons and the interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The orders are not all in one currency.</exception>
    public static AcquisitionResult Of(IEnumerable<AcquiredCustomer> customers, IEnumerable<Order> orders, Instant asOf, PeriodGrid grid, AcquisitionOptions? options = null) =>
        From(AcquisitionTally.Of(customers, orders), asOf, grid, options);

    /// <summary>The acquisition read-out of customers, their orders and the acquisition spend.</summary>
    /// <param name="customers">The acquired customers.</param>
    /// <param name="orders">The orders.</param>
    /// <param name="spend">The spend per source and period (periods of <paramref name="grid"/>).</param>
    /// <param name="asOf">The instant of judgement.</param>
    /// <param name="grid">The period grid of the cohorts.</param>
    /// <param name="options">The window k, the revenue horizons and the interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The orders and spend are not all in one currency, or a spend period is not a period of <paramref name="grid"/>.</exception>
    public static AcquisitionResult Of(IEnumerable<AcquiredCustomer> customers, IEnumerable<Order> orders, IEnumerable<AcquisitionSpend> spend, Instant asOf, PeriodGrid grid, AcquisitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spend);
        return From(AcquisitionTally.Of(customers, orders, spend), asOf, grid, options);
    }

    /// <summary>The acquisition read-out of a tally (e.g. the merge of per-shard tallies).</summary>
    /// <param name="tally">The customers, orders and spend.</param>
    /// <param name="asOf">The instant of judgement.</param>
    /// <param name="grid">The period grid of the cohorts.</param>
    /// <param name="options">The window k, the revenue horizons and the interval choices.</param>
    /// <returns>The result; with no customers its lines have n = 0 and no estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> or <paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentException">A spend period is not a period of <paramref name="grid"/>.</exception>
    public static AcquisitionResult From(AcquisitionTally tally, Instant asOf, PeriodGrid grid, AcquisitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= AcquisitionOptions.Default;
        var pass = Pass.Run(tally, asOf, grid, options, bySource: true);
        var cohorts = pass.Cells.OrderBy(c => c.Key.Source, StringComparer.Ordinal).ThenBy(c => c.Key.Period).ToList();
        var lines = cohorts.Select(c => pass.Line(c.Key.Source, c.Key.Period, [c.Value])).ToList();
        var sources = cohorts.GroupBy(c => c.Key.Source).Select(g => pass.Line(g.Key, null, [.. g.Select(c => c.Value)])).ToList();
        var total = pass.Line(null, null, [.. cohorts.Select(c => c.Value)]);
        var kmOptions = new KaplanMeierOptions { ConfidenceLevel = options.ConfidenceLevel, MinimumCellSize = options.MinimumCellSize };
        var km = pass.Survival.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new BreakdownCell<string?, KaplanMeierResult>(s.Key, KaplanMeier.From(s.Value, kmOptions), s.Value.Count, s.Value.Count < options.MinimumCellSize))
            .ToList();
        if (pass.NoSourceSurvival is { } none)
        {
            km.Insert(0, new BreakdownCell<string?, KaplanMeierResult>(null, KaplanMeier.From(none, kmOptions), none.Count, none.Count < options.MinimumCellSize));
        }

        return new AcquisitionResult
        {
            AsOf = asOf,
            ConversionWindowDays = options.ConversionWindowDays,
            LtvHorizonDays = options.LtvHorizonDays,
            Currency = tally.Currency,
            Total = total,
            Sources = sources,
            Cohorts = lines,
            TimeToFirstPurchase = km,
            AcquiredAfterAsOf = pass.AcquiredAfterAsOf,
            OrdersAfterAsOf = pass.OrdersAfterAsOf,
            OrdersWithoutAcquisition = pass.OrdersWithoutAcquisition,
        };
    }

    /// <summary>
    /// Acquisition per calendar period of acquisition (all sources together), from the first to the last period with
    /// customers or spend, empty periods included; each period's first-purchase share is compared with the period before
    /// (two-proportion z-test, Newcombe interval for the difference). A cell's count is the customers in the share's
    /// denominator (acquired at least k days before the as-of).
    /// </summary>
    /// <param name="tally">The customers, orders and spend.</param>
    /// <param name="asOf">The instant of judgement.</param>
    /// <param name="grid">The period grid.</param>
    /// <param name="options">The window k, the revenue horizons, the interval choices, the small-cell minimum and the period bound.</param>
    /// <returns>One cell per period, in time order; empty without customers and spend.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> or <paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentException">A spend period is not a period of <paramref name="grid"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<AcquisitionCohort, ProportionComparison>> ByPeriod(AcquisitionTally tally, Instant asOf, PeriodGrid grid, AcquisitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= AcquisitionOptions.Default;
        var pass = Pass.Run(tally, asOf, grid, options, bySource: false);
        var output = new List<PeriodCell<AcquisitionCohort, ProportionComparison>>();
        if (pass.Cells.Count == 0)
        {
            return output;
        }

        var byPeriod = pass.Cells.ToDictionary(c => c.Key.Period, c => c.Value);
        var first = byPeriod.Keys.Min();
        var last = byPeriod.Keys.Max();
        Grouping.EnsureSpan(first, last, options.MaxPeriods);
        PeriodCell<AcquisitionCohort, ProportionComparison>? previous = null;
        foreach (var period in grid.Range(first, last))
        {
            var line = pass.Line(null, period, byPeriod.TryGetValue(period, out var counts) ? [counts] : []);
            long n = line.FirstPurchase.Count;
            previous = new PeriodCell<AcquisitionCohort, ProportionComparison>(period, line, n, n < options.MinimumCellSize, previous is null ? null : Compare(line, previous.Result, options));
            output.Add(previous);
        }

        return output;
    }

    /// <summary>Compares the first-purchase shares of two lines (two sources, two periods): Newcombe interval and two-proportion z-test.</summary>
    /// <param name="first">The first line.</param>
    /// <param name="second">The second line.</param>
    /// <param name="options">The confidence level.</param>
    /// <returns>The comparison of <c>first − second</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    public static ProportionComparison Compare(AcquisitionCohort first, AcquisitionCohort second, AcquisitionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Proportion.Compare(first.FirstPurchase, second.FirstPurchase, (options ?? AcquisitionOptions.Default).ConfidenceLevel);
    }

    /// <summary>The counts of one cohort.</summary>
    private sealed class Counts(CalendarPeriod period, int horizons)
    {
        public readonly CalendarPeriod Period = period;
        public long Acquired;
        public long Eligible;
        public long WithinWindow;
        public long Buyers;
        public readonly decimal[] Revenue = new decimal[horizons];
        public decimal? Spend;
    }

    /// <summary>One pass over a tally at an as-of: per-customer first order and revenue, then counts per cohort.</summary>
    private sealed class Pass
    {
        private Pass(int[] horizons, Instant asOf, PeriodGrid grid, AcquisitionOptions options)
        {
            Horizons = horizons;
            AsOf = asOf;
            Grid = grid;
            Options = options;
        }

        public int[] Horizons { get; }

        public Instant AsOf { get; }

        public PeriodGrid Grid { get; }

        public AcquisitionOptions Options { get; }

        public Dictionary<(string? Source, CalendarPeriod Period), Counts> Cells { get; } = new(new CellComparer());

        public Dictionary<string, KaplanMeierTally> Survival { get; } = new(StringComparer.Ordinal);

        public KaplanMeierTally? NoSourceSurvival { get; private set; }

        public long AcquiredAfterAsOf { get; private set; }

        public long OrdersAfterAsOf { get; private set; }

        public long OrdersWithoutAcquisition { get; private set; }

        public static Pass Run(AcquisitionTally tally, Instant asOf, PeriodGrid grid, AcquisitionOptions options, bool bySource)
        {
            CheckSpend(tally, grid);
            var pass = new Pass(options.Horizons(), asOf, grid, options);
            pass.Count(tally, bySource);
            return pass;
        }

        /// <summary>A line from the counts of one or more cohorts (of one source, or all).</summary>
        public AcquisitionCohort Line(string? source, CalendarPeriod? period, IReadOnlyList<Counts> cells)
        {
            long acquired = 0, eligible = 0, within = 0, buyers = 0;
            decimal? spend = null;
            var revenue = new decimal[Horizons.Length];
            var revenueCustomers = new long[Horizons.Length];
            var complete = new bool[Horizons.Length];
            decimal ltvRevenue = 0, ltvSpend = 0;
            bool ltv = false;
            int ltvIndex = Array.IndexOf(Horizons, Options.LtvHorizonDays);
            foreach (var c in cells)
            {
                acquired += c.Acquired;
                eligible += c.Eligible;
                within += c.WithinWindow;
                buyers += c.Buyers;
                if (c.Spend is { } s)
                {
                    spend = (spend ?? 0) + s;
                }
            }

            foreach (var c in cells)
            {
                var end = c.Period.ToInterval(Grid.Zone);
                for (int h = 0; h < Horizons.Length; h++)
                {
                    if (end.HasEnd && end.End + Duration.FromDays(Horizons[h]) <= AsOf)
                    {
                        complete[h] = true;
                        revenue[h] += c.Revenue[h];
                        revenueCustomers[h] += c.Acquired;
                        if (h == ltvIndex && c.Spend is { } s && s > 0)
                        {
                            ltv = true;
                            ltvRevenue += c.Revenue[h];
                            ltvSpend += s;
                        }
                    }
                }
            }

            var lines = new AcquisitionRevenue[Horizons.Length];
            for (int h = 0; h < Horizons.Length; h++)
            {
                lines[h] = revenueCustomers[h] > 0
                    ? new AcquisitionRevenue(Horizons[h], revenueCustomers[h], revenue[h], revenue[h] / revenueCustomers[h])
                    : new AcquisitionRevenue(Horizons[h], 0, null, null);
            }

            return new AcquisitionCohort
            {
                Source = source,
                Period = period,
                Acquired = acquired,
                Pending = acquired - eligible,
                Buyers = buyers,
                FirstPurchase = Proportion.FromCounts(within, eligible, Options.ConfidenceLevel, Options.ProportionInterval),
                Revenue = lines,
                Spend = spend,
                CostPerAcquiredCustomer = spend is { } a && acquired > 0 ? a / acquired : null,
                CostPerBuyer = spend is { } b && buyers > 0 ? b / buyers : null,
                LtvToCac = ltv ? (double)(ltvRevenue / ltvSpend) : null,
            };
        }

        private void Count(AcquisitionTally tally, bool bySource)
        {
            int n = tally.Slots;
            long asOf = AsOf.ToUnixTimeTicks();
            var acquired = tally.AcquiredTicks;
            var first = new long[n];
            Array.Fill(first, long.MaxValue);
            var revenue = new decimal[Horizons.Length][];
            var limits = new long[Horizons.Length];
            for (int h = 0; h < Horizons.Length; h++)
            {
                revenue[h] = new decimal[n];
                limits[h] = Horizons[h] * NodaConstants.TicksPerDay;
            }

            var slots = tally.OrderSlots;
            var ticks = tally.OrderTicks;
            var amounts = tally.OrderAmounts;
            for (int i = 0; i < slots.Count; i++)
            {
                long at = ticks[i];
                int s = slots[i];
                if (at > asOf)
                {
                    OrdersAfterAsOf++;
                    continue;
                }

                long acq = acquired[s];
                if (acq == long.MaxValue)
                {
                    OrdersWithoutAcquisition++;
                    continue;
                }

                if (acq > asOf)
                {
                    continue; // its customer is left out (counted as acquired after the as-of)
                }

                long elapsed = Math.Max(0, at - acq);
                if (elapsed < first[s])
                {
                    first[s] = elapsed;
                }

                for (int h = 0; h < limits.Length; h++)
                {
                    if (elapsed <= limits[h])
                    {
                        revenue[h][s] = Internal.Guard.AddMoney(revenue[h][s], amounts[i], "a customer's revenue");
                    }
                }
            }

            long window = Options.ConversionWindowDays * NodaConstants.TicksPerDay;
            var sources = tally.Sources;
            for (int s = 0; s < n; s++)
            {
                long acq = acquired[s];
                if (acq == long.MaxValue)
                {
                    continue;
                }

                if (acq > asOf)
                {
                    AcquiredAfterAsOf++;
                    continue;
                }

                string? source = sources[s];
                var cell = CellOf(bySource ? source : null, Grid.Containing(Instant.FromUnixTimeTicks(acq)));
                long age = asOf - acq;
                bool bought = first[s] != long.MaxValue;
                cell.Acquired++;
                cell.Buyers += bought ? 1 : 0;
                if (age >= window)
                {
                    cell.Eligible++;
                    cell.WithinWindow += bought && first[s] <= window ? 1 : 0;
                }

                for (int h = 0; h < Horizons.Length; h++)
                {
                    cell.Revenue[h] = Internal.Guard.AddMoney(cell.Revenue[h], revenue[h][s], "the revenue of a cohort");
                }

                if (bySource)
                {
                    KaplanMeierTally km;
                    if (source is null)
                    {
                        km = NoSourceSurvival ??= new KaplanMeierTally();
                    }
                    else if (!Survival.TryGetValue(source, out km!))
                    {
                        km = new KaplanMeierTally();
                        Survival.Add(source, km);
                    }

                    km.Add(Duration.FromTicks(bought ? first[s] : age).TotalDays, bought);
                }
            }

            foreach (var ((source, period), amount) in tally.Spend)
            {
                var cell = CellOf(bySource ? source : null, period);
                cell.Spend = Internal.Guard.AddMoney(cell.Spend ?? 0, amount, "the acquisition spend");
            }
        }

        private static void CheckSpend(AcquisitionTally tally, PeriodGrid grid)
        {
            foreach (var (source, period) in tally.Spend.Keys)
            {
                if (!grid.Contains(period))
                {
                    throw new ArgumentException($"spend of '{source}' in {period} ({period.Unit.ToString().ToLowerInvariant()}) is not a period of the grid ({grid}): give spend per period of the grid the cohorts are cut on.", nameof(grid));
                }
            }
        }

        private Counts CellOf(string? source, CalendarPeriod period)
        {
            if (!Cells.TryGetValue((source, period), out var cell))
            {
                cell = new Counts(period, Horizons.Length);
                Cells.Add((source, period), cell);
            }

            return cell;
        }
    }

    private sealed class CellComparer : IEqualityComparer<(string? Source, CalendarPeriod Period)>
    {
        public bool Equals((string? Source, CalendarPeriod Period) x, (string? Source, CalendarPeriod Period) y) =>
            string.Equals(x.Source, y.Source, StringComparison.Ordinal) && x.Period == y.Period;

        public int GetHashCode((string? Source, CalendarPeriod Period) obj) => HashCode.Combine(obj.Source is null ? 0 : StringComparer.Ordinal.GetHashCode(obj.Source), obj.Period);
    }
}
