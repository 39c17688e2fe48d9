using System.Globalization;
using DuckDB.NET.Data;

namespace CxMetrics.DuckDb;

/// <summary>Opens an embedded DuckDB database set up for pushdowns: in memory (or a file), with a memory cap and a spill folder.</summary>
public static class DuckDbConnections
{
    /// <summary>Opens a connection.</summary>
    /// <param name="databasePath">A database file; <see langword="null"/> (default) for an in-memory database.</param>
    /// <param name="memoryLimit">
    /// DuckDB's memory cap, e.g. <c>"2GB"</c>; past it, grouping and sorting spill to <paramref name="tempDirectory"/>.
    /// Default: DuckDB's (80% of RAM). The order summary needs about 100 MB on 1–2 threads (measured up to 20 M orders of
    /// 2 M customers in 200 MB); below what a pushdown needs, it throws a <see cref="PushdownException"/> naming the limit.
    /// </param>
    /// <param name="tempDirectory">Where DuckDB spills; default: DuckDB's (next to the database file, or <c>.tmp</c> for in-memory databases).</param>
    /// <param name="threads">Worker threads; default: all cores.</param>
    /// <returns>The open connection; dispose it when done.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static DuckDBConnection Open(string? databasePath = null, string? memoryLimit = null, string? tempDirectory = null, int? threads = null)
    {
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "DuckDB needs at least one thread.");
        }

        var connection = new DuckDBConnection(databasePath is null ? "DataSource=:memory:" : "DataSource=" + databasePath);
        try
        {
            connection.Open();
            // Pushdowns never depend on row order; dropping it lets DuckDB stream with less memory.
            var settings = new List<string> { "SET TimeZone = 'UTC'", "SET preserve_insertion_order = false" };
            if (memoryLimit is not null)
            {
                settings.Add($"SET memory_limit = {Sql.Literal(memoryLimit)}");
            }

            if (tempDirectory is not null)
            {
                settings.Add($"SET temp_directory = {Sql.Literal(tempDirectory)}");
            }

            if (threads is { } n)
            {
                settings.Add(string.Create(CultureInfo.InvariantCulture, $"SET threads = {n}"));
            }

            foreach (string setting in settings)
            {
                using var command = connection.CreateCommand();
                command.CommandText = setting;
                command.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
