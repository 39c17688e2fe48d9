using DuckDB.NET.Data;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// The first pass of every pushdown: over a classified relation with the columns <c>reason</c> (NULL when accepted),
/// <c>example</c> and <c>t</c> (UTC microseconds), the rows read and accepted, the rejections by reason, and the span of
/// accepted instants (which fixes the period table of the second pass).
/// </summary>
internal sealed record RowAccount(long Read, long Accepted, IReadOnlyList<PushdownRejection> Rejections, long? FirstMicros, long? LastMicros, IReadOnlyList<object?> Extras)
{
    /// <summary>Runs the account; <paramref name="acceptedAggregates"/> (e.g. <c>min(cur), max(cur)</c>) are evaluated over the accepted rows in the same scan.</summary>
    public static RowAccount Of(DuckDBConnection connection, string classifiedCte, params string[] acceptedAggregates)
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

    /// <summary>Throws when strict and anything was rejected.</summary>
    public void ThrowIfStrict(bool strict, DuckDbSource source)
    {
        if (strict && Rejections.Count > 0)
        {
            throw new PushdownException($"{source}: {Rejections.Sum(r => r.Count)} of {Read} rows rejected in strict mode: {string.Join("; ", Rejections)}.");
        }
    }
}
