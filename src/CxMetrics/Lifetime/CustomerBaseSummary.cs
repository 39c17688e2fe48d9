using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// The RFM table of a customer base: one <see cref="CustomerSummary"/> per customer acquired by the calibration end,
/// plus the customers left out because their first purchase came later (counted, never dropped silently).
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CustomerBaseSummary : Reporting.IReportable
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
    internal static CustomerBaseSummary Of(IEnumerable<Order> orders, DateTimeZone zone, CustomerSummaryOptions options)
    {
        var tally = new CustomerSummaryTally(zone);
        tally.AddRange(orders);
        return tally.Summarize(options);
    }

    /// <summary>
    /// Summarises a large transaction log on all cores, partitioned by customer: each order goes to the worker that owns a
    /// hash of its customer id, so every customer is summarised by exactly one worker from all of their orders (taken in
    /// input order, so same-day amounts are added in the same order as on one thread), and the workers' id-sorted lists
    /// are merged by id in one linear pass — no per-customer dictionary is ever merged. The summary is identical to
    /// <see cref="Of"/>. Inputs under 8,192 orders per worker are summarised on the calling thread (below that the
    /// threads cost more than they save), by the same flat-array path with one partition.
    /// </summary>
    /// <param name="orders">The orders, in one currency.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidOperationException">Orders are in different currencies.</exception>
    internal static CustomerBaseSummary OfParallel(ReadOnlyMemory<Order> orders, DateTimeZone zone, CustomerSummaryOptions options, int? degreeOfParallelism = null) =>
        OfParallel(orders, zone, options, degreeOfParallelism, ParallelTally.MinimumRecordChunk);

    internal static CustomerBaseSummary OfParallel(ReadOnlyMemory<Order> orders, DateTimeZone zone, CustomerSummaryOptions options, int? degreeOfParallelism, int minimumChunk)
    {
        ArgumentNullException.ThrowIfNull(zone);
        int workers = ParallelTally.Workers(orders.Length, degreeOfParallelism, minimumChunk);
        // One worker runs the same flat-array path on this thread: it allocates a fifth of the tally's memory and is faster,
        // so the speed-up from more workers is measured against it, not against the dictionary-based tally.
        if (orders.Length > 0 && options is not null && (options.HoldoutEnd is null || options.HoldoutEnd >= options.CalibrationEnd))
        {
            try
            {
                if (Partitioned(orders, zone, options, workers) is { } summary)
                {
                    return summary;
                }
            }
            catch (AggregateException)
            {
                // fall through: the sequential path reports the problem exactly as on one thread
            }
        }

        var tally = new CustomerSummaryTally(zone);
        foreach (var order in orders.Span)
        {
            tally.Add(order);
        }

        return tally.Summarize(options!);
    }

    /// <summary>The hash-partitioned summary; <see langword="null"/> when an order is null or in a second currency.</summary>
    private static CustomerBaseSummary? Partitioned(ReadOnlyMemory<Order> orders, DateTimeZone zone, CustomerSummaryOptions options, int workers)
    {
        string currency = orders.Span[0]?.Currency!;
        using var partition = KeyPartition.Create(orders, workers, static o => o.CustomerId);
        if (partition is null || currency is null)
        {
            return null;
        }

        var parts = new CustomerSummary[workers][];
        var later = new int[workers];
        bool failed = false;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, p =>
        {
            if (SummarizePartition(orders.Span, partition.Positions(p), zone, options, currency, out later[p]) is { } part)
            {
                parts[p] = part;
            }
            else
            {
                Volatile.Write(ref failed, true);
            }
        });
        if (failed)
        {
            return null;
        }

        int total = 0, acquiredLater = 0;
        for (int p = 0; p < workers; p++)
        {
            total += parts[p].Length;
            acquiredLater += later[p];
        }

        return new CustomerBaseSummary { Customers = MergeById(parts, total), AcquiredAfterCalibration = acquiredLater, Currency = currency, Options = options };
    }

    /// <summary>
    /// The customers of one partition, sorted by id: their orders' local dates, grouped by customer with a stable counting
    /// sort, each customer's dates sorted (ties kept in input order) and same-day amounts added in input order.
    /// </summary>
    private static CustomerSummary[]? SummarizePartition(ReadOnlySpan<Order> orders, ReadOnlySpan<int> positions, DateTimeZone zone, CustomerSummaryOptions options, string currency, out int later)
    {
        later = 0;
        var days = new PeriodGrid(zone, PeriodUnit.Day);
        int m = positions.Length;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        int[] customer = ArrayPool<int>.Shared.Rent(Math.Max(1, m));
        int[] byCustomer = ArrayPool<int>.Shared.Rent(Math.Max(1, m));
        LocalDate[] date = ArrayPool<LocalDate>.Shared.Rent(Math.Max(1, m));
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(Math.Max(1, m));
        try
        {
            for (int j = 0; j < m; j++)
            {
                var order = orders[positions[j]];
                if (!string.Equals(order.Currency, currency, StringComparison.Ordinal))
                {
                    return null;
                }

                ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, order.CustomerId, out bool seen);
                if (!seen)
                {
                    slot = ids.Count;
                    ids.Add(order.CustomerId);
                }

                customer[j] = slot;
                date[j] = days.Containing(order.PlacedAt).Start;
            }

            int customers = ids.Count;
            var start = new int[customers + 1];
            for (int j = 0; j < m; j++)
            {
                start[customer[j] + 1]++;
            }

            for (int c = 0; c < customers; c++)
            {
                start[c + 1] += start[c];
            }

            var cursor = start[..^1];
            for (int j = 0; j < m; j++)
            {
                byCustomer[cursor[customer[j]]++] = j;
            }

            double unitDays = options.TimeUnit.Days;
            var summaries = new List<CustomerSummary>(customers);
            var summaryIds = new List<string>(customers);
            var dates = new List<LocalDate>();
            var amounts = new List<decimal>();
            for (int c = 0; c < customers; c++)
            {
                // Sort key: the date (ISO year, month, day packed in order) then the position, so same-day orders keep input order.
                var segment = keys.AsSpan(start[c], start[c + 1] - start[c]);
                bool sorted = true;
                for (int k = 0; k < segment.Length; k++)
                {
                    int j = byCustomer[start[c] + k];
                    segment[k] = ((ulong)Pack(date[j]) << 32) | (uint)j;
                    sorted &= k == 0 || segment[k] > segment[k - 1];
                }

                if (!sorted)
                {
                    segment.Sort();
                }

                dates.Clear();
                amounts.Clear();
                foreach (ulong key in segment)
                {
                    int j = (int)(uint)key;
                    var day = date[j];
                    decimal amount = orders[positions[j]].Amount;
                    if (dates.Count > 0 && dates[^1] == day)
                    {
                        amounts[^1] = Guard.AddMoney(amounts[^1], amount, "order amounts of customer", ids[c]);
                    }
                    else
                    {
                        dates.Add(day);
                        amounts.Add(amount);
                    }
                }

                if (CustomerSummaryTally.SummarizeCustomer(ids[c], CollectionsMarshal.AsSpan(dates), CollectionsMarshal.AsSpan(amounts), options, unitDays) is { } summary)
                {
                    summaries.Add(summary);
                    summaryIds.Add(ids[c]);
                }
                else
                {
                    later++;
                }
            }

            var result = summaries.ToArray();
            Array.Sort(summaryIds.ToArray(), result, StringComparer.Ordinal);
            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(customer);
            ArrayPool<int>.Shared.Return(byCustomer);
            ArrayPool<LocalDate>.Shared.Return(date);
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    /// <summary>An ISO date as an integer in date order (year + 10,000, month, day in separate bit fields).</summary>
    private static uint Pack(LocalDate date) => ((uint)(date.Year + 10_000) << 9) | ((uint)date.Month << 5) | (uint)date.Day;

    /// <summary>Merges the partitions' id-sorted lists (disjoint ids) into one id-sorted list.</summary>
    private static CustomerSummary[] MergeById(CustomerSummary[][] parts, int total)
    {
        var merged = new CustomerSummary[total];
        var head = new int[parts.Length];
        for (int i = 0; i < total; i++)
        {
            int best = -1;
            for (int p = 0; p < parts.Length; p++)
            {
                if (head[p] < parts[p].Length && (best < 0 || string.CompareOrdinal(parts[p][head[p]].CustomerId, parts[best][head[best]].CustomerId) < 0))
                {
                    best = p;
                }
            }

            merged[i] = parts[best][head[best]++];
        }

        return merged;
    }

    /// <summary>The columns x, t_x, T for fitting the purchase models.</summary>
    /// <returns>The data (uncompressed; the fitters compress).</returns>
    public RfmData ToRfmData() => Customers is CustomerSummaryList columns ? columns.ToRfmData() : RfmData.From(Customers);

    /// <summary>Formats as <c>Customer base: 2,357 customers (1,000 repeat buyers), calibration to 1997-09-30, 0 acquired after calibration</c>.</summary>
    /// <returns>The summary in one line; the table is in <see cref="ToReport"/>.</returns>
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

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

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
            spend = Guard.AddMoney(spend, c.CalibrationSpend, "calibration spend of all customers");
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
