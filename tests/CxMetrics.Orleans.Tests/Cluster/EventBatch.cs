using CxMetrics.Portable;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Orleans.Tests.Cluster;

/// <summary>A batch of events for one key, as a client would send it, and how to send it with retries.</summary>
public sealed record EventBatch(string Id, TallyKey Key, byte[] Scores, bool[] Outcomes)
{
    /// <summary>Deterministic batches of NPS scores (with some unanswered) or conversion outcomes over <paramref name="keys"/>.</summary>
    public static IReadOnlyList<EventBatch> Generate(IReadOnlyList<TallyKey> keys, int batches, int size, int seed)
    {
        var random = new Random(seed);
        var list = new List<EventBatch>(batches);
        for (int b = 0; b < batches; b++)
        {
            TallyKey key = keys[random.Next(keys.Count)];
            if (key.Metric == "conversion")
            {
                var outcomes = new bool[size];
                for (int i = 0; i < size; i++)
                {
                    outcomes[i] = random.NextDouble() < 0.07;
                }

                list.Add(new EventBatch($"{seed}-{b}", key, [], outcomes));
            }
            else
            {
                var scores = new byte[size];
                for (int i = 0; i < size; i++)
                {
                    scores[i] = random.Next(25) == 0 ? Nps.NoAnswer : (byte)random.Next(11);
                }

                list.Add(new EventBatch($"{seed}-{b}", key, scores, []));
            }
        }

        return list;
    }

    /// <summary>Keys for <paramref name="shops"/> shops × the seven days of the week of 2026-11-23 × the given metrics.</summary>
    public static IReadOnlyList<TallyKey> WeekKeys(string prefix, int shops, params string[] metrics)
    {
        CalendarPeriod week = CalendarPeriod.Containing(new LocalDate(2026, 11, 23), PeriodUnit.Week);
        var keys = new List<TallyKey>();
        for (int s = 0; s < shops; s++)
        {
            foreach (string metric in metrics)
            {
                keys.AddRange(new TallyKey($"{prefix}-{s}", metric, TallyKey.AllSegments, week).Split(PeriodUnit.Day));
            }
        }

        return keys;
    }

    /// <summary>The payloads of the single-process tallies of <paramref name="batches"/>, per key: one core tally per key fed every event.</summary>
    public static Dictionary<TallyKey, byte[]> Expected(IEnumerable<EventBatch> batches)
    {
        var tallies = new Dictionary<TallyKey, object>();
        foreach (EventBatch batch in batches)
        {
            object tally = tallies.GetValueOrDefault(batch.Key) ?? (batch.Key.Metric == "conversion" ? new BinomialTally() : new NpsTally());
            batch.AddTo(tally);
            tallies[batch.Key] = tally;
        }

        return tallies.ToDictionary(kv => kv.Key, kv => TallyFormat.ToBytes(kv.Value));
    }

    /// <summary>This batch's payload, tallied in this process by the core tallies.</summary>
    public byte[] ToPayload()
    {
        object tally = Key.Metric == "conversion" ? new BinomialTally() : new NpsTally();
        AddTo(tally);
        return TallyFormat.ToBytes(tally);
    }

    /// <summary>Feeds this batch's events to a core tally (an <see cref="NpsTally"/> or a <see cref="BinomialTally"/>).</summary>
    public void AddTo(object tally)
    {
        if (tally is BinomialTally binomial)
        {
            foreach (bool outcome in Outcomes)
            {
                binomial.Add(outcome);
            }
        }
        else
        {
            ((NpsTally)tally).AddRange(Scores);
        }
    }

    /// <summary>Sends the batch once.</summary>
    public Task<BatchOutcome> SendAsync(IGrainFactory grains)
    {
        ITallyGrain grain = grains.GetTallyGrain(Key);
        return Key.Metric == "conversion" ? grain.AddOutcomesAsync(Id, Outcomes) : grain.AddNpsScoresAsync(Id, Scores);
    }

    /// <summary>
    /// Sends the batch, retrying with the same id after any failure except a rejection of the input, as a client of the
    /// cluster should. Counts the failed attempts in <paramref name="failures"/>.
    /// </summary>
    public async Task<BatchOutcome> SendWithRetriesAsync(IGrainFactory grains, StrongBox<int> failures, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await SendAsync(grains);
            }
            catch (Exception e) when (e is not ArgumentException && attempt < 60)
            {
                Interlocked.Increment(ref failures.Value);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * attempt, 500)), cancellationToken);
            }
        }
    }
}
