namespace CxMetrics.Internal;

/// <summary>A result that renders itself as a Markdown table and as an escaped HTML table (what notebooks display).</summary>
internal interface IRichResult
{
    /// <summary>The result as GitHub-flavoured Markdown.</summary>
    string ToMarkdown();

    /// <summary>The result as a self-contained, escaped HTML fragment.</summary>
    string ToHtml();
}
