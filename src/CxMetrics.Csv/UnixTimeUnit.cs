namespace CxMetrics.Csv;

/// <summary>The unit of a Unix timestamp cell (a whole number counted from 1970-01-01T00:00:00Z); see <see cref="CsvReadOptions.UnixTime"/>.</summary>
public enum UnixTimeUnit
{
    /// <summary>Seconds since the epoch (<c>1705332225</c>).</summary>
    Seconds,

    /// <summary>Milliseconds since the epoch (<c>1705332225123</c>; OTTO's <c>ts</c>).</summary>
    Milliseconds,

    /// <summary>Microseconds since the epoch (<c>1705332225123456</c>; GA4's <c>event_timestamp</c>).</summary>
    Microseconds,
}
