namespace CxMetrics.Internal;

/// <summary>Order statistics by selection (Hoare's quickselect), for percentiles of many small samples without sorting each.</summary>
internal static class Select
{
    /// <summary>
    /// The type-7 (linear) quantile at <paramref name="p"/> of finite <paramref name="values"/>, as
    /// <see cref="Statistics.Quantile.OfSorted"/> gives on the sorted values: v₍ₗ₎ + (h − l)(v₍ₗ₊₁₎ − v₍ₗ₎), h = (n − 1)p,
    /// l = ⌊h⌋. Reorders the span.
    /// </summary>
    /// <param name="values">The sample (not empty); reordered in place.</param>
    /// <param name="p">The probability in [0, 1].</param>
    /// <returns>The quantile.</returns>
    public static double Linear(Span<double> values, double p)
    {
        int n = values.Length;
        double h = (n - 1) * p;
        int low = Math.Clamp((int)Math.Floor(h), 0, n - 1);
        double below = Kth(values, low);
        if (low == n - 1 || h == low)
        {
            return below;
        }

        double above = double.PositiveInfinity;
        foreach (double v in values[(low + 1)..])
        {
            above = Math.Min(above, v);
        }

        return below + ((h - low) * (above - below));
    }

    /// <summary>The k-th smallest value (0-based); afterwards values[..k] ≤ values[k] ≤ values[(k + 1)..].</summary>
    public static double Kth(Span<double> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (right > left)
        {
            // Median of three as the pivot keeps sorted and reversed inputs linear.
            int mid = left + ((right - left) / 2);
            if (values[mid] < values[left])
            {
                (values[mid], values[left]) = (values[left], values[mid]);
            }

            if (values[right] < values[left])
            {
                (values[right], values[left]) = (values[left], values[right]);
            }

            if (values[right] < values[mid])
            {
                (values[right], values[mid]) = (values[mid], values[right]);
            }

            double pivot = values[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
