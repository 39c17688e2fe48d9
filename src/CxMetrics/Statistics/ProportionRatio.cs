using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// The ratio of two shares <c>p₁/p₂</c> (relative uplift = ratio − 1) with the log-ratio ("Katz") interval
/// <c>exp(ln(p₁/p₂) ± z·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂))</c> (Katz, Baptista, Azen &amp; Pike 1978, Biometrics 34:469).
/// </summary>
/// <remarks>Without a finite ratio (a side with n = 0 or no successes) the value and interval are <see langword="null"/>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ProportionRatio : Reporting.IReportable
{
    /// <summary>The numerator share (treatment).</summary>
    public required ProportionEstimate First { get; init; }

    /// <summary>The denominator share (control).</summary>
    public required ProportionEstimate Second { get; init; }

    /// <summary>The ratio <c>p₁/p₂</c>.</summary>
    public required double? Ratio { get; init; }

    /// <summary>The log-ratio interval for the ratio.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>Relative uplift <c>p₁/p₂ − 1</c> (0.2 = +20%).</summary>
    public double? Uplift => Ratio - 1;

    /// <summary>
    /// Computes the ratio of two estimates. With weights the effective sample sizes stand in for n and
    /// <c>p·n_eff</c> for x.
    /// </summary>
    /// <param name="first">Numerator (treatment).</param>
    /// <param name="second">Denominator (control).</param>
    /// <param name="level">Confidence level.</param>
    /// <returns>The ratio.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public static ProportionRatio Of(ProportionEstimate first, ProportionEstimate second, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Guard.ConfidenceLevel(level);
        if (first.Value is not { } p1 || second.Value is not { } p2 || p1 == 0 || p2 == 0)
        {
            return new ProportionRatio { First = first, Second = second, Ratio = null, Interval = null };
        }

        double n1 = first.EffectiveSampleSize, n2 = second.EffectiveSampleSize;
        double x1 = p1 * n1, x2 = p2 * n2;
        double se = Math.Sqrt(Math.Max(0, (1 / x1) - (1 / n1) + (1 / x2) - (1 / n2)));
        double ratio = p1 / p2, z = StandardNormal.CriticalValue(level);
        return new ProportionRatio
        {
            First = first,
            Second = second,
            Ratio = ratio,
            Interval = new ConfidenceInterval(Math.Exp(Math.Log(ratio) - (z * se)), Math.Exp(Math.Log(ratio) + (z * se)), level),
        };
    }

    /// <summary>Formats as <c>×1.200 (+20.0%), 95% CI [1.005, 1.433]</c>.</summary>
    /// <returns>The ratio as text.</returns>
    public override string ToString() => Ratio is { } r && Interval is { } ci
        ? string.Create(CultureInfo.InvariantCulture, $"×{r:0.000} ({(r - 1) * 100:+0.0;-0.0;0.0}%), {ci.ToString("0.000")}")
        : "no ratio (a side has no successes or n = 0)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Ratio of two shares")
        .Row("first (treatment)", CxMetrics.Statistics.StatisticsCells.Proportion(First))
        .Row("second (control)", CxMetrics.Statistics.StatisticsCells.Proportion(Second))
        .Row("ratio", ResultTable.Number(Ratio, "0.000"))
        .Row((Interval is { } ci ? ResultTable.Level(ci.Level) : "CI") + " (log ratio)", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.000"))
        .Row("uplift", ResultTable.Percent(Uplift));
}
