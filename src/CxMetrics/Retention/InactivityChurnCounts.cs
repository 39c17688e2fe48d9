namespace CxMetrics.Retention;

/// <summary>The customers of an <see cref="InactivityChurnTally"/> judged at one instant (<see cref="InactivityChurnTally.CountsAt"/>).</summary>
/// <param name="Customers">Customers with an order at or before the instant.</param>
/// <param name="Active">Customers whose first order is at least a window old and who ordered within the last window.</param>
/// <param name="Churned">Customers whose first order is at least a window old and who did not order within the last window.</param>
/// <param name="Pending">Customers whose first order lies inside the last window: too new to be judged.</param>
public readonly record struct InactivityChurnCounts(long Customers, long Active, long Churned, long Pending)
{
    /// <summary>The customers judged: <c>Active + Churned</c>.</summary>
    public long Judged => Active + Churned;
}
