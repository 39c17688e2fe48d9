using System.Collections;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// The events of a <see cref="SubscriptionTally"/> in replay order (customer, instant, subscription, order added), read
/// from the tally's columns through a permutation: nothing per event is kept but the permutation's position, and an
/// event record is made only when one is asked for (<see cref="this[int]"/>). The tally only ever appends, so a replay
/// taken before later <c>Add</c>s or <c>Merge</c>s still reads the events it was taken over.
/// </summary>
internal sealed class SubscriptionReplay(SubscriptionTally tally, int[] order) : IReadOnlyList<SubscriptionEvent>
{
    /// <summary>Events in the replay.</summary>
    public int Count => order.Length;

    /// <summary>Event <paramref name="i"/> of the replay order, made as a record.</summary>
    public SubscriptionEvent this[int i] => tally.EventAt(order[i]);

    /// <summary>The customer position of event <paramref name="i"/> (equal positions: the same customer).</summary>
    public int Customer(int i) => tally.CustomerOf(order[i]);

    /// <summary>The customer id of event <paramref name="i"/>.</summary>
    public string CustomerId(int i) => tally.CustomerId(Customer(i));

    /// <summary>The instant of event <paramref name="i"/>.</summary>
    public Instant At(int i) => tally.InstantAt(order[i]);

    /// <summary>Whether events <paramref name="i"/> and <paramref name="j"/> of the replay order happen at the same instant.</summary>
    public bool SameInstant(int i, int j) => tally.SameInstant(order[i], order[j]);

    public IEnumerator<SubscriptionEvent> GetEnumerator()
    {
        for (int i = 0; i < order.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
