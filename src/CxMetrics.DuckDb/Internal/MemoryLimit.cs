using DuckDB.NET.Data;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// Turns DuckDB's "Out of Memory Error" into a <see cref="PushdownException"/> that names the connection's
/// <c>memory_limit</c> and threads, the measured minimum of the pushdown, and what to change.
/// </summary>
internal static class MemoryLimit
{
    /// <summary>Runs <paramref name="run"/>; when DuckDB runs out of memory, throws a <see cref="PushdownException"/> saying so.</summary>
    /// <param name="connection">The connection the pushdown runs on.</param>
    /// <param name="source">The source, for the message.</param>
    /// <param name="minimum">The measured minimum, for the message (e.g. "about 150 MB for 500,000 customers on 2 threads").</param>
    /// <param name="run">The pushdown.</param>
    public static T Explain<T>(DuckDBConnection connection, DuckDbSource source, string minimum, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (DuckDBException e) when (e.Message.Contains("Out of Memory Error", StringComparison.Ordinal))
        {
            string limit = Setting(connection, "memory_limit");
            string threads = Setting(connection, "threads");
            string first = e.Message.Split('\n', 2)[0].Trim();
            throw new PushdownException(
                $"{source}: DuckDB ran out of memory under memoryLimit {limit} with {threads} thread(s). This pushdown needs {minimum}; "
                + $"open the connection (DuckDbConnections.Open) with a larger memoryLimit, fewer threads, and a tempDirectory with room to spill. DuckDB: {first}",
                e);
        }
    }

    private static string Setting(DuckDBConnection connection, string name)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT CAST(current_setting({Sql.Literal(name)}) AS VARCHAR)";
            return command.ExecuteScalar() as string ?? "?";
        }
        catch (DuckDBException)
        {
            return "?";
        }
    }
}
