using DuckDB.NET.Data;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// The first pass of every pushdown: over a classified relation with the columns <c>reason</c> (NULL when accepted),
/// <c>example</c> and <c>t</c> (UTC microseconds), the rows read and accepted, the rejections by reason, and the span of
/// accepted instants (which fixes the period table of the second pass).
/// </summary>
internal sealed record RowAccount(long Read, long Accepted, IReadOnlyList<PushdownRejection> Rejections, long? FirstMicros, long? LastMicros, IReadOnlyList<object?> Extras)
{
    /// <summary>
    /// Runs the account; <paramref name="acceptedAggregates"/> (e.g. <c>min(cur), max(cur)</c>) are evaluated over the
    /// accepted rows in the same scan. This is the first query to read the source, so a CSV file DuckDB cannot split into
    /// rows fails here, translated by <see cref="CsvFault.Translate"/>.
    /// </summary>
    public static RowAccount Of(DuckDBConnection connection, DuckDbSource source, string classifiedCte, params string[] acceptedAggregates) =>
        CsvFault.Translate(connection, source, () => Of(connection, classifiedCte, acceptedAggregates));

    private static RowAccount Of(DuckDBConnection connection, string classifiedCte, string[] acceptedAggregates)
    {
        using var command = connection.CreateCommand();
        string extras = string.Concat(acceptedAggregates.Select(a => ", " + a));
        command.CommandText = $"{classifiedCte} SELECT reason, count(*), min(example), min(t), max(t){extras} FROM classified GROUP BY reason ORDER BY reason NULLS FIRST";
        using var reader = command.ExecuteReader();
        long read = 0, accepted = 0;
        long? first = null, last = null;
        var rejections = new List<PushdownRejection>();
        var values = new object?[acceptedAggregates.Length];
        while (reader.Read())
        {
            long count = reader.GetInt64(1);
            read += count;
            if (reader.IsDBNull(0))
            {
                accepted = count;
                first = reader.IsDBNull(3) ? null : reader.GetInt64(3);
                last = reader.IsDBNull(4) ? null : reader.GetInt64(4);
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(5 + i) ? null : reader.GetValue(5 + i);
                }
            }
            else
            {
                rejections.Add(new PushdownRejection { Reason = reader.GetString(0), Count = count, Example = reader.IsDBNull(2) ? null : reader.GetString(2) });
            }
        }

