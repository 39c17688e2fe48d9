using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>Choices for cart abandonment, funnels and recovery, each with a documented default.</summary>
public sealed record CartOptions : EstimateOptions
{
    private readonly Duration inactivityTimeout = Duration.FromMinutes(30);
    private readonly Duration recoveryWindow = Duration.FromDays(7);
    private readonly IReadOnlyList<FunnelStep> steps = FunnelStep.Defaults;

    /// <summary>The defaults: unit cart, 30-minute time-out, 7-day recovery window, the default closed funnel, 95% Wilson
    /// intervals, small cells below 30.</summary>
    public static CartOptions Default { get; } = new();

    /// <summary>What one event key identifies (cart, session or user). Default <see cref="AnalysisUnit.Cart"/>. Printed with every result.</summary>
    public AnalysisUnit Unit { get; init; } = AnalysisUnit.Cart;

    /// <summary>
    /// How long a unit without purchase must have been inactive (no customer event) at the as-of instant before it counts
    /// as abandoned; until then it is pending. Default 30 minutes — GA4's default session time-out, so a cart is abandoned
    /// when the visit that held it has ended. Shopify marks a checkout abandoned 10 minutes after the customer left it with
    /// contact details; e-mail tools commonly wait 1–24 hours. Must be positive.
    /// </summary>
    public Duration InactivityTimeout
    {
        get => inactivityTimeout;
        init
        {
            if (value <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(InactivityTimeout), value, $"inactivity time-out {value} must be positive.");
            }

            inactivityTimeout = value;
        }
    }

    /// <summary>
    /// How long after the first reminder a purchase still counts as recovered by it. Default 7 days (a common attribution
    /// window of abandoned-cart e-mail tools). Must be positive.
    /// </summary>
    public Duration RecoveryWindow
    {
        get => recoveryWindow;
        init
        {
            if (value <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(RecoveryWindow), value, $"recovery window {value} must be positive.");
            }

            recoveryWindow = value;
        }
    }

    /// <summary>The ordered funnel steps. Default <see cref="FunnelStep.Defaults"/>; at least two steps, no kind in two steps.</summary>
    public IReadOnlyList<FunnelStep> Steps
    {
        get => steps;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Steps));
            if (value.Count < 2)
            {
                throw new ArgumentException($"a funnel needs at least two steps, not {value.Count}.", nameof(Steps));
            }

            uint seen = 0;
            foreach (var step in value)
            {
                ArgumentNullException.ThrowIfNull(step, nameof(Steps));
                if ((seen & step.KindMask) != 0)
                {
                    throw new ArgumentException($"funnel step '{step.Name}' repeats an event kind of an earlier step; each kind may reach one step only.", nameof(Steps));
                }

                seen |= step.KindMask;
            }

            steps = value.ToArray();
        }
    }

    /// <summary>Closed (must enter at step 1; GA4's default) or open funnel. Default <see cref="FunnelMode.Closed"/>.</summary>
    public FunnelMode Mode { get; init; } = FunnelMode.Closed;
}
