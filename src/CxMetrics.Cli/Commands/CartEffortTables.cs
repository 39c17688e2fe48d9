using System.Globalization;
using CxMetrics.Cli.Output;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The funnel command's effort-to-buy (<see cref="EffortToBuy.From"/>) and cart-recovery (<see cref="CartRecovery.From"/>)
/// tables, from the same cart tally as the abandonment and funnel tables.
/// </summary>
internal static class CartEffortTables
{
    public static void Add(ReportDocument doc, CartTally tally, Instant asOf, CartOptions options)
    {
        var effort = EffortToBuy.From(tally, asOf, options);
        var recovery = CartRecovery.From(tally, asOf, options);
        doc.Results["effortToBuy"] = effort;
        doc.Results["recovery"] = recovery;
        string unit = options.Unit.ToString().ToLowerInvariant();

        var effortTable = new ReportTable($"Effort to buy (per purchased {unit}: first cart event to purchase)", "measure", "median", "P25", "P75", "P90", "purchases");
        effortTable.Row("cart events", new NumberCell(effort.Events.Median), new NumberCell(effort.Events.P25), new NumberCell(effort.Events.P75), new NumberCell(effort.Events.P90), Format.Count(effort.Purchases));
        effortTable.Row("minutes", Minutes(effort.Seconds.Median), Minutes(effort.Seconds.P25), Minutes(effort.Seconds.P75), Minutes(effort.Seconds.P90), Format.Count(effort.Purchases));
        effortTable.Note = "distinct cart events and time from the first cart event to the purchase; fewer and faster = less effort (the behavioural side of the Customer Effort Score, Dixon, Freeman & Toman 2010)";
        doc.Tables.Add(effortTable);

        string level = Format.Level(options.ConfidenceLevel);
        string days = options.RecoveryWindow.TotalDays.ToString("#,##0.##", CultureInfo.InvariantCulture);
        var table = new ReportTable($"Cart recovery by reminders (recovery window {days} days)", "measure", "rate", level, "recovered", "of", "pending");
        table.Row("recovered / abandoned", new ShareCell(recovery.ShareOfAbandoned.Value), Cells.Interval(recovery.ShareOfAbandoned.Interval, share: true),
            Format.Count(recovery.Recovered), Format.Count(recovery.Abandoned), Format.Count(recovery.Pending));
        table.Row("recovered / reminded", new ShareCell(recovery.ShareOfReminded.Value), Cells.Interval(recovery.ShareOfReminded.Interval, share: true),
            Format.Count(recovery.Recovered), Format.Count(recovery.Reminded), Format.Count(recovery.Pending));
        table.Note = (recovery.Reminded == 0 ? "no reminder_sent events in the data: nothing was reminded, so no recovery can be measured; " : string.Empty)
            + string.Create(CultureInfo.InvariantCulture, $"recovered = purchased after the first reminder and within the window; recovered revenue {new MoneyCell(recovery.RecoveredRevenue, recovery.Currency)}").TrimEnd();
        doc.Tables.Add(table);
    }

    private static NumberCell Minutes(double? seconds) => new NumberCell(seconds / 60);
}
