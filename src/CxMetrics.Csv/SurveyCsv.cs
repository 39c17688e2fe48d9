using System.Globalization;
using CxMetrics.Surveys;

namespace CxMetrics.Csv;

/// <summary>
/// Reads survey responses (<see cref="SurveyResponse"/>): one row per answer; see <see cref="SurveyColumns"/> for the header.
/// Scores outside the given range are rejected with their line (so one mistyped answer does not stop a report).
/// </summary>
public static class SurveyCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="minimumScore">Lowest valid score (0 for NPS, 1 for CSAT 1–5 and CES 1–7).</param>
    /// <param name="maximumScore">Highest valid score (10 for NPS).</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The responses, streamed, with the account of the read.</returns>
    public static CsvRecords<SurveyResponse> Read(string path, int minimumScore, int maximumScore, SurveyColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), minimumScore, maximumScore, columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="minimumScore">Lowest valid score.</param>
    /// <param name="maximumScore">Highest valid score.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The responses, streamed.</returns>
    public static CsvRecords<SurveyResponse> Read(TextReader reader, int minimumScore, int maximumScore, SurveyColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, source), minimumScore, maximumScore, columns, options);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="minimumScore">Lowest valid score.</param>
    /// <param name="maximumScore">Highest valid score.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The responses, streamed.</returns>
    public static CsvRecords<SurveyResponse> Read(Stream stream, int minimumScore, int maximumScore, SurveyColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), minimumScore, maximumScore, columns, options);
    }

    private static CsvRecords<SurveyResponse> Create(CsvSource source, int min, int max, SurveyColumns? columns, CsvReadOptions? options)
    {
        if (min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, $"minimum score {min} is above the maximum {max}.");
        }

        var c = columns ?? new SurveyColumns();
        return CsvTable.Create(source, [c.CustomerId, c.AnsweredAt, c.Score], row =>
        {
            int? score = row.GetOptionalInt32(c.Score);
            if (score is { } s && (s < min || s > max))
            {
                throw new CsvFieldException(c.Score, string.Create(CultureInfo.InvariantCulture, $"score {s} is outside the scale {min}–{max}."));
            }

            var response = new SurveyResponse(row.GetString(c.CustomerId), row.GetInstant(c.AnsweredAt), score)
            {
                Id = row.GetOptionalString(c.Id),
                Channel = row.GetOptionalString(c.Channel),
                Touchpoint = row.GetOptionalString(c.Touchpoint),
                Segment = row.GetOptionalString(c.Segment),
            };
            if (row.GetOptionalDouble(c.Weight) is not { } w)
            {
                return response;
            }

            return w > 0
                ? response with { Weight = w }
                : throw new CsvFieldException(c.Weight, string.Create(CultureInfo.InvariantCulture, $"weight {w} must be greater than 0 (leave the cell empty for weight 1)."));
        }, options);
    }
}
