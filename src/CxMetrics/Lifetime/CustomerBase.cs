using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// The customer-base calculator: a transaction log (or a <see cref="CustomerSummaryTally"/>) in, the
/// <see cref="CustomerBaseSummary"/> (frequency, recency, age and spend per customer) out — the input of the BG/NBD,
/// Pareto/NBD, BG/BB and gamma-gamma fits.
/// </summary>
public static class CustomerBase
{
    /// <summary>Summarises a transaction log, merging same-day purchases in <paramref name="zone"/>.</summary>
    /// <param name="orders">The orders, in one currency.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Orders are in different currencies.</exception>
    public static CustomerBaseSummary Of(IEnumerable<Order> orders, DateTimeZone zone, CustomerSummaryOptions options) =>
        CustomerBaseSummary.Of(orders, zone, options);

    /// <summary>
    /// Summarises a large transaction log on all cores, partitioned by customer (each customer summarised by exactly one
    /// worker from all of their orders, the workers' id-sorted lists merged by id in one linear pass). The summary is
    /// identical to <see cref="Of"/>.
    /// </summary>
    /// <param name="orders">The orders, in one currency.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">Orders are in different currencies.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreeOfParallelism"/> is below 1.</exception>
    public static CustomerBaseSummary OfParallel(ReadOnlyMemory<Order> orders, DateTimeZone zone, CustomerSummaryOptions options, int? degreeOfParallelism = null) =>
        CustomerBaseSummary.OfParallel(orders, zone, options, degreeOfParallelism);

    /// <summary>The summary of a tally fed one order at a time (a file read once, shards merged); equal to <see cref="Of"/> on the same orders.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The holdout ends before the calibration.</exception>
    public static CustomerBaseSummary From(CustomerSummaryTally tally, CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return tally.Summarize(options);
    }
}
