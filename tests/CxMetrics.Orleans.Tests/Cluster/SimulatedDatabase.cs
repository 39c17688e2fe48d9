using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace CxMetrics.Orleans.Tests.Cluster;

/// <summary>What the simulated database does with one write.</summary>
public enum WriteFault
{
    /// <summary>Commits and answers.</summary>
    None,

    /// <summary>Throws before committing: the write is lost.</summary>
    FailBeforeCommit,

    /// <summary>Commits, then throws: the caller cannot tell the write happened (a lost reply).</summary>
    FailAfterCommit,
}

/// <summary>
/// Test double for a durable database: one dictionary shared by every silo of a test cluster (they all run in this
/// process), holding each grain's state as bytes (Orleans binary serialisation) with an ETag. It outlives any silo, so a
/// killed silo loses its activations but not what they wrote — as with a real database. Writes check the ETag like a real
/// provider (a stale activation's write is rejected with <see cref="InconsistentStateException"/>), and a fault plan can
/// make chosen writes fail before or after they commit.
/// </summary>
public sealed class SimulatedDatabase
{
    private readonly ConcurrentDictionary<string, (byte[] Data, string ETag)> rows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> writesPerRow = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long etag;
    private int faults;

    /// <summary>Decides the fault of a write from the grain id and the row's write number (1, 2, …).</summary>
    public Func<string, int, WriteFault> FaultPlan { get; set; } = (_, _) => WriteFault.None;

    /// <summary>How long each write takes (a database round trip); zero by default.</summary>
    public TimeSpan WriteLatency { get; set; }

    /// <summary>Faults injected so far.</summary>
    public int InjectedFaults => Volatile.Read(ref faults);

    internal bool TryRead(string row, out byte[] data, out string etagValue)
    {
        if (rows.TryGetValue(row, out var value))
        {
            (data, etagValue) = value;
            return true;
        }

        (data, etagValue) = ([], string.Empty);
        return false;
    }

    internal string Write(string row, string grainId, string? expectedETag, byte[] data)
    {
        int number = writesPerRow.AddOrUpdate(row, 1, (_, n) => n + 1);
        WriteFault fault = FaultPlan(grainId, number);
        if (fault == WriteFault.FailBeforeCommit)
        {
            Interlocked.Increment(ref faults);
            throw new IOException($"simulated database: write {number} of {grainId} failed before commit.");
        }

        string next;
        lock (gate)
        {
            string? stored = rows.TryGetValue(row, out var current) ? current.ETag : null;
            if (stored != expectedETag)
            {
                throw new InconsistentStateException($"simulated database: ETag mismatch for {grainId}", stored, expectedETag);
            }

            next = (++etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
            rows[row] = (data, next);
        }

        if (fault == WriteFault.FailAfterCommit)
        {
            Interlocked.Increment(ref faults);
            throw new IOException($"simulated database: write {number} of {grainId} committed but the reply was lost.");
        }

        return next;
    }

    internal void Clear(string row) => rows.TryRemove(row, out _);

    /// <summary>Replaces the stored bytes of every row whose name contains <paramref name="part"/>, keeping its ETag (data written by an earlier version).</summary>
    internal int Rewrite(string part, Func<byte[], byte[]> change)
    {
        int changed = 0;
        foreach (string row in rows.Keys.Where(r => r.Contains(part, StringComparison.Ordinal)))
        {
            lock (gate)
            {
                var (data, tag) = rows[row];
                rows[row] = (change(data), tag);
                changed++;
            }
        }

        return changed;
    }
}

/// <summary>The Orleans grain storage provider over a <see cref="SimulatedDatabase"/>.</summary>
public sealed class SimulatedDatabaseStorage(SimulatedDatabase database, Serializer serializer) : IGrainStorage
{
    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (database.TryRead(Row(stateName, grainId), out byte[] data, out string etag))
        {
            grainState.State = serializer.Deserialize<T>(data);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        byte[] data = serializer.SerializeToArray(grainState.State);
        if (database.WriteLatency > TimeSpan.Zero)
        {
            await Task.Delay(database.WriteLatency);
        }

        grainState.ETag = database.Write(Row(stateName, grainId), grainId.ToString(), grainState.ETag, data);
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        database.Clear(Row(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Row(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
