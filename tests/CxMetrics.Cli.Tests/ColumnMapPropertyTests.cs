using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// Any permutation and renaming of a file's columns, read with the matching <c>--columns</c> map, gives exactly the output
/// of the canonical file (issue 14, proof): the map is the only thing that ties a header to its meaning.
/// </summary>
public sealed class ColumnMapPropertyTests : IDisposable
{
    private static readonly string[] OrderHeader = ["customer_id", "placed_at", "amount", "currency", "order_id", "channel", "segment"];

    private static readonly string[][] OrderRows =
    [
        ["c1", "2024-01-05T10:00:00Z", "10.50", "EUR", "o1", "web", "gold"],
        ["c2", "2024-01-20T08:30:00Z", "20", "EUR", "o2", "store", "silver"],
        ["c1", "2024-02-11T12:00:00Z", "5.25", "EUR", "o3", "web", "gold"],
        ["c3", "2024-02-14T23:59:59Z", "99.99", "EUR", "o4", "app", "bronze, \"new\""],
        ["c2", "2024-03-02T07:00:00Z", "12", "EUR", "o5", "store", "silver"],
        ["c4", "2024-03-30T18:45:00Z", "0", "EUR", "o6", "web", "gold"],
    ];

    private static readonly string[] SurveyHeader = ["customer_id", "answered_at", "score", "response_id", "channel", "touchpoint", "segment", "weight"];

    private static readonly string[][] SurveyRows =
    [
        ["c1", "2024-01-05T10:00:00Z", "10", "r1", "email", "delivery", "gold", "1"],
        ["c2", "2024-01-20T08:30:00Z", "3", "r2", "web", "checkout", "silver", ""],
        ["c3", "2024-02-11T12:00:00Z", "", "r3", "email", "delivery", "gold", "2"],
        ["c4", "2024-02-14T23:59:59Z", "8", "r4", "app", "support", "bronze", "0.5"],
        ["c5", "2024-03-02T07:00:00Z", "9", "r5", "web", "checkout", "silver", ""],
        ["c6", "2024-03-30T18:45:00Z", "0", "r6", "web", "delivery", "gold", "1.5"],
    ];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-mapprop-" + Guid.NewGuid().ToString("N"));

    public ColumnMapPropertyTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A header name with the characters the quoting rule must carry: spaces inside, commas, quotes, '=', ';', non-ASCII.</summary>
    private static Gen<string> Name() =>
        Gen.Elements('a', 'B', 'z', ' ', ',', '"', '=', ';', 'é', '_', '1')
            .ArrayOf()
            .Select(cs => new string(cs).Trim())
            .Where(s => s.Length > 0);

    /// <summary>A layout: the order of the columns and a new, distinct name for each.</summary>
    private static Arbitrary<(int[] Order, string[] Names)> Layout(int columns) =>
        (from order in Gen.Shuffle(Enumerable.Range(0, columns).ToArray())
         from names in Gen.ArrayOf(Name(), columns)
         where names.Distinct(StringComparer.Ordinal).Count() == columns
         select (order, names)).ToArbitrary();

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Csv(string[] header, string[][] rows, int[] order)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", order.Select(i => Quote(header[i])))).Append('\n');
        foreach (var row in rows)
        {
            text.Append(string.Join(",", order.Select(i => Quote(row[i])))).Append('\n');
        }

        return text.ToString();
    }

    private static string Map(string[] logical, string[] names) => string.Join(",", logical.Select((l, i) => l + "=" + Quote(names[i])));

    private bool SameOutput(string command, string[] header, string[][] rows, int[] order, string[] names, params string[] options)
    {
        string canonical = Path.Combine(folder, "canonical.csv");
        string renamed = Path.Combine(folder, "renamed.csv");
        File.WriteAllText(canonical, Csv(header, rows, Enumerable.Range(0, header.Length).ToArray()));
        File.WriteAllText(renamed, Csv(names, rows, order));
        var expected = ColumnMapsTests.Run([command, canonical, "-f", "json", .. options]);
        var actual = ColumnMapsTests.Run([command, renamed, "--columns", Map(header, names), "-f", "json", .. options]);
        return expected.Code == 0 && actual.Code == 0 && ColumnMapsTests.Figures(expected.Output) == ColumnMapsTests.Figures(actual.Output);
    }

    [Property(MaxTest = 25)]
    public Property Permuted_and_renamed_orders_with_their_map_give_the_canonical_output() =>
        Prop.ForAll(Layout(OrderHeader.Length), layout => SameOutput("cohorts", OrderHeader, OrderRows, layout.Order, layout.Names, "--segment", "segment"));

    [Property(MaxTest = 25)]
    public Property Permuted_and_renamed_survey_answers_with_their_map_give_the_canonical_output() =>
        Prop.ForAll(Layout(SurveyHeader.Length), layout => SameOutput("nps", SurveyHeader, SurveyRows, layout.Order, layout.Names, "--segment", "touchpoint"));
}
