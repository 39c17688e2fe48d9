using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// A summary of durations in hours: count, mean, median, requested percentiles, minimum and maximum. Percentiles are exact
/// sample quantiles by <see cref="Method"/> (default R type 7, the default of R's <c>quantile</c> and NumPy's
/// <c>percentile</c>); help desks report the median and the 90th percentile next to the mean because response times are
/// right-skewed (Zendesk Explore reports median first reply time; Intercom reports median and 90th percentile).
/// </summary>
/// <remarks>Without data, <see cref="Count"/> is 0 and every statistic is <see langword="null"/>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record DurationSummary : Reporting.IReportable
{
    /// <summary>The number of durations.</summary>
    public required long Count { get; init; }

    /// <summary>The arithmetic mean in hours.</summary>
    public required double? Mean { get; init; }

    /// <summary>The sample standard deviation in hours, <c>√(Σ(x − mean)²/(n − 1))</c>; <see langword="null"/> with fewer than two
    /// durations. With <see cref="Count"/> and <see cref="Mean"/> it is the sufficient statistic of Welch's tests of means.</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>The median in hours (the 0.5 quantile by <see cref="Method"/>).</summary>
    public required double? Median { get; init; }

    /// <summary>The shortest duration in hours.</summary>
    public required double? Min { get; init; }

    /// <summary>The longest duration in hours.</summary>
    public required double? Max { get; init; }

    /// <summary>The requested percentiles, in the order requested.</summary>
    public required IReadOnlyList<PercentileValue> Percentiles { get; init; }

    /// <summary>The quantile estimation method.</summary>
    public required QuantileMethod Method { get; init; }

    /// <summary>
    /// Summarises durations given in hours.
    /// </summary>
    /// <param name="hours">The durations in hours; finite and ≥ 0.</param>
    /// <param name="percentiles">Probabilities in [0, 1] to report (e.g. 0.9, 0.95); none when omitted.</param>
    /// <param name="method">Quantile method (default type 7).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative or not finite, or a probability is outside [0, 1].</exception>
    public static DurationSummary Of(ReadOnlySpan<double> hours, IReadOnlyList<double>? percentiles = null, QuantileMethod method = QuantileMethod.Linear)
    {
        percentiles ??= [];
        foreach (double p in percentiles)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(percentiles), p, $"percentile probability {p} must be between 0 and 1.");
            }
        }

        var sorted = hours.ToArray();
        double sum = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (!(sorted[i] >= 0) || double.IsPositiveInfinity(sorted[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(hours), sorted[i], $"duration {sorted[i]} h at position {i} must be finite and ≥ 0.");
            }

            sum += sorted[i];
        }

        Array.Sort(sorted);
        return OfSorted(sorted, sum, percentiles, method);
    }

    /// <summary>
    /// The summary of durations already validated (finite, ≥ 0) and sorted ascending, with their sum taken in input order
    /// (the parallel path sorts chunks on several threads and merges them; the sum stays sequential so the mean is the same
    /// double as <see cref="Of"/>'s). The probabilities must have been validated.
    /// </summary>
    internal static DurationSummary OfSorted(ReadOnlySpan<double> sorted, double sum, IReadOnlyList<double> percentiles, QuantileMethod method)
    {
        var values = new PercentileValue[percentiles.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = new PercentileValue(percentiles[i], Quantile.OfSorted(sorted, percentiles[i], method));
        }

        bool any = sorted.Length > 0;
        double? sd = null;
        if (sorted.Length > 1)
        {
            double mean = sum / sorted.Length, squares = 0;
            foreach (double x in sorted)
            {
                squares += (x - mean) * (x - mean);
            }

            sd = Math.Sqrt(squares / (sorted.Length - 1));
        }

        return new DurationSummary
        {
            Count = sorted.Length,
            Mean = any ? sum / sorted.Length : null,
            StandardDeviation = sd,
            Median = Quantile.OfSorted(sorted, 0.5, method),
            Min = any ? sorted[0] : null,
            Max = any ? sorted[^1] : null,
            Percentiles = values,
            Method = method,
        };
    }

    /// <summary>The value of a requested percentile, or <see langword="null"/> when it was not requested or there is no data.</summary>
    /// <param name="probability">The probability as requested.</param>
    /// <returns>The percentile.</returns>
    public double? Percentile(double probability)
    {
        foreach (var p in Percentiles)
        {
            if (p.Probability == probability)
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>Formats as <c>median 2.50 h, mean 3.10 h (n = 12)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Count == 0
        ? "no data (n = 0)"
        : string.Create(CultureInfo.InvariantCulture, $"median {Median:0.00} h, mean {Mean:0.00} h, min {Min:0.00} h, max {Max:0.00} h (n = {Count})");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table()
    {
        var table = new ResultTable("Durations (hours)")
            .Row("n", ResultTable.Count(Count))
            .Row("median", ResultTable.Number(Median, "0.00"))
            .Row("mean", ResultTable.Number(Mean, "0.00"))
            .Row("minimum", ResultTable.Number(Min, "0.00"))
            .Row("maximum", ResultTable.Number(Max, "0.00"));
        foreach (var p in Percentiles)
        {
            table.Row("P" + ResultTable.Number(p.Probability * 100, "0.##"), ResultTable.Number(p.Value, "0.00"));
        }

        return table;
    }
}
