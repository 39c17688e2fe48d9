using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// The RFM table of a customer base: one <see cref="CustomerSummary"/> per customer acquired by the calibration end,
/// plus the customers left out because their first purchase came later (counted, never dropped silently).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CustomerBaseSummary : IRichResult
{
    /// <summary>Customers acquired by the calibration end, ordered by id (ordinal).</summary>
    public required IReadOnlyList<CustomerSummary> Customers { get; init; }

    /// <summary>Customers whose first purchase falls after the calibration end: not yet in the base.</summary>
    public required int AcquiredAfterCalibration { get; init; }

    /// <summary>The currency of all spend values; <see langword="null"/> when there were no orders.</summary>
    public required string? Currency { get; init; }

    /// <summary>The options used.</summary>
    public required CustomerSummaryOptions Options { get; init; }

    /// <summary>Summarises a transaction log, merging same-day purchases in <paramref name="zone"/>.</summary>
    /// <param name="orders">The orders, in one currency.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidOperationException">Orders are in different currencies.</exception>
    public static CustomerBaseSummary Of(IEnumerable<Order> orders, DateTimeZone zone, CustomerSummaryOptions options)
    {
        var tally = new CustomerSummaryTally(zone);
        tally.AddRange(orders);
        return tally.Summarize(options);
    }

    /// <summary>
    /// Summarises a large transaction log on all cores: one contiguous chunk of orders per worker (at least 8,192 each) fills
    /// its own <see cref="CustomerSummaryTally"/>, and the tallies are merged (amounts are decimals, so sums are exact). The
    /// summary is identical to <see cref="Of"/>.
    /// </summary>
    /// <param name="orders">The orders, in one currency.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidOperationException">Orders are in different currencies.</exception>
    public static CustomerBaseSummary OfParallel(ReadOnlyMemory<Order> orders, DateTimeZone zone, CustomerSummaryOptions options, int? degreeOfParallelism = null) =>
        TallyParallel(orders, zone, degreeOfParallelism, Internal.ParallelTally.MinimumRecordChunk).Summarize(options);

    internal static CustomerSummaryTally TallyParallel(ReadOnlyMemory<Order> orders, DateTimeZone zone, int? degreeOfParallelism, int minimumChunk)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Internal.ParallelTally.Run(orders, degreeOfParallelism, () => new CustomerSummaryTally(zone), static (tally, span) =>
        {
            foreach (var order in span)
            {
                tally.Add(order);
            }
        }, static (a, b) => a.Merge(b), minimumChunk);
    }

    /// <summary>The columns x, t_x, T for fitting the purchase models.</summary>
    /// <returns>The data (uncompressed; the fitters compress).</returns>
    public RfmData ToRfmData() => RfmData.From(Customers);

    /// <summary>Formats as <c>Customer base: 2,357 customers (1,000 repeat buyers), calibration to 1997-09-30, 0 acquired after calibration</c>.</summary>
    /// <returns>The summary in one line; the table is in <see cref="ToMarkdown"/>.</returns>
    public override string ToString()
    {
        long repeat = 0;
        foreach (var c in Customers)
        {
            repeat += c.Frequency > 0 ? 1 : 0;
        }

        return $"Customer base: {ResultTable.Count(Customers.Count)} customers ({ResultTable.Count(repeat)} repeat buyers), calibration to " +
            $"{Options.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {ResultTable.Count(AcquiredAfterCalibration)} acquired after calibration";
    }

    /// <summary>
    /// The summary as a Markdown table (customers, repeat buyers, mean frequency, recency and age in model time units, calibration spend), for reports and notebooks; numbers in invariant culture, <c>—</c> where there is no estimate.
    /// </summary>
    /// <returns>GitHub-flavoured Markdown.</returns>
    public string ToMarkdown() => Table().ToMarkdown();

    /// <summary>The same content as <see cref="ToMarkdown"/> as one self-contained, escaped HTML fragment (what notebooks display).</summary>
    /// <returns>An HTML fragment.</returns>
    public string ToHtml() => Table().ToHtml();

    private ResultTable Table()
    {
        long repeat = 0, holdout = 0;
        double frequency = 0, recency = 0, age = 0;
        decimal spend = 0;
        foreach (var c in Customers)
        {
            repeat += c.Frequency > 0 ? 1 : 0;
            holdout += c.HoldoutFrequency is > 0 ? 1 : 0;
            frequency += c.Frequency;
            recency += c.Recency;
            age += c.Age;
            spend += c.CalibrationSpend;
        }

        int n = Customers.Count;
        string unit = Options.TimeUnit.Name;
        var table = new ResultTable("Customer base (RFM)")
            .Row("calibration end", Options.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Row("holdout end", Options.HoldoutEnd is { } h ? h.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ResultTable.Missing)
            .Row("customers", ResultTable.Count(n))
            .Row("repeat buyers (x > 0)", ResultTable.Count(repeat))
            .Row("mean repeat purchases x", ResultTable.Number(n == 0 ? null : frequency / n, "0.000"))
            .Row($"mean recency t_x ({unit}s)", ResultTable.Number(n == 0 ? null : recency / n, "0.00"))
            .Row($"mean age T ({unit}s)", ResultTable.Number(n == 0 ? null : age / n, "0.00"))
            .Row("calibration spend", ResultTable.Money(spend, Currency))
            .Row("acquired after calibration (excluded)", ResultTable.Count(AcquiredAfterCalibration));
        if (Options.HoldoutEnd is not null)
        {
            table.Row("buyers in holdout", ResultTable.Count(holdout));
        }

        return table;
    }
}
