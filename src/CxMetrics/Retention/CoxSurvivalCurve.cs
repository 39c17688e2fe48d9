using System.Globalization;

namespace CxMetrics.Retention;

/// <summary>
/// The adjusted survival curve of one covariate profile under a Cox model (<see cref="CoxModel.SurvivalCurve(CoxDesign)"/>,
/// R's <c>survfit(coxph, newdata)</c>): <c>S(t) = exp(−H₀(t)·r)</c>, r the profile's relative risk against the centring means,
/// with the pointwise interval of each step (the variance of the cumulative hazard includes the coefficients' uncertainty).
/// </summary>
/// <remarks>Record equality compares <see cref="Steps"/> by reference.</remarks>
public sealed record CoxSurvivalCurve
{
    /// <summary>The stratum of the profile, or <see langword="null"/> for an unstratified model.</summary>
    public required string? Stratum { get; init; }

    /// <summary>The profile's relative risk <c>exp(β̂ᵀ(x − x̄))</c> against the covariate means the baseline is centred on.</summary>
    public required double RelativeRisk { get; init; }

    /// <summary>The confidence level of the steps' intervals (the model's).</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>The curve at each event time of the stratum, in increasing time.</summary>
    public required IReadOnlyList<CoxSurvivalStep> Steps { get; init; }

    /// <summary>The curve at <paramref name="time"/> (right-continuous step function; 1 before the first event).</summary>
    /// <param name="time">The time.</param>
    /// <returns>S(time).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is NaN.</exception>
    public double SurvivalAt(double time)
    {
        if (double.IsNaN(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "time must be a number.");
        }

        int lo = 0, hi = Steps.Count - 1, at = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Steps[mid].Time <= time)
            {
                at = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return at < 0 ? 1.0 : Steps[at].Survival;
    }

    /// <summary>Formats as <c>Cox survival curve: 139 steps, S(1022) = 0.135</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Steps.Count == 0
        ? "Cox survival curve: no events"
        : string.Create(CultureInfo.InvariantCulture, $"Cox survival curve{(Stratum is null ? string.Empty : $" ({Stratum})")}: {Steps.Count} steps, S({Steps[^1].Time:G6}) = {Steps[^1].Survival:G3}");
}
