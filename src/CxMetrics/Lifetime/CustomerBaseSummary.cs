using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// The RFM table of a customer base: one <see cref="CustomerSummary"/> per customer acquired by the calibration end,
/// plus the customers left out because their first purchase came later (counted, never dropped silently).
/// </summary>
public sealed record CustomerBaseSummary
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
}
