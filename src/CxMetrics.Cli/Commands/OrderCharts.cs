using CxMetrics.Lifetime;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// What the HTML report's order charts (cohort heat map, P(alive), holdout check and tracking) draw from: the tallies that
/// <c>report DIR</c>'s one read of <c>orders.csv</c> fills for its tables — the cohort tally (every order, those after
/// --as-of counted) and the CLV's per-customer tally (the orders at or before --as-of) — so no order is kept.
/// </summary>
internal sealed class OrderCharts
{
    /// <summary>The cohort tables' tally, bound to the orders file's grid and --as-of.</summary>
    public CohortTally? Cohorts { get; set; }

    /// <summary>The CLV tables' per-customer tally of the orders at or before --as-of.</summary>
    public CustomerSummaryTally? Customers { get; set; }

    /// <summary>The latest order at or before --as-of (every order without it), or <see langword="null"/> for none.</summary>
    public Instant? Latest { get; set; }

    /// <summary>Orders read, those after --as-of included.</summary>
    public long Orders => Cohorts?.OrderCount ?? 0;
}
