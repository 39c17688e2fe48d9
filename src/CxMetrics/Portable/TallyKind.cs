namespace CxMetrics.Portable;

/// <summary>
/// The kind of tally a serialised payload holds, written in its header (bytes 6–7) and, as a name, in its JSON form. The
/// numbers are part of the format: they never change meaning, and new kinds get new numbers.
/// </summary>
public enum TallyKind
{
    /// <summary><see cref="Surveys.NpsTally"/>; JSON name <c>nps</c>.</summary>
    Nps = 1,

    /// <summary><see cref="Surveys.RatingTally"/> (CSAT, CES, any rating scale); JSON name <c>rating</c>.</summary>
    Rating = 2,

    /// <summary><see cref="Statistics.BinomialTally"/>; JSON name <c>binomial</c>.</summary>
    Binomial = 3,

    /// <summary><see cref="Statistics.RunningMoments"/>; JSON name <c>moments</c>.</summary>
    RunningMoments = 4,

    /// <summary><see cref="Statistics.QuantileSketch"/>; JSON name <c>quantile-sketch</c>.</summary>
    QuantileSketch = 5,

    /// <summary><see cref="Conversion.ConversionTally"/>; JSON name <c>conversion</c>.</summary>
    Conversion = 6,

    /// <summary><see cref="Support.SupportTally"/>; JSON name <c>support</c>.</summary>
    Support = 7,

    /// <summary><see cref="Retention.CohortTally"/>; JSON name <c>cohort</c>.</summary>
    Cohort = 8,

    /// <summary><see cref="Retention.KaplanMeierTally"/>; JSON name <c>kaplan-meier</c>.</summary>
    KaplanMeier = 9,

    /// <summary><see cref="Lifetime.CustomerSummaryTally"/>; JSON name <c>customer-summary</c>.</summary>
    CustomerSummary = 10,

    /// <summary><see cref="Commerce.CartTally"/> (every unit's distinct events and attributes); JSON name <c>cart</c>.</summary>
    Cart = 11,

    /// <summary><see cref="Support.SlaTally"/> (SLA attainment counts per channel, priority, metric and target); JSON name <c>sla</c>.</summary>
    SlaAttainment = 12,

    /// <summary><see cref="Experiments.ExperimentTally"/> (per segment × arm: pending, observed, converted customers and revenue moments); JSON name <c>experiment</c>.</summary>
    Experiment = 13,

    /// <summary><see cref="Retention.SubscriptionTally"/> (subscription events, from which churn and the MRR bridge are replayed); JSON name <c>subscription</c>.</summary>
    Subscription = 14,

    /// <summary><see cref="Retention.InactivityChurnTally"/> (per customer the spells of activity, for inactivity churn at any instant); JSON name <c>inactivity-churn</c>.</summary>
    InactivityChurn = 15,

    /// <summary><see cref="CxMetrics.Reviews.ReviewTally"/> (per source its scale and reviews and replies per rating, and the hours to reply to negative reviews); JSON name <c>reviews</c>.</summary>
    Reviews = 16,

    /// <summary><see cref="Support.TicketResolutionTally"/> (solved, one- and two-touch, first-contact, reopened tickets and public replies); JSON name <c>ticket-resolution</c>.</summary>
    TicketResolution = 17,

    /// <summary><see cref="Support.BacklogTally"/> (per period of a grid: created, solved, reopened and open tickets and their ages); JSON name <c>backlog</c>.</summary>
    Backlog = 18,

    /// <summary><see cref="CxMetrics.Acquisition.AcquisitionTally"/> (acquired customers with source and campaign, their orders, and the spend per source and period); JSON name <c>acquisition</c>.</summary>
    Acquisition = 19,

    /// <summary><see cref="Statistics.CupedTally"/> (one arm's count, outcome and covariate means, their centred second moments and co-moment); JSON name <c>cuped</c>.</summary>
    Cuped = 20,
}
