namespace CxMetrics.Internal;

/// <summary>
/// Partition, tally, merge: splits a large span of inputs (byte scores, records) into one contiguous chunk per worker,
/// tallies each chunk on its own tally, and merges the tallies in chunk order. Counts are integers and order-keeping tallies
/// are merged in input order, so the result is identical to the single-threaded one. When any chunk or merge fails (an
/// out-of-scale score, a second currency), the whole input is tallied again on one thread so the exception is the same one,
/// with the same position, as the sequential path's.
/// </summary>
internal static class ParallelTally
{
    /// <summary>Below this many bytes per worker the threads cost more than they save.</summary>
    public const int MinimumChunk = 1 << 20;

    /// <summary>Below this many records (tickets, sessions, orders) per worker the threads cost more than they save.</summary>
    public const int MinimumRecordChunk = 1 << 13;

    public static TTally Run<TItem, TTally>(ReadOnlyMemory<TItem> items, int? degreeOfParallelism, Func<TTally> create, Action<TTally, ReadOnlySpan<TItem>> add, Action<TTally, TTally> merge, int minimumChunk = MinimumChunk)
    {
        int workers = Workers(items.Length, degreeOfParallelism, minimumChunk);
        if (workers == 1)
        {
            var single = create();
            add(single, items.Span);
            return single;
        }

        var parts = new TTally[workers];
        int chunk = items.Length / workers;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                int start = i * chunk;
                int length = i == workers - 1 ? items.Length - start : chunk;
                var part = create();
                add(part, items.Span.Slice(start, length));
                parts[i] = part;
            });

            var total = parts[0];
            for (int i = 1; i < parts.Length; i++)
            {
                merge(total, parts[i]);
            }

            return total;
        }
        catch (Exception e) when (e is AggregateException or ArgumentException or InvalidOperationException)
        {
            var sequential = create();
            add(sequential, items.Span); // throws the sequential path's exception, with the right position
            return sequential;
        }
    }

    /// <summary>Maps every input to an output on all cores, keeping the input order.</summary>
    public static TOut[] Map<TIn, TOut>(ReadOnlyMemory<TIn> items, int? degreeOfParallelism, Func<TIn, TOut> map, int minimumChunk = MinimumRecordChunk)
    {
        int workers = Workers(items.Length, degreeOfParallelism, minimumChunk);
        var results = new TOut[items.Length];
        if (workers == 1)
        {
            Fill(items.Span, results, map);
            return results;
        }

        int chunk = items.Length / workers;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                int start = i * chunk;
                int length = i == workers - 1 ? items.Length - start : chunk;
                Fill(items.Span.Slice(start, length), results.AsSpan(start, length), map);
            });
        }
        catch (AggregateException)
        {
            Fill(items.Span, results, map); // the sequential path's exception
        }

        return results;
    }

    public static int Workers(int length, int? degreeOfParallelism, int minimumChunk)
    {
        int workers = degreeOfParallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(degreeOfParallelism));
        return (int)Math.Min(workers, Math.Max(1, length / Math.Max(1, minimumChunk)));
    }

    private static void Fill<TIn, TOut>(ReadOnlySpan<TIn> items, Span<TOut> results, Func<TIn, TOut> map)
    {
        for (int i = 0; i < items.Length; i++)
        {
            results[i] = map(items[i]);
        }
    }
}
