using System.Globalization;

namespace CxMetrics.Reporting;

/// <summary>Applies <see cref="SuppressionOptions"/> to one table, for every writer alike.</summary>
internal static class Suppression
{
    /// <summary>The mark of a flagged small count.</summary>
    public const string Flag = "*";

    /// <summary>The table's cells as the writers show them (suppression applied), and the note that explains it, if any.</summary>
    public static (ReportCell[][] Rows, bool[][] Suppressed, string? Note) Apply(ReportTable table, SuppressionOptions options)
    {
        var rows = new ReportCell[table.Rows.Count][];
        var suppressed = new bool[table.Rows.Count][];
        bool any = false;
        for (int r = 0; r < rows.Length; r++)
        {
            IReadOnlyList<ReportCell> source = table.Rows[r];
            rows[r] = new ReportCell[source.Count];
            suppressed[r] = new bool[source.Count];
            for (int c = 0; c < source.Count; c++)
            {
                ReportCell cell = source[c];
                if (cell is CountCell { Value: { } v } count && v > 0 && double.IsFinite(v))
                {
                    if (options.Publish(v) is { } published)
                    {
                        any |= published != v;
                        cell = count with { Value = published };
                    }
                    else
                    {
                        any = true;
                        suppressed[r][c] = true;
                        cell = new TextCell(options.Show(v));
                    }
                }

                rows[r][c] = cell;
            }
        }

        string? note = !any ? null : options.Mode switch
        {
            SuppressionMode.Round => string.Create(CultureInfo.InvariantCulture, $"Counts are rounded to a multiple of {options.RoundingBase}."),
            SuppressionMode.Blank => string.Create(CultureInfo.InvariantCulture, $"Blank: a count below {options.MinimumCount} (small cell, suppressed)."),
            _ => string.Create(CultureInfo.InvariantCulture, $"{Flag} a count below {options.MinimumCount} (small cell)."),
        };
        return (rows, suppressed, note);
    }
}
