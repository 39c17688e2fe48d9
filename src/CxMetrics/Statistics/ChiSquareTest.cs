using MathNet.Numerics;

namespace CxMetrics.Statistics;

/// <summary>Pearson's chi-square goodness-of-fit test of observed counts against expected shares.</summary>
public static class ChiSquareTest
{
    /// <summary>
    /// <c>χ² = Σ (oᵢ − eᵢ)²/eᵢ</c> with <c>eᵢ = N·πᵢ</c>, <c>k − 1</c> degrees of freedom, upper-tail p-value. Used for the
    /// sample-ratio-mismatch check of experiments (planned split vs observed assignment counts).
    /// </summary>
    /// <param name="observed">Observed counts (k ≥ 2).</param>
    /// <param name="expectedShares">Planned shares; positive, normalised here if they do not sum to 1.</param>
    /// <returns>The statistic, degrees of freedom and p-value; p = 1 when nothing was observed.</returns>
    /// <exception cref="ArgumentException">Lengths differ, fewer than two cells, a negative count or a non-positive share.</exception>
    public static ChiSquareResult GoodnessOfFit(ReadOnlySpan<long> observed, ReadOnlySpan<double> expectedShares)
    {
        if (observed.Length != expectedShares.Length || observed.Length < 2)
        {
            throw new ArgumentException($"need at least two cells and as many shares ({expectedShares.Length}) as counts ({observed.Length}).", nameof(expectedShares));
        }

        double shareTotal = 0;
        long total = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(observed[i], nameof(observed));
            if (!(expectedShares[i] > 0) || !double.IsFinite(expectedShares[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(expectedShares), expectedShares[i], $"planned share {expectedShares[i]} at position {i} must be positive and finite.");
            }

            shareTotal += expectedShares[i];
            total += observed[i];
        }

        int df = observed.Length - 1;
        if (total == 0)
        {
            return new ChiSquareResult(0, df, 1);
        }

        double statistic = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double expected = total * expectedShares[i] / shareTotal;
            double diff = observed[i] - expected;
            statistic += diff * diff / expected;
        }

        // Upper tail Q(df/2, χ²/2) directly, so small p-values keep their precision.
        return new ChiSquareResult(statistic, df, SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2));
    }
}
