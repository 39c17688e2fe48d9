namespace CxMetrics.Lifetime;

/// <summary>
/// RFM analysis of a customer base: recency, frequency and monetary scores 1…n per customer and named segments from a score
/// map, with each segment's size, revenue share and — given predicted customer values — mean CLV and P(alive)
/// (R <c>rfm</c>'s <c>rfm_table_order</c> / <c>rfm_segment</c>, PyMC-Marketing's <c>rfm_segments</c>).
/// </summary>
/// <remarks>
/// Measures at the calibration end: recency = days since the last purchase, (T − t_x) in days; frequency = purchases x + 1;
/// monetary = total calibration revenue (R <c>rfm</c>'s <c>amount</c>; PyMC-Marketing scores mean spend instead).
/// Scores: pandas' <c>qcut(rank(method='first'), n)</c> as PyMC-Marketing's <c>rfm_segments</c> scores: rank 1…N is the
/// position in ascending order of the measure (descending days for recency, so the most recent buyers score n), ties broken
/// by the customers' order in the summary (ordinal id); the bin edges are the quantiles 1 + (k/n)(N − 1) of the ranks, so
/// score = max(1, ⌈(rank − 1)·n/(N − 1)⌉) and bin sizes differ by at most one. (dplyr's <c>ntile</c>, which R <c>rfm</c>
/// builds on, cuts at ⌊n·(rank − 1)/N⌋ + 1 and may put a boundary customer one bin higher.) Equal measures can
/// therefore get different scores (most shops have many one-purchase customers: their F scores spread over the low bins by
/// id order, as in both peers). The scores are exact ranks and need the whole base; they are not mergeable. A sharded base
/// is scored from the cut points of a merged <see cref="RfmSketch"/> instead
/// (<see cref="Of(CustomerBaseSummary, RfmCutPoints, CustomerValueResult?, RfmOptions?)"/>), exact up to the bound stated on
/// <see cref="RfmCutPoints"/>.
/// </remarks>
public static class RfmSegments
{
    /// <summary>
    /// The default map for 5 bins: the 11 segments of R <c>rfm</c>'s vignette "RFM - Transaction Level Data" (section
    /// Segments) in its order — Champions, Loyal Customers, Potential Loyalist, New Customers, Promising, Need Attention,
    /// About To Sleep, At Risk, Can't Lose Them, Hibernating, Lost — with its score ranges. The vignette assigns the first
    /// match (<c>case_when</c>) and so does this map; as written there, New Customers and Promising (F = M = 1) are caught
    /// first by Potential Loyalist, and Lost (R, F, M ≤ 2) has the same ranges as Hibernating once scores start at 1, and Can't Lose Them
    /// (R = 1, F, M ≥ 4) is caught by At Risk, so those four segments stay empty under this map — kept as published; pass your own map (e.g. with them moved up) to change it.
    /// </summary>
    public static IReadOnlyList<RfmSegmentRule> DefaultMap { get; } =
    [
        new("Champions", 4, 5, 4, 5, 4, 5),
        new("Loyal Customers", 2, 5, 3, 5, 3, 5),
        new("Potential Loyalist", 3, 5, 1, 3, 1, 3),
        new("New Customers", 4, 5, 1, 1, 1, 1),
        new("Promising", 3, 4, 1, 1, 1, 1),
        new("Need Attention", 2, 3, 2, 3, 2, 3),
        new("About To Sleep", 2, 3, 1, 2, 1, 2),
        new("At Risk", 1, 2, 2, 5, 2, 5),
        new("Can't Lose Them", 1, 1, 4, 5, 4, 5),
        new("Hibernating", 1, 2, 1, 2, 1, 2),
        new("Lost", 1, 2, 1, 2, 1, 2),
    ];

    /// <summary>Scores and segments every customer of <paramref name="summary"/>.</summary>
    /// <param name="summary">The customer base.</param>
    /// <param name="options">Bins and segment map; default quintiles and <see cref="DefaultMap"/>.</param>
    /// <returns>The scores and segments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static RfmResult Of(CustomerBaseSummary summary, RfmOptions? options = null) => Build(summary, null, options, null);

    /// <summary>Scores and segments every customer, with each segment's mean predicted CLV and P(alive) from <paramref name="values"/>.</summary>
    /// <param name="summary">The customer base.</param>
    /// <param name="values">Predicted values of the same customers (<see cref="CustomerValue.Of"/>), matched by customer id.</param>
    /// <param name="options">Bins and segment map.</param>
    /// <returns>The scores and segments.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A customer of the summary has no row in <paramref name="values"/>.</exception>
    public static RfmResult Of(CustomerBaseSummary summary, CustomerValueResult values, RfmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Build(summary, values, options, null);
    }

