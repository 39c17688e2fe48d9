using System.Globalization;
using CxMetrics.Retention;

namespace CxMetrics.Csv;

/// <summary>
/// Reads survival files (duration + event, one row per subject) into <see cref="SurvivalRecord"/>s for
/// <see cref="KaplanMeier"/>, <see cref="LogRank"/> and <see cref="RestrictedMeanSurvival"/>; see <see cref="SurvivalColumns"/>.
/// A duration must be a finite number ≥ 0 (invariant notation; <c>1e3</c> is accepted); a negative, non-finite or
/// non-numeric duration rejects its row. A duration of 0 is kept: with no event it is a subject censored at 0 (the Telco
/// sample's new customers with <c>tenure = 0</c>, <c>Churn = No</c>), which R's <c>survival::Surv</c> keeps too — at risk
/// at time 0 only, so it changes no survival probability; with an event it is a churn at time 0 and lowers S(0). An optional
/// entry column gives delayed entry (<see cref="SurvivalColumns.Entry"/>); an entry not before its duration rejects its row.
/// </summary>
public static class SurvivalCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The records, streamed, with the account of the read.</returns>
    public static CsvRecords<SurvivalRecord> Read(string path, SurvivalColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The records, streamed.</returns>
    public static CsvRecords<SurvivalRecord> Read(TextReader reader, SurvivalColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, source), columns, options);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The records, streamed.</returns>
    public static CsvRecords<SurvivalRecord> Read(Stream stream, SurvivalColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    private static CsvRecords<SurvivalRecord> Create(CsvSource source, SurvivalColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new SurvivalColumns();
        return CsvTable.Create(source, [c.Duration, c.Event, .. c.Covariates], row =>
        {
            double duration = Duration(row, c.Duration);
            bool happened = row.GetBoolean(c.Event);
            double weight = row.GetOptionalDouble(c.Weight) ?? 1.0;
            if (weight <= 0)
            {
                throw new CsvFieldException(c.Weight, string.Create(CultureInfo.InvariantCulture, $"weight {weight} is not positive."));
            }

            double entry = Entry(row, c.Entry, duration);
            var observation = new SurvivalObservation(entry, duration, happened, weight, row.GetOptionalString(c.Id));
            string?[] covariates = c.Covariates.Count == 0 ? [] : [.. c.Covariates.Select(row.GetOptionalString)];
            return new SurvivalRecord(observation, row.GetOptionalString(c.Segment)) { Stratum = row.GetOptionalString(c.Stratum), Covariates = covariates };
        }, options);
    }

    private static double Entry(CsvRow row, string? column, double duration)
    {
        if (row.GetOptionalDouble(column) is not { } entry)
        {
            return 0;
        }

        if (!double.IsFinite(entry) || entry < 0)
        {
            throw new CsvFieldException(column, string.Create(CultureInfo.InvariantCulture, $"entry {entry} is not a finite time ≥ 0."));
        }

        return entry > 0 && !(entry < duration)
            ? throw new CsvFieldException(column, string.Create(CultureInfo.InvariantCulture, $"entry {entry} is not before the duration {duration}: a subject enters observation before it leaves."))
            : entry;
    }

    private static double Duration(CsvRow row, string column)
    {
        string text = row.GetString(column);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a finite number (expected a duration such as 12 or 3.5).");
        }

        return value < 0
            ? throw new CsvFieldException(column, $"duration {CsvText.Quote(text)} is negative; a lifetime is 0 or more.")
            : value;
    }
}
