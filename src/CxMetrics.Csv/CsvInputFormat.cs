namespace CxMetrics.Csv;

/// <summary>The layout of a source read by the CSV readers; see <see cref="CsvReadOptions.Format"/>.</summary>
public enum CsvInputFormat
{
    /// <summary>Delimited text with a header row (RFC 4180 quoting; <see cref="CsvReadOptions.Delimiter"/>).</summary>
    Csv = 0,

    /// <summary>
    /// JSON Lines (jsonlines.org, also called NDJSON): one JSON object per line, UTF-8. An object's keys are the columns
    /// (nested objects addressed with dots, <c>device.category</c>); a string is the cell as written, a number its text as
    /// written (<c>12.50</c>, <c>1659304800025</c>), <c>true</c>/<c>false</c> as those words, <c>null</c> or a missing key an
    /// empty cell, an array its JSON text unless it is <see cref="CsvReadOptions.Unnest">unnested</see>; the elements of an array
    /// that are objects with a <c>key</c> field (GA4's <c>event_params</c>) also give <c>name[key=K].field</c> cells, e.g.
    /// <c>event_params[key=ga_session_id].value.int_value</c>. A line that is not
    /// one JSON object (or holds a key twice, or bytes that are not UTF-8) is one rejected row with its line number; blank
    /// lines are skipped. The first row must carry every required column (as a CSV header must), else the read stops with
    /// a <see cref="CsvDataException"/> listing the keys it has. An empty file is zero rows.
    /// </summary>
    JsonLines = 1,
}
