using System.Globalization;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>Purchase frequency of a period: orders per ordering customer.</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record PurchaseFrequencyResult : Reporting.IReportable
{
    /// <summary>The period.</summary>
    public required Interval Period { get; init; }

    /// <summary>Orders placed in the period.</summary>
    public required long Orders { get; init; }

    /// <summary>Distinct customers who ordered in the period.</summary>
    public required long Customers { get; init; }

    /// <summary><c>Orders / Customers</c>, or <see langword="null"/> without customers.</summary>
    public required double? Frequency { get; init; }

    /// <summary>Formats as <c>2.94 orders per customer (6,919 orders, 2,357 customers)</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Frequency:0.00} orders per customer ({Orders} orders, {Customers} customers)");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    private ResultTable Table() => new ResultTable("Purchase frequency")
        .Row("period", ResultTable.When(Period))
        .Row("orders per customer", ResultTable.Number(Frequency, "0.00"))
        .Row("orders", ResultTable.Count(Orders))
        .Row("customers", ResultTable.Count(Customers));
}
