using System.Globalization;

namespace CxMetrics.Retention;

/// <summary>
/// A bracket of offsets for bracket retention, both ends included: a customer is retained in the bracket when they ordered
/// in any of its periods (Amplitude's "bracket" / custom-range retention), e.g. months 1–3, 4–6, 7–12.
/// </summary>
public readonly record struct CohortBracket
{
    /// <summary>Creates a bracket.</summary>
    /// <param name="first">The first offset, ≥ 0.</param>
    /// <param name="last">The last offset, ≥ <paramref name="first"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The offsets are negative or reversed.</exception>
    public CohortBracket(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if (last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, $"bracket end {last} is before its start {first}.");
        }

        First = first;
        Last = last;
    }

    /// <summary>The first offset.</summary>
    public int First { get; }

    /// <summary>The last offset (included).</summary>
    public int Last { get; }

    /// <summary>Formats as <c>1–3</c>.</summary>
    /// <returns>The bracket as text.</returns>
    public override string ToString() => First == Last ? First.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{First}–{Last}");
}
