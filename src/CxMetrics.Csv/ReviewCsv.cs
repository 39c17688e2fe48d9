using System.Globalization;
using CxMetrics.Reviews;

namespace CxMetrics.Csv;

/// <summary>
/// Reads review files (one row per review, any site) into <see cref="Review"/>s for <see cref="Reviews.Reviews"/> and
/// <see cref="ReviewTally"/>; see <see cref="ReviewColumns"/>. A row is rejected, with its line and reason, when its rating
/// is not a whole number (or a name of <see cref="ReviewColumns.RatingNames"/>) on its scale, its scale cell is not a
/// scale, its reply is before its creation, or its source was read on another scale on an earlier row (one source keeps one
/// scale, as <see cref="ReviewTally"/> requires; the first row of a source fixes it).
/// </summary>
/// <remarks>
/// A scale cell <c>min-max</c> gets the bands of <see cref="ReviewScale.FiveStars"/> mapped linearly: negative up to
/// <c>min + ⌊(max − min)/4⌋</c>, positive from <c>min + ⌈3·(max − min)/4⌉</c> — 1–5 is <see cref="ReviewScale.FiveStars"/>
/// (≤ 2, ≥ 4), 1–10 is <see cref="ReviewScale.TenPoints"/> (≤ 3, ≥ 8), 0–10 is ≤ 2 and ≥ 8. For other bands build the
/// <see cref="ReviewScale"/> yourself and give it as <see cref="ReviewColumns.DefaultScale"/>.
/// </remarks>
public static class ReviewCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The reviews, streamed, with the account of the read.</returns>
    public static CsvRecords<Review> Read(string path, ReviewColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The reviews, streamed.</returns>
    public static CsvRecords<Review> Read(TextReader reader, ReviewColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
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
    /// <returns>The reviews, streamed.</returns>
    public static CsvRecords<Review> Read(Stream stream, ReviewColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    /// <summary>
    /// The scale a cell names: <c>min-max</c> (or with an en dash) or the top alone (from 1), with the five-star bands mapped
    /// linearly (see the remarks of <see cref="ReviewCsv"/>).
    /// </summary>
    /// <param name="text">The cell, e.g. <c>1-10</c>.</param>
    /// <returns>The scale, or <c>null</c> when the text is not a scale.</returns>
    public static ReviewScale? ParseScale(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Split(['-', '–'], StringSplitOptions.TrimEntries);
        int min = 1, max;
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                return null;
            }
        }
        else if (parts.Length != 1 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out max))
        {
            return null;
        }

        if (max <= min || max > ReviewScale.MaxSupportedRating)
        {
            return null;
        }

        int range = max - min;
        return ReviewScale.Create(min, max, min + (range / 4), min + (((3 * range) + 3) / 4));
    }

    private static CsvRecords<Review> Create(CsvSource source, ReviewColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new ReviewColumns();
        List<string> required = [c.Item, c.Rating, c.CreatedAt];
        if (c.SourceName is null)
        {
            required.Add(c.Source ?? throw new ArgumentException("ReviewColumns.Source is null and no SourceName is given: the reader cannot tell where a review was posted.", nameof(columns)));
        }

        var names = c.RatingNames is null ? null : new Dictionary<string, int>(c.RatingNames, StringComparer.OrdinalIgnoreCase);
        return CsvTable.CreatePerRun<Review>(source, required, () =>
        {
            // Per run: the scale each source was first read on, with its line.
            var scales = new Dictionary<string, (ReviewScale Scale, long Line)>(StringComparer.Ordinal);
            var scaleCells = new Dictionary<string, ReviewScale>(StringComparer.Ordinal);
            return row => Map(row, c, names, scales, scaleCells);
        }, options);
    }

    private static Review Map(CsvRow row, ReviewColumns c, Dictionary<string, int>? names, Dictionary<string, (ReviewScale Scale, long Line)> scales, Dictionary<string, ReviewScale> scaleCells)
    {
        string id = row.GetOptionalString(c.Id) ?? string.Create(CultureInfo.InvariantCulture, $"line {row.Line}");
        string source = row.GetOptionalString(c.Source) ?? c.SourceName ?? row.GetString(c.Source!);
        string item = Item(row, c);
        var scale = Scale(row, c, scaleCells);
        int rating = Rating(row, c.Rating, names, scale);
        var created = row.GetInstant(c.CreatedAt);
        var replied = row.GetOptionalString(c.RepliedAt) is null ? (NodaTime.Instant?)null : row.GetInstant(c.RepliedAt!);
        if (replied is { } reply && reply < created)
        {
            throw new CsvFieldException(c.RepliedAt, $"the reply at {reply} is before the review was posted at {created}.");
        }

        if (scales.TryGetValue(source, out var first))
        {
            if (first.Scale != scale)
            {
                throw new CsvFieldException(c.Scale ?? c.Source, string.Create(CultureInfo.InvariantCulture, $"source {CsvText.Quote(source)} is on the scale {scale.Min}–{scale.Max} here but on {first.Scale.Min}–{first.Scale.Max} from line {first.Line}: one source keeps one scale."));
            }
        }
        else
        {
            scales.Add(source, (scale, row.Line));
        }

        return Review.Create(id, source, item, rating, scale, created, replied);
    }

    private static string Item(CsvRow row, ReviewColumns c)
    {
        string text = row.GetString(c.Item);
        if (!c.ItemFromResourceName)
        {
            return text;
        }

        int at = text.IndexOf("locations/", StringComparison.Ordinal);
        if (at < 0 || (at > 0 && text[at - 1] != '/'))
        {
            throw new CsvFieldException(c.Item, $"{CsvText.Quote(text)} is not a resource name with a location (expected accounts/{{accountId}}/locations/{{locationId}}/reviews/{{reviewId}}).");
        }

        int end = text.IndexOf('/', at + "locations/".Length);
        string location = end < 0 ? text[at..] : text[at..end];
        return location.Length > "locations/".Length
            ? location
            : throw new CsvFieldException(c.Item, $"{CsvText.Quote(text)} has an empty location id.");
    }

    private static ReviewScale Scale(CsvRow row, ReviewColumns c, Dictionary<string, ReviewScale> cells)
    {
        if (row.GetOptionalString(c.Scale) is not { } text)
        {
            return c.DefaultScale;
        }

        if (cells.TryGetValue(text, out var known))
        {
            return known;
        }

        var scale = ParseScale(text) ?? throw new CsvFieldException(c.Scale, $"{CsvText.Quote(text)} is not a rating scale (expected min-max such as 1-5 or 1-10, or the top alone such as 5, with 0 ≤ min < max ≤ {ReviewScale.MaxSupportedRating}).");
        if (cells.Count < 64)
        {
            cells.Add(text, scale);
        }

        return scale;
    }

    private static int Rating(CsvRow row, string column, Dictionary<string, int>? names, ReviewScale scale)
    {
        string text = row.GetString(column);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int rating))
        {
            if (names is null || !names.TryGetValue(text, out rating))
            {
                string expected = names is null ? "a whole number" : $"a whole number or one of {string.Join(", ", names.Keys)}";
                throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a rating ({expected}).");
            }
        }

        return scale.Contains(rating)
            ? rating
            : throw new CsvFieldException(column, string.Create(CultureInfo.InvariantCulture, $"rating {rating} is outside the scale {scale.Min}–{scale.Max}."));
    }
}
