using System.Diagnostics.CodeAnalysis;

namespace CxMetrics.Internal;

/// <summary>
/// Lets .NET Interactive (Polyglot / Jupyter notebooks) display our results as HTML tables without this package
/// referencing it. <c>Microsoft.DotNet.Interactive.Formatting.Formatter</c>, when it first meets a type that carries no
/// attribute of its own <c>TypeFormatterSourceAttribute</c> type, looks for any attribute whose class is <em>named</em>
/// <c>TypeFormatterSourceAttribute</c> (any namespace, any visibility), reads its public <c>FormatterSourceType</c>
/// property, creates that type with <see cref="Activator.CreateInstance(Type)"/>, calls its public
/// <c>CreateTypeFormatters()</c> and, for each object returned, reads the public <c>MimeType</c> property and binds the
/// public <c>bool Format(object, TextWriter)</c> method; an optional public <c>PreferredMimeTypes</c> property sets the
/// type's preferred MIME types. See dotnet/interactive, src/Microsoft.DotNet.Interactive.Formatting/Formatter.cs,
/// <c>TryRegisterFromConventionBasedFormatterSources</c>; the convention is tested in tests/CxMetrics.Notebook.Tests.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
internal sealed class TypeFormatterSourceAttribute(
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicMethods)]
    Type formatterSourceType) : Attribute
{
    /// <summary>The type whose <c>CreateTypeFormatters()</c> returns the formatters (read by name by the notebook kernel).</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicMethods)]
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a notebook should show first: HTML, then plain text.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "The notebook convention reads a string[] property by this name.")]
    public string[] PreferredMimeTypes { get; set; } = ["text/html", "text/plain"];
}
