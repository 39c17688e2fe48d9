namespace CxMetrics.Internal;

/// <summary>
/// Partition, tally, merge: splits a large span of byte scores into one chunk per worker, tallies each chunk on its own
/// tally, and merges the tallies in chunk order. Counts are integers, so the result is identical to the single-threaded
/// one. When any chunk fails (an out-of-scale score), the whole input is tallied again on one thread so the exception is
/// the same one, with the same position, as the sequential path's.
/// </summary>
internal static class ParallelTally
{
    /// <summary>Below this many bytes per worker the threads cost more than they save.</summary>
    public const int MinimumChunk = 1 << 20;

    public static TTally Run<TTally>(ReadOnlyMemory<byte> scores, int? degreeOfParallelism, Func<TTally> create, Action<TTally, ReadOnlySpan<byte>> add, Action<TTally, TTally> merge, int minimumChunk = MinimumChunk)
    {
        int workers = degreeOfParallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(degreeOfParallelism));
        workers = (int)Math.Min(workers, Math.Max(1, scores.Length / Math.Max(1, minimumChunk)));
        if (workers == 1)
        {
            var single = create();
            add(single, scores.Span);
            return single;
        }

        var parts = new TTally[workers];
        int chunk = scores.Length / workers;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                int start = i * chunk;
                int length = i == workers - 1 ? scores.Length - start : chunk;
                var part = create();
                add(part, scores.Span.Slice(start, length));
                parts[i] = part;
            });
        }
        catch (AggregateException)
        {
            var sequential = create();
            add(sequential, scores.Span); // throws the sequential path's exception, with the right position
            return sequential;
        }

        var total = parts[0];
        for (int i = 1; i < parts.Length; i++)
        {
            merge(total, parts[i]);
        }

        return total;
    }
}
