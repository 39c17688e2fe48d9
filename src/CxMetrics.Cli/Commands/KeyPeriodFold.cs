using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// A family's table state while a file streams by: one tally for the headline, one per key (channel, touchpoint,
/// segment, device, …) and one per calendar period in the settings' zone — memory grows with keys and periods, not with
/// records. The results are computed by the core from these tallies (<c>Nps.By</c>/<c>ByPeriod</c>,
/// <c>ConversionRate.By</c>/<c>ByPeriod</c> over tallies). A record without an instant (an undated session) counts in the
/// headline and its key but in no period (<see cref="Undated"/>).
/// </summary>
/// <typeparam name="TRecord">SurveyResponse or Session.</typeparam>
/// <typeparam name="TTally">NpsTally, RatingTally or ConversionTally.</typeparam>
internal sealed class KeyPeriodFold<TRecord, TTally>
    where TTally : class
{
    private readonly Func<TRecord, string?> key;
    private readonly Func<TRecord, Instant?> at;
    private readonly Func<TTally> create;
    private readonly Action<TTally, TRecord> add;
    private readonly PeriodGrid grid;
    private readonly Dictionary<string, TTally> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<CalendarPeriod, TTally> byPeriod = [];
    private TTally? noKey;
    private CalendarPeriod lastPeriod;
    private TTally? lastPeriodTally;

    public KeyPeriodFold(Func<TRecord, string?> key, Func<TRecord, Instant?> at, CliSettings s, Func<TTally> create, Action<TTally, TRecord> add)
    {
        this.key = key;
        this.at = at;
        this.create = create;
        this.add = add;
        grid = s.Grid;
        Total = create();
    }

    /// <summary>The tally of every record.</summary>
    public TTally Total { get; }

    /// <summary>Records without an instant: in the headline and their key's tally, in no period's.</summary>
    public long Undated { get; private set; }

    public void Add(TRecord response)
    {
        add(Total, response);
        string? k = key(response);
        TTally cell;
        if (k is null)
        {
            cell = noKey ??= create();
        }
        else if (!byKey.TryGetValue(k, out cell!))
        {
            cell = create();
            byKey.Add(k, cell);
        }

        add(cell, response);

        // Consecutive responses of one period (files are mostly in time order) skip the hash.
        if (at(response) is not { } instant)
        {
            Undated++;
            return;
        }

        var period = grid.Containing(instant);
        if (lastPeriodTally is null || !period.Equals(lastPeriod))
        {
            if (!byPeriod.TryGetValue(period, out lastPeriodTally))
            {
                lastPeriodTally = create();
                byPeriod.Add(period, lastPeriodTally);
            }

            lastPeriod = period;
        }

        add(lastPeriodTally!, response);
    }

    /// <summary>The tallies per key, the records without a key under a null key.</summary>
    public IEnumerable<KeyValuePair<string?, TTally>> ByKey()
    {
        var cells = new List<KeyValuePair<string?, TTally>>(byKey.Count + 1);
        foreach (var (k, t) in byKey)
        {
            cells.Add(new(k, t));
        }

        if (noKey is not null)
        {
            cells.Add(new(null, noKey));
        }

        return cells;
    }

    /// <summary>The tallies per calendar period.</summary>
    public IEnumerable<KeyValuePair<CalendarPeriod, TTally>> ByPeriod() => byPeriod;
}
