using CxMetrics.DuckDb.Internal;
using CxMetrics.Surveys;
using CxMetrics.Time;
using DuckDB.NET.Data;

namespace CxMetrics.DuckDb;

/// <summary>
/// Survey tallies counted by DuckDB: the <c>GROUP BY key, period, score</c> runs inside DuckDB over files of any size,
/// and only the score histogram of each (key, period) cell comes back, as an <see cref="NpsTally"/> or a
/// <see cref="RatingTally"/> ready for <c>Nps.From</c> / <c>Rating.From</c> or for merging with tallies from elsewhere.
/// </summary>
/// <remarks>
/// Two scans: the first counts rows read, accepted and rejected (with reasons) and finds the span of answer times; the
/// second counts scores per cell. Calendar periods are computed by NodaTime in the shop's zone and joined as instant
/// ranges, so cells equal the in-memory breakdown exactly (<c>Nps.ByKeyAndPeriod</c>). Rejected: a score that is not a
/// whole number or lies outside the scale (a FLOAT, DOUBLE or DECIMAL score column of a Parquet file or table counts a
/// whole value such as 7.0 as 7; CSV text is read as <c>CxMetrics.Csv</c> reads it, where <c>7.0</c> is not whole); when periods are asked for, a missing time or one without an explicit offset.
/// An empty score is an unanswered question, counted in its cell. For CSV sources the first rejected rows of each reason
/// are located by line (<see cref="SurveyPushdown.RejectedRowsPerReason"/>; a third scan, made only when a row was rejected).
/// </remarks>
public static class DuckDbSurveys
{
    private const string WholeNumberPattern = "'[+-]?[0-9]{1,9}'";

    /// <summary>NPS tallies (0–10 scores) per key and period.</summary>
    /// <param name="connection">An open DuckDB connection.</param>
    /// <param name="source">The responses.</param>
    /// <param name="options">Columns, key, period and zone; default: <c>score</c> column, one overall cell.</param>
    /// <returns>The cells ordered by key (ordinal, missing key first) then period, with the row account.</returns>
    /// <exception cref="PushdownException">Strict mode and a row was rejected, a CSV file cannot be split into rows (the message names the line), or DuckDB ran out of memory under its memory limit.</exception>
    /// <exception cref="ArgumentException">A period is asked for without a time column.</exception>
    public static PushdownResult<IReadOnlyList<TallyCell<NpsTally>>> Nps(DuckDBConnection connection, DuckDbSource source, SurveyPushdown? options = null) =>
        Count(connection, source, options ?? new SurveyPushdown(), 0, 10, (counts, unanswered) =>
            NpsTally.FromCounts(counts[9] + counts[10], counts[7] + counts[8], counts[..7].Sum(), unanswered));

    /// <summary>Rating tallies (CSAT, CES or any <see cref="RatingScale"/>) per key and period.</summary>
    /// <param name="connection">An open DuckDB connection.</param>
    /// <param name="source">The responses.</param>
    /// <param name="scale">The answer scale; scores outside it are rejected.</param>
    /// <param name="options">Columns, key, period and zone; default: <c>score</c> column, one overall cell.</param>
    /// <returns>The cells ordered by key (ordinal, missing key first) then period, with the row account.</returns>
    /// <exception cref="PushdownException">Strict mode and a row was rejected, a CSV file cannot be split into rows (the message names the line), or DuckDB ran out of memory under its memory limit.</exception>
    /// <exception cref="ArgumentException">A period is asked for without a time column.</exception>
    public static PushdownResult<IReadOnlyList<TallyCell<RatingTally>>> Ratings(DuckDBConnection connection, DuckDbSource source, RatingScale scale, SurveyPushdown? options = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return Count(connection, source, options ?? new SurveyPushdown(), scale.Min, scale.Max, (counts, unanswered) => RatingTally.FromCounts(scale, counts, unanswered));
    }

    private static PushdownResult<IReadOnlyList<TallyCell<TTally>>> Count<TTally>(DuckDBConnection connection, DuckDbSource source, SurveyPushdown options, int min, int max, Func<long[], long, TTally> build) =>
        MemoryLimit.Explain(connection, source, "memory for its CSV buffers (4 MB per thread) and one small group per (key, period, score)", () => CountCells(connection, source, options, min, max, build));

    private static PushdownResult<IReadOnlyList<TallyCell<TTally>>> CountCells<TTally>(DuckDBConnection connection, DuckDbSource source, SurveyPushdown options, int min, int max, Func<long[], long, TTally> build)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(options.RejectedRowsPerReason, nameof(options));
        if (options.Grid is not null && options.AnsweredAtColumn is null)
        {
            throw new ArgumentException("a period breakdown needs the answer time column (AnsweredAtColumn).", nameof(options));
        }

