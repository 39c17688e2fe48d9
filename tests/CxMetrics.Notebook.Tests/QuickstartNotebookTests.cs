using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxMetrics.Surveys;

namespace CxMetrics.Notebook.Tests;

/// <summary>
/// Checks of docs/notebooks/quickstart.ipynb that need no kernel: it is nbformat-4 JSON with a C# .NET Interactive
/// kernel, it references the package, and every CxMetrics type and static member its code cells name exists in the core
/// assembly's public API. The notebook itself is executed cell by cell in the dotnet-interactive kernel by .ci/notebook
/// (part of .ci/run), against the locally packed packages.
/// </summary>
public partial class QuickstartNotebookTests
{
    private static readonly Assembly Core = typeof(NpsResult).Assembly;

    private static readonly JsonDocument Notebook =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "notebooks", "quickstart.ipynb")));

    // Names from the BCL, NodaTime and the notebook kernel that the cells may use besides ours.
    private static readonly HashSet<string> Outside =
    [
        "Console", "Math", "Random", "List", "File", "Path", "DateTime", "CultureInfo", "StringSplitOptions", "Enumerable",
        "Instant", "Duration", "LocalDate", "LocalTime", "DateTimeZoneProviders", "DateTimeZone", "HTML",
    ];

    private static IEnumerable<string> CodeCells() =>
        Notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())));

    [Fact]
    public void Is_nbformat_4_with_a_csharp_dotnet_interactive_kernel()
    {
        var root = Notebook.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        var kernel = root.GetProperty("metadata").GetProperty("kernelspec");
        Assert.Equal(".net-csharp", kernel.GetProperty("name").GetString());
        Assert.Equal("C#", kernel.GetProperty("language").GetString());
        Assert.Equal("csharp", root.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        foreach (var cell in root.GetProperty("cells").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(cell.GetProperty("id").GetString()));
            if (cell.GetProperty("cell_type").GetString() == "code")
            {
                Assert.Equal(0, cell.GetProperty("outputs").GetArrayLength());
                Assert.Equal("csharp", cell.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
            }
        }
    }

    [Fact]
    public void References_the_package_and_offers_a_local_build()
    {
        string first = CodeCells().First();
        Assert.StartsWith("#r \"nuget: CxMetrics\"", first, StringComparison.Ordinal);
        Assert.Contains("// #r \"../../src/CxMetrics/bin/Release/net10.0/CxMetrics.dll\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Walks_through_nps_cohorts_and_clv()
    {
        string all = string.Join("\n", CodeCells());
        foreach (string call in new[] { "Nps.Of(", "Nps.ByPeriod(", "Cohorts.Of(", "KaplanMeier.Fit(", "CustomerBase.Of(", "BetaGeoNbd.Fit(", "GammaGamma.Fit(", "DiscountedClv.DiscreteMonthly(" })
        {
            Assert.Contains(call, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_type_and_static_member_named_in_code_cells_is_public_api()
    {
        var publicTypes = Core.GetExportedTypes().Where(t => !t.IsNested).GroupBy(t => t.Name.Split('`')[0]).ToDictionary(g => g.Key, g => g.ToArray());
        var usings = new List<string>();
        int checkedNames = 0;
        foreach (string cell in CodeCells())
        {
            string code = Code(cell);
            usings.AddRange(Using().Matches(code).Select(m => m.Groups[1].Value));
            foreach (Match m in TypeName().Matches(Using().Replace(code, string.Empty)))
            {
                string name = m.Groups[1].Value;
                if (Outside.Contains(name))
                {
                    continue;
                }

                Assert.True(publicTypes.ContainsKey(name), $"'{name}' is neither a public CxMetrics type nor a known outside name");
                checkedNames++;
                string member = m.Groups[2].Value;
                if (member.Length > 0)
                {
                    Assert.True(publicTypes[name].Any(t => t.GetMember(member, BindingFlags.Public | BindingFlags.Static).Length > 0), $"{name}.{member} is not public");
                }
            }
        }

        Assert.True(checkedNames >= 15, $"only {checkedNames} names checked");
        foreach (string ns in usings.Where(u => u.StartsWith("CxMetrics", StringComparison.Ordinal)))
        {
            Assert.Contains(Core.GetExportedTypes(), t => t.Namespace == ns);
        }
    }

    /// <summary>The code without comments, string literals and #r lines.</summary>
    private static string Code(string cell)
    {
        string noDirectives = string.Join("\n", cell.Split('\n').Where(l => !l.TrimStart().StartsWith("#r", StringComparison.Ordinal)));
        return Comment().Replace(StringLiteral().Replace(noDirectives, "\"\""), string.Empty);
    }

    [GeneratedRegex(@"^using\s+([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Using();

    // A capitalised identifier not preceded by '.', optionally followed by '.Member' — types and static members — and not
    // an initialiser's "Name =".
    [GeneratedRegex(@"(?<![.\w])([A-Z]\w*)(?:\.([A-Z]\w*))?(?![\w.])(?!\s*=[^=>])")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"\$?@?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
