using System.Collections.Concurrent;

namespace CxMetrics.Csv;

/// <summary>
/// Runs an <see cref="OrderRowParser"/> on a thread of its own, <see cref="Depth"/> chunks ahead of the caller, so that
/// tokenising and parsing (one core) overlap with the caller's fold (the other). Chunks go round between two blocking
/// queues — filled ones to the caller, emptied ones back — so memory stays at most <see cref="Depth"/> + 1 chunks whatever
/// the source's size (a chunk is made only when none is free). The thread ends after the chunk that ends the read (the
/// source's end or a failure, which <see cref="OrderRowParser.Fill"/> never throws) and closes the source, or as soon as the
/// caller stops the read.
/// <para>
/// The customer ids' lookups (<see cref="OrderChunk.ResolveIds"/>, about a third of the work) go to whichever thread has
/// time. A filled chunk is queued for the caller with its lookups unclaimed, unless the caller already has
/// <see cref="Depth"/> − 1 filled chunks waiting (its fold is then the slower half): then the parsing thread claims the lookups of every chunk still
/// unclaimed, in order, and of this one, and does them before handing this one over. The caller, taking a chunk, does
/// its lookups when they are still unclaimed, or waits for the parsing thread to finish them. Lookups run strictly in
/// chunk order (each waits for the chunk before it), so the ids get the same indices, in first-seen order, whichever
/// thread looked them up.
/// </para>
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
    private readonly Lock gate = new(); // guards unclaimed
    private readonly Queue<OrderChunk> unclaimed = new(); // filled chunks whose lookups neither thread has taken on, in order
    private readonly bool? lookUpOnParsingThread = LookUpOnParsingThread;
    private readonly Thread thread;
    private bool disposed;
    private int created; // chunks made so far (the thread's own count)
    private long sequence; // chunks filled so far (the thread's own count)
    private long lastLookedUp = -1; // the sequence number of the last chunk whose ids are looked up, by either thread
    private long lookedUpHere; // chunks whose ids the parsing thread looked up

    public OrderReadAhead(OrderRowParser parser, IdTable ids)
    {
        this.parser = parser;
        this.ids = ids;
        thread = new Thread(Run) { IsBackground = true, Name = "CxMetrics order read-ahead" };
        thread.Start();
    }

    /// <summary>Where the ids are looked up: by the rule above (<c>null</c>), or always on one side (tests; per calling thread).</summary>
    [ThreadStatic]
    internal static bool? LookUpOnParsingThread;

    /// <summary>How many chunks' ids the parsing thread has looked up (the rest the caller did).</summary>
    public long ChunksLookedUpHere => Interlocked.Read(ref lookedUpHere);

    /// <summary>The next filled chunk, waiting for it, with its ids looked up (here, when the parsing thread left them; the caller's thread).</summary>
    public OrderChunk Take()
    {
        var chunk = filled.Take();
        bool mine;
        lock (gate)
        {
            // Chunks come out in order, so an unclaimed one is at the head of the queue.
            mine = unclaimed.TryPeek(out var first) && first == chunk;
            if (mine)
            {
                unclaimed.Dequeue();
            }
        }

        if (mine)
        {
            LookUp(chunk);
        }
        else
        {
            WaitFor(chunk.Sequence); // looked up, or being looked up, on the parsing thread
        }

        return chunk;
    }

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

    /// <summary>Looks a claimed chunk's ids up once the chunk before it is done (by either thread).</summary>
    private void LookUp(OrderChunk chunk)
    {
        WaitFor(chunk.Sequence - 1);
        chunk.ResolveIds(ids);
        Volatile.Write(ref lastLookedUp, chunk.Sequence);
    }

    /// <summary>Waits until the chunk numbered <paramref name="sequence"/> is looked up: the other thread has claimed it and is on it.</summary>
    private void WaitFor(long sequence)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref lastLookedUp) < sequence)
        {
            spin.SpinOnce(sleep1Threshold: -1); // a chunk's lookups take a fraction of a millisecond: never sleep a whole one
        }
    }

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
                chunk.Sequence = sequence++;
                if (lookUpOnParsingThread ?? filled.Count >= Depth - 1)
                {
                    OrderChunk[] waiting;
                    lock (gate)
                    {
                        waiting = unclaimed.ToArray();
                        unclaimed.Clear();
                    }

                    foreach (var earlier in waiting)
                    {
                        LookUp(earlier);
                    }

                    LookUp(chunk);
                    Interlocked.Add(ref lookedUpHere, waiting.Length + 1);
                }
                else
                {
                    lock (gate)
                    {
                        unclaimed.Enqueue(chunk);
                    }
                }

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
