using System.Diagnostics.CodeAnalysis;

namespace CxMetrics.Internal;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/>: one formatter per MIME type, each rendering any
/// result with a description (the Reporting HTML and Markdown writers) or, for plain text, its <see cref="object.ToString"/>. Found and
/// called by reflection only (the notebook convention), hence public members on an internal type.
/// </summary>
internal sealed class NotebookFormatterSource
{
    /// <summary>The formatters for <c>text/html</c>, <c>text/markdown</c> and <c>text/plain</c>.</summary>
    /// <returns>Objects with a <c>MimeType</c> property and a <c>bool Format(object, TextWriter)</c> method.</returns>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicProperties, typeof(NotebookFormatter))]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The notebook convention calls an instance method.")]
    public IEnumerable<object> CreateTypeFormatters() =>
        [new NotebookFormatter("text/html"), new NotebookFormatter("text/markdown"), new NotebookFormatter("text/plain")];
}
