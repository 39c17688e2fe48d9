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

    /// <summary>
    /// The report as plain text: the title, then each table as its title line, the table in the one text style (ASCII borders
    /// <c>+</c>, <c>-</c>, <c>|</c>, so it stays aligned in any monospaced font and wherever it is pasted; text left-aligned,
    /// figures right-aligned) and its notes, one line each. Control characters from the data are shown escaped and long text
    /// is cut (<see cref="ControlCharacters"/>).
    /// </summary>
    /// <param name="suppression">Small-cell privacy; <see cref="SuppressionOptions.None"/> when omitted.</param>
    /// <param name="width">
    /// The widest a table may be, in columns (a terminal's width): wider tables narrow their widest columns, never below
    /// their longest word (a figure is never broken), and wrap those cells inside the column at spaces; a table whose words
    /// cannot fit stays wider. 0 (the default) never wraps. Titles and notes are never wrapped.
    /// </param>
    /// <returns>Text lines ending in a line feed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is negative.</exception>
    public string ToText(SuppressionOptions? suppression = null, int width = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        return ReportWriters.Text(this, suppression ?? SuppressionOptions.None, width);
    }

    /// <summary>
    /// The report as GitHub-flavoured Markdown: one table after the other, each under its title, notes under each. Pipes and
    /// backslashes are escaped, control characters from the data shown escaped and long text cut (<see cref="ControlCharacters"/>).
    /// </summary>
    /// <param name="suppression">Small-cell privacy; <see cref="SuppressionOptions.None"/> when omitted.</param>
    /// <param name="headingLevel">
    /// 0 (the default): each title is a bold line (a list of named values carries it in its header row); 1 to 6: each title
    /// is a heading of that level (<c>## title</c> for 2), for a document with its own outline.
    /// </param>
    /// <returns>Markdown.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="headingLevel"/> is not between 0 and 6.</exception>
    public string ToMarkdown(SuppressionOptions? suppression = null, int headingLevel = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headingLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headingLevel, 6);
        return ReportWriters.Markdown(this, suppression ?? SuppressionOptions.None, headingLevel);
    }

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
