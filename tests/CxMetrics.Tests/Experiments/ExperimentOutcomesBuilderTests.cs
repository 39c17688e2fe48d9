using CxMetrics.Experiments;
using CxMetrics.Statistics;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Experiments;

public class ExperimentOutcomesBuilderTests
{
    private static readonly Instant Start = Instant.FromUtc(2024, 6, 1, 0, 0);
    private static readonly Duration Window = Duration.FromDays(10);
    private static readonly string[] ArmNames = ["control", "b", "a"];

    /// <summary>Random experiments: up to 40 customers (some never assigned), events of any customer on any of 40 days, optional as-of.</summary>
    private static Arbitrary<(Assignment[] Assignments, OutcomeEvent[] Events, Instant? AsOf)> Experiments { get; } =
        (from n in Gen.Choose(0, 40)
         from assigned in Gen.ListOf(Gen.Choose(0, 2).Zip(Gen.Choose(0, 30)).Zip(Gen.Elements<string?>(null, "new", "vip")).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2)), n)
         from events in Gen.ListOf(Gen.Choose(0, 49).Zip(Gen.Choose(0, 40 * 24)).Zip(Gen.Choose(0, 5000)).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2)))
         from asOfHours in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 45 * 24).Select(h => (int?)h))
         select (
             assigned.Select((a, i) => new Assignment($"c{i}", ArmNames[a.Item1], Start + Duration.FromDays(a.Item2)) { Segment = a.Item3 }).ToArray(),
             events.Select(e => new OutcomeEvent($"c{e.Item1}", Start + Duration.FromHours(e.Item2), e.Item3 / 100m, "EUR")).ToArray(),
             asOfHours is { } h ? (Instant?)(Start + Duration.FromHours(h)) : null)).ToArbitrary();

    /// <summary>The list-based definition, written out: per assigned customer the events in [assigned, assigned + window) at or before the as-of.</summary>
    private static string Reference(Assignment[] assignments, OutcomeEvent[] events, Instant? given)
    {
        var instants = assignments.Select(a => a.AssignedAt).Concat(events.Select(e => e.OccurredAt)).ToArray();
        var asOf = AsOfRule.Resolve(given, AsOfRule.Latest(instants));
        var byId = assignments.ToDictionary(a => a.CustomerId, StringComparer.Ordinal);
        bool Counts(OutcomeEvent e) => byId.TryGetValue(e.CustomerId, out var a) && e.OccurredAt >= a.AssignedAt && e.OccurredAt < a.AssignedAt + Window && e.OccurredAt <= asOf;
        var lines = assignments.Select(a =>
        {
            bool pending = a.AssignedAt + Window > asOf;
            var mine = events.Where(e => e.CustomerId == a.CustomerId && Counts(e)).ToList();
            return $"{a.CustomerId} {a.Arm} {a.Segment} {(pending ? "P" : "O")} {!pending && mine.Count > 0} {(pending ? 0 : (double)mine.Sum(e => e.Revenue))}";
        });
        long unassigned = events.Count(e => !byId.ContainsKey(e.CustomerId));
        long outside = events.Length - unassigned - events.Count(Counts);
        return $"{asOf} {unassigned} {outside}\n" + string.Join("\n", lines);
    }

    private static string Shape(ExperimentOutcomes o) =>
        $"{o.AsOf} {o.EventsWithoutAssignment} {o.EventsOutsideWindow}\n"
        + string.Join("\n", o.Observations.Select(x => $"{x.CustomerId} {x.Arm} {x.Segment} {(x.Status == OutcomeStatus.Pending ? "P" : "O")} {x.Converted} {x.Revenue}"));

    private static ExperimentOutcomesBuilder Fold(Assignment[] assignments, OutcomeEvent[] events, Instant? asOf)
    {
        var builder = new ExperimentOutcomesBuilder(Window, asOf);
        foreach (var a in assignments)
        {
            builder.Add(a);
        }

        foreach (var e in events)
        {
            builder.Add(e);
        }

        return builder;
    }

    [Property(MaxTest = 200)]
    public Property Folding_assignments_then_events_gives_the_list_based_outcomes() => Prop.ForAll(Experiments, x =>
    {
        var folded = Shape(Fold(x.Assignments, x.Events, x.AsOf).ToOutcomes());
        var reference = Reference(x.Assignments, x.Events, x.AsOf);
        return (folded == reference).Label(folded + "\nvs\n" + reference);
    });

    [Property(MaxTest = 100)]
    public Property The_default_as_of_is_the_latest_assignment_or_event_and_matches_Outcomes_at_that_instant() => Prop.ForAll(Experiments, x =>
    {
        var builder = Fold(x.Assignments, x.Events, null);
        var latest = AsOfRule.Latest([.. x.Assignments.Select(a => a.AssignedAt), .. x.Events.Select(e => e.OccurredAt)]);
        var atLatest = Experiment.Outcomes(x.Assignments, x.Events, Window, AsOfRule.Default(latest));
        return builder.Latest == latest && Shape(builder.ToOutcomes()) == Shape(atLatest);
    });

    [Property(MaxTest = 100)]
    public Property Holds_one_entry_per_assigned_customer_however_many_events() => Prop.ForAll(Experiments, x =>
    {
        var builder = Fold(x.Assignments, [.. x.Events, .. x.Events, .. x.Events], x.AsOf);
        return builder.Customers == x.Assignments.Length
            && builder.Arms.SequenceEqual(x.Assignments.Select(a => a.Arm).Distinct().Order(StringComparer.Ordinal))
            && builder.ToOutcomes().Observations.Count == x.Assignments.Length;
    });

    [Fact]
    public void An_event_added_before_its_customers_assignment_counts_as_without_assignment()
    {
        var builder = new ExperimentOutcomesBuilder(Window);
        builder.Add(new OutcomeEvent("c1", Start + Duration.FromDays(1), 10, "EUR"));
        builder.Add(new Assignment("c1", "control", Start));
        builder.Add(new OutcomeEvent("c1", Start + Duration.FromDays(2), 5, "EUR"));
        builder.Add(new OutcomeEvent("c1", Start + Duration.FromDays(20), 7, "EUR"));
        var outcomes = builder.ToOutcomes();
        Assert.Equal(1, outcomes.EventsWithoutAssignment);
        Assert.Equal(1, outcomes.EventsOutsideWindow); // day 20 is past the 10-day window (and is the default as-of)
        var observation = Assert.Single(outcomes.Observations);
        Assert.Equal(OutcomeStatus.Observed, observation.Status);
        Assert.Equal(5.0, observation.Revenue);
        Assert.Equal(Start + Duration.FromDays(20), outcomes.AsOf);
    }

    [Fact]
    public void Events_after_a_given_as_of_are_outside_and_an_empty_builder_is_judged_at_the_epoch()
    {
        var builder = new ExperimentOutcomesBuilder(Window, Start + Duration.FromDays(12));
        builder.Add(new Assignment("c1", "control", Start));
        builder.Add(new OutcomeEvent("c1", Start + Duration.FromDays(11), 5, "EUR")); // outside the 10-day window
        builder.Add(new OutcomeEvent("c1", Start + Duration.FromDays(13), 5, "EUR")); // after the as-of
        var outcomes = builder.ToOutcomes();
        Assert.Equal(2, outcomes.EventsOutsideWindow);
        Assert.False(Assert.Single(outcomes.Observations).Converted);
        Assert.Equal(AsOfRule.Empty, new ExperimentOutcomesBuilder(Window).ToOutcomes().AsOf);
        Assert.Empty(new ExperimentOutcomesBuilder(Window).ToOutcomes().Observations);
    }

    [Fact]
    public void Refuses_a_second_assignment_a_second_currency_and_a_window_that_is_not_positive()
    {
        var builder = new ExperimentOutcomesBuilder(Window);
        builder.Add(new Assignment("c1", "control", Start));
        Assert.Throws<ArgumentException>("assignment", () => builder.Add(new Assignment("c1", "b", Start)));
        Assert.Equal(1, builder.Customers);
        Assert.Equal(["control"], builder.Arms);
        builder.Add(new OutcomeEvent("c1", Start, 1, "EUR"));
        Assert.Throws<InvalidOperationException>(() => builder.Add(new OutcomeEvent("c1", Start, 1, "USD")));
        Assert.Equal("EUR", builder.Currency);
        Assert.Throws<ArgumentNullException>("assignment", () => builder.Add((Assignment)null!));
        Assert.Throws<ArgumentNullException>("outcome", () => builder.Add((OutcomeEvent)null!));
        Assert.Throws<ArgumentOutOfRangeException>("window", () => new ExperimentOutcomesBuilder(Duration.Zero));
        Assert.Throws<ArgumentException>("assignments", () => Experiment.Outcomes([new Assignment("c1", "control", Start), new Assignment("c1", "b", Start)], [], Window, Start));
    }

    [Property(MaxTest = 50)]
    public Property The_read_out_of_the_folded_outcomes_is_the_read_out_of_the_lists() => Prop.ForAll(Experiments, x =>
    {
        var design = new ExperimentDesign
        {
            ControlArm = "control",
            PlannedSplit = new Dictionary<string, double> { ["control"] = 1 / 3.0, ["a"] = 1 / 3.0, ["b"] = 1 / 3.0 },
            OutcomeWindow = Window,
            Adjustment = MultipleComparisonMethod.Holm,
        };
        if (x.Assignments.Length == 0)
        {
            return true;
        }

        var asOf = x.AsOf ?? Start + Duration.FromDays(45);
        var folded = Experiment.Of(Fold(x.Assignments, x.Events, asOf).ToOutcomes(), design);
        var lists = Experiment.Of(x.Assignments, x.Events, design, asOf);
        return folded.ToReport().ToText() == lists.ToReport().ToText() && folded.Warnings.SequenceEqual(lists.Warnings) && folded.AsOf == lists.AsOf;
    });
}