    /// <summary>
    /// Scores and segments the customers of <paramref name="summary"/> — typically one shard of a base — with cut points of
    /// the whole base (<see cref="RfmSketch.CutPoints"/> of the merged shards' sketches) instead of exact ranks: no customer
    /// of another shard is needed. Segment sizes and revenues of shards add up; shares are of this summary.
    /// </summary>
    /// <param name="summary">The customers to score.</param>
    /// <param name="cutPoints">Cut points with as many bins as <paramref name="options"/>.</param>
    /// <param name="values">Predicted values of the same customers for the segments' mean CLV and P(alive), or <see langword="null"/>.</param>
    /// <param name="options">Bins and segment map; its bins must equal the cut points'.</param>
    /// <returns>The scores and segments, with <see cref="RfmResult.CutPoints"/> set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> or <paramref name="cutPoints"/> is null.</exception>
    /// <exception cref="ArgumentException">The bins differ, or a customer has no row in <paramref name="values"/>.</exception>
    public static RfmResult Of(CustomerBaseSummary summary, RfmCutPoints cutPoints, CustomerValueResult? values = null, RfmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cutPoints);
        options ??= new RfmOptions { Bins = cutPoints.Bins };
        if (options.Bins != cutPoints.Bins)
        {
            throw new ArgumentException($"the cut points have {cutPoints.Bins} bins but the options ask for {options.Bins}.", nameof(cutPoints));
        }

        return Build(summary, values, options, cutPoints);
    }

    /// <summary>The three measures of a customer: days since the last purchase (T − t_x in days, rounded to 1e−6), purchases x + 1, calibration revenue.</summary>
    internal static (double Days, int Purchases, decimal Revenue) Measures(CustomerSummary c, double unitDays) =>
        (Math.Round((c.Age - c.Recency) * unitDays, 6), c.Frequency + 1, c.CalibrationSpend);

    private static RfmResult Build(CustomerBaseSummary summary, CustomerValueResult? values, RfmOptions? options, RfmCutPoints? cuts)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= new RfmOptions();
        var customers = summary.Customers;
        int count = customers.Count, bins = options.Bins;
        double unitDays = summary.Options.TimeUnit.Days;
        var days = new double[count];
        var purchases = new int[count];
        var revenue = new decimal[count];
        for (int i = 0; i < count; i++)
        {
            (days[i], purchases[i], revenue[i]) = Measures(customers[i], unitDays);
        }

        int[] r, f, m;
        if (cuts is null)
        {
            r = Scores(count, bins, (a, b) => days[b].CompareTo(days[a]));
            f = Scores(count, bins, (a, b) => purchases[a].CompareTo(purchases[b]));
            m = Scores(count, bins, (a, b) => revenue[a].CompareTo(revenue[b]));
        }
        else
        {
            (r, f, m) = (new int[count], new int[count], new int[count]);
            for (int i = 0; i < count; i++)
            {
                (r[i], f[i], m[i]) = (cuts.RecencyScore(days[i]), cuts.FrequencyScore(purchases[i]), cuts.MonetaryScore(revenue[i]));
            }
        }

        Dictionary<string, CustomerValueRow>? byId = null;
        if (values is not null)
        {
            byId = new Dictionary<string, CustomerValueRow>(values.Rows.Count, StringComparer.Ordinal);
            foreach (var row in values.Rows)
            {
                byId[row.CustomerId] = row;
            }
        }

        var rules = options.Segments;
        int groups = rules.Count + 1;
        var size = new int[groups];
        var money = new decimal[groups];
        var value = new double[groups];
        var alive = new double[groups];
        var scores = new RfmScore[count];
        decimal total = 0;
        for (int i = 0; i < count; i++)
        {
            int g = rules.Count;
            for (int k = 0; k < rules.Count; k++)
            {
                if (rules[k].Matches(r[i], f[i], m[i]))
                {
                    g = k;
                    break;
                }
            }

            size[g]++;
            money[g] += revenue[i];
            total += revenue[i];
            if (byId is not null)
            {
                if (!byId.TryGetValue(customers[i].CustomerId, out var row))
                {
                    throw new ArgumentException($"customer '{customers[i].CustomerId}' of the summary has no predicted value (values hold {byId.Count:N0} customers; pass CustomerValue.Of of the same summary).", nameof(values));
                }

                value[g] += row.Value;
                alive[g] += row.ProbabilityAlive;
            }

            scores[i] = new RfmScore(customers[i].CustomerId, days[i], purchases[i], revenue[i], r[i], f[i], m[i], g < rules.Count ? rules[g].Name : options.Unmatched);
        }

        var segments = new RfmSegment[groups];
        for (int g = 0; g < groups; g++)
        {
            segments[g] = new RfmSegment(
                g < rules.Count ? rules[g].Name : options.Unmatched,
                size[g],
                count == 0 ? 0 : (double)size[g] / count,
                money[g],
                total == 0 ? null : (double)(money[g] / total),
                byId is null || size[g] == 0 ? null : value[g] / size[g],
                byId is null || size[g] == 0 ? null : alive[g] / size[g]);
        }

        return new RfmResult { Scores = scores, Segments = segments, Bins = bins, HasValues = byId is not null, CutPoints = cuts };
    }

    /// <summary>Equal-count scores 1…n, pandas' qcut of first ranks: max(1, ⌈(rank − 1)·n/(N − 1)⌉), ranks by <paramref name="compare"/> with ties in row order.</summary>
    internal static int[] Scores(int count, int bins, Comparison<int> compare)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // A stable sort: ties keep row order.
        var sorted = order.OrderBy(i => i, Comparer<int>.Create(compare)).ToArray();
        var score = new int[count];
        for (int rank = 0; rank < count; rank++)
        {
            // rank is 0-based here: ⌈rank·n/(N − 1)⌉ in integers, at least 1 (a single customer scores 1).
            long numerator = (long)rank * bins, denominator = count - 1;
            score[sorted[rank]] = denominator == 0 ? 1 : (int)Math.Max(1, (numerator + denominator - 1) / denominator);
        }

        return score;
    }
}
