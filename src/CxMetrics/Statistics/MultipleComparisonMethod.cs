namespace CxMetrics.Statistics;

/// <summary>How p-values of a family of tests (segments × arms) are adjusted. There is no default: choose on purpose.</summary>
public enum MultipleComparisonMethod
{
    /// <summary>No adjustment: each test at its own level (only for a single pre-registered comparison).</summary>
    None = 0,

    /// <summary>Holm (1979) step-down: controls the family-wise error rate, uniformly more powerful than Bonferroni.</summary>
    Holm = 1,

    /// <summary>Benjamini &amp; Hochberg (1995) step-up: controls the false discovery rate under independence or positive dependence.</summary>
    BenjaminiHochberg = 2,
}
