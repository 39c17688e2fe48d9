using CxMetrics.Surveys;
using CxMetrics.Time;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The survey tables' state while a file streams by: one tally for the headline, one per key (channel, touchpoint or
/// segment) and one per calendar period in the settings' zone — memory grows with keys and periods, not with responses.
/// The results are computed by the core from these tallies (<c>Nps.By</c>/<c>ByPeriod</c> over tallies).
/// </summary>
/// <typeparam name="TTally">NpsTally or RatingTally.</typeparam>
internal sealed class SurveyFold<TTally>
    where TTally : class
{
    private readonly Func<SurveyResponse, string?> key;
    private readonly Func<TTally> create;
    private readonly Action<TTally, SurveyResponse> add;
    private readonly PeriodGrid grid;
    private readonly Dictionary<string, TTally> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<CalendarPeriod, TTally> byPeriod = [];
    private TTally? noKey;
    private CalendarPeriod lastPeriod;
    private TTally? lastPeriodTally;

    public SurveyFold(Func<SurveyResponse, string?> key, CliSettings s, Func<TTally> create, Action<TTally, SurveyResponse> add)
    {
        this.key = key;
        this.create = create;
        this.add = add;
        grid = s.Grid;
        Total = create();
    }

    /// <summary>The tally of every response.</summary>
    public TTally Total { get; }

    public void Add(SurveyResponse response)
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
        var period = grid.Containing(response.AnsweredAt);
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

    /// <summary>The tallies per key, the responses without a key under a null key.</summary>
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
