using CxMetrics.Commerce;
using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Retention;

/// <summary>Tests of <see cref="CustomerSpell.ObservedAt"/> and <see cref="CustomerSpells.Of"/>: lifetimes for Kaplan–Meier.</summary>
public class CustomerLifetimeSpellTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);
    private static readonly Duration Day = Duration.FromDays(1);

    private static Order O(string customer, int day) => new(customer, Start + Duration.FromDays(day), 10m, "EUR");

    [Fact]
    public void A_spell_that_ended_before_as_of_is_an_event_at_its_length()
    {
        var spell = new CustomerSpell("c1", Start, Start + Duration.FromDays(30));
        var o = spell.ObservedAt(Start + Duration.FromDays(100), Day);
        Assert.True(o.Event);
        Assert.Equal(30, o.Duration, 12);
        Assert.Equal("c1", o.Id);
    }

    [Fact]
    public void A_spell_ending_after_as_of_or_open_is_censored_at_as_of()
    {
        var asOf = Start + Duration.FromDays(20);
        var later = new CustomerSpell("c1", Start, Start + Duration.FromDays(30)).ObservedAt(asOf, Day);
        var open = new CustomerSpell("c2", Start + Duration.FromDays(5), null).ObservedAt(asOf, Day);
        Assert.False(later.Event);
        Assert.Equal(20, later.Duration, 12);
        Assert.False(open.Event);
        Assert.Equal(15, open.Duration, 12);
    }

    [Fact]
    public void A_spell_after_as_of_or_a_zero_unit_is_refused()
    {
        var spell = new CustomerSpell("c1", Start, null);
        Assert.Throws<ArgumentOutOfRangeException>("asOf", () => spell.ObservedAt(Start - Day, Day));
        Assert.Throws<ArgumentOutOfRangeException>("unit", () => spell.ObservedAt(Start, Duration.Zero));
    }

    [Fact]
    public void Order_spells_end_at_last_order_plus_window_only_when_that_is_before_as_of()
    {
        var asOf = Start + Duration.FromDays(200);
        var spells = CustomerSpells.Of([O("b", 150), O("a", 10), O("a", 40), O("b", 120), O("c", 250)], Duration.FromDays(90), asOf);
        Assert.Equal(["a", "b"], spells.Select(s => s.CustomerId));
        Assert.Equal(Start + Duration.FromDays(10), spells[0].From);
        Assert.Equal(Start + Duration.FromDays(130), spells[0].To);
        Assert.Equal(Start + Duration.FromDays(120), spells[1].From);
        Assert.Null(spells[1].To);
    }

    [Property(MaxTest = 200)]
    public Property Order_spells_agree_with_inactivity_churn_on_who_has_churned() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Zip(Gen.Choose(0, 9), Gen.Choose(0, 400))).ToArbitrary(),
            Gen.Choose(1, 200).ToArbitrary(),
            (rows, window) =>
            {
                var orders = rows.Select(r => O("c" + r.Item1, r.Item2)).ToList();
                var asOf = Start + Duration.FromDays(300);
                var w = Duration.FromDays(window);
                var spells = CustomerSpells.Of(orders, w, asOf);
                var churn = InactivityChurn.Of(orders, w, asOf);
                return spells.Count == churn.Customers && spells.Count(s => s.To is not null) == churn.Churned
                    && spells.All(s => s.ObservedAt(asOf, Day).Duration >= 0);
            });
}
