using System.Globalization;
using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>Purchase frequency of a period: orders per ordering customer.</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record PurchaseFrequencyResult : IRichResult
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

    /// <summary>
    /// The result as a Markdown table (orders per customer, orders, customers), for reports and notebooks; numbers in invariant culture, <c>—</c> where there is no estimate.
    /// </summary>
    /// <returns>GitHub-flavoured Markdown.</returns>
    public string ToMarkdown() => Table().ToMarkdown();

    /// <summary>The same content as <see cref="ToMarkdown"/> as one self-contained, escaped HTML fragment (what notebooks display).</summary>
    /// <returns>An HTML fragment.</returns>
    public string ToHtml() => Table().ToHtml();

    private ResultTable Table() => new ResultTable("Purchase frequency")
        .Row("period", ResultTable.When(Period))
        .Row("orders per customer", ResultTable.Number(Frequency, "0.00"))
        .Row("orders", ResultTable.Count(Orders))
        .Row("customers", ResultTable.Count(Customers));
}
