using System.Globalization;
using CxMetrics.Statistics;
using CxMetrics.Time;

namespace CxMetrics.Acquisition;

/// <summary>
/// One line of an acquisition read-out: an acquisition cohort (a source in a calendar period), a source over all periods
/// (<see cref="Period"/> <see langword="null"/>), or every customer (<see cref="AcquisitionResult.Total"/>).
/// </summary>
public sealed record AcquisitionCohort
{
    /// <summary>The acquisition source; <see langword="null"/> for customers without a source (and for the total line).</summary>
    public required string? Source { get; init; }

    /// <summary>The period of acquisition; <see langword="null"/> for a line over all periods.</summary>
    public required CalendarPeriod? Period { get; init; }

    /// <summary>Customers acquired (at or before the as-of).</summary>
    public required long Acquired { get; init; }

    /// <summary>Customers acquired less than k days before the as-of: their k-day window is still open, so they are not in <see cref="FirstPurchase"/>'s denominator.</summary>
    public required long Pending { get; init; }

    /// <summary>Customers who placed a first order by the as-of (at any time after acquisition).</summary>
    public required long Buyers { get; init; }

    /// <summary>
    /// The share of customers whose first order came at most k days after acquisition, among the customers acquired at least
    /// k days before the as-of (<c>Acquired − Pending</c>), with its interval (Wilson by default).
    /// </summary>
    public required ProportionEstimate FirstPurchase { get; init; }

    /// <summary>Revenue per acquired customer at each horizon of the options (and the LTV horizon), ascending.</summary>
    public required IReadOnlyList<AcquisitionRevenue> Revenue { get; init; }

    /// <summary>The acquisition spend of the line, or <see langword="null"/> when no spend was given for it.</summary>
    public required decimal? Spend { get; init; }

    /// <summary>Customer acquisition cost (CAC): <c>Spend / Acquired</c>; <see langword="null"/> without spend or customers.</summary>
    public required decimal? CostPerAcquiredCustomer { get; init; }

    /// <summary>Cost per acquired buyer: <c>Spend / Buyers</c> (buyers by the as-of, so it falls as a cohort ages); <see langword="null"/> without spend or buyers.</summary>
    public required decimal? CostPerBuyer { get; init; }

    /// <summary>
    /// LTV:CAC: the historical revenue in the first LTV-horizon days (365 by default) per acquired customer over the CAC,
    /// which is the revenue of the cohorts old enough that have spend over their spend; <see langword="null"/> when no cohort
    /// with spend is old enough. Revenue, not margin: multiply by the gross margin to compare with a margin-based target.
    /// </summary>
    public required double? LtvToCac { get; init; }

    /// <summary>The revenue at a horizon.</summary>
    /// <param name="days">A horizon of <see cref="Revenue"/>.</param>
    /// <returns>The revenue at that horizon, or <see langword="null"/> when the horizon was not computed.</returns>
    public AcquisitionRevenue? RevenueAt(int days)
    {
        foreach (var r in Revenue)
        {
            if (r.HorizonDays == days)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>Formats as <c>search 2025-03: 1,200 acquired, first purchase 12.40% (…), 40 pending</c>.</summary>
    /// <returns>The line as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Source ?? "(no source)"}{(Period is { } p ? " " + p : string.Empty)}: {Acquired:N0} acquired, first purchase {FirstPurchase}, {Pending:N0} pending");
}
