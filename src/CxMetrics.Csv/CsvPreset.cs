namespace CxMetrics.Csv;

/// <summary>
/// A named mapping for an export a shop already has: which reader it feeds (exactly one of <see cref="Orders"/> and
/// <see cref="Surveys"/> is set), the vendor's header names for that reader's columns, and how its timestamps are written.
/// Every column name comes from the vendor's documented export (see <see cref="Source"/>); columns the export does not
/// have are <c>null</c> (ignored), and a required column the export cannot provide (SurveyMonkey's score column is the
/// question's own text) keeps its conventional name, so reading fails with the header listed until it is mapped.
/// </summary>
public sealed record CsvPreset
{
    /// <summary>Shopify's orders export (Admin → Orders → Export, "CSV for Excel, Numbers, or other spreadsheet programs").</summary>
    /// <remarks>
    /// One row per line item: the order's totals (<c>Total</c>, <c>Currency</c>, …) are filled on its first row only, so the
    /// other rows of a multi-item order are rejected with the empty cell named — counted, never summed twice.
    /// Timestamps carry their offset (<c>2024-03-05 14:02:11 -0500</c>), read by the preset's <see cref="TimestampPattern"/>.
    /// </remarks>
    public static CsvPreset Shopify { get; } = new()
    {
        Name = "shopify",
        Source = "Shopify orders export (help.shopify.com, 'Exporting orders'): Name, Email, Financial Status, Paid at, …, Currency, …, Total, …, Created at, …, Source, …",
        Orders = new OrderColumns { CustomerId = "Email", PlacedAt = "Created at", Amount = "Total", Currency = "Currency", Id = "Name", Channel = "Source", Segment = null },
        TimestampPattern = "uuuu'-'MM'-'dd HH':'mm':'ss o<+HHmm>",
    };

    /// <summary>WooCommerce's Customer / Order / Coupon Export extension, "Default" order format (one row per order).</summary>
    /// <remarks>
    /// <c>billing_email</c> is the customer, because <c>customer_id</c> is 0 for every guest checkout. <c>order_date</c> is
    /// the shop's local time without offset: give the shop's zone (<c>--zone</c> / <see cref="CsvReadOptions.Zone"/>).
    /// </remarks>
    public static CsvPreset WooCommerce { get; } = new()
    {
        Name = "woocommerce",
        Source = "WooCommerce Customer/Order/Coupon Export, default order format (woocommerce.com): order_id, order_number, order_date, status, …, order_total, order_currency, …, customer_id, billing_email, …",
        Orders = new OrderColumns { CustomerId = "billing_email", PlacedAt = "order_date", Amount = "order_total", Currency = "order_currency", Id = "order_number", Channel = null, Segment = null },
    };

    /// <summary>Delighted's survey-response export (NPS): one row per response.</summary>
    /// <remarks>The response's email is the customer; <c>Created at</c> is when the response was given.</remarks>
    public static CsvPreset Delighted { get; } = new()
    {
        Name = "delighted",
        Source = "Delighted response export (delighted.com; the API's survey response fields id, person, score, comment, created_at as the export names them): Response ID, Email, Score, Comment, Created at, …",
        Surveys = new SurveyColumns { CustomerId = "Email", AnsweredAt = "Created at", Score = "Score", Id = "Response ID", Channel = null, Touchpoint = null, Segment = null, Weight = null },
    };

    /// <summary>SurveyMonkey's "All individual responses" CSV export.</summary>
    /// <remarks>
    /// The score column is headed by the question's text, which only the user knows: map it (<c>score="How likely…"</c>).
    /// The export's second header row ("Response", "Open-Ended Response") is read as a row and rejected, counted with its
    /// line. Dates are local, month first (<c>06/14/2024 10:23:45 AM</c>): give the survey's zone.
    /// </remarks>
    public static CsvPreset SurveyMonkey { get; } = new()
    {
        Name = "surveymonkey",
        Source = "SurveyMonkey individual-responses export (help.surveymonkey.com, 'Exporting all responses'): Respondent ID, Collector ID, Start Date, End Date, IP Address, Email Address, First Name, Last Name, Custom Data 1, then one column per question",
        Surveys = new SurveyColumns { CustomerId = "Respondent ID", AnsweredAt = "End Date", Id = null, Channel = "Collector ID", Touchpoint = null, Segment = null, Weight = null },
        TimestampPattern = "MM'/'dd'/'uuuu hh':'mm':'ss tt",
    };

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyList<CsvPreset> All { get; } = [Shopify, WooCommerce, Delighted, SurveyMonkey];

    /// <summary>The preset's name, lower case (what <c>cxmetrics --from</c> takes).</summary>
    public required string Name { get; init; }

    /// <summary>The export it reads and where its column names are documented.</summary>
    public required string Source { get; init; }

    /// <summary>Header names for <see cref="OrderCsv"/>, or <c>null</c> when the preset is not an order export.</summary>
    public OrderColumns? Orders { get; init; }

    /// <summary>Header names for <see cref="SurveyCsv"/>, or <c>null</c> when the preset is not a survey export.</summary>
    public SurveyColumns? Surveys { get; init; }

    /// <summary>
    /// How the export writes timestamps (<see cref="CsvReadOptions.TimestampPattern"/>); <c>null</c> when ISO 8601. A pattern
    /// without offset (SurveyMonkey) needs <see cref="CsvReadOptions.Zone"/>: an export does not say where the shop is.
    /// </summary>
    public string? TimestampPattern { get; init; }

    /// <summary>The preset of this name (any case), or <c>null</c> when there is none.</summary>
    /// <param name="name">A preset name such as <c>shopify</c>.</param>
    /// <returns>The preset, or <c>null</c>.</returns>
    public static CsvPreset? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var preset in All)
        {
            if (string.Equals(preset.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return preset;
            }
        }

        return null;
    }
}
