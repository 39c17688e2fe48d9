namespace CxMetrics.Retention;

/// <summary>What happened to a subscription.</summary>
public enum SubscriptionEventKind
{
    /// <summary>The subscription begins (first time), at the MRR given.</summary>
    Start = 0,

    /// <summary>The plan changes (upgrade, downgrade, seats, price) to the MRR given.</summary>
    PlanChange = 1,

    /// <summary>
    /// The subscription is paused (the "freeze" model): the customer stays a customer and the subscription keeps its
    /// committed MRR; a pause is neither churn nor contraction. It ends with <see cref="Resume"/> or <see cref="Cancel"/>.
    /// </summary>
    Pause = 2,

    /// <summary>A paused subscription resumes at the MRR it had before the pause.</summary>
    Resume = 3,

    /// <summary>One billing cycle or delivery is skipped (the "skip" model); nothing else changes. Not churn.</summary>
    Skip = 4,

    /// <summary>The subscription ends: its MRR drops to 0.</summary>
    Cancel = 5,

    /// <summary>A cancelled subscription starts again, at the MRR given.</summary>
    Reactivate = 6,

    /// <summary>
    /// A free trial begins (no MRR). The subscriber is not a customer while on trial (ChartMogul counts trials as leads, not
    /// customers); a <see cref="Start"/> of the same subscription converts it to paid, a <see cref="Cancel"/> ends it unpaid.
    /// See <see cref="TrialConversion"/>.
    /// </summary>
    TrialStart = 7,
}
