using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>Choices of a Cox proportional-hazards fit (<see cref="CoxRegression.Fit(IReadOnlyList{SurvivalObservation}, CoxDesign, CoxOptions?)"/>), each with R's default.</summary>
public sealed record CoxOptions : EstimateOptions
{
    private readonly int maxIterations = 20;
    private readonly CoxTies ties = CoxTies.Efron;

    /// <summary>The defaults: Efron ties, 20 Newton–Raphson iterations, 95% intervals.</summary>
    public static CoxOptions Default { get; } = new();

    /// <summary>How tied event times are handled. Default <see cref="CoxTies.Efron"/>, as R <c>coxph</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="CoxTies"/>.</exception>
    public CoxTies Ties
    {
        get => ties;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(Ties), value, $"{value} is not a tie method (Efron or Breslow).");
            }

            ties = value;
        }
    }

    /// <summary>
    /// The most Newton–Raphson iterations (each one pass over the sorted data; a halved step counts as one). Default 20,
    /// R's <c>coxph.control(iter.max = 20)</c>; a well-posed fit takes 3–7. Must be at least 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxIterations
    {
        get => maxIterations;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxIterations));
            maxIterations = value;
        }
    }
}