        return new RowAccount(read, accepted, rejections, first, last, values);
    }

    /// <summary>
    /// For a CSV source with rejections, the account with the first <paramref name="perReason"/> rejected rows of each reason
    /// located by line. <paramref name="classifiedCte"/> builds the classified relation over one file's <c>read_csv</c>
    /// with (when its second argument is true) the column <c>rn</c>, the data-row number in file order, and the column
    /// <c>col</c>, the name of the column at fault. Row numbers come from <c>row_number() OVER ()</c> with
    /// <c>preserve_insertion_order</c> on for the query: DuckDB then keeps a single-table scan's rows in file order and a
    /// window with an empty <c>OVER</c> numbers them in that order (https://duckdb.org/docs/stable/sql/dialect/order_preservation);
    /// <see cref="CsvLines"/> turns the numbers into lines. Files are scanned one at a time, in name order, until every
    /// reason has its rows; the hot path (no rejections) never gets here. Each file's rejected rows are streamed in file
    /// order and the reader stops once every reason has its quota, so the cost is bounded by where the last row asked for
    /// lies (a rare reason far behind the others still needs the scan to reach it), not by the file.
    /// </summary>
    public RowAccount Locate(DuckDBConnection connection, DuckDbSource source, Func<string, bool, string> classifiedCte, int perReason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perReason);
        if (perReason == 0 || Rejections.Count == 0 || source.CsvPathOrGlob is not { } pattern)
        {
            return this;
        }

        var rows = Rejections.ToDictionary(r => r.Reason, _ => new List<PushdownRejectedRow>(), StringComparer.Ordinal);
        InFileOrder(connection, pattern, (file, label) =>
        {
            if (Rejections.All(r => rows[r.Reason].Count >= Math.Min(r.Count, perReason)))
            {
                return false;
            }

            LocateIn(connection, file, label, source.Delimiter, classifiedCte, perReason, Rejections, rows);
            return true;
        });
        return this with { Rejections = [.. Rejections.Select(r => r with { Rows = rows[r.Reason] })] };
    }

    /// <summary>
    /// For a CSV source, the first row in file order (files in name order) where <paramref name="condition"/> holds over
    /// the classified relation, located by line as in <see cref="Locate"/>, with <paramref name="value"/> and
    /// <paramref name="column"/>; <see langword="null"/> for other sources or when no row matches.
    /// </summary>
    public static PushdownRejectedRow? FirstWhere(DuckDBConnection connection, DuckDbSource source, Func<string, bool, string> classifiedCte, string condition, string value, string? column)
    {
        if (source.CsvPathOrGlob is not { } pattern)
        {
            return null;
        }

        PushdownRejectedRow? found = null;
        InFileOrder(connection, pattern, (file, label) =>
        {
            string relation = DuckDbSource.CsvRelation(file, source.Delimiter);
            // Streamed in file order: the first row that matches is the one wanted, and disposing the reader stops the scan.
            using var command = connection.CreateCommand();
            command.UseStreamingMode = true;
            command.CommandText = $"{classifiedCte(relation, true)} SELECT rn, CAST({value} AS VARCHAR) FROM classified WHERE {condition}";
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return true;
            }

            long line = CsvLines.Of(file, ColumnCount(connection, relation), [reader.GetInt64(0)])[0];
            found = new PushdownRejectedRow { Line = line, Column = column, Value = reader.IsDBNull(1) ? null : reader.GetString(1), File = label };
            return false;
        });
        return found;
    }

    /// <summary>Runs <paramref name="visit"/> on each file of the glob in name order (with its label: the path when there are several, else null) until it returns false, with insertion order preserved.</summary>
    private static void InFileOrder(DuckDBConnection connection, string pattern, Func<string, string?, bool> visit)
    {
        if (pattern.Contains("://", StringComparison.Ordinal))
        {
            // Remote files (s3://, https://) are counted by DuckDB but not re-read here: no lines.
            return;
        }

        var files = Files(connection, pattern);
        bool preserved = Setting(connection, "preserve_insertion_order");
        string buffer = TextSetting(connection, "streaming_buffer_size");
        Set(connection, "preserve_insertion_order", true);

        // A streamed result runs ahead of the reader until this buffer is full (976.5 KiB by default: over a million rows
        // of a file with 1% rejected rows); kept to a few rows, a reader that stops early stops the scan early.
        SetText(connection, "streaming_buffer_size", "1KB");
        try
        {
            foreach (string file in files)
            {
                if (!File.Exists(file))
                {
                    continue;
                }

                if (!visit(file, files.Count > 1 ? file : null))
                {
                    break;
                }
            }
        }
        finally
        {
            Set(connection, "preserve_insertion_order", preserved);
            SetText(connection, "streaming_buffer_size", buffer);
        }
    }

    /// <summary>The files a local path or glob names, in name order.</summary>
    public static List<string> Files(DuckDBConnection connection, string pattern)
    {
        var files = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT file FROM glob({Sql.Literal(pattern)}) ORDER BY file";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files.Add(reader.GetString(0));
        }

        return files;
    }

    private static int ColumnCount(DuckDBConnection connection, string relation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {relation} LIMIT 0";
        using var reader = command.ExecuteReader();
        return reader.FieldCount;
    }

    private static void LocateIn(DuckDBConnection connection, string file, string? label, char delimiter, Func<string, bool, string> classifiedCte, int perReason, IReadOnlyList<PushdownRejection> rejections, Dictionary<string, List<PushdownRejectedRow>> rows)
    {
        string relation = DuckDbSource.CsvRelation(file, delimiter);
        int columns = ColumnCount(connection, relation);

        // The rejected rows in file order, streamed: reading stops (and disposing the reader stops DuckDB's scan) as soon as
        // every reason has its quota, so the cost is bounded by where the last row asked for lies, not by the file. A
        // LIMIT of Σ quota rows could not know when the leading rows lack a reason, and ranking every rejected row per
        // reason (the earlier fallback) read the whole file again.
        var taken = rows.ToDictionary(r => r.Key, r => r.Value.Count, StringComparer.Ordinal);
        int missing = rejections.Count(r => taken[r.Reason] < Math.Min(r.Count, perReason));
        var found = new List<(string Reason, string? Column, string? Value, long Row)>();
        using (var command = connection.CreateCommand())
        {
            command.UseStreamingMode = true;
            command.CommandText = $"{classifiedCte(relation, true)} SELECT reason, col, example, rn FROM classified WHERE reason IS NOT NULL";
            using var reader = command.ExecuteReader();
            var limit = rejections.ToDictionary(r => r.Reason, r => (int)Math.Min(r.Count, perReason), StringComparer.Ordinal);
            while (missing > 0 && reader.Read())
            {
                string reason = reader.GetString(0);
                if (taken.TryGetValue(reason, out int count) && count < limit[reason])
                {
                    taken[reason] = ++count;
                    missing -= count == limit[reason] ? 1 : 0;
                    found.Add((reason, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)));
                }
            }
        }

        found.Sort((a, b) => a.Row.CompareTo(b.Row));
        long[] lines = CsvLines.Of(file, columns, found.Select(f => f.Row).ToArray());
        for (int i = 0; i < found.Count; i++)
        {
            rows[found[i].Reason].Add(new PushdownRejectedRow { Line = lines[i], Column = found[i].Column, Value = found[i].Value, File = label });
        }
    }

    private static bool Setting(DuckDBConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(current_setting({Sql.Literal(name)}) AS BOOLEAN)";
        return (bool)command.ExecuteScalar()!;
    }

    private static string TextSetting(DuckDBConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(current_setting({Sql.Literal(name)}) AS VARCHAR)";
        return (string)command.ExecuteScalar()!;
    }

    private static void SetText(DuckDBConnection connection, string name, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SET {name} = {Sql.Literal(value)}";
        command.ExecuteNonQuery();
    }

    private static void Set(DuckDBConnection connection, string name, bool value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SET {name} = {(value ? "true" : "false")}";
        command.ExecuteNonQuery();
    }

    /// <summary>Throws when strict and anything was rejected.</summary>
    public void ThrowIfStrict(bool strict, DuckDbSource source)
    {
        if (strict && Rejections.Count > 0)
        {
            throw new PushdownException($"{source}: {Rejections.Sum(r => r.Count)} of {Read} rows rejected in strict mode: {string.Join("; ", Rejections)}.");
        }
    }
}
