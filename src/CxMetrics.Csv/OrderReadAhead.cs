using System.Collections.Concurrent;

namespace CxMetrics.Csv;

/// <summary>
/// Runs an <see cref="OrderRowParser"/> and the chunks' id lookups (<see cref="OrderChunk.ResolveIds"/>) on a thread of its
/// own, <see cref="Depth"/> chunks ahead of the caller, so that tokenising, parsing and the id table (one core) overlap with
/// the caller's fold (the other). Chunks go round between two
/// blocking queues — filled ones to the caller, emptied ones back — so memory stays at most <see cref="Depth"/> + 1 chunks
/// whatever the source's size (a chunk is made only when none is free). The thread ends after the chunk that ends the read (the source's end or a failure, which
/// <see cref="OrderRowParser.Fill"/> never throws) and closes the source, or as soon as the caller stops the read.
/// </summary>
internal sealed class OrderReadAhead : IDisposable
{
    /// <summary>Chunks filled ahead of the one the caller holds.</summary>
    public const int Depth = 3;

    private readonly OrderRowParser parser;
    private readonly IdTable ids;
    private readonly BlockingCollection<OrderChunk> filled = new(new ConcurrentQueue<OrderChunk>(), Depth);
    private readonly BlockingCollection<OrderChunk> empty = new(new ConcurrentQueue<OrderChunk>(), Depth + 1);
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private bool disposed;
    private int created; // chunks made so far (the thread's own count)

    public OrderReadAhead(OrderRowParser parser, IdTable ids)
    {
        this.parser = parser;
        this.ids = ids;
        thread = new Thread(Run) { IsBackground = true, Name = "CxMetrics order read-ahead" };
        thread.Start();
    }

    /// <summary>The next filled chunk, waiting for it (the caller's thread).</summary>
    public OrderChunk Take() => filled.Take();

    /// <summary>Gives an emptied chunk back for filling.</summary>
    public void Return(OrderChunk chunk) => empty.Add(chunk);

    /// <summary>Stops the thread (if it still runs) and waits until it has closed the source.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stop.Cancel();
        thread.Join();
        stop.Dispose();
        filled.Dispose();
        empty.Dispose();
    }

    /// <summary>Asks the thread to stop without waiting (from a finalizer, when the caller dropped the read without disposing it).</summary>
    public void Abandon() => stop.Cancel();

    private void Run()
    {
        try
        {
            while (true)
            {
                stop.Token.ThrowIfCancellationRequested(); // between chunks, even when a queue would not block

                // A new chunk while fewer than Depth + 1 exist (a short source needs one), else wait for an emptied one.
                if (!empty.TryTake(out var chunk))
                {
                    if (created <= Depth)
                    {
                        chunk = new OrderChunk();
                        created++;
                    }
                    else
                    {
                        chunk = empty.Take(stop.Token);
                    }
                }

                parser.Fill(chunk);
                chunk.ResolveIds(ids);
                filled.Add(chunk, stop.Token);
                if (chunk.End)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller stopped the read.
        }
        finally
        {
            parser.Dispose();
        }
    }
}
