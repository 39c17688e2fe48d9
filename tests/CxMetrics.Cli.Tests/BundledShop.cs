using System.Globalization;
using System.Text;
using CxMetrics.Cli.Sample;
using CxMetrics.Cli.Tests.Generators;
using CxMetrics.Csv;
using CxMetrics.Surveys;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// How each file of the bundled shop folder (<c>samples/shop</c>, the folder <c>cxmetrics report</c> reads without a
/// path) is produced: the synthetic files from their seeded generators, the converted ones from the public data sets
/// under <c>samples/</c>, the copied ones byte for byte. <see cref="BundledShopTests"/> checks that the committed files
/// are exactly this; with <c>CXMETRICS_WRITE_SAMPLES=1</c> it writes them into the repository instead.
/// </summary>
internal static class BundledShop
{
    /// <summary>Every file of the folder but its settings, attribution and mapping file, with how it is made.</summary>
    public static IReadOnlyDictionary<string, Func<string>> Files { get; } = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
    {
        ["nps.csv"] = () => Surveys(SurveySample.Generate().Nps),
        ["csat.csv"] = () => Surveys(SurveySample.Generate().Csat),
        ["ces.csv"] = () => Surveys(SurveySample.Generate().Ces),
        ["tickets.csv"] = () => Copy("servicenow", "incident_event_log_100.csv"),
        ["ticket_events.csv"] = () => HelpdeskGenerator.GenerateCsv(),
        ["sessions.csv"] = () => Copy("online-shoppers", "sessions.csv"),
        ["orders.csv"] = Orders,
        ["subscriptions.csv"] = () => SubscriptionGenerator.GenerateCsv(),
        ["cart_events.csv"] = CartEvents,
        ["survival.csv"] = () => Copy("telco", "telco_churn_tenure.csv"),
        ["assignments.csv"] = Assignments,
        ["outcomes.csv"] = Outcomes,
        ["signups.csv"] = Signups,
        ["acquisition_spend.csv"] = AcquisitionSpend,
        ["reviews.csv"] = () => ReviewGenerator.GenerateCsv(),
    };

    private static readonly OffsetDateTimePattern Local = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>");
    private static readonly InstantPattern Utc = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss;FFF'Z'");

    private static string Source(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "samples", .. parts]);

    private static string Copy(string folder, string file) => File.ReadAllText(Source(folder, file));

    /// <summary>The survey answers with their local time and offset in the sample's zone (Europe/Berlin).</summary>
    private static string Surveys(IReadOnlyList<SurveyResponse> answers)
    {
        var text = new StringBuilder("response_id,customer_id,answered_at,score,channel,touchpoint,segment\n");
        foreach (var a in answers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{a.Id},{a.CustomerId},{Local.Format(a.AnsweredAt.InZone(SurveySample.Zone).ToOffsetDateTime())},{a.Score},{a.Channel},{a.Touchpoint},{a.Segment}\n");
        }

        return text.ToString();
    }

    /// <summary>The CDNOW sample (Fader &amp; Hardie) in the conventional orders layout: each purchase at the start of its day in UTC, in USD.</summary>
    private static string Orders()
    {
        var text = new StringBuilder("customer_id,placed_at,amount,currency\n");
        foreach (var o in CdnowCsv.Read(Source("cdnow", "CDNOW_sample.txt"), strict: true))
        {
            text.Append(CultureInfo.InvariantCulture, $"{o.CustomerId},{Utc.Format(o.PlacedAt)},{o.Amount.ToString(CultureInfo.InvariantCulture)},{o.Currency}\n");
        }

        return text.ToString();
    }

    /// <summary>The OTTO sessions split into visits at 30-minute gaps (<see cref="OttoSample"/>), one cart event per row.</summary>
    private static string CartEvents()
    {
        var text = new StringBuilder("cart_id,event,at,item_id\n");
        foreach (var e in OttoSample.Parse(File.ReadLines(Source("otto", "otto_train_sample.jsonl"))).Events)
        {
            string kind = e.Kind == Commerce.CartEventKind.Purchase ? "purchase" : "add_to_cart";
            text.Append(CultureInfo.InvariantCulture, $"{e.Key},{kind},{Utc.Format(e.At)},{e.ItemId}\n");
        }

        return text.ToString();
    }

    private static string Assignments()
    {
        var text = new StringBuilder("customer_id,arm,assigned_at,segment\n");
        foreach (var a in ExperimentGenerator.Generate().Assignments)
        {
            text.Append(CultureInfo.InvariantCulture, $"{a.CustomerId},{a.Arm},{Utc.Format(a.AssignedAt)},{a.Segment}\n");
        }

        return text.ToString();
    }

    private static string Outcomes()
    {
        var text = new StringBuilder("customer_id,occurred_at,revenue,currency\n");
        foreach (var e in ExperimentGenerator.Generate().Events)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.CustomerId},{Utc.Format(e.OccurredAt)},{e.Revenue.ToString(CultureInfo.InvariantCulture)},{e.Currency}\n");
        }

        return text.ToString();
    }

    /// <summary>The CDNOW orders of this folder (as <see cref="Orders"/> writes them), read back for the acquisition generator.</summary>
    private static CsvRecords<Commerce.Order> CdnowOrders() => CdnowCsv.Read(Source("cdnow", "CDNOW_sample.txt"), strict: true);

    /// <summary>Synthetic sign-ups of the CDNOW customers and of visitors who never bought (<see cref="AcquisitionGenerator"/>).</summary>
    private static string Signups()
    {
        var text = new StringBuilder("customer_id,acquired_at,source,campaign\n");
        foreach (var c in AcquisitionGenerator.Generate(CdnowOrders()).Signups)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.CustomerId},{Utc.Format(c.AcquiredAt)},{c.Source},{c.Campaign}\n");
        }

        return text.ToString();
    }

    /// <summary>Synthetic acquisition spend per source and month, in USD (<see cref="AcquisitionGenerator"/>).</summary>
    private static string AcquisitionSpend()
    {
        var text = new StringBuilder("source,period_start,amount,currency\n");
        foreach (var s in AcquisitionGenerator.Generate(CdnowOrders()).Spend)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Source},{LocalDatePattern.Iso.Format(s.Period.Start)},{s.Amount.ToString(CultureInfo.InvariantCulture)},{s.Currency}\n");
        }

        return text.ToString();
    }
}
