using CxMetrics.Reporting;

namespace CxMetrics.Internal;

/// <summary>Renders a result for one MIME type; returns <see langword="false"/> for anything it does not know.</summary>
internal sealed class NotebookFormatter(string mimeType)
{
    /// <summary>The MIME type this formatter writes.</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>Writes <paramref name="instance"/> to <paramref name="writer"/> if it is one of our results.</summary>
    /// <param name="instance">The value to display.</param>
    /// <param name="writer">Where the notebook collects the output.</param>
    /// <returns><see langword="true"/> when written.</returns>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        string? text = (MimeType, instance) switch
        {
            ("text/html", IReportable result) => result.ToReport().ToHtml(),
            ("text/markdown", IReportable result) => result.ToReport().ToMarkdown(),
            ("text/plain", IReportable result) => result.ToString(),
            _ => null,
        };

        if (text is null)
        {
            return false;
        }

        writer.Write(text);
        return true;
    }
}
