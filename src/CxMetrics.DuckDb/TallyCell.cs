using CxMetrics.Time;

namespace CxMetrics.DuckDb;

/// <summary>The tally of one (key, calendar period) group that DuckDB counted.</summary>
/// <typeparam name="TTally">The tally type (e.g. <c>NpsTally</c>).</typeparam>
public sealed record TallyCell<TTally>
{
    /// <summary>The value of the key column; <see langword="null"/> for rows without one or when no key was asked for.</summary>
    public required string? Key { get; init; }

    /// <summary>The calendar period in the shop's zone; <see langword="null"/> when no period was asked for.</summary>
    public required CalendarPeriod? Period { get; init; }

    /// <summary>The counts, as a CxMetrics tally: merge cells or hand one to its calculator (<c>Nps.From</c>).</summary>
    public required TTally Tally { get; init; }
}
