using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using CxMetrics.Json;
using CxMetrics.Surveys;

namespace CxMetrics.Json.Tests;

/// <summary>
/// Guards the context against forgotten types: every public record (class or struct) of the core assembly must be
/// resolvable through <see cref="CxMetricsJson.Options"/>, and no data-carrying property may be write-only in JSON
/// (serialised but impossible to read back).
/// </summary>
public class CxMetricsJsonContextTests
{
    private static readonly Assembly Core = typeof(NpsResult).Assembly;

    /// <summary>Public records of the core that are deliberately not in the context, with the reason.</summary>
    private static readonly Dictionary<Type, string> Excluded = new()
    {
        [typeof(CxMetrics.Statistics.EstimateOptions)] = "abstract base of the options records; each concrete options record is covered",
    };

    public static TheoryData<Type> PublicRecords()
    {
        var data = new TheoryData<Type>();
        // The Reporting namespace is how a result is shown, not a result: its tables are written by Report.ToJson.
        foreach (var type in Core.GetExportedTypes().Where(IsRecord).Where(t => t.Namespace != "CxMetrics.Reporting").OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void The_core_has_public_records_to_cover()
    {
        // The reflection that finds records must find the well-known ones, or the coverage theory proves nothing.
        var records = Core.GetExportedTypes().Where(IsRecord).ToHashSet();
        Assert.Contains(typeof(NpsResult), records);
        Assert.Contains(typeof(CxMetrics.Statistics.ConfidenceInterval), records);
        Assert.Contains(typeof(CxMetrics.Breakdowns.BreakdownCell<,>), records);
        Assert.True(records.Count > 80, $"only {records.Count} records found");
    }

    [Theory]
    [MemberData(nameof(PublicRecords))]
    public void Every_public_record_of_the_core_is_in_the_context(Type type)
    {
        if (Excluded.ContainsKey(type))
        {
            return;
        }

        if (type.IsGenericTypeDefinition)
        {
            // A generic record is covered when the context holds at least one closed form of it.
            var closed = CxMetricsJsonContextClosedTypes().Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == type).ToList();
            Assert.True(closed.Count > 0, $"no closed form of {type.Name} is in CxMetricsJsonContext");
            return;
        }

        Assert.True(CxMetricsJson.Options.TryGetTypeInfo(type, out var info), $"{type.FullName} is not in CxMetricsJsonContext: add a [JsonSerializable] line.");
        Assert.NotNull(info);
    }

    [Theory]
    [MemberData(nameof(PublicRecords))]
    public void Every_stored_property_of_a_record_can_be_read_back(Type type)
    {
        if (Excluded.ContainsKey(type))
        {
            return;
        }

        foreach (var closed in type.IsGenericTypeDefinition ? CxMetricsJsonContextClosedTypes().Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == type) : [type])
        {
            var info = CxMetricsJson.Options.GetTypeInfo(closed);
            if (info.Kind != JsonTypeInfoKind.Object || info.Converter.GetType().Namespace == "CxMetrics.Json.Converters")
            {
                continue; // written by a converter of this package, which rebuilds the value through the core's factory
            }

            foreach (var property in info.Properties)
            {
                string clrName = property.AttributeProvider is PropertyInfo p ? p.Name : property.Name;
                bool stored = closed.GetField($"<{clrName}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null;
                if (stored)
                {
                    Assert.True(
                        property.Set is not null || property.AssociatedParameter is not null,
                        $"{closed.Name}.{property.Name} is written to JSON but cannot be read back (no setter, no constructor parameter).");
                }
            }
        }
    }

    [Fact]
    public void Derived_properties_are_written_but_not_required()
    {
        var info = CxMetricsJson.Options.GetTypeInfo(typeof(NpsResult));
        var count = Assert.Single(info.Properties, p => p.Name == "count");
        Assert.Null(count.Set);
        Assert.False(count.IsRequired);
        Assert.True(Assert.Single(info.Properties, p => p.Name == "promoters").IsRequired);
    }

    /// <summary>All types the context can produce metadata for, found through its generated JsonTypeInfo properties.</summary>
    private static IEnumerable<Type> CxMetricsJsonContextClosedTypes() =>
        typeof(CxMetricsJsonContext).GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0]);

    /// <summary>A record class has a compiler-generated <c>EqualityContract</c>; a record struct a compiler-generated <c>PrintMembers</c>.</summary>
    private static bool IsRecord(Type type) =>
        (type.IsClass && type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null)
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic) is { } m && m.IsDefined(typeof(CompilerGeneratedAttribute)));
}
