using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>Argument checks shared by the calculators, with messages that name the value and what was expected.</summary>
internal static class Guard
{
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
