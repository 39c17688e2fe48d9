using System.Globalization;
using CxMetrics.Commerce;

namespace CxMetrics.Csv;

/// <summary>
/// The one currency of a file's amounts, fixed by the first row that has one. A later row in another currency is rejected
/// (naming both currencies and the line that fixed the first), never converted or summed across currencies. One instance per run.
/// </summary>
/// <remarks>With <c>anyCase</c>, a cell in lower case (Stripe writes <c>usd</c>) is read as its upper-case code.</remarks>
internal sealed class SingleCurrency(string? fixedCurrency, string column, bool anyCase = false)
{
    private string? first;
    private long firstLine;

    /// <summary>The file's currency once a row has fixed it, else <c>null</c>.</summary>
    public string? First => first;

    /// <summary>Fixes the file's currency from an accepted row checked elsewhere (the span-based order path).</summary>
    public void Fix(string code, long line)
    {
        first = code;
        firstLine = line;
    }

    /// <summary>The row's currency (the cell, else the fixed one), checked: ISO 4217 and the same as the file's.</summary>
    public string Of(CsvRow row)
    {
        string code = row.GetOptionalString(column) ?? fixedCurrency
            ?? throw new CsvFieldException(column, "is empty and no fixed currency is set.");
        code = anyCase ? code.ToUpperInvariant() : code;
        if (!CurrencyCode.IsValid(code))
        {
            throw new CsvFieldException(column, $"currency {CsvText.Quote(code)} is not an ISO 4217 code (three upper-case letters such as EUR).");
        }

        if (first is null)
        {
            first = code;
            firstLine = row.Line;
        }
        else if (!string.Equals(first, code, StringComparison.Ordinal))
        {
            throw new CsvFieldException(column, string.Create(CultureInfo.InvariantCulture, $"currency {CsvText.Quote(code)} differs from {CsvText.Quote(first)} (first seen on line {firstLine}); amounts of one file must share one currency — split the file by currency."));
        }

        return code;
    }
}
