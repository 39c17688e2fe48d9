namespace CxMetrics.Commerce;

/// <summary>How a unit enters a funnel (GA4 funnel exploration: "open" or "closed" funnel).</summary>
public enum FunnelMode
{
    /// <summary>
    /// A unit is counted at step k only when it reached every step 1..k (GA4's default "closed funnel": users must enter at
    /// the first step). Counts never increase from one step to the next.
    /// </summary>
    Closed = 0,

    /// <summary>
    /// A unit is counted at every step it reached, wherever it entered (GA4 "open funnel"); continuing from step k means
    /// reaching step k and step k + 1. Counts may increase from one step to the next.
    /// </summary>
    Open = 1,
}
