using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Commerce;

/// <summary>
/// The value left in abandoned units as of an instant: their summed cart value (exact, <see cref="decimal"/>) and the
/// distribution of single cart values.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ValueAtStakeResult : Reporting.IReportable
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>Abandoned units.</summary>
    public required long Abandoned { get; init; }

    /// <summary>Abandoned units without a known value (in no sum).</summary>
    public required long WithoutValue { get; init; }

    /// <summary>Sum of the abandoned units' latest cart values.</summary>
    public required decimal Total { get; init; }

    /// <summary>ISO 4217 code of the values; <see langword="null"/> without values.</summary>
    public required string? Currency { get; init; }

    /// <summary>Distribution of the single abandoned cart values (as doubles).</summary>
    public required QuantileSummary Distribution { get; init; }

    /// <summary>Formats as <c>value at stake 1234.50 EUR in 40 abandoned carts (median 25.00)</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"value at stake {Total} {Currency} in {Abandoned} abandoned {Unit.ToString().ToLowerInvariant()}s ({Distribution}; {WithoutValue} without value)");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table()
    {
        var table = new ResultTable(string.Create(CultureInfo.InvariantCulture, $"Value at stake by {Unit.ToString().ToLowerInvariant()}"))
            .Row("abandoned", ResultTable.Count(Abandoned))
            .Row("abandoned without a value", ResultTable.Count(WithoutValue))
            .Row("total value", ResultTable.Money(Total, Currency));
        AddQuantiles(table, "value per unit", Distribution, "0.00");
        return table;
    }

    private static void AddQuantiles(ResultTable table, string what, QuantileSummary q, string format) => table
        .Row($"{what}: n", ResultTable.Count(q.Count))
        .Row($"{what}: mean", ResultTable.Number(q.Mean, format))
        .Row($"{what}: median", ResultTable.Number(q.Median, format))
        .Row($"{what}: p10 – p90", $"{ResultTable.Number(q.P10, format)} – {ResultTable.Number(q.P90, format)}")
        .Row($"{what}: min – max", $"{ResultTable.Number(q.Min, format)} – {ResultTable.Number(q.Max, format)}");
}
