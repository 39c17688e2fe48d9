using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Cli.Sample;
using CxMetrics.Time;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The subscription churn part of <c>report</c>: quarterly customer churn (churned / customers at start, same-period
/// joiners excluded) and MRR movements of the bundled synthetic subscription events (samples/subscriptions).
/// </summary>
internal static class SubscriptionChurnSection
{
    internal static string Render(ReportSettings settings)
    {
        var s = new CliSettings { Zone = SubscriptionSample.Zone, AsOf = SubscriptionSample.AsOf, Period = PeriodUnit.Quarter, ConfidenceLevel = settings.ConfidenceLevel };
        var data = new ShopData();
        var doc = new ReportDocument("churn", "bundled subscription events");
        ChurnCommand.Subscriptions(doc, data.Subscriptions(SubscriptionSample.Path, s), s);
        var parts = new List<string>
        {
            $"Subscription churn — synthetic subscription events (seed {SubscriptionSample.Seed}, samples/subscriptions), zone {SubscriptionSample.Zone.Id}, as of 2026-01-01; {Format.Count(data.Reports[0].RowsRead)} events read, {Format.Count(data.Reports[0].RowsRejected)} rejected\n",
        };
        foreach (var table in doc.Tables.Skip(1))
        {
            var text = new TextTable(table.Title, [.. table.Columns]);
            foreach (var row in table.Rows)
            {
                text.Row(row);
            }

            parts.Add(text + (table.Note is null ? string.Empty : $"({table.Note})\n"));
        }

        return string.Join('\n', parts);
    }
}
