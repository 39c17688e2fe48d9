using System.Globalization;
using CxMetrics.Charts;
using CxMetrics.Cli.Output;
using CxMetrics.Commerce;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The survival and funnel charts of <c>report DIR --format html</c>: drawn when the folder's data permits, otherwise one
/// chart note saying what was actually missing or wrong (no file, a file that could not be judged, an option needed, or
/// nothing to draw) — never a generic claim that a file is absent when it was read.
/// </summary>
/// <param name="Survival">The lifetimes fitted by the report (survival.csv, else subscriptions, else orders with --window), or null.</param>
/// <param name="SurvivalMissing">Why there are none, when <paramref name="Survival"/> is null.</param>
/// <param name="Funnel">The funnel computed from cart_events.csv, or null.</param>
/// <param name="FunnelMissing">Why there is none, when <paramref name="Funnel"/> is null.</param>
internal sealed record FolderCharts(Lifetimes? Survival, string? SurvivalMissing, FunnelResult? Funnel, string? FunnelMissing)
{
    /// <summary>Whether the folder has subscriptions.csv (the MRR bridge's note says the file was read but not judged).</summary>
    public bool SubscriptionsRead { get; init; }

    /// <summary>The reasons for a folder, from which files it holds, which failed, and whether --window was given.</summary>
    public static FolderCharts For(string folder, Lifetimes? survival, FunnelResult? funnel, IReadOnlyCollection<string> failedFiles, bool windowGiven)
    {
        string? survivalMissing = null;
        if (survival is null)
        {
            bool subscriptions = File.Exists(Path.Combine(folder, Input.ShopData.SubscriptionsFile));
            bool orders = File.Exists(Path.Combine(folder, Input.ShopData.OrdersFile));
            bool durations = File.Exists(Path.Combine(folder, SurvivalCommand.SurvivalFile));
            survivalMissing = durations && failedFiles.Contains(SurvivalCommand.SurvivalFile)
                ? $"Survival curves: {SurvivalCommand.SurvivalFile} was read but its data could not be judged (see its table)."
                : subscriptions && failedFiles.Contains(Input.ShopData.SubscriptionsFile)
                ? $"Survival curves: {Input.ShopData.SubscriptionsFile} was read but its data could not be judged (see its table)."
                : orders && windowGiven && failedFiles.Contains(Input.ShopData.OrdersFile)
                    ? $"Survival curves: {Input.ShopData.OrdersFile} was read but its data could not be judged (see its table)."
                    : orders && !windowGiven
                        ? $"Survival curves: the folder has no {Input.ShopData.SubscriptionsFile}, and lifetimes from {Input.ShopData.OrdersFile} need --window (the inactivity after which a customer counts as lost, e.g. --window 90d)."
                        : $"Survival curves: need {SurvivalCommand.SurvivalFile}, {Input.ShopData.SubscriptionsFile}, or {Input.ShopData.OrdersFile} with --window; the folder has none of them.";
        }

        string? funnelMissing = null;
        if (funnel is null)
        {
            funnelMissing = File.Exists(Path.Combine(folder, Input.ShopData.CartEventsFile)) && failedFiles.Contains(Input.ShopData.CartEventsFile)
                ? $"Cart funnel: {Input.ShopData.CartEventsFile} was read but its data could not be judged (see its table)."
                : $"Cart funnel: needs {Input.ShopData.CartEventsFile}; the folder has none.";
        }

        return new FolderCharts(survival, survivalMissing, funnel, funnelMissing) { SubscriptionsRead = File.Exists(Path.Combine(folder, Input.ShopData.SubscriptionsFile)) };
    }

    /// <summary>Adds the charts that can be drawn and a note for each that cannot.</summary>
    public void Draw(ReportDocument doc, CliSettings s)
    {
        if (Survival?.Curves is { } curves && curves.Any(c => c.Count > 0))
        {
            doc.Charts.Add(new ReportChart(
                $"Customer survival by {Survival.SegmentName ?? "segment"}",
                curves.ToSvg(Survival.Unit, new ChartOptions { Suppression = s.Suppression, Width = ReportCharts.Width, Height = 460 }),
                $"each line is the share of customers still customers after t {Survival.Unit}, with its {Format.Level(s.ConfidenceLevel)} as a shaded band (Kaplan–Meier; customers still active at the as-of are counted until then, not as lost; a + marks a time at which some of them were still active, and the table under the axis counts the customers still followed at each tick). A line crossing the dotted 50% line marks the median lifetime.",
                Survival.Source));
        }
        else
        {
            doc.ChartNotes.Add(SurvivalMissing ?? "Survival curves: no customer lifetime at or before the as-of instant, so there is no curve to draw.");
        }

        if (Funnel is { Entered: > 0 } funnel)
        {
            doc.Charts.Add(new ReportChart(
                "Cart funnel",
                funnel.ToSvg(new ChartOptions { Suppression = s.Suppression, Width = ReportCharts.Width, Height = Math.Max(240, 100 + (70 * funnel.Steps.Count)) }),
                $"bars are the {funnel.Unit.ToString().ToLowerInvariant()}s that reached each step; the label gives the count, the share of all that entered, and the share that continued to the next step. Grey (if any): still inside the time-out — neither lost nor converted yet.",
                $"{Input.ShopData.CartEventsFile}: {s.Suppression.Show(funnel.Entered)} {funnel.Unit.ToString().ToLowerInvariant()}s entered the funnel."));
        }
        else
        {
            doc.ChartNotes.Add(FunnelMissing ?? $"Cart funnel: no unit of {Input.ShopData.CartEventsFile} reached the first step (add to cart), so there is nothing to draw.");
        }
    }
}
