using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Surveys;

/// <summary>
/// A CSAT or CES result: the favourable share (CSAT = % satisfied; CES = % agreeing it was easy) with its Wilson
/// interval, the mean score with its t interval, and the histogram it was computed from.
/// </summary>
[Internal.TypeFormatterSource(typeof(Internal.NotebookFormatterSource))]
public sealed record RatingResult : Reporting.IReportable
{
    /// <summary>The scale the answers were on.</summary>
    public required RatingScale Scale { get; init; }

    /// <summary>Answered responses.</summary>
    public required long Count { get; init; }

    /// <summary>Unanswered items: counted, excluded from every estimate.</summary>
    public required long Unanswered { get; init; }

    /// <summary>Kish's effective sample size; equals <see cref="Count"/> without weights.</summary>
    public required double EffectiveSampleSize { get; init; }

    /// <summary>The share of favourable answers (in <see cref="RatingScale.FavourableMin"/>..<see cref="RatingScale.FavourableMax"/>).</summary>
    public required ProportionEstimate Favourable { get; init; }

    /// <summary>The mean score.</summary>
    public required MeanEstimate Mean { get; init; }

    /// <summary>Answers per score from <see cref="RatingScale.Min"/> to <see cref="RatingScale.Max"/>.</summary>
    public required IReadOnlyList<long> Histogram { get; init; }

    /// <summary>The headline number: the favourable share in percent (CSAT 70 means 70% satisfied), or <see langword="null"/> without answers.</summary>
    public double? Score => Favourable.Value * 100;

    /// <summary>Formats as <c>CSAT 70.0% satisfied (4–5) (95% CI [60.4, 78.1]); mean 3.75 (…); n = 100</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        string unanswered = Unanswered > 0 ? string.Create(CultureInfo.InvariantCulture, $", {Unanswered} unanswered") : string.Empty;
        return Favourable.Value is { } share && Favourable.Interval is { } ci
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{Scale.Metric} {share * 100:0.0}% {Scale.FavourableLabel} ({Scale.Band} of {Scale.Min}–{Scale.Max}; {ci.Level * 100:0.##}% CI [{ci.Lower * 100:0.0}, {ci.Upper * 100:0.0}]); mean {Mean}; n = {Count}{unanswered}")
            : $"{Scale.Metric}: no estimate (n = 0{unanswered})";
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private Internal.ResultTable Table()
    {
        var table = new Internal.ResultTable(Scale.ToString())
            .Row($"% {Scale.FavourableLabel} ({Scale.Band})", Internal.ResultTable.Number(Score))
            .Row(Favourable.Interval is { } ci ? $"{ci.Level.ToString("0.##%", System.Globalization.CultureInfo.InvariantCulture)} CI" : "CI",
                Favourable.Interval is { } i ? new Reporting.IntervalCell(i.Lower * 100, i.Upper * 100) : new Reporting.MissingCell())
            .Row("mean", Internal.ResultTable.Number(Mean.Value, "0.00"))
            .Row("mean CI", Mean.Interval is { } m ? new Reporting.IntervalCell(m.Lower, m.Upper, 2) : new Reporting.MissingCell())
            .Row("n (answered)", Internal.ResultTable.Count(Count))
            .Row("unanswered", Internal.ResultTable.Count(Unanswered));
        for (int k = 0; k < Histogram.Count; k++)
        {
            table.Row(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"score {Scale.Min + k}"), Internal.ResultTable.Count(Histogram[k]));
        }

        return table;
    }
}
