using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// An estimated mean with its standard deviation, standard error and Student-t confidence interval.
/// With weights, the mean is weighted and the uncertainty uses Kish's effective sample size.
/// </summary>
/// <remarks><see cref="Value"/> is <see langword="null"/> without observations; the spread and interval are
/// <see langword="null"/> unless the effective sample size exceeds 1.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record MeanEstimate : Reporting.IReportable
{
    /// <summary>The number of observations (unweighted).</summary>
    public required long Count { get; init; }

    /// <summary>Kish's effective sample size <c>(Σw)²/Σw²</c>; equals <see cref="Count"/> without weights.</summary>
    public required double EffectiveSampleSize { get; init; }

    /// <summary>The (weighted) mean <c>Σwx/Σw</c>.</summary>
    public required double? Value { get; init; }

    /// <summary>The standard deviation, with the weighted analogue of Bessel's correction <c>n_eff/(n_eff − 1)</c>.</summary>
    public required double? StandardDeviation { get; init; }

    /// <summary>The standard error <c>s/√n_eff</c>.</summary>
    public required double? StandardError { get; init; }

    /// <summary>The interval <c>mean ± t(n_eff − 1)·SE</c>.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>Formats as <c>3.75 (95% CI [3.50, 4.00]; n = 100)</c>.</summary>
    /// <returns>The estimate as text.</returns>
    public override string ToString() => Value switch
    {
        null => "no estimate (n = 0)",
        { } v when Interval is { } ci => string.Create(CultureInfo.InvariantCulture, $"{v:0.00} ({ci.Level * 100:0.##}% CI [{ci.Lower:0.00}, {ci.Upper:0.00}]; n = {Count})"),
        { } v => string.Create(CultureInfo.InvariantCulture, $"{v:0.00} (n = {Count})"),
    };

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Mean")
        .Row("mean", ResultTable.Number(Value, "0.00"))
        .Row(Interval is { } ci ? ResultTable.Level(ci.Level) : "CI", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.00"))
        .Row("standard deviation", ResultTable.Number(StandardDeviation, "0.00"))
        .Row("standard error", ResultTable.Number(StandardError, "0.00"))
        .Row("n", ResultTable.Count(Count))
        .Row("effective n", ResultTable.Number(EffectiveSampleSize, "0.#"));
}
