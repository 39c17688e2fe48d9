namespace CxMetrics.Statistics;

/// <summary>How p-values of a family of tests (segments × arms, pairs of a breakdown) are adjusted. Experiment designs have no default (choose on purpose); a breakdown's <c>Compare</c> defaults to <see cref="Holm"/>.</summary>
public enum MultipleComparisonMethod
{
    /// <summary>No adjustment: each test at its own level (only for a single pre-registered comparison).</summary>
    None = 0,

    /// <summary>Holm (1979) step-down: controls the family-wise error rate, uniformly more powerful than Bonferroni.</summary>
    Holm = 1,

    /// <summary>Benjamini &amp; Hochberg (1995) step-up: controls the false discovery rate under independence or positive dependence.</summary>
    BenjaminiHochberg = 2,
}
