using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// Abandoned-cart recovery as of an instant: recovered units (a purchase within the recovery window after the first
/// reminder) as a share of abandoned units and, kept apart, as a share of reminded units, and the recovered revenue.
/// Units whose window is still open and who have not bought yet are <see cref="Pending"/> and in neither denominator.
/// </summary>
/// <remarks>Reference: 700 abandoned, 500 reminded, 50 recovered → 7.14% of abandoned, 10% of reminded.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record RecoveryResult : Reporting.IReportable
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>The recovery window; <see langword="null"/> for a result built from counts.</summary>
    public required Duration? RecoveryWindow { get; init; }

    /// <summary>Units ever abandoned (recovered ones included), pending recoveries excluded.</summary>
    public required long Abandoned { get; init; }

    /// <summary>Abandoned units that were sent a reminder, pending recoveries excluded.</summary>
    public required long Reminded { get; init; }

    /// <summary>Reminded units that bought within the window.</summary>
    public required long Recovered { get; init; }

    /// <summary>Reminded units whose window is still open, not recovered yet: not judged.</summary>
    public required long Pending { get; init; }

    /// <summary>Recovered among abandoned units (the recovery rate of all abandoned carts).</summary>
    public required ProportionEstimate ShareOfAbandoned { get; init; }

    /// <summary>Recovered among reminded units (the reminder's conversion rate).</summary>
    public required ProportionEstimate ShareOfReminded { get; init; }

    /// <summary>Sum of the recovered units' cart values; 0 without values.</summary>
    public required decimal RecoveredRevenue { get; init; }

    /// <summary>ISO 4217 code of <see cref="RecoveredRevenue"/>; <see langword="null"/> when no recovered unit had a value.</summary>
    public required string? Currency { get; init; }

    /// <summary>Recovered units without a known cart value (not in the revenue).</summary>
    public required long RecoveredWithoutValue { get; init; }

    /// <summary>Formats both shares and the revenue.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"recovered {Recovered}: {ShareOfAbandoned.Value * 100:0.00}% of {Abandoned} abandoned, {ShareOfReminded.Value * 100:0.00}% of {Reminded} reminded; revenue {RecoveredRevenue} {Currency}; {Pending} pending");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable(string.Create(CultureInfo.InvariantCulture, $"Cart recovery by {Unit.ToString().ToLowerInvariant()}"))
        .Row("recovery window", ResultTable.Days(RecoveryWindow))
        .Row("abandoned", ResultTable.Count(Abandoned))
        .Row("reminded", ResultTable.Count(Reminded))
        .Row("recovered", ResultTable.Count(Recovered))
        .Row("pending (window still open)", ResultTable.Count(Pending))
        .Row("recovered of abandoned", CxMetrics.Statistics.StatisticsCells.Proportion(ShareOfAbandoned))
        .Row("recovered of reminded", CxMetrics.Statistics.StatisticsCells.Proportion(ShareOfReminded))
        .Row("recovered revenue", ResultTable.Money(RecoveredRevenue, Currency))
        .Row("recovered without a value", ResultTable.Count(RecoveredWithoutValue));
}
