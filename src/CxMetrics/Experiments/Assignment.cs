using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>A customer put into an arm of an experiment (e.g. a retention offer: control, 10% off, free shipping).</summary>
public sealed record Assignment
{
    /// <summary>Creates an assignment.</summary>
    /// <param name="customerId">The customer; not empty.</param>
    /// <param name="arm">The arm; not empty.</param>
    /// <param name="assignedAt">When the customer was assigned (the outcome window starts here).</param>
    public Assignment(string customerId, string arm, Instant assignedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(arm);
        CustomerId = customerId;
        Arm = arm;
        AssignedAt = assignedAt;
    }

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>The arm.</summary>
    public string Arm { get; }

    /// <summary>When the customer was assigned.</summary>
    public Instant AssignedAt { get; }

    /// <summary>The customer's segment (results are read per segment); optional.</summary>
    public string? Segment { get; init; }

    /// <summary>
    /// The customer's pre-period covariate for CUPED (<see cref="ExperimentDesign.Cuped"/>): a value measured before
    /// assignment that predicts the outcome, such as spend or orders in the 30 days before; optional (a customer
    /// without one counts as 0, as GrowthBook does).
    /// </summary>
    public double? Covariate
    {
        get => covariate;
        init
        {
            if (value is { } v && !double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(nameof(Covariate), v, $"covariate {v} of customer '{CustomerId}' must be a finite number.");
            }

            covariate = value;
        }
    }

    private readonly double? covariate;
}
