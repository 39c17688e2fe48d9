namespace CxMetrics.Retention;

/// <summary>
/// The kind of a change in a customer's monthly recurring revenue, in the customer-level classification ChartMogul,
/// Baremetrics and ProfitWell use ("MRR movements").
/// </summary>
public enum MrrMovementKind
{
    /// <summary>New business: the customer's MRR goes from 0 to positive for the first time.</summary>
    New = 0,

    /// <summary>Expansion: a paying customer's MRR rises (upgrade, more seats, an added subscription).</summary>
    Expansion = 1,

    /// <summary>Contraction: a paying customer's MRR falls but stays above 0 (downgrade, one of several subscriptions cancelled).</summary>
    Contraction = 2,

    /// <summary>Churn: the customer's MRR falls to 0.</summary>
    Churn = 3,

    /// <summary>Reactivation: a customer who paid before and fell to 0 pays again.</summary>
    Reactivation = 4,
}
