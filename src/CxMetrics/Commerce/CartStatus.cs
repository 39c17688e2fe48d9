namespace CxMetrics.Commerce;

/// <summary>The state of one unit (cart, session or user) as of an instant.</summary>
public enum CartStatus
{
    /// <summary>The unit has cart activity and a purchase at or before the as-of instant.</summary>
    Purchased = 0,

    /// <summary>The unit has cart activity, no purchase, and has been inactive for at least the time-out.</summary>
    Abandoned = 1,

    /// <summary>The unit has cart activity, no purchase, and was active within the time-out: it cannot be judged yet.</summary>
    Pending = 2,

    /// <summary>A purchase without any cart or checkout event before it: an anomaly, reported and kept out of the rates.</summary>
    PurchaseWithoutCart = 3,

    /// <summary>Only shop events (reminders) or only events after the as-of instant: no cart to judge.</summary>
    NoCartActivity = 4,
}
