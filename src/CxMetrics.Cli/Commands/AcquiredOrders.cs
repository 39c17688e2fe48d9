using CxMetrics.Acquisition;
using CxMetrics.Cli.Input;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The orders of an acquisition read-out as they are read: added to the read-out's <see cref="AcquisitionTally"/> (which the
/// sign-ups and the spend join later), with the latest instant seen for the default as-of. In <c>report DIR</c> it is one
/// more fold of the single pass over <c>orders.csv</c> (<see cref="Fold"/>); an order the tally refuses (a second currency)
/// stops this fold only — the other order families go on — and fails the acquisition section when it is printed.
/// </summary>
internal sealed class AcquiredOrders
{
    private Exception? refused;
    private bool complete;

    /// <summary>The tally the orders go into.</summary>
    public AcquisitionTally Tally { get; } = new();

    /// <summary>The latest order or sign-up instant seen.</summary>
    public Instant? Latest { get; private set; }

    /// <summary>Adds an order (the command's own read: a refused order throws at once).</summary>
    public void Add(Commerce.Order order)
    {
        Tally.Add(order);
        Saw(order.PlacedAt);
    }

    /// <summary>Notes an instant for the default as-of.</summary>
    public void Saw(Instant at) => Latest = Latest is { } l && l >= at ? l : at;

    /// <summary>The fold of the report's one read of the orders; <see cref="Folded"/> once the read has finished.</summary>
    public OrderFold Fold(OrderInput input)
    {
        var ids = input.Rows is null ? null : input.CustomerIds;
        void Keep(Commerce.Order order)
        {
            if (refused is not null)
            {
                return;
            }

            try
            {
                Add(order);
            }
            catch (Exception ex) when (ToolCommands.IsDataError(ex))
            {
                refused = ex;
            }
        }

        return new OrderFold(r => Keep(new Commerce.Order(ids![r.CustomerIndex], r.PlacedAt, r.Amount, input.Currency)), Keep);
    }

    /// <summary>Marks the read finished.</summary>
    public void Complete() => complete = true;

    /// <summary>These orders, once their read has finished without a refused order.</summary>
    /// <exception cref="InvalidOperationException">The read did not finish, or the tally refused an order.</exception>
    public AcquiredOrders Folded()
    {
        if (refused is not null)
        {
            throw new InvalidOperationException($"{ShopData.OrdersFile}: {refused.Message}", refused);
        }

        return complete ? this : throw new InvalidOperationException($"{ShopData.OrdersFile} could not be read (see its section), and the acquisition read-out needs its orders.");
    }
}
