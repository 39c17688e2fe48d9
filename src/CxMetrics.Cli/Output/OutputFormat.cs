namespace CxMetrics.Cli.Output;

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Boxed tables for a terminal (Spectre.Console).</summary>
    Table,

    /// <summary>GitHub-flavoured Markdown tables.</summary>
    Markdown,

    /// <summary>One JSON document (schema in docs/cli.md).</summary>
    Json,

    /// <summary>One self-contained HTML page (inline CSS and SVG charts, no scripts, no external references).</summary>
    Html,
}
