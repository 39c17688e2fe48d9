namespace CxMetrics.Breakdowns;

/// <summary>Which test of "all groups alike" a breakdown comparison ran.</summary>
public enum OmnibusTestKind
{
    /// <summary>Pearson's χ² test of homogeneity of k proportions (<see cref="Statistics.ChiSquareTest.Homogeneity"/>), as R's <c>prop.test(x, n, correct = FALSE)</c>.</summary>
    ChiSquareHomogeneity = 0,

    /// <summary>Pearson's χ² test of independence of a categories × groups table (<see cref="Statistics.ChiSquareTest.Independence"/>), as R's <c>chisq.test</c>.</summary>
    ChiSquareIndependence = 1,

    /// <summary>Welch's (1951) ANOVA of k means with unequal variances (<see cref="Statistics.WelchAnova"/>), as R's <c>oneway.test(var.equal = FALSE)</c>.</summary>
    WelchAnova = 2,
}
