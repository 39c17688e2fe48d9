namespace CxMetrics.Statistics;

/// <summary>Adjusted p-values for a family of tests, as R's <c>p.adjust</c> computes them.</summary>
public static class MultipleComparisons
{
    /// <summary>
    /// Adjusts p-values. Holm: sort ascending, <c>p̃₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)·p₍ⱼ₎)</c>.
    /// Benjamini–Hochberg: <c>p̃₍ᵢ₎ = min_{j≥i} min(1, m·p₍ⱼ₎/j)</c>. Results are in the input order.
    /// </summary>
    /// <param name="pValues">Raw p-values in [0, 1].</param>
    /// <param name="method">The adjustment.</param>
    /// <returns>Adjusted p-values, each ≥ its raw value and ≤ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is outside [0, 1] or NaN, or the method is unknown.</exception>
    public static double[] Adjust(ReadOnlySpan<double> pValues, MultipleComparisonMethod method)
    {
        int m = pValues.Length;
        for (int i = 0; i < m; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value {pValues[i]} at position {i} must be between 0 and 1.");
            }
        }

        var adjusted = new double[m];
        var order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        var keys = pValues.ToArray();
        Array.Sort(keys, order);
        switch (method)
        {
            case MultipleComparisonMethod.None:
                pValues.CopyTo(adjusted);
                break;
            case MultipleComparisonMethod.Holm:
            {
                double running = 0;
                for (int rank = 0; rank < m; rank++)
                {
                    running = Math.Max(running, Math.Min(1, (m - rank) * keys[rank]));
                    adjusted[order[rank]] = running;
                }

                break;
            }

            case MultipleComparisonMethod.BenjaminiHochberg:
            {
                double running = 1;
                for (int rank = m - 1; rank >= 0; rank--)
                {
                    running = Math.Min(running, Math.Min(1, m * keys[rank] / (rank + 1)));

                    // m·p/m can round one ulp below p; the adjusted value is never below the raw one.
                    adjusted[order[rank]] = Math.Max(running, keys[rank]);
                }

                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, $"unknown adjustment {method}.");
        }

        return adjusted;
    }
}
