using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>
/// Builds <see cref="ExperimentOutcomes"/> while assignments and outcome events are read, one record at a time (a file of
/// each, read once): it keeps one entry per assigned customer (arm, segment, assignment instant, whether an event fell in
/// the window, the revenue of those events) and never an event, so memory grows with customers, not with events.
/// <see cref="ToOutcomes"/> gives exactly what <see cref="Experiment.Outcomes"/> gives for the same assignments and events.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Add the assignments before the events: an event is matched with the assignment of its customer when
/// it is added, so an event of a customer not (yet) assigned is counted in <see cref="EventsWithoutAssignment"/>, as
/// <see cref="Experiment.Outcomes"/> counts the events of customers never assigned. An event counts when it falls in
/// <c>[assigned, assigned + window)</c> and, with an as-of instant, at or before it.</para>
/// <para><b>As-of.</b> With an as-of instant given at construction, events after it are not known yet and count as outside
/// the window. Without one the outcomes are judged at <see cref="AsOfRule.Default"/> of <see cref="Latest"/> (the latest
/// assignment or event added), after which no event lies. Which customers are pending is decided by <see cref="ToOutcomes"/>.</para>
/// <para>Not a tally: it keeps customer ids and has no <c>Merge</c> (an event and its customer's assignment may be read
/// apart); the mergeable statistic is the <see cref="ExperimentTally"/> of the observations. Not thread-safe.</para>
/// </remarks>
public sealed class ExperimentOutcomesBuilder
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<Entry> entries = [];
    private readonly SortedSet<string> arms = new(StringComparer.Ordinal);

    /// <summary>Creates an empty builder.</summary>
    /// <param name="window">The outcome window, &gt; 0.</param>
    /// <param name="asOf">When the experiment is read; <see langword="null"/>: the latest assignment or event added.</param>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    public ExperimentOutcomesBuilder(Duration window, Instant? asOf = null)
    {
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"the outcome window {window} must be positive.");
        }

        Window = window;
        AsOf = asOf;
    }

    /// <summary>The outcome window.</summary>
    public Duration Window { get; }

    /// <summary>The as-of instant given at construction, or <see langword="null"/>.</summary>
    public Instant? AsOf { get; }

    /// <summary>Customers assigned so far (one entry each).</summary>
    public int Customers => entries.Count;

    /// <summary>The distinct arms assigned so far, ordered by name (ordinal).</summary>
    public IReadOnlyCollection<string> Arms => arms;

    /// <summary>The events' currency, or <see langword="null"/> while no event was added.</summary>
    public string? Currency { get; private set; }

    /// <summary>Events of customers without an assignment (when the event was added): not counted.</summary>
    public long EventsWithoutAssignment { get; private set; }

    /// <summary>Events before their customer's assignment, at or after the window's end, or after <see cref="AsOf"/>: not counted.</summary>
    public long EventsOutsideWindow { get; private set; }

    /// <summary>The latest assignment or event instant added (every event, counted or not), or <see langword="null"/> for none: the default as-of.</summary>
    public Instant? Latest { get; private set; }

    /// <summary>Adds one customer's assignment.</summary>
    /// <param name="assignment">The assignment.</param>
    /// <exception cref="ArgumentException">The customer is already assigned; the builder is unchanged.</exception>
    public void Add(Assignment assignment) => Add(assignment, nameof(assignment));

    /// <summary>Adds one outcome event: counted for its customer when it falls in the window (see the remarks).</summary>
    /// <param name="outcome">The event.</param>
    /// <exception cref="InvalidOperationException">The event's currency differs from <see cref="Currency"/>; the builder is unchanged.</exception>
    /// <exception cref="OverflowException">A customer's revenue passes decimal's range.</exception>
    public void Add(OutcomeEvent outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        string currency = Currency ?? outcome.Currency;
        CurrencyCode.EnsureSame(currency, outcome.Currency, $"the outcome event of customer '{outcome.CustomerId}' at {outcome.OccurredAt}");
        Currency = currency;
        Latest = AsOfRule.Later(Latest, outcome.OccurredAt);
        if (!index.TryGetValue(outcome.CustomerId, out int i))
        {
            EventsWithoutAssignment++;
            return;
        }

        var entry = entries[i];
        var start = entry.Assignment.AssignedAt;
        if (outcome.OccurredAt < start || outcome.OccurredAt >= start + Window || (AsOf is { } asOf && outcome.OccurredAt > asOf))
        {
            EventsOutsideWindow++;
            return;
        }

        entry.Revenue = Guard.AddMoney(entry.Revenue, outcome.Revenue, "outcome revenue of customer", outcome.CustomerId);
        entry.Converted = true;
        entries[i] = entry;
    }

    /// <summary>
    /// The observations, one per assigned customer in the order assigned, judged at <see cref="AsOfRule.Resolve"/> of
    /// <see cref="AsOf"/> and <see cref="Latest"/>: pending while <c>assigned + window</c> lies after that instant
    /// (not converted, revenue 0), else observed with the events counted in its window.
    /// </summary>
    /// <returns>The outcomes, with the events that could not be counted and the as-of instant used.</returns>
    public ExperimentOutcomes ToOutcomes()
    {
        var asOf = AsOfRule.Resolve(AsOf, Latest);
        var observations = new ExperimentObservation[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var a = e.Assignment;
            bool pending = a.AssignedAt + Window > asOf;
            observations[i] = new ExperimentObservation(
                a.CustomerId, a.Arm, a.Segment, pending ? OutcomeStatus.Pending : OutcomeStatus.Observed, !pending && e.Converted, pending ? 0 : (double)e.Revenue, a.Covariate);
        }

        return new ExperimentOutcomes(observations, Currency, EventsWithoutAssignment, EventsOutsideWindow, asOf);
    }

    /// <summary>Adds an assignment, naming <paramref name="parameter"/> (the caller's public parameter) when the customer repeats.</summary>
    internal void Add(Assignment assignment, string parameter)
    {
        ArgumentNullException.ThrowIfNull(assignment, parameter);
        if (index.TryGetValue(assignment.CustomerId, out int i))
        {
            var first = entries[i].Assignment;
            throw new ArgumentException($"customer '{assignment.CustomerId}' is assigned twice (arm '{first.Arm}' and arm '{assignment.Arm}'); a customer belongs to one arm.", parameter);
        }

        index.Add(assignment.CustomerId, entries.Count);
        entries.Add(new Entry(assignment));
        arms.Add(assignment.Arm);
        Latest = AsOfRule.Later(Latest, assignment.AssignedAt);
    }

    /// <summary>One assigned customer: the assignment, whether an event fell in its window and their revenue.</summary>
    private struct Entry(Assignment assignment)
    {
        public readonly Assignment Assignment = assignment;
        public bool Converted;
        public decimal Revenue;
    }
}
