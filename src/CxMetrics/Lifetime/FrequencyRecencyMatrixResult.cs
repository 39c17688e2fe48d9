using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;

namespace CxMetrics.Lifetime;

/// <summary>
/// The frequency × recency matrices of a purchase model (<see cref="FrequencyRecencyMatrix.Of(IPurchaseModel, int, double, double)"/>):
/// expected purchases in the next <see cref="Horizon"/> and P(alive), row x (repeat purchases), column t_x (recency), all at
/// age <see cref="Age"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record FrequencyRecencyMatrixResult : IReportable
{
    /// <summary>The most columns the text and Markdown tables show; the JSON and the chart carry every column.</summary>
    private const int ShownColumns = 14;

    /// <summary>The model evaluated.</summary>
    public required string Model { get; init; }

    /// <summary>T, the age at which every cell is evaluated, in the model's time unit.</summary>
    public required double Age { get; init; }

    /// <summary>t, the horizon of the expected purchases, in the model's time unit.</summary>
    public required double Horizon { get; init; }

    /// <summary>The columns' recencies t_x: 0, 1, …, ⌊T⌋.</summary>
    public required IReadOnlyList<double> Recencies { get; init; }

    /// <summary>E[Y(t) | x, t_x, T] by row x = 0, 1, … and column (<see cref="Recencies"/>).</summary>
    public required IReadOnlyList<IReadOnlyList<double>> ExpectedPurchases { get; init; }

    /// <summary>P(alive | x, t_x, T) by row x = 0, 1, … and column (<see cref="Recencies"/>).</summary>
    public required IReadOnlyList<IReadOnlyList<double>> ProbabilityAlive { get; init; }

    /// <summary>The last row's frequency x.</summary>
    public int MaxFrequency => ExpectedPurchases.Count - 1;

    /// <summary>Formats as <c>BG/NBD frequency × recency matrices: x 0–14, t_x 0–38, T = 38.86</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Model} frequency × recency matrices: x 0–{MaxFrequency}, t_x 0–{Recencies[^1]:0.##}, T = {Age:0.##}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(
        Grid($"Expected purchases in the next t = {Horizon.ToString("0.##", CultureInfo.InvariantCulture)} by frequency x and recency t_x ({Model})", ExpectedPurchases, share: false),
        Grid($"P(alive) by frequency x and recency t_x ({Model})", ProbabilityAlive, share: true));

    private ResultGrid Grid(string caption, IReadOnlyList<IReadOnlyList<double>> values, bool share)
    {
        // Evenly spaced columns, always the first and the last, when there are more than fit a terminal.
        int columns = Recencies.Count;
        var shown = columns <= ShownColumns
            ? Enumerable.Range(0, columns).ToArray()
            : Enumerable.Range(0, ShownColumns).Select(i => (int)Math.Round(i * (columns - 1) / (double)(ShownColumns - 1))).Distinct().ToArray();
        var grid = new ResultGrid(caption, [@"x \ t_x", .. shown.Select(j => Recencies[j].ToString("0.##", CultureInfo.InvariantCulture))]);
        for (int x = 0; x < values.Count; x++)
        {
            var row = values[x];
            grid.Row([new CountCell(x), .. shown.Select(j => share ? (ReportCell)new ShareCell(row[j], 0) : new NumberCell(row[j], 2))]);
        }

        grid.Note(string.Create(CultureInfo.InvariantCulture,
            $"every cell at age T = {Age:0.##}; x = 0 has no recency, so its row is flat (Fader, Hardie & Lee 2005 fig. 5; lifetimes' plot_frequency_recency_matrix)"));
        if (shown.Length < columns)
        {
            grid.Note(string.Create(CultureInfo.InvariantCulture, $"{shown.Length} of {columns} recency columns shown; the JSON has them all"));
        }

        return grid;
    }
}
