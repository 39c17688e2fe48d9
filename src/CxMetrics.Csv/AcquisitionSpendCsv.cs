using CxMetrics.Acquisition;
using CxMetrics.Time;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Csv;

/// <summary>
/// Reads acquisition spend files into <see cref="AcquisitionSpend"/>s: one row per source and period; see
/// <see cref="AcquisitionSpendColumns"/>. The period start must be the first day of a period of the cohorts' grid (the
/// grid's unit and week start; <c>2024-03-01</c> for March on a monthly grid): a date inside a period rejects its row
/// naming the period's first day, so spend is never moved between periods silently. Amounts are ≥ 0 and all in one
/// currency (the currency column, else <see cref="CsvReadOptions.Currency"/>), as in <see cref="OrderCsv"/>.
/// </summary>
public static class AcquisitionSpendCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="grid">The period grid of the cohorts the spend is matched with (its unit and week start).</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The spend records, streamed, with the account of the read.</returns>
    /// <exception cref="ArgumentException">The path is empty, or the options' fixed currency is malformed.</exception>
    /// <exception cref="ArgumentNullException">The path or the grid is null.</exception>
    public static CsvRecords<AcquisitionSpend> Read(string path, PeriodGrid grid, AcquisitionSpendColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(grid);
        return Create(CsvSource.File(path), grid, columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="grid">The period grid of the cohorts.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The spend records, streamed.</returns>
    /// <exception cref="ArgumentException">The options' fixed currency is malformed.</exception>
    /// <exception cref="ArgumentNullException">The reader or the grid is null.</exception>
    public static CsvRecords<AcquisitionSpend> Read(TextReader reader, PeriodGrid grid, AcquisitionSpendColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(grid);
        return Create(CsvSource.Text(reader, source), grid, columns, options);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="grid">The period grid of the cohorts.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The spend records, streamed.</returns>
    /// <exception cref="ArgumentException">The options' fixed currency is malformed.</exception>
    /// <exception cref="ArgumentNullException">The stream or the grid is null.</exception>
    public static CsvRecords<AcquisitionSpend> Read(Stream stream, PeriodGrid grid, AcquisitionSpendColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(grid);
        return Create(CsvSource.Bytes(stream, source), grid, columns, options);
    }

    private static CsvRecords<AcquisitionSpend> Create(CsvSource source, PeriodGrid grid, AcquisitionSpendColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new AcquisitionSpendColumns();
        var o = options ?? CsvReadOptions.Default;
        string? fixedCurrency = o.Currency is null ? null : Commerce.CurrencyCode.Validate(o.Currency, nameof(options));
        string[] required = fixedCurrency is null && c.Currency is not null ? [c.Source, c.PeriodStart, c.Amount, c.Currency] : [c.Source, c.PeriodStart, c.Amount];
        return CsvTable.CreatePerRun<AcquisitionSpend>(source, required, () =>
        {
            var currency = new SingleCurrency(fixedCurrency, c.Currency ?? "currency");
            return row =>
            {
                string name = row.GetString(c.Source);
                var period = Period(row, c.PeriodStart, grid);
                decimal amount = row.GetAmount(c.Amount);
                if (amount < 0)
                {
                    throw new CsvFieldException(c.Amount, FormattableString.Invariant($"spend {amount} is negative."));
                }

                return new AcquisitionSpend(name, period, amount, currency.Of(row));
            };
        }, o);
    }

    private static CalendarPeriod Period(CsvRow row, string column, PeriodGrid grid)
    {
        string text = row.GetString(column);
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not an ISO date such as 2024-03-01 (the first day of the period).");
        }

        LocalDate date = parsed.Value;
        var period = grid.Containing(date);
        return period.Start == date
            ? period
            : throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not the first day of a {grid.Unit.ToString().ToLowerInvariant()} period; the period containing it starts on {LocalDatePattern.Iso.Format(period.Start)}.");
    }
}
