using CxMetrics.Statistics;

namespace CxMetrics.Experiments;

/// <summary>One arm in one segment: customers assigned, pending, the conversion rate and revenue per customer.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Assigned">Customers assigned (observed + pending).</param>
/// <param name="Pending">Customers whose outcome window is still open at the as-of instant.</param>
/// <param name="Conversion">Converted over observed customers, Wilson interval.</param>
/// <param name="RevenuePerCustomer">Mean revenue over observed customers (0 for those who did not buy), t interval.</param>
public sealed record ArmResult(string Arm, long Assigned, long Pending, ProportionEstimate Conversion, MeanEstimate RevenuePerCustomer);
