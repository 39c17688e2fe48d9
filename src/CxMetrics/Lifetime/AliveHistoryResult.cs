using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>One customer's P(alive) history (<see cref="AliveHistory.Of"/>): one point per local day from the first purchase.</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record AliveHistoryResult : IReportable
{
    /// <summary>The model evaluated.</summary>
    public required string Model { get; init; }

    /// <summary>The name of the time unit of recency and age.</summary>
    public required string TimeUnit { get; init; }

    /// <summary>The calibration end of the fit (the points after it are in the holdout).</summary>
    public required LocalDate CalibrationEnd { get; init; }

    /// <summary>The days, first purchase first.</summary>
    public required IReadOnlyList<AliveHistoryPoint> Points { get; init; }

    /// <summary>The last day's P(alive).</summary>
    public double Current => Points[^1].ProbabilityAlive;

    /// <summary>Formats as <c>BG/NBD P(alive) history: 3 purchase days, 1997-01-01 to 1998-06-30, now 0.41</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Model} P(alive) history: {Points.Count(p => p.Purchased)} purchase days, {Points[0].Date:yyyy-MM-dd} to {Points[^1].Date:yyyy-MM-dd}, now {Current:0.00}");

    /// <summary>The description of this result: its purchase days, the day before each later purchase, the calibration end and the last day.</summary>
    /// <returns>The report.</returns>
    public Report ToReport()
    {
        var grid = new ResultGrid($"P(alive) history ({Model})", "date", "event", "x", $"t_x ({TimeUnit}s)", $"T ({TimeUnit}s)", "P(alive)");
        for (int i = 0; i < Points.Count; i++)
        {
            var p = Points[i];
            string? what = p.Purchased ? "purchase"
                : i + 1 < Points.Count && Points[i + 1].Purchased ? "day before a purchase"
                : p.Date == CalibrationEnd ? "calibration end"
                : i == Points.Count - 1 ? "last day"
                : null;
            if (what is not null)
            {
                grid.Row(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), what, new CountCell(p.Frequency), new NumberCell(p.Recency, 2), new NumberCell(p.Age, 2), new ShareCell(p.ProbabilityAlive, 0));
            }
        }

        return Report.Of(grid.Note("each day valued as if the data ended that day (lifetimes' calculate_alive_path); the JSON has every day"));
    }
}
