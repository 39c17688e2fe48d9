namespace CxMetrics.DuckDb;

/// <summary>
/// A relation DuckDB scans: CSV files (one path or a glob such as <c>orders/*.csv</c>), Parquet files, or a table or
/// view already in the database. DuckDB streams the scan in parallel and spills to disk past its memory limit, so the
/// files may be larger than RAM.
/// </summary>
/// <remarks>
/// CSV is read with a header row and every column as text (<c>all_varchar</c>): parsing, validation and rejection
/// counting happen in the pushed-down query, the same way for every source, so DuckDB's type sniffer never guesses.
/// A CSV file DuckDB cannot split into rows (a row with another number of fields than the header, an unterminated
/// quote, an empty file) fails the call with a <see cref="PushdownException"/> naming the file and physical line, or
/// saying that the line is unknown. Rows that parse but fail validation are counted by reason, and the first of them per reason are located by
/// line (<see cref="PushdownRejection.Rows"/>).
/// </remarks>
public sealed class DuckDbSource
{
    private DuckDbSource(string relation, string description, string? csvPathOrGlob = null, char delimiter = ',')
    {
        Relation = relation;
        Description = description;
        CsvPathOrGlob = csvPathOrGlob;
        Delimiter = delimiter;
    }

    /// <summary>The SQL relation expression (already quoted).</summary>
    public string Relation { get; }

    /// <summary>What the source is, for messages.</summary>
    public string Description { get; }

    /// <summary>The path or glob of a CSV source; <see langword="null"/> for Parquet and tables.</summary>
    internal string? CsvPathOrGlob { get; }

    /// <summary>The field delimiter of a CSV source.</summary>
    internal char Delimiter { get; }

    /// <summary>CSV files with a header row.</summary>
    /// <param name="pathOrGlob">A file path or a DuckDB glob.</param>
    /// <param name="delimiter">The field delimiter (default comma).</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The path is empty or the delimiter is a quote or line break.</exception>
    public static DuckDbSource Csv(string pathOrGlob, char delimiter = ',')
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrGlob);
        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"delimiter '{delimiter}' cannot separate CSV fields.", nameof(delimiter));
        }

        return new DuckDbSource(CsvRelation(pathOrGlob, delimiter), $"CSV {pathOrGlob}", pathOrGlob, delimiter);
    }

    /// <summary>
    /// The <c>read_csv</c> call for one file or glob, with the options every CSV source uses. Its read buffer is 4 MB
    /// instead of DuckDB's 32 MB: with several buffers in flight per thread, the 32 MB ones alone exhausted a 150 MB
    /// <c>memory_limit</c> while the order summary's aggregation was spilling (measured; the scan is no slower).
    /// </summary>
    internal static string CsvRelation(string pathOrGlob, char delimiter) =>
        $"read_csv({Sql.Literal(pathOrGlob)}, header = true, all_varchar = true, delim = {Sql.Literal(delimiter.ToString())}, quote = '\"', escape = '\"', buffer_size = 4194304)";

    /// <summary>Parquet files.</summary>
    /// <param name="pathOrGlob">A file path or a DuckDB glob.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static DuckDbSource Parquet(string pathOrGlob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrGlob);
        return new DuckDbSource($"read_parquet({Sql.Literal(pathOrGlob)})", $"Parquet {pathOrGlob}");
    }

    /// <summary>A table or view in the connection's database.</summary>
    /// <param name="name">The table name (quoted as one identifier).</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static DuckDbSource Table(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new DuckDbSource(Sql.Identifier(name), $"table {name}");
    }

    /// <summary>The description.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Description;
}
