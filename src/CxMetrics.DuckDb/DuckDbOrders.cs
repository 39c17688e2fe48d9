using CxMetrics.Time;
using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.DuckDb.Internal;
using CxMetrics.Lifetime;
using DuckDB.NET.Data;
using NodaTime;

namespace CxMetrics.DuckDb;

/// <summary>
/// The customer summary (RFM table) of a transaction log counted by DuckDB: the per-customer, per-merge-period
/// <c>GROUP BY</c> and the per-customer aggregates run inside DuckDB over order files of any size; one row per customer
/// comes back. The result equals <see cref="CustomerBase.Of"/> on the same orders, so it feeds the BG/NBD,
/// Pareto/NBD and Gamma-Gamma fits unchanged.
/// </summary>
/// <remarks>
/// Definitions as in <see cref="CustomerSummary"/>: frequency x = repeat merge periods up to the calibration end,
/// recency and age in the chosen time unit from the first period's start, mean repeat spend over the repeat periods.
/// Amounts are read as <c>DECIMAL(18, 6)</c> (up to ±10^12 with six decimals; more decimals are rejected, never
/// rounded), summed exactly, and come back as <see cref="decimal"/> with as many decimals as the most precise amount
/// summed (10.10 + 10.10 = 20.20, as in memory). Rejected rows: a missing customer id; a missing time or one without an explicit offset; an
/// amount that is not a number or is negative; a currency that is not an ISO 4217 code. Orders in more than one
/// currency are not summed: the call throws, as the in-memory path does. For CSV sources the first rejected rows of each
/// reason are located by line (<see cref="OrderPushdown.RejectedRowsPerReason"/>; one more scan, made only when a row was
/// rejected). A mix of valid currencies is not a row rejection (the call throws, naming two of them).
/// </remarks>
public static class DuckDbOrders
{
    private const string CurrencyPattern = "'[A-Z]{3}'";

    // Measured on a CSV of 5 M orders of 500,000 customers (docs/scale.md, "Memory").
    private const string MinimumMemory = "at least about 100 MB of memoryLimit on 1–2 threads (measured: 5 M orders of 500,000 customers finish in 100 MB and fail in 75 MB on 2 threads; 20 M orders of 2 M customers finish in 200 MB on 2 threads, spilling 3.6 GB)";

    /// <summary>Summarises every customer acquired by the calibration end.</summary>
    /// <param name="connection">An open DuckDB connection.</param>
    /// <param name="source">The orders.</param>
    /// <param name="zone">The shop's zone, in which order instants become local days.</param>
    /// <param name="options">Calibration end, optional holdout end and time unit.</param>
    /// <param name="columns">Column names, currency and merge period; default: <c>CxMetrics.Csv</c>'s order columns.</param>
    /// <returns>The summary (customers ordered by id) with the row account.</returns>
    /// <exception cref="PushdownException">Strict mode and a row was rejected, a CSV file cannot be split into rows (the message names the line), or DuckDB ran out of memory under its memory limit.</exception>
    /// <exception cref="InvalidOperationException">The accepted orders are in more than one currency.</exception>
    /// <exception cref="ArgumentException">The holdout ends before the calibration, or neither a currency column nor a fixed currency is given.</exception>
    public static PushdownResult<CustomerBaseSummary> CustomerSummary(DuckDBConnection connection, DuckDbSource source, DateTimeZone zone, CustomerSummaryOptions options, OrderPushdown? columns = null) =>
        MemoryLimit.Explain(connection, source, MinimumMemory, () => Summarize(connection, source, zone, options, columns));

    private static PushdownResult<CustomerBaseSummary> Summarize(DuckDBConnection connection, DuckDbSource source, DateTimeZone zone, CustomerSummaryOptions options, OrderPushdown? columns)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(options);
        columns ??= new OrderPushdown();
        if (options.HoldoutEnd is { } holdoutEnd && holdoutEnd < options.CalibrationEnd)
        {
            throw new ArgumentException($"holdout end {holdoutEnd} is before calibration end {options.CalibrationEnd}.", nameof(options));
        }

        string currency = columns switch
        {
            { Currency: { } fixedCurrency } => Sql.Literal(CurrencyCode.Validate(fixedCurrency, nameof(columns))),
            { CurrencyColumn: { } column } => $"CAST({Sql.Identifier(column)} AS VARCHAR)",
            _ => throw new ArgumentException("orders need a currency column or a fixed currency.", nameof(columns)),
        };

        string currencyColumn = columns.CurrencyColumn is { } cc && columns.Currency is null ? Sql.Literal(cc) : "NULL";
        string Classified(string relation, bool numbered)
        {
            string rn = numbered ? ", rn" : string.Empty;
            return $"""
                WITH src AS (SELECT CAST({Sql.Identifier(columns.CustomerIdColumn)} AS VARCHAR) AS c, CAST({Sql.Identifier(columns.PlacedAtColumn)} AS VARCHAR) AS t_raw,
                                    CAST({Sql.Identifier(columns.AmountColumn)} AS VARCHAR) AS a_raw, {currency} AS cur_raw{(numbered ? ", row_number() OVER () AS rn" : string.Empty)} FROM {relation}),
                typed AS (SELECT nullif(trim(c), '') AS c, t_raw, a_raw, cur_raw{rn}, {Sql.EpochMicros("t_raw")} AS t,
                                 TRY_CAST(a_raw AS DECIMAL(18, 6)) AS a, length(split_part(trim(a_raw), '.', 2)) AS a_scale, trim(cur_raw) AS cur FROM src),
                classified AS (SELECT c, t, a, a_scale, cur{rn},
                    CASE WHEN c IS NULL THEN 'customer id missing'
                         WHEN t IS NULL THEN 'order time missing, unreadable or without an offset'
                         WHEN a IS NULL THEN 'amount missing, not a number or beyond ±10^12'
                         WHEN a_scale > 6 THEN 'amount has more than 6 decimals'
                         WHEN a < 0 THEN 'amount is negative (record refunds separately)'
                         WHEN cur IS NULL OR NOT regexp_full_match(cur, {CurrencyPattern}) THEN 'currency is not an ISO 4217 code' END AS reason,
                    CASE WHEN c IS NULL THEN NULL WHEN t IS NULL THEN t_raw WHEN a IS NULL OR a < 0 OR a_scale > 6 THEN a_raw ELSE cur_raw END AS example,
                    CASE WHEN c IS NULL THEN {Sql.Literal(columns.CustomerIdColumn)} WHEN t IS NULL THEN {Sql.Literal(columns.PlacedAtColumn)}
                         WHEN a IS NULL OR a < 0 OR a_scale > 6 THEN {Sql.Literal(columns.AmountColumn)} ELSE {currencyColumn} END AS col
                  FROM typed)
                """;
        }

