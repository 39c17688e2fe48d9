using System.Reflection;
using System.Reflection.Emit;
using System.Xml.Linq;
using CxMetrics.Surveys;

namespace CxMetrics.Tests.Conventions;

/// <summary>
/// Every public static method of the core that throws documents it (docs/api-conventions.md, "Exceptions"). The test
/// reads each method's IL: a method "throws" when its body has a <c>throw</c> instruction or calls a guard
/// (<c>ArgumentNullException.ThrowIfNull</c>, <c>ArgumentOutOfRangeException.ThrowIf…</c>, <c>ArgumentException.ThrowIf…</c>
/// or the core's internal <c>Guard</c>). Such a method must have an <c>&lt;exception&gt;</c> element in the core's generated
/// XML documentation (matched by type, name and number of parameters). Methods that only forward to another method are
/// not seen as throwing — the check is about the members that hold the guards.
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
        Assert.Contains("CxMetrics.Surveys.Nps.SampleSizeForMargin/5", documented);
        Assert.DoesNotContain("CxMetrics.Statistics.StandardNormal.TwoSidedPValue/1", documented);
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

                string key = Key(type, method.Name, method.GetParameters().Length);
                if (!documented.Contains(key))
                {
                    yield return key;
                }
            }
        }
    }

    private static string Key(Type type, string method, int parameters) => $"{type.FullName!.Replace('+', '.')}.{method}/{parameters}";

    /// <summary>Type.Method/parameter-count of every documented method with at least one exception element.</summary>
    private static HashSet<string> DocumentedWithExceptions()
    {
        string path = Path.ChangeExtension(typeof(Nps).Assembly.Location, ".xml");
        Assert.True(File.Exists(path), $"the core's XML documentation is missing next to the assembly ({Path.GetFileName(path)})");
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            string? name = member.Attribute("name")?.Value;
            if (name is null || !name.StartsWith("M:", StringComparison.Ordinal) || !member.Elements("exception").Any())
            {
                continue;
            }

            string id = name[2..];
            int open = id.IndexOf('(', StringComparison.Ordinal);
            string qualified = open < 0 ? id : id[..open];
            int count = open < 0 ? 0 : CountParameters(id[(open + 1)..^1]);
            int generic = qualified.IndexOf("``", StringComparison.Ordinal);
            if (generic >= 0)
            {
                qualified = qualified[..generic];
            }

            result.Add($"{qualified}/{count}");
        }

        return result;
    }

    private static int CountParameters(string list)
    {
        if (list.Length == 0)
        {
            return 0;
        }

        int depth = 0, count = 1;
        foreach (char c in list)
        {
            depth += c is '{' or '[' or '(' ? 1 : c is '}' or ']' or ')' ? -1 : 0;
            count += c == ',' && depth == 0 ? 1 : 0;
        }

        return count;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Whether the IL of a method has a <c>throw</c> or calls a guard.</summary>
    private static bool Throws(MethodInfo method)
    {
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
                if (IsGuard(Resolve(module, token, method)))
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

    private static bool IsGuard(MethodBase? callee) => callee?.DeclaringType is { } type && (
        (callee.Name.StartsWith("ThrowIf", StringComparison.Ordinal) && typeof(Exception).IsAssignableFrom(type))
        || (type.FullName == "CxMetrics.Internal.Guard" && callee.Name is not ("Describe" or "MoneyOverflow")));
}
