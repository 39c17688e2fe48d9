namespace CxMetrics.Cli.Input;

/// <summary>What reads the input files (<c>--engine</c>).</summary>
internal enum InputEngine
{
    /// <summary>The built-in reader (CxMetrics.Csv) for CSV and JSON Lines, DuckDB for Parquet.</summary>
    Auto,

    /// <summary>The built-in reader only: a Parquet file is a usage error.</summary>
    Builtin,

    /// <summary>CSV and Parquet files through embedded DuckDB (CxMetrics.DuckDb).</summary>
    DuckDb,
}
