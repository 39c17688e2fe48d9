namespace CxMetrics.Internal;

/// <summary>
/// Exact count arithmetic for tallies: a sum past <see cref="long.MaxValue"/> throws with a message naming the count,
/// never wraps to a negative number. Merges compute every sum with these before changing anything, so a refused merge
/// leaves the tally as it was.
/// </summary>
internal static class CheckedCount
{
    /// <summary><paramref name="a"/> + <paramref name="b"/> for a merge or an add.</summary>
    /// <exception cref="OverflowException">The sum passes <see cref="long.MaxValue"/> (or <see cref="long.MinValue"/>).</exception>
    public static long Add(long a, long b, string what)
    {
        long sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0
            ? throw new OverflowException($"{what} would pass {long.MaxValue} ({a} + {b}); counts this large cannot be represented, so nothing was added.")
            : sum;
    }

    /// <summary>The total of counts given to a factory, refused with the argument's name when it passes <see cref="long.MaxValue"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sum passes <see cref="long.MaxValue"/>; names <paramref name="paramName"/>.</exception>
    public static long Total(long a, long b, string paramName)
    {
        long sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0
            ? throw new ArgumentOutOfRangeException(paramName, b, $"{paramName} {b} makes the total pass {long.MaxValue} ({a} + {b}); counts this large cannot be represented.")
            : sum;
    }
}
