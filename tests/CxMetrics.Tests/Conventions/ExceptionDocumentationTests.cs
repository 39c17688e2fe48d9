using System.Reflection;
using System.Reflection.Emit;
using System.Xml.Linq;
using CxMetrics.Surveys;

namespace CxMetrics.Tests.Conventions;

/// <summary>
/// Every public static method of the core that throws documents it (docs/api-conventions.md, "Exceptions"). The test
/// reads each method's IL: a method "throws" when its body has a <c>throw</c> instruction, calls a guard
/// (<c>ArgumentNullException.ThrowIfNull</c>, <c>ArgumentOutOfRangeException.ThrowIf…</c>, <c>ArgumentException.ThrowIf…</c>
/// or the core's internal <c>Guard</c>), or forwards to an overload of the same name on the same type that throws. Such a
/// method must have an <c>&lt;exception&gt;</c> element in the core's generated XML documentation, matched by its full
/// documentation id (type, name, generic arity and parameter types), so one documented overload does not cover another.
/// </summary>
public class ExceptionDocumentationTests
{
    /// <summary>
    /// Public static methods that throw but do not document it yet. The list may only shrink: a method that gains its
    /// <c>&lt;exception&gt;</c> element must leave it (the second test fails otherwise), and a new undocumented throwing
    /// method fails the first test.
    /// </summary>
    private static readonly HashSet<string> KnownGaps = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void Every_public_static_method_that_throws_documents_it()
    {
        var missing = ThrowingWithoutExceptionDocs().Where(m => !KnownGaps.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Public static methods that throw without an <exception> element:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_list_of_known_gaps_only_shrinks()
    {
        var gaps = ThrowingWithoutExceptionDocs().ToHashSet(StringComparer.Ordinal);
        var fixedOnes = KnownGaps.Where(g => !gaps.Contains(g)).ToList();
        Assert.True(fixedOnes.Count == 0, "Documented now (remove from KnownGaps):\n" + string.Join("\n", fixedOnes));
    }

    [Fact]
    public void The_check_sees_a_guard_and_a_throw()
    {
        // Nps.SampleSizeForMargin throws directly; Rating.From guards with ThrowIfNull; StandardNormal.TwoSidedPValue has neither.
        Assert.True(Throws(typeof(Nps).GetMethod(nameof(Nps.SampleSizeForMargin))!));
        Assert.True(Throws(typeof(Rating).GetMethod(nameof(Rating.From))!));
        Assert.False(Throws(typeof(CxMetrics.Statistics.StandardNormal).GetMethod(nameof(CxMetrics.Statistics.StandardNormal.TwoSidedPValue))!));
    }

    [Fact]
    public void The_check_reads_exception_elements_from_the_generated_documentation()
    {
        var documented = DocumentedWithExceptions();
        Assert.Contains(DocumentationId(typeof(Nps).GetMethod(nameof(Nps.SampleSizeForMargin))!), documented);
        Assert.DoesNotContain(DocumentationId(typeof(CxMetrics.Statistics.StandardNormal).GetMethod(nameof(CxMetrics.Statistics.StandardNormal.TwoSidedPValue))!), documented);
    }

    [Fact]
    public void The_check_matches_overloads_by_their_parameter_types()
    {
        Assert.Equal("M:CxMetrics.Surveys.Nps.SampleSizeForMargin(System.Double,System.Double,System.Double,System.Double,System.Nullable{System.Int64})", DocumentationId(typeof(Nps).GetMethod(nameof(Nps.SampleSizeForMargin))!));
        var ofSpan = typeof(Nps).GetMethods().Single(m => m.Name == nameof(Nps.Of) && m.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<int>));
        Assert.Equal("M:CxMetrics.Surveys.Nps.Of(System.ReadOnlySpan{System.Int32},CxMetrics.Surveys.SurveyOptions)", DocumentationId(ofSpan));
        var by = typeof(Nps).GetMethods().First(m => m.Name == nameof(Nps.By) && m.IsGenericMethodDefinition);
        Assert.StartsWith("M:CxMetrics.Surveys.Nps.By``1(", DocumentationId(by), StringComparison.Ordinal);
        Assert.Contains("System.Func{CxMetrics.Surveys.SurveyResponse,``0}", DocumentationId(by), StringComparison.Ordinal);

        // Every documentation id the test computes for a public static method exists in the generated documentation.
        var ids = AllDocumentationIds();
        var unknown = typeof(Nps).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && !m.Name.Contains('<', StringComparison.Ordinal))
            .Select(DocumentationId)
            .Where(id => !ids.Contains(id))
            .ToList();
        Assert.True(unknown.Count == 0, "Documentation ids not found in the generated XML:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void The_check_follows_a_forwarding_overload()
    {
        // ParetoNbd.Fit(RfmData) only forwards to Fit(RfmData, FitOptions), which guards; before the check followed such
        // calls it was matched with Fit(CustomerBaseSummary) by parameter count and its missing <exception> went unseen.
        var forwarding = typeof(CxMetrics.Lifetime.ParetoNbd).GetMethod(nameof(CxMetrics.Lifetime.ParetoNbd.Fit), [typeof(CxMetrics.Lifetime.RfmData)])!;
        Assert.True(Throws(forwarding));
        Assert.Contains(DocumentationId(forwarding), DocumentedWithExceptions());
    }

    private static IEnumerable<string> ThrowingWithoutExceptionDocs()
    {
        var documented = DocumentedWithExceptions();
        var assembly = typeof(Nps).Assembly;
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.IsSpecialName || !Throws(method))
                {
                    continue;
                }

                string key = DocumentationId(method);
                if (!documented.Contains(key))
                {
                    yield return key;
                }
            }
        }
    }

    /// <summary>The documentation id the C# compiler writes for a method (ECMA-334 annex D, "Processing the documentation file").</summary>
    internal static string DocumentationId(MethodInfo method)
    {
        string name = $"M:{TypeName(method.DeclaringType!, inSignature: false)}.{method.Name}";
        if (method.IsGenericMethod)
        {
            name += "``" + method.GetGenericArguments().Length;
        }

        var parameters = method.GetParameters();
        return parameters.Length == 0 ? name : name + "(" + string.Join(",", parameters.Select(p => TypeName(p.ParameterType, inSignature: true))) + ")";
    }

    private static string TypeName(Type type, bool inSignature)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!, inSignature) + "@";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, inSignature) + (type.GetArrayRank() == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", type.GetArrayRank())) + "]");
        }

        if (type.IsPointer)
        {
            return TypeName(type.GetElementType()!, inSignature) + "*";
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        string outer = type.IsNested ? TypeName(type.DeclaringType!, inSignature: false) + "." : (type.Namespace is { } ns ? ns + "." : "");
        if (!inSignature || !type.IsGenericType)
        {
            return outer + type.Name;
        }

        string bare = type.Name;
        int tick = bare.IndexOf('`', StringComparison.Ordinal);
        bare = tick < 0 ? bare : bare[..tick];
        var arguments = type.IsGenericTypeDefinition ? type.GetGenericArguments() : type.GenericTypeArguments;
        return outer + bare + "{" + string.Join(",", arguments.Select(a => TypeName(a, inSignature: true))) + "}";
    }

    /// <summary>Every method documentation id in the core's generated XML documentation.</summary>
    private static HashSet<string> AllDocumentationIds() => MethodMembers().Select(m => m.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<XElement> MethodMembers()
    {
        string path = Path.ChangeExtension(typeof(Nps).Assembly.Location, ".xml");
        Assert.True(File.Exists(path), $"the core's XML documentation is missing next to the assembly ({Path.GetFileName(path)})");
        return XDocument.Load(path).Descendants("member").Where(m => m.Attribute("name")?.Value.StartsWith("M:", StringComparison.Ordinal) == true);
    }

    /// <summary>The documentation id of every documented method with at least one exception element.</summary>
    private static HashSet<string> DocumentedWithExceptions() =>
        MethodMembers().Where(m => m.Elements("exception").Any()).Select(m => m.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Whether the IL of a method has a <c>throw</c>, calls a guard or forwards to a throwing overload.</summary>
    private static bool Throws(MethodInfo method) => Throws(method, []);

    private static bool Throws(MethodInfo method, HashSet<MethodInfo> visiting)
    {
        if (!visiting.Add(method))
        {
            return false;
        }

        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return false;
        }

        var module = method.Module;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            if (op == OpCodes.Throw)
            {
                return true;
            }

            if (op == OpCodes.Call || op == OpCodes.Callvirt)
            {
                int token = BitConverter.ToInt32(il, i);
                var callee = Resolve(module, token, method);
                if (IsGuard(callee) || (IsOverload(callee, method) && Throws(Definition((MethodInfo)callee!), visiting)))
                {
                    return true;
                }
            }

            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }

        return false;
    }

    private static MethodBase? Resolve(Module module, int token, MethodInfo context)
    {
        try
        {
            return module.ResolveMethod(token, context.DeclaringType?.GetGenericArguments(), context.IsGenericMethod ? context.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static MethodInfo Definition(MethodInfo method) => method.IsGenericMethod && !method.IsGenericMethodDefinition ? method.GetGenericMethodDefinition() : method;

    private static bool IsOverload(MethodBase? callee, MethodInfo method)
    {
        if (callee is not MethodInfo info || info.Name != method.Name || !info.IsStatic || info.DeclaringType != method.DeclaringType)
        {
            return false;
        }

        return true;
    }

    private static bool IsGuard(MethodBase? callee) => callee?.DeclaringType is { } type && (
        (callee.Name.StartsWith("ThrowIf", StringComparison.Ordinal) && typeof(Exception).IsAssignableFrom(type))
        || (type.FullName == "CxMetrics.Internal.Guard" && callee.Name is not ("Describe" or "MoneyOverflow")));
}
