namespace CxMetrics.Retention;

/// <summary>What puts a customer into a cohort.</summary>
public enum CohortAnchor
{
    /// <summary>The customer's first order (at or before the as-of instant). Offset 0 always holds the first order.</summary>
    FirstPurchase = 0,

    /// <summary>
    /// The customer's signup (<see cref="CohortTally.AddSignup"/>). Customers without a signup are left out and
    /// counted; orders before the signup are left out and counted.
    /// </summary>
    Signup = 1,
}
