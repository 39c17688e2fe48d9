using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>Argument checks shared by the calculators, with messages that name the value and what was expected.</summary>
internal static class Guard
{
    /// <summary>
    /// <c>sum + amount</c>, exactly (money is summed in <see cref="decimal"/>). Beyond decimal's range (about ±7.9 × 10^28) it
    /// throws an <see cref="OverflowException"/> that names whose sum it was, instead of decimal's bare "Value was either too
    /// large or too small". No real shop reaches that range (the CSV readers reject single amounts beyond ±10^15, so 79
    /// trillion rows would be needed): it means a corrupt value reached the calculator without a reader.
    /// </summary>
    /// <param name="sum">The running sum.</param>
    /// <param name="amount">The amount to add.</param>
    /// <param name="what">What is summed, for the message, e.g. <c>order amounts of customer</c>.</param>
    /// <param name="key">Whose sum it is (a customer id, a cart), or <c>null</c> for a total over everyone.</param>
    /// <returns>The new sum.</returns>
    public static decimal AddMoney(decimal sum, decimal amount, string what, string? key = null)
    {
        try
        {
            return sum + amount;
        }
        catch (OverflowException ex)
        {
            throw MoneyOverflow(key is null ? $"{what} ({sum} + {amount})" : $"{what} '{key}' ({sum} + {amount})", ex);
        }
    }

    /// <summary>The exception for an exact money sum beyond decimal's range, for loops that catch the overflow once around the whole sum (see <see cref="AddMoney"/>).</summary>
    /// <param name="whose">What was summed, e.g. <c>revenue of a cohort cell</c>.</param>
    /// <param name="inner">decimal's own overflow.</param>
    /// <returns>The exception to throw.</returns>
    public static OverflowException MoneyOverflow(string whose, OverflowException inner) =>
        new($"the sum of {whose} exceeds the range of decimal (about ±7.9 × 10^28); no real amount is this large — check the input for a corrupt value (the CSV readers reject amounts beyond ±10^15).", inner);

    /// <summary>Throws unless <paramref name="level"/> is strictly between 0 and 1.</summary>
    public static void ConfidenceLevel(double level, [CallerArgumentExpression(nameof(level))] string? paramName = null)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, level, $"confidence level {level} must be strictly between 0 and 1 (for example 0.95).");
        }
    }

    /// <summary>Throws unless <paramref name="weight"/> is finite and positive.</summary>
    public static void Weight(double weight, string? recordId = null, [CallerArgumentExpression(nameof(weight))] string? paramName = null)
    {
        if (!(weight > 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(paramName, weight, $"weight {weight} must be finite and greater than 0{Describe(recordId)}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a finite number.</summary>
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number, not {value}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a probability in [0, 1].</summary>
    public static void Probability(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} {value} must be a share between 0 and 1.");
        }
    }

    /// <summary>
    /// Throws when a tally is merged into itself: the one rule of every tally's <c>Merge</c>. Merging a tally into itself is
    /// refused rather than read as "add a copy", because it is almost always a slip (the same shard merged twice) and because
    /// the source would change while it is read; <c>tally.Merge(tally.Clone())</c> says "add it twice" on purpose.
    /// </summary>
    public static void NotSelf<T>(T tally, T other, [CallerArgumentExpression(nameof(other))] string? paramName = null)
        where T : class
    {
        if (ReferenceEquals(tally, other))
        {
            throw new ArgumentException($"a {typeof(T).Name} cannot be merged into itself; merge a Clone() of it to add its contents twice.", paramName);
        }
    }

    /// <summary>Formats " (response 'id')" for error messages, or nothing when there is no id.</summary>
    public static string Describe(string? recordId, string kind = "response") =>
        recordId is null ? string.Empty : $" ({kind} '{recordId}')";
}
