namespace CxMetrics.Commerce;

/// <summary>
/// Checks ISO 4217 alphabetic currency codes (three upper-case ASCII letters, e.g. <c>EUR</c>, <c>USD</c>) and that a set
/// of amounts is in one currency: money in different currencies is never summed.
/// </summary>
public static class CurrencyCode
{
    /// <summary>Whether <paramref name="code"/> has the form of an ISO 4217 alphabetic code.</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> for three upper-case ASCII letters.</returns>
    public static bool IsValid(string? code) =>
        code is { Length: 3 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);

    /// <summary>Throws unless <paramref name="code"/> is a well-formed currency code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="paramName">The parameter name for the exception.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentException">The code is not three upper-case letters.</exception>
    public static string Validate(string? code, string paramName = "currency") =>
        IsValid(code) ? code! : throw new ArgumentException($"currency '{code}' is not an ISO 4217 code (three upper-case letters such as EUR).", paramName);

    /// <summary>
    /// Throws when <paramref name="actual"/> differs from <paramref name="expected"/>; used by every sum of money.
    /// </summary>
    /// <param name="expected">The currency of what was summed so far.</param>
    /// <param name="actual">The currency of the next amount.</param>
    /// <param name="what">What the next amount is, for the message (e.g. "order 'o-17'").</param>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static void EnsureSame(string expected, string actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{what} is in {actual} but the other amounts are in {expected}: mixed currencies are not summed; convert them first or analyse each currency apart.");
        }
    }
}
