using System.Reflection;
using CxMetrics.Reporting;

namespace CxMetrics.Tests.Reporting;

/// <summary>
/// The one-way arrows of docs/architecture.md, checked on every signature (fields, properties, methods, base types) of
/// the core: Reporting names no other core namespace, Internal names no Statistics type, Statistics and Time name no metric
/// family.
/// </summary>
public class LayeringTests
{
    private static readonly string[] Families = ["Surveys", "Support", "Retention", "Commerce", "Conversion", "Experiments", "Lifetime", "Breakdowns", "Portable"];

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } b)
        {
            yield return b;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var f in type.GetFields(all))
        {
            yield return f.FieldType;
        }

        foreach (var p in type.GetProperties(all))
        {
            yield return p.PropertyType;
        }

        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in m.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
    }

    private static IEnumerable<string> Namespaces(Type type)
    {
        foreach (var t in Referenced(type))
        {
            var element = t;
            while (element.HasElementType)
            {
                element = element.GetElementType()!;
            }

            if (element.Namespace is { } ns)
            {
                yield return ns;
            }

            if (element.IsGenericType)
            {
                foreach (var argument in element.GetGenericArguments())
                {
                    if (argument.Namespace is { } a)
                    {
                        yield return a;
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Type, string Namespace)> Violations(string layer, Func<string, bool> forbidden) =>
        typeof(Report).Assembly.GetTypes()
            .Where(t => t.Namespace == "CxMetrics." + layer)
            .SelectMany(t => Namespaces(t).Where(forbidden).Select(ns => (t.FullName!, ns)))
            .Distinct();

    [Fact]
    public void Reporting_names_no_other_core_namespace() =>
        Assert.Empty(Violations("Reporting", ns => ns.StartsWith("CxMetrics.", StringComparison.Ordinal) && ns != "CxMetrics.Reporting"));

    [Fact]
    public void Internal_names_no_statistics_type() =>
        Assert.Empty(Violations("Internal", ns => ns == "CxMetrics.Statistics"));

    [Theory]
    [InlineData("Statistics")]
    [InlineData("Time")]
    public void Statistics_and_time_name_no_metric_family(string layer) =>
        Assert.Empty(Violations(layer, ns => Families.Any(f => ns == "CxMetrics." + f)));

    [Fact]
    public void The_check_sees_a_family_where_there_is_one() =>
        Assert.NotEmpty(Violations("Surveys", ns => ns == "CxMetrics.Reporting"));
}
