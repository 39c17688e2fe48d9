namespace CxMetrics.Acquisition;

/// <summary>
/// Revenue per acquired customer at a horizon h: the revenue of orders placed at most h days after each customer's
/// acquisition, summed over the cohorts old enough (whose period ended at least h days before the as-of, so every
/// customer in them was observed for h days), over those cohorts' acquired customers (buyers and non-buyers).
/// </summary>
/// <param name="HorizonDays">The horizon h in days.</param>
/// <param name="Customers">Acquired customers of the cohorts old enough; 0 when none is.</param>
/// <param name="Revenue">Their revenue within h days, or <see langword="null"/> when no cohort is old enough.</param>
/// <param name="PerCustomer"><c>Revenue / Customers</c>, or <see langword="null"/> when no cohort is old enough.</param>
public sealed record AcquisitionRevenue(int HorizonDays, long Customers, decimal? Revenue, decimal? PerCustomer);
