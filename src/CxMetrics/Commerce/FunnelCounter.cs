using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// Counts units into funnel steps from each unit's earliest time per step (<see cref="long.MaxValue"/> = not reached) and
/// whether it is pending; shared by the object path and the span path so that both define the funnel the same way.
/// </summary>
internal sealed class FunnelCounter
{
    private readonly FunnelMode mode;
    private readonly long[] reached, continued, abandoned, pending, outOfSequence;
    private readonly List<double>[] seconds;

    public FunnelCounter(int steps, FunnelMode mode, int capacityHint = 0)
    {
        this.mode = mode;
        reached = new long[steps];
        continued = new long[steps];
        abandoned = new long[steps];
        pending = new long[steps];
        outOfSequence = new long[steps];
        seconds = new List<double>[steps];
        for (int s = 0; s < steps; s++)
        {
            seconds[s] = new List<double>(s == steps - 1 ? 0 : Math.Min(capacityHint, 1 << 24));
        }
    }

    public long Entered => reached[0];

    public void Add(CartOutcome outcome, Span<long> ticks)
    {
        for (int s = 0; s < ticks.Length; s++)
        {
            ticks[s] = outcome.StepReachedAt[s] is { } at ? at.ToUnixTimeTicks() : long.MaxValue;
        }

        Add(ticks, outcome.Status == CartStatus.Pending);
    }

    public void Add(ReadOnlySpan<long> first, bool isPending)
    {
        int last = first.Length - 1;
        bool inFunnel = true;
        for (int s = 0; s <= last; s++)
        {
            bool here = first[s] != long.MaxValue;
            inFunnel = mode == FunnelMode.Open ? here : inFunnel && here;
            if (!inFunnel)
            {
                if (mode == FunnelMode.Closed)
                {
                    return;
                }

                continue;
            }

            reached[s]++;
            if (s == last)
            {
                break;
            }

            if (first[s + 1] != long.MaxValue)
            {
                continued[s]++;
                long gap = first[s + 1] - first[s];
                if (gap >= 0)
                {
                    seconds[s].Add(gap / (double)NodaConstants.TicksPerSecond);
                }
                else
                {
                    outOfSequence[s]++;
                }
            }
            else if (isPending)
            {
                pending[s]++;
            }
            else
            {
                abandoned[s]++;
            }
        }
    }

    /// <summary>Adds another counter of disjoint units (same steps and mode); the step times are sorted in <see cref="ToResult"/>, so their order does not matter.</summary>
    public void Merge(FunnelCounter other)
    {
        for (int s = 0; s < reached.Length; s++)
        {
            reached[s] += other.reached[s];
            continued[s] += other.continued[s];
            abandoned[s] += other.abandoned[s];
            pending[s] += other.pending[s];
            outOfSequence[s] += other.outOfSequence[s];
            seconds[s].AddRange(other.seconds[s]);
        }
    }

    public FunnelResult ToResult(CartOptions options, Instant asOf, long eventsAfterAsOf, CartAnomalies? anomalies)
    {
        var steps = new FunnelStepResult[reached.Length];
        for (int s = 0; s < steps.Length; s++)
        {
            var times = seconds[s].ToArray();
            Array.Sort(times);
            steps[s] = new FunnelStepResult
            {
                Name = options.Steps[s].Name,
                Reached = reached[s],
                Continued = continued[s],
                Abandoned = abandoned[s],
                Pending = pending[s],
                Completion = Proportion.FromCounts(continued[s], continued[s] + abandoned[s], options.ConfidenceLevel, options.ProportionInterval),
                SecondsToNext = QuantileSummary.OfSorted(times),
                OutOfSequence = outOfSequence[s],
            };
        }

        return Result(steps, mode, options.Unit, asOf, options.InactivityTimeout, eventsAfterAsOf, anomalies, options.ConfidenceLevel);
    }

    public static FunnelResult Result(
        FunnelStepResult[] steps, FunnelMode mode, AnalysisUnit unit, Instant? asOf, Duration? timeout, long eventsAfterAsOf, CartAnomalies? anomalies, double level)
    {
        // 1 − Π completion_k; a step nobody completed makes the product 0 whatever the undecided steps would give.
        double product = 1;
        bool undecided = false, zero = false;
        long pendingTotal = 0;
        for (int s = 0; s < steps.Length - 1; s++)
        {
            if (steps[s].Completion.Value is { } c)
            {
                product *= c;
                zero |= c == 0;
            }
            else
            {
                undecided = true;
            }

            pendingTotal += steps[s].Pending;
        }

        long entered = steps[0].Reached, completed = steps[^1].Reached;
        return new FunnelResult
        {
            Unit = unit,
            Mode = mode,
            InactivityTimeout = timeout,
            Steps = steps,
            OverallAbandonment = zero ? 1 : undecided ? null : 1 - product,
            Overall = mode == FunnelMode.Closed && pendingTotal == 0 ? Proportion.FromCounts(entered - completed, entered, level) : null,
            EventsAfterAsOf = eventsAfterAsOf,
            Anomalies = anomalies,
        };
    }
}