        string key = options.KeyColumn is { } k ? $"CAST({Sql.Identifier(k)} AS VARCHAR)" : "CAST(NULL AS VARCHAR)";
        // CSV is all text, read as the in-memory reader reads it ('7.0' is not a whole number). A typed column of a Parquet
        // file or table may hold scores as FLOAT, DOUBLE or DECIMAL (an exporter's 7.0): a whole value counts as that
        // whole number; its text loses the zero fraction, so '7.5' and '1e+20' are still rejected.
        string scoreColumn = Sql.Identifier(options.ScoreColumn);
        string score = source.CsvPathOrGlob is not null
            ? $"CAST({scoreColumn} AS VARCHAR)"
            : $"CASE WHEN typeof({scoreColumn}) IN ('FLOAT', 'DOUBLE') OR starts_with(typeof({scoreColumn}), 'DECIMAL') THEN regexp_replace(CAST({scoreColumn} AS VARCHAR), '\\.0+$', '') ELSE CAST({scoreColumn} AS VARCHAR) END";
        bool timed = options.Grid is not null;
        string time = timed ? $"CAST({Sql.Identifier(options.AnsweredAtColumn!)} AS VARCHAR)" : "CAST(NULL AS VARCHAR)";
        string timeColumn = timed ? Sql.Literal(options.AnsweredAtColumn!) : "NULL";
        string Classified(string relation, bool numbered)
        {
            string rn = numbered ? ", rn" : string.Empty;
            return $"""
                WITH src AS (SELECT {key} AS k, {score} AS s_raw, {time} AS t_raw{(numbered ? ", row_number() OVER () AS rn" : string.Empty)} FROM {relation}),
                typed AS (SELECT k, s_raw, t_raw{rn}, nullif(trim(s_raw), '') AS s_txt, CASE WHEN regexp_full_match(trim(s_raw), {WholeNumberPattern}) THEN CAST(trim(s_raw) AS INTEGER) END AS s,
                                 {(timed ? Sql.EpochMicros("t_raw") : "CAST(0 AS BIGINT)")} AS t FROM src),
                classified AS (SELECT k, s, t{rn},
                    CASE WHEN t IS NULL THEN 'answer time missing, unreadable or without an offset'
                         WHEN s_txt IS NOT NULL AND s IS NULL THEN 'score is not a whole number'
                         WHEN s < {min} OR s > {max} THEN 'score outside {min}–{max}' END AS reason,
                    CASE WHEN t IS NULL THEN t_raw ELSE s_raw END AS example,
                    CASE WHEN t IS NULL THEN {timeColumn} ELSE {Sql.Literal(options.ScoreColumn)} END AS col
                  FROM typed)
                """;
        }

        string cte = Classified(source.Relation, false);
        var account = RowAccount.Of(connection, source, cte).Locate(connection, source, Classified, options.RejectedRowsPerReason);
        account.ThrowIfStrict(options.Strict, source);
        var cells = new Dictionary<(string? Key, int Period), (long[] Counts, long Unanswered)>();
        PeriodTable? periods = null;
        try
        {
            string query;
            if (timed && account.FirstMicros is { } first && account.LastMicros is { } last)
            {
                periods = PeriodTable.Create(connection, options.Grid!, first, last);
                query = $"{cte} SELECT c.k, p.idx, c.s, count(*) FROM classified c JOIN {periods.Name} p ON {periods.LocalDay("c.t")} = p.local_day WHERE c.reason IS NULL GROUP BY ALL";
            }
            else
            {
                query = $"{cte} SELECT k, 0, s, count(*) FROM classified WHERE reason IS NULL GROUP BY ALL";
            }

            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1));
                if (!cells.TryGetValue(id, out var cell))
                {
                    cell = (new long[max - min + 1], 0);
                }

                long count = reader.GetInt64(3);
                if (reader.IsDBNull(2))
                {
                    cell.Unanswered += count;
                }
                else
                {
                    cell.Counts[reader.GetInt32(2) - min] += count;
                }

                cells[id] = cell;
            }

            var result = cells
                .OrderBy(c => c.Key.Key, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Period)
                .Select(c => new TallyCell<TTally>
                {
                    Key = c.Key.Key,
                    Period = periods is null ? null : periods.Periods[c.Key.Period],
                    Tally = build(c.Value.Counts, c.Value.Unanswered),
                })
                .ToList();
            return new PushdownResult<IReadOnlyList<TallyCell<TTally>>> { Value = result, RowsRead = account.Read, RowsAccepted = account.Accepted, Rejections = account.Rejections };
        }
        finally
        {
            periods?.Dispose();
        }
    }
}
