using System.Reflection;
using CxMetrics.Surveys;
using NodaTime;

namespace CxMetrics.Tests.Conventions;

/// <summary>
/// Options records validate in their <c>init</c> accessors, and an invalid value throws an
/// <see cref="ArgumentOutOfRangeException"/> whose parameter name is the property's name (docs/api-conventions.md,
/// "Exceptions"): <c>new SurveyOptions { ConfidenceLevel = 2 }</c> names <c>ConfidenceLevel</c>, not <c>value</c>.
/// </summary>
public class OptionsValidationTests
{
    private static readonly Dictionary<Type, object[]> InvalidCandidates = new()
    {
        [typeof(double)] = [double.NaN, -1.0, 0.0, 1.0, 2.0, double.PositiveInfinity],
        [typeof(int)] = [-1, 0, int.MinValue],
        [typeof(long)] = [-1L, 0L, long.MinValue],
        [typeof(decimal)] = [-1m, 0m],
        [typeof(Duration)] = [Duration.Zero, Duration.FromSeconds(-1)],
        [typeof(Duration?)] = [Duration.Zero, Duration.FromSeconds(-1)],
    };

    public static TheoryData<string> OptionsTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in OptionsRecords())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Every_invalid_value_throws_an_out_of_range_error_naming_the_property(string typeName)
    {
        var type = typeof(Nps).Assembly.GetType(typeName, throwOnError: true)!;
        foreach (var property in InitProperties(type))
        {
            foreach (object candidate in InvalidCandidates[property.PropertyType])
            {
                var error = TrySet(type, property, candidate);
                if (error is null)
                {
                    continue;
                }

                var outOfRange = Assert.IsType<ArgumentOutOfRangeException>(error);
                Assert.Equal(property.Name, outOfRange.ParamName);
            }
        }
    }

    [Fact]
    public void The_check_sees_the_guards_of_the_shared_options()
    {
        // Every family's options inherit the three guarded numbers of EstimateOptions; the check must reach them.
        var guarded = OptionsRecords()
            .SelectMany(t => InitProperties(t).Select(p => (t, p)))
            .Where(tp => InvalidCandidates[tp.p.PropertyType].Any(c => TrySet(tp.t, tp.p, c) is not null))
            .Select(tp => $"{tp.t.Name}.{tp.p.Name}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("SurveyOptions.ConfidenceLevel", guarded);
        Assert.Contains("SurveyOptions.MinimumCellSize", guarded);
        Assert.Contains("ChurnOptions.MaxPeriods", guarded);
        Assert.Contains("CartOptions.InactivityTimeout", guarded);
        Assert.Contains("CohortOptions.ElapsedWindow", guarded);
        Assert.Contains("FitOptions.MaxEvaluations", guarded);
        Assert.Contains("SuppressionOptions.RoundingBase", guarded);
        Assert.True(OptionsRecords().Count() >= 12);
    }

    private static IEnumerable<Type> OptionsRecords() => typeof(Nps).Assembly.GetExportedTypes()
        .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<PropertyInfo> InitProperties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true } && InvalidCandidates.ContainsKey(p.PropertyType));

    private static Exception? TrySet(Type type, PropertyInfo property, object candidate)
    {
        object instance = Activator.CreateInstance(type)!;
        try
        {
            property.SetMethod!.Invoke(instance, [candidate]);
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
    }
}
