namespace CxMetrics.Commerce;

/// <summary>Where a unit stands with respect to the shop's abandoned-cart reminders, as of an instant.</summary>
public enum RecoveryStatus
{
    /// <summary>No reminder was sent at or before the as-of instant.</summary>
    NotReminded = 0,

    /// <summary>A purchase (or a recovered-through-reminder event) followed the first reminder within the recovery window.</summary>
    Recovered = 1,

    /// <summary>The recovery window after the first reminder closed without a purchase.</summary>
    NotRecovered = 2,

    /// <summary>The recovery window is still open and no purchase has come yet: cannot be judged.</summary>
    Pending = 3,
}
