namespace CxMetrics.Cli.Output;

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Text tables in the core text writer's one style (ASCII borders), laid out to the terminal's width on a terminal.</summary>
    Table,

    /// <summary>GitHub-flavoured Markdown tables.</summary>
    Markdown,

    /// <summary>One JSON document (schema in docs/cli.md).</summary>
    Json,

    /// <summary>One self-contained HTML page (inline CSS and SVG charts, no scripts, no external references).</summary>
    Html,
}
