using System.Collections.Concurrent;

namespace CxMetrics.Csv;

/// <summary>
/// Runs an <see cref="OrderRowParser"/> on a thread of its own, <see cref="Depth"/> chunks ahead of the caller, so that
/// reading the source (one core) overlaps with the caller's fold (the other). Chunks go round between two blocking
/// queues — filled ones to the caller, emptied ones back — so memory stays at most <see cref="Depth"/> + 1 chunks whatever
/// the source's size (a chunk is made only when none is free). The thread ends after the chunk that ends the read (the
/// source's end or a failure, which <see cref="OrderRowParser.Fill"/> never throws) and closes the source, or as soon as the
/// caller stops the read.
/// <para>
/// While the scanner reads, the thread only copies lines; reading their cells (<see cref="OrderRowParser.Evaluate"/>, most
/// of the work) goes to whichever thread has time. A filled chunk is handed over unevaluated. When the thread would wait
/// for an emptied chunk (the caller's side is then the slower), it evaluates a filled chunk still waiting for the caller
/// instead, the newest first. The caller, taking a chunk, evaluates it unless the thread has claimed it (then it waits
/// for the thread to finish), then commits it (<see cref="OrderRowParser.Finish"/>) and looks its ids up
/// (<see cref="OrderChunk.ResolveIds"/>): both in chunk order, as it takes them, so the report, the currency and the ids'
/// indices come out as on one thread. A chunk's evaluation is claimed with a compare-exchange, so exactly one thread does
/// it. Once CsvHelper reads on, the thread commits as it fills, after waiting for the caller to commit every chunk before.
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
    private readonly bool? evaluateOnParsingThread = EvaluateOnParsingThread;
    private readonly Thread thread;
    private bool disposed;
    private int created; // chunks made so far (the thread's own count)
    private long sequence; // chunks filled so far (the thread's own count)
    private long lastScanned = -1; // the sequence number of the last chunk of copied lines (the thread's own)
    private long lastCommitted = -1; // ... of the last chunk the caller committed
    private long evaluatedHere; // chunks the parsing thread evaluated
    private readonly OrderChunk?[] handedOver = new OrderChunk?[Depth + 1]; // the thread's: chunks filled and not taken back since, by sequence

    public OrderReadAhead(OrderRowParser parser, IdTable ids)
    {
        this.parser = parser;
        this.ids = ids;
        thread = new Thread(Run) { IsBackground = true, Name = "CxMetrics order read-ahead" };
        thread.Start();
    }

    /// <summary>Where copied lines are evaluated: by the rule above (<c>null</c>), or always on one side (tests; per calling thread).</summary>
    [ThreadStatic]
    internal static bool? EvaluateOnParsingThread;

    /// <summary>How many chunks the parsing thread has evaluated (the rest the caller did).</summary>
    public long ChunksEvaluatedHere => Interlocked.Read(ref evaluatedHere);

    /// <summary>The next filled chunk, waiting for it, committed and with its ids looked up (here, on the caller's thread).</summary>
    public OrderChunk Take()
    {
        var chunk = filled.Take();
        if (chunk.Scanned && Interlocked.CompareExchange(ref chunk.Claimed, 1, 0) != 0)
        {
            // The parsing thread is evaluating it (a fraction of a millisecond): never sleep a whole one.
            var spin = default(SpinWait);
            while (!chunk.Evaluated)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        parser.Finish(chunk);
        Volatile.Write(ref lastCommitted, chunk.Sequence);
        chunk.ResolveIds(ids);
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

    private void Run()
    {
        try
        {
            while (true)
            {
                stop.Token.ThrowIfCancellationRequested(); // between chunks, even when a queue would not block

                // A new chunk while fewer than Depth + 1 exist (a short source needs one), else an emptied one: evaluating
                // chunks that wait for the caller while there is none.
                OrderChunk? chunk;
                while (!empty.TryTake(out chunk))
                {
                    if (created <= Depth)
                    {
                        chunk = new OrderChunk();
                        created++;
                        break;
                    }

                    if (evaluateOnParsingThread is not null || !EvaluateWaiting())
                    {
                        chunk = empty.Take(stop.Token);
                        break;
                    }
                }

                Forget(chunk);

                if (parser.Inline)
                {
                    WaitForCommitted(lastScanned); // an inline fill writes the report and the currency the caller's commits write
                }

                parser.Fill(chunk);
                chunk.Sequence = sequence++;
                if (chunk.Scanned)
                {
                    lastScanned = chunk.Sequence;
                    if (evaluateOnParsingThread == true)
                    {
                        chunk.Claimed = 1;
                        Evaluate(chunk);
                    }
                    else
                    {
                        handedOver[chunk.Sequence % handedOver.Length] = chunk;
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

    /// <summary>Evaluates the newest chunk handed over that no thread has claimed: false when there is none.</summary>
    private bool EvaluateWaiting()
    {
        for (long s = sequence - 1; s >= 0 && s >= sequence - handedOver.Length; s--)
        {
            if (handedOver[s % handedOver.Length] is { } chunk && chunk.Sequence == s)
            {
                handedOver[s % handedOver.Length] = null;
                if (Interlocked.CompareExchange(ref chunk.Claimed, 1, 0) == 0)
                {
                    Evaluate(chunk);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Evaluates a chunk claimed here and shows it evaluated to the caller.</summary>
    private void Evaluate(OrderChunk chunk)
    {
        parser.Evaluate(chunk, onParsingThread: true);
        Interlocked.Increment(ref evaluatedHere);
    }

    /// <summary>Drops an emptied chunk (about to be filled again) from the chunks handed over.</summary>
    private void Forget(OrderChunk chunk)
    {
        for (int i = 0; i < handedOver.Length; i++)
        {
            if (ReferenceEquals(handedOver[i], chunk))
            {
                handedOver[i] = null;
            }
        }
    }

    /// <summary>Waits until the caller has committed the chunk numbered <paramref name="sequence"/> (once per read, at a hand-over to CsvHelper).</summary>
    private void WaitForCommitted(long sequence)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref lastCommitted) < sequence)
        {
            stop.Token.ThrowIfCancellationRequested();
            spin.SpinOnce();
        }
    }
}