        string cte = Classified(source.Relation, false);
        ArgumentOutOfRangeException.ThrowIfNegative(columns.RejectedRowsPerReason, nameof(columns));
        var account = RowAccount.Of(connection, source, cte, "min(cur)", "max(cur)").Locate(connection, source, Classified, columns.RejectedRowsPerReason);
        account.ThrowIfStrict(columns.Strict, source);
        string? shopCurrency = account.Extras[0] as string;
        if (shopCurrency is not null && account.Extras[1] is string other && !string.Equals(shopCurrency, other, StringComparison.Ordinal))
        {
            var at = RowAccount.FirstWhere(connection, source, Classified, $"reason IS NULL AND cur = {Sql.Literal(other)}", "cur", columns.CurrencyColumn);
            string what = at switch
            {
                null => $"an order in {source}",
                { File: null } => string.Create(CultureInfo.InvariantCulture, $"the order at line {at.Line} of {source}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"the order at line {at.Line} of {at.File}"),
            };
            CurrencyCode.EnsureSame(shopCurrency, other, what);
        }

        var customers = new List<CustomerSummary>();
        int later = 0;
        if (account.FirstMicros is { } first && account.LastMicros is { } last)
        {
            using var periods = PeriodTable.Create(connection, new PeriodGrid(zone, columns.MergeWithin), first, last);
            long calibrationEnd = PeriodTable.DayNumber(options.CalibrationEnd);
            long holdout = options.HoldoutEnd is { } h ? PeriodTable.DayNumber(h) : calibrationEnd;
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                {cte},
                per AS (SELECT x.c, p.start_day AS d, sum(x.a) AS spend, max(x.a_scale) AS sc FROM classified x JOIN {periods.Name} p ON {periods.LocalDay("x.t")} = p.local_day
                        WHERE x.reason IS NULL GROUP BY x.c, p.start_day)
                SELECT c, min(d),
                       count(*) FILTER (WHERE d <= {calibrationEnd}),
                       max(d) FILTER (WHERE d <= {calibrationEnd}),
                       sum(spend) FILTER (WHERE d <= {calibrationEnd}),
                       arg_min(spend, d),
                       count(*) FILTER (WHERE d > {calibrationEnd} AND d <= {holdout}),
                       sum(spend) FILTER (WHERE d > {calibrationEnd} AND d <= {holdout}),
                       max(sc) FILTER (WHERE d <= {calibrationEnd}),
                       max(sc) FILTER (WHERE d > {calibrationEnd} AND d <= {holdout})
                FROM per GROUP BY c
                """;
            using var reader = command.ExecuteReader();
            double unitDays = options.TimeUnit.Days;
            var epoch = new LocalDate(1970, 1, 1);
            while (reader.Read())
            {
                long firstDay = reader.GetInt64(1);
                if (firstDay > calibrationEnd)
                {
                    later++;
                    continue;
                }

                int x = checked((int)reader.GetInt64(2) - 1);
                long lastDay = reader.GetInt64(3);
                decimal calibrationSpend = WithScale(reader.GetDecimal(4), reader.GetInt64(8));
                decimal repeatSpend = calibrationSpend - reader.GetDecimal(5);
                customers.Add(new CustomerSummary
                {
                    CustomerId = reader.GetString(0),
                    FirstPurchase = epoch.PlusDays(checked((int)firstDay)),
                    Frequency = x,
                    Recency = (lastDay - firstDay) / unitDays,
                    Age = (calibrationEnd - firstDay) / unitDays,
                    MeanRepeatSpend = x > 0 ? (double)(repeatSpend / x) : null,
                    CalibrationSpend = calibrationSpend,
                    HoldoutFrequency = options.HoldoutEnd is null ? null : checked((int)reader.GetInt64(6)),
                    HoldoutSpend = options.HoldoutEnd is null ? null : reader.IsDBNull(7) ? 0m : WithScale(reader.GetDecimal(7), reader.GetInt64(9)),
                });
            }
        }

        customers.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        var summary = new CustomerBaseSummary { Customers = customers, AcquiredAfterCalibration = later, Currency = shopCurrency, Options = options };
        return new PushdownResult<CustomerBaseSummary> { Value = summary, RowsRead = account.Read, RowsAccepted = account.Accepted, Rejections = account.Rejections };
    }

    /// <summary>
    /// <paramref name="sum"/> with <paramref name="scale"/> decimals, the most any summed amount had in its text: the
    /// in-memory sum of 10.10 and 10.10 is 20.20, but DuckDB hands back a DECIMAL(38, 6) sum without trailing zeros.
    /// </summary>
    private static decimal WithScale(decimal sum, long scale) =>
        decimal.Round(sum, (int)scale) + new decimal(0, 0, 0, false, (byte)scale);
}
