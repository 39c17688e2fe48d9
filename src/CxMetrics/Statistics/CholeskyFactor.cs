namespace CxMetrics.Statistics;

/// <summary>
/// The Cholesky factorisation A = L·Lᵀ of a small symmetric positive-definite matrix held row-major in a span (the k × k
/// Hessians of the maximum-likelihood fits, k ≤ a handful), with the solve and the inverse's diagonal it serves:
/// Golub &amp; Van Loan (2013), <i>Matrix Computations</i>, Algorithm 4.2.1. Allocation-free, so a fit's first call does not
/// pay for a general linear-algebra stack.
/// </summary>
internal static class CholeskyFactor
{
    /// <summary>Factors <paramref name="matrix"/> in place: on success its lower triangle holds L (the upper is left as it was).</summary>
    /// <param name="matrix">A symmetric k × k matrix, row-major.</param>
    /// <param name="k">The order.</param>
    /// <returns>Whether the matrix is finite and positive definite (every pivot &gt; 0).</returns>
    public static bool TryFactor(Span<double> matrix, int k)
    {
        for (int j = 0; j < k; j++)
        {
            double pivot = matrix[(j * k) + j];
            for (int m = 0; m < j; m++)
            {
                double l = matrix[(j * k) + m];
                pivot -= l * l;
            }

            if (!(pivot > 0) || !double.IsFinite(pivot))
            {
                return false;
            }

            double diagonal = Math.Sqrt(pivot);
            matrix[(j * k) + j] = diagonal;
            for (int i = j + 1; i < k; i++)
            {
                double sum = matrix[(i * k) + j];
                for (int m = 0; m < j; m++)
                {
                    sum -= matrix[(i * k) + m] * matrix[(j * k) + m];
                }

                matrix[(i * k) + j] = sum / diagonal;
            }
        }

        return true;
    }

    /// <summary>Solves A·x = b in place, given the factor L of A from <see cref="TryFactor"/> (forward then back substitution).</summary>
    /// <param name="factor">L in the lower triangle, row-major.</param>
    /// <param name="k">The order.</param>
    /// <param name="rightSide">b on entry, x on return.</param>
    public static void Solve(ReadOnlySpan<double> factor, int k, Span<double> rightSide)
    {
        for (int i = 0; i < k; i++)
        {
            double sum = rightSide[i];
            for (int m = 0; m < i; m++)
            {
                sum -= factor[(i * k) + m] * rightSide[m];
            }

            rightSide[i] = sum / factor[(i * k) + i];
        }

        for (int i = k - 1; i >= 0; i--)
        {
            double sum = rightSide[i];
            for (int m = i + 1; m < k; m++)
            {
                sum -= factor[(m * k) + i] * rightSide[m];
            }

            rightSide[i] = sum / factor[(i * k) + i];
        }
    }

    /// <summary>The diagonal of A⁻¹ (the variances when A is an observed information matrix), from the factor L of A.</summary>
    /// <param name="factor">L in the lower triangle, row-major.</param>
    /// <param name="k">The order.</param>
    /// <param name="diagonal">Where to write (A⁻¹)ᵢᵢ, i = 0 … k − 1.</param>
    public static void InverseDiagonal(ReadOnlySpan<double> factor, int k, Span<double> diagonal)
    {
        Span<double> column = k <= 16 ? stackalloc double[k] : new double[k];
        for (int i = 0; i < k; i++)
        {
            column.Clear();
            column[i] = 1;
            Solve(factor, k, column);
            diagonal[i] = column[i];
        }
    }

    /// <summary>A⁻¹, k × k row-major, from the factor L of A (one solve per column; symmetric by construction of the solves, then symmetrised).</summary>
    /// <param name="factor">L in the lower triangle, row-major.</param>
    /// <param name="k">The order.</param>
    /// <param name="inverse">Where to write A⁻¹.</param>
    public static void Inverse(ReadOnlySpan<double> factor, int k, Span<double> inverse)
    {
        Span<double> column = k <= 16 ? stackalloc double[k] : new double[k];
        for (int j = 0; j < k; j++)
        {
            column.Clear();
            column[j] = 1;
            Solve(factor, k, column);
            for (int i = 0; i < k; i++)
            {
                inverse[(i * k) + j] = column[i];
            }
        }

        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double mean = 0.5 * (inverse[(i * k) + j] + inverse[(j * k) + i]);
                inverse[(i * k) + j] = mean;
                inverse[(j * k) + i] = mean;
            }
        }
    }
}
