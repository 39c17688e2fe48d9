using System.Text;

namespace CxMetrics.Cli.Output;

/// <summary>A plain-text table with a title, right-aligned numbers and left-aligned text.</summary>
internal sealed class TextTable(string title, params string[] headers)
{
    private readonly List<string[]> rows = [];

    public TextTable Row(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells does not fit {headers.Length} columns.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        if (title.Length > 0)
        {
            text.Append(title).Append('\n');
        }

        Line(text, headers, widths, numeric: false);
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in rows)
        {
            Line(text, row, widths, numeric: true);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool numeric)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            bool right = numeric && i > 0 && LooksNumeric(cells[i]);
            text.Append(right ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            text.Append(i == cells.Length - 1 ? string.Empty : "  ");
        }

        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }

        text.Append('\n');
    }

    private static bool LooksNumeric(string cell) =>
        cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] is '-' or '+' or '[' or '—' or '<') && !cell.Any(char.IsLetter);
}
