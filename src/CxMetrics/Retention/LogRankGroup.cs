namespace CxMetrics.Retention;

/// <summary>One group's line of a log-rank test (a row of R's <c>survdiff</c> output).</summary>
public sealed record LogRankGroup
{
    /// <summary>The group's label (its key as text, or its position).</summary>
    public required string Label { get; init; }

    /// <summary>Observations in the group (unweighted), R's <c>N</c>.</summary>
    public required long Count { get; init; }

    /// <summary>Observed events, <c>O = Σⱼ wⱼ d_gj</c> (weighted by the G(ρ, γ) weights wⱼ, 1 for the plain test; summed over strata).</summary>
    public required double Observed { get; init; }

    /// <summary>Expected events under equal hazards, <c>E = Σⱼ wⱼ n_gj·dⱼ/nⱼ</c> (weighted; summed over strata).</summary>
    public required double Expected { get; init; }

    /// <summary>The group's diagonal variance term <c>V_gg = Σⱼ wⱼ² dⱼ(nⱼ − dⱼ)/(nⱼ − 1)·(n_gj/nⱼ)(1 − n_gj/nⱼ)</c> (summed over strata).</summary>
    public required double Variance { get; init; }
}
