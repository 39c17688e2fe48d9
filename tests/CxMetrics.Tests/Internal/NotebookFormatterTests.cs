using System.Reflection;
using CxMetrics.Internal;
using CxMetrics.Surveys;

namespace CxMetrics.Tests.Internal;

/// <summary>
/// The shape .NET Interactive's convention needs, checked by reflection without the notebook package (the end-to-end
/// check through its Formatter is in CxMetrics.Notebook.Tests).
/// </summary>
public class NotebookFormatterTests
{
    private static readonly Type[] RichTypes =
        [.. typeof(NpsResult).Assembly.GetTypes().Where(t => t.IsPublic && typeof(CxMetrics.Reporting.IReportable).IsAssignableFrom(t))];

    [Fact]
    public void Every_public_type_with_ToReport_is_reportable_with_the_formatter_attribute()
    {
        var withHtml = typeof(NpsResult).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethod("ToReport", Type.EmptyTypes) is not null)
            .ToArray();
        Assert.True(withHtml.Length >= 39, $"only {withHtml.Length} types have a description");
        foreach (var type in withHtml)
        {
            Assert.True(typeof(CxMetrics.Reporting.IReportable).IsAssignableFrom(type), $"{type.Name} has ToReport but is not an IReportable");
            var attribute = type.GetCustomAttributes(true).SingleOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
            Assert.True(attribute is not null, $"{type.Name} lacks [TypeFormatterSource]");
        }

        Assert.Equal(withHtml.Length, RichTypes.Length);
    }

    [Fact]
    public void The_attribute_exposes_what_the_convention_reads_by_name()
    {
        var attribute = typeof(NpsResult).GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetGetMethod()!.Invoke(attribute, null)!;
        Assert.Equal(["text/html", "text/plain"], (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!);

        object source = Activator.CreateInstance(sourceType)!;
        var formatters = ((System.Collections.IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).Cast<object>().ToArray();
        Assert.Equal(["text/html", "text/markdown", "text/plain"], formatters.Select(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!));

        var result = Nps.From(NpsTally.FromCounts(5, 3, 2));
        foreach (var formatter in formatters)
        {
            MethodInfo format = formatter.GetType().GetMethod("Format")!;
            Assert.Equal(typeof(bool), format.ReturnType);
            Assert.Equal([typeof(object), typeof(TextWriter)], format.GetParameters().Select(p => p.ParameterType));
            using var writer = new StringWriter();
            Assert.True((bool)format.Invoke(formatter, [result, writer])!);
            Assert.NotEmpty(writer.ToString());
            Assert.False((bool)format.Invoke(formatter, ["not ours", new StringWriter()])!);
        }
    }

    [Fact]
    public void Html_and_markdown_formatters_delegate_to_the_report_writers()
    {
        var result = Rating.Of([5, 4, 1, 3], CsatScale.OneToFive);
        using var html = new StringWriter();
        using var md = new StringWriter();
        Assert.True(new NotebookFormatter("text/html").Format(result, html));
        Assert.True(new NotebookFormatter("text/markdown").Format(result, md));
        Assert.Equal(result.ToReport().ToHtml(), html.ToString());
        Assert.Equal(result.ToReport().ToMarkdown(), md.ToString());
    }
}
