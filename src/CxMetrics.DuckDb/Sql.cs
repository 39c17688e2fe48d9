using System.Globalization;

namespace CxMetrics.DuckDb;

/// <summary>Quoting of SQL identifiers and string literals, so column names and paths from users never become SQL.</summary>
internal static class Sql
{
    /// <summary>A double-quoted identifier with embedded quotes doubled.</summary>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A single-quoted string literal with embedded quotes doubled.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>An integer literal in the invariant culture.</summary>
    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The expression that turns a text timestamp into microseconds since the Unix epoch (UTC), or NULL when the text has
    /// no explicit offset (<c>Z</c> or <c>±hh:mm</c>) or does not parse: a local time without a zone is rejected, never
    /// read in the machine's or the session's zone.
    /// </summary>
    public static string EpochMicros(string textExpression) =>
        $"CASE WHEN regexp_matches(trim({textExpression}), '([Zz]|[+-][0-9]{{2}}(:?[0-9]{{2}})?)$') THEN epoch_us(TRY_CAST(trim({textExpression}) AS TIMESTAMPTZ)) END";
}
