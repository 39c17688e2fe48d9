namespace CxMetrics.Experiments;

/// <summary>Whether a customer's outcome can be judged at the as-of instant.</summary>
public enum OutcomeStatus
{
    /// <summary>The outcome window has closed: the customer counts, converted or not.</summary>
    Observed = 0,

    /// <summary>The outcome window is still open: counted apart, never as "did not convert".</summary>
    Pending = 1,
}
