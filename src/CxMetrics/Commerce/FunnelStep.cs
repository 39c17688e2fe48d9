namespace CxMetrics.Commerce;

/// <summary>
/// One step of a funnel: a name and the event kinds that reach it (a unit reaches the step at the earliest event of any
/// of these kinds). The default funnel is <see cref="Defaults"/>.
/// </summary>
public sealed class FunnelStep
{
    /// <summary>Creates a step.</summary>
    /// <param name="name">The step's name for reports; not empty.</param>
    /// <param name="kinds">The kinds that reach it; at least one, no duplicates, not <see cref="CartEventKind.ReminderSent"/>.</param>
    /// <exception cref="ArgumentException">The name is empty, no kind is given, a kind is repeated or undefined, or a kind is a reminder.</exception>
    public FunnelStep(string name, params CartEventKind[] kinds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Length == 0)
        {
            throw new ArgumentException($"funnel step '{name}' needs at least one event kind.", nameof(kinds));
        }

        uint mask = 0;
        foreach (var kind in kinds)
        {
            if (!Enum.IsDefined(kind) || kind == CartEventKind.ReminderSent)
            {
                throw new ArgumentException($"funnel step '{name}': event kind {kind} cannot reach a step (reminders are the shop's, not the customer's).", nameof(kinds));
            }

            if ((mask & (1u << (int)kind)) != 0)
            {
                throw new ArgumentException($"funnel step '{name}' lists event kind {kind} twice.", nameof(kinds));
            }

            mask |= 1u << (int)kind;
        }

        Name = name;
        Kinds = kinds.ToArray();
        KindMask = mask;
    }

    /// <summary>The default checkout funnel (GA4's recommended e-commerce events): add to cart (cart created or item added)
    /// → begin checkout → shipping → payment → purchase.</summary>
    public static IReadOnlyList<FunnelStep> Defaults { get; } =
    [
        new("add to cart", CartEventKind.Created, CartEventKind.ItemAdded),
        new("begin checkout", CartEventKind.CheckoutStarted),
        new("shipping info", CartEventKind.ShippingInfo),
        new("payment info", CartEventKind.PaymentInfo),
        new("purchase", CartEventKind.Purchase, CartEventKind.RecoveredThroughReminder),
    ];

    /// <summary>The step's name.</summary>
    public string Name { get; }

    /// <summary>The event kinds that reach the step.</summary>
    public IReadOnlyList<CartEventKind> Kinds { get; }

    /// <summary>Bit i set when kind i reaches the step.</summary>
    internal uint KindMask { get; }

    /// <summary>Whether <paramref name="kind"/> reaches this step.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> when it is one of <see cref="Kinds"/>.</returns>
    public bool IsReachedBy(CartEventKind kind) => (KindMask & (1u << (int)kind)) != 0;

    /// <summary>Formats as the name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
