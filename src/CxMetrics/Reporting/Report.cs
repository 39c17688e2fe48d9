namespace CxMetrics.Reporting;

/// <summary>
/// A result described for people: a title, titled tables of typed cells and notes. Every result family has one description
/// (the result's <c>ToReport()</c>); the writers here turn any report into plain text, Markdown, HTML or JSON with the same
/// number style, missing-value policy and small-cell suppression.
/// </summary>
/// <param name="Title">The report's title, e.g. <c>Net Promoter Score</c>.</param>
/// <param name="Tables">The tables, in reading order.</param>
public sealed record Report(string Title, IReadOnlyList<ReportTable> Tables)
{
    /// <summary>Lines printed after the tables.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The report as plain text: the title, then each table with aligned columns and its notes.</summary>
    /// <param name="suppression">Small-cell privacy; <see cref="SuppressionOptions.None"/> when omitted.</param>
    /// <returns>Text lines ending in a line feed.</returns>
    public string ToText(SuppressionOptions? suppression = null) => ReportWriters.Text(this, suppression ?? SuppressionOptions.None);

    /// <summary>The report as GitHub-flavoured Markdown: one table after the other, notes under each.</summary>
    /// <param name="suppression">Small-cell privacy; <see cref="SuppressionOptions.None"/> when omitted.</param>
    /// <returns>Markdown.</returns>
    public string ToMarkdown(SuppressionOptions? suppression = null) => ReportWriters.Markdown(this, suppression ?? SuppressionOptions.None);

    /// <summary>
    /// The report as one self-contained, well-formed XHTML fragment (what notebooks display): a <c>table</c>, or a <c>div</c>
    /// of tables; every text escaped, every character XML forbids replaced (<see cref="XmlCharacters"/>).
    /// </summary>
    /// <param name="suppression">Small-cell privacy; <see cref="SuppressionOptions.None"/> when omitted.</param>
    /// <returns>An HTML fragment.</returns>
    public string ToHtml(SuppressionOptions? suppression = null) => ReportWriters.Html(this, suppression ?? SuppressionOptions.None);

    /// <summary>
    /// The report as a JSON document: title, tables (columns, every row, notes) and notes; each cell has its <c>kind</c>, its
    /// raw value(s) (<see langword="null"/> for missing, NaN or suppressed) and the <c>text</c> the other writers print.
    /// </summary>
    /// <param name="suppression">Small-cell privacy; <see cref="SuppressionOptions.None"/> when omitted.</param>
    /// <returns>Indented UTF-8 JSON text.</returns>
    public string ToJson(SuppressionOptions? suppression = null) => ReportWriters.Json(this, suppression ?? SuppressionOptions.None);

    /// <summary>The report of the tables of a result's description, titled after the first.</summary>
    internal static Report Of(params ReadOnlySpan<ITableSource> tables)
    {
        var built = new ReportTable[tables.Length];
        for (int i = 0; i < tables.Length; i++)
        {
            built[i] = tables[i].Build();
        }

        return new Report(built.Length > 0 ? built[0].Title : string.Empty, built);
    }
}
