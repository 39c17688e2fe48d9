using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// A named mapping for an export a shop already has: which reader it feeds (exactly one of <see cref="Orders"/>,
/// <see cref="Surveys"/>, <see cref="TicketSummaries"/>, <see cref="SubscriptionSummaries"/>, <see cref="CartEvents"/> and <see cref="Reviews"/> is
/// set), the vendor's header names for that reader's columns, and how its values are written (<see cref="ReadOptions"/>).
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

    /// <summary>Zendesk Support's ticket export (Admin Center → Account → Tools → Reports → Export, CSV): one row per ticket.</summary>
    /// <remarks>
    /// <para>Confirmed from a published list of the export's fields (Zendesk's ticket CSV columns with their metric columns):
    /// requester id, group, status, priority, via, created at, solved at, reopens, first reply time in minutes (and its
    /// "within business hours" twin). The header spelling as the CSV writes it (<c>Id</c>, <c>Requester id</c>,
    /// <c>Created at</c>, <c>Solved at</c>, …, sentence case) is confirmed from a user's script that rebuilds the export's
    /// header from the API; the timestamp layout (the account's local time to the minute, <c>2024-03-01 09:00</c>, without
    /// offset: give the account's zone) could not be confirmed from Zendesk's own pages: override single columns
    /// (<c>--columns</c>) or the pattern (a file with seconds: <c>uuuu-MM-dd HH:mm:ss</c>) if your file differs. ISO 8601
    /// timestamps with an offset are read as well.</para>
    /// <para>The export has no first-reply <em>timestamp</em>, only <c>First reply time in minutes</c>, Zendesk's own metric
    /// (created → first public agent comment, in calendar minutes; the "within business hours" column runs on the account's
    /// schedule and is not read). The reply is placed at created + minutes; a first-reply timestamp, when mapped
    /// (<see cref="TicketSummaryColumns.FirstReplyAt"/>), is always preferred. Resolution-time columns are not read: they are
    /// recomputed from <c>Created at</c> and <c>Solved at</c> with this library's definitions.</para>
    /// </remarks>
    public static CsvPreset Zendesk { get; } = new()
    {
        Name = "zendesk",
        Source = "Zendesk Support ticket CSV export (support.zendesk.com, 'Exporting data to a JSON, CSV, or XML file'): Id, Requester, Requester id, …, Group, Subject, Tags, Status, Priority, Via, Ticket type, Created at, Updated at, Assigned at, …, Solved at, …, Reopens, Replies, First reply time in minutes, First reply time in minutes within business hours, …",
        TicketSummaries = new TicketSummaryColumns
        {
            TicketId = "Id", CreatedAt = "Created at", FirstReplyAt = null, FirstReplyMinutes = "First reply time in minutes", SolvedAt = "Solved at",
            Status = "Status", Channel = "Via", Priority = "Priority", AgentGroup = "Group", CustomerId = "Requester id", Reopens = "Reopens", Segment = null,
        },
        TimestampPattern = "uuuu'-'MM'-'dd HH':'mm",
    };

    /// <summary>Freshdesk's ticket export (Tickets → Export, CSV): one row per ticket.</summary>
    /// <remarks>
    /// <para>Column names: <c>Ticket ID, Subject, Status, Priority, Source, Type, Agent, Group, Created time, Due by Time,
    /// Resolved time, Closed time, Last update time, Initial response time, …, First response time (in hrs), Resolution time
    /// (in hrs), …</c> and, among the contact fields, <c>Contact ID</c>. Confirmed from the ticket export's field map in
    /// Freshdesk's public export code (each export field with its column label, <c>first_response_time</c> labelled
    /// <c>Initial response time</c>) and from users' scripts that read the export by these headers. The timestamps are
    /// written without offset in the help desk's time zone (<c>2024-01-15 09:12:31</c>; the layout was not confirmed): give
    /// that zone (<see cref="CsvReadOptions.Zone"/>, <c>--zone</c>).</para>
    /// <para><c>Initial response time</c> is a timestamp (the first agent response) and is read as the first reply. The
    /// pre-computed "First response time (in hrs)" and "Resolution time (in hrs)" are Freshdesk's own (business-hours
    /// aware) metrics and are not read. Statuses <c>Open, Pending, Resolved, Closed, Waiting on Customer, Waiting on Third
    /// Party</c> are known; custom statuses reject their rows, naming them. The export has no reopen count.</para>
    /// </remarks>
    public static CsvPreset Freshdesk { get; } = new()
    {
        Name = "freshdesk",
        Source = "Freshdesk ticket export (support.freshdesk.com, 'Exporting tickets'): Ticket ID, Subject, Status, Priority, Source, Type, Agent, Group, Created time, Due by Time, Resolved time, Closed time, Last update time, Initial response time, …, Contact ID",
        TicketSummaries = new TicketSummaryColumns
        {
            TicketId = "Ticket ID", CreatedAt = "Created time", FirstReplyAt = "Initial response time", FirstReplyMinutes = null, SolvedAt = "Resolved time",
            Status = "Status", Channel = "Source", Priority = "Priority", AgentGroup = "Group", CustomerId = "Contact ID", Reopens = null, Segment = null,
        },
        TimestampPattern = "uuuu'-'MM'-'dd HH':'mm':'ss",
    };

    /// <summary>Stripe's subscriptions export (Dashboard → Billing → Subscriptions → Export, CSV): one row per subscription.</summary>
    /// <remarks>
    /// <para>Read by <see cref="SubscriptionSummaryCsv"/> into start and cancel events (MRR normalised by interval, trials
    /// and never-paid statuses skipped; see there). Columns: <c>id</c>, <c>Customer ID</c>, <c>Status</c>,
    /// <c>Start Date (UTC)</c>, <c>Trial End (UTC)</c>, <c>Canceled At (UTC)</c>, <c>Ended At (UTC)</c>, <c>Amount</c>,
    /// <c>Quantity</c>, <c>Interval</c>, <c>Currency</c>. The fields themselves are Stripe's subscription object (id,
    /// customer, status, start_date, trial_end, canceled_at, ended_at, items' price, quantity, recurring interval, currency;
    /// confirmed from Stripe's API as third-party schemas reproduce it). The header spellings <c>id</c>, <c>Customer ID</c>,
    /// <c>Status</c>, <c>Start Date (UTC)</c>, <c>Trial Start (UTC)</c>, <c>Trial End (UTC)</c>, <c>Canceled At (UTC)</c>,
    /// <c>Ended At (UTC)</c> and <c>Amount</c> are confirmed from several independent users' scripts that read this export by
    /// name; newer exports spell the start <c>Start (UTC)</c> (seen the same way): map it with
    /// <c>--columns started_at="Start (UTC)"</c>. Not confirmed: <c>Quantity</c>, <c>Interval</c>, <c>Currency</c> and
    /// <c>Plan</c>, the date layout (<c>2024-01-15 09:12</c> in UTC, as the "(UTC)" in the headers says) and that
    /// <c>Amount</c> is in major units with a decimal point (<c>29.00</c>, where the API has cents). The export has no
    /// interval count: a plan billed every 3 months reads as monthly unless an interval-count column is mapped.</para>
    /// <para>Currencies are written in lower case (<c>usd</c>) and read in any case. A subscription with several prices
    /// (items) is one row whose <c>Amount</c> is what the export puts there; not confirmed for multi-item subscriptions.</para>
    /// </remarks>
    public static CsvPreset Stripe { get; } = new()
    {
        Name = "stripe",
        Source = "Stripe Dashboard subscriptions export (dashboard.stripe.com, Billing → Subscriptions → Export): id, Customer ID, Customer Description, Customer Email, Plan, Product, Quantity, Currency, Interval, Amount, Status, Created (UTC), Start Date (UTC), Current Period Start (UTC), Current Period End (UTC), Trial Start (UTC), Trial End (UTC), Canceled At (UTC), Ended At (UTC), … (id, Customer ID, Status, the (UTC) dates and Amount confirmed; Quantity, Interval, Currency, Plan not)",
        SubscriptionSummaries = new SubscriptionSummaryColumns
        {
            SubscriptionId = "id", CustomerId = "Customer ID", Status = "Status", StartedAt = "Start Date (UTC)", TrialEnd = "Trial End (UTC)",
            CanceledAt = "Canceled At (UTC)", EndedAt = "Ended At (UTC)", Amount = "Amount", Quantity = "Quantity", Interval = "Interval", IntervalCount = null, Currency = "Currency",
            TrialStart = "Trial Start (UTC)", Plan = "Plan", Segment = null,
        },
        TimestampPattern = "uuuu'-'MM'-'dd HH':'mm",
        Zone = DateTimeZone.Utc,
    };

    /// <summary>Google Analytics 4's BigQuery event export, extracted as newline-delimited JSON (one event per line).</summary>
    /// <remarks>
    /// <para>From Google's documented schema (developers.google.com/analytics/bigquery/event-schema, confirmed): <c>event_date</c>,
    /// <c>event_timestamp</c> (microseconds since 1970, UTC), <c>event_name</c>, <c>event_params</c> (repeated
    /// <c>{key, value: {string_value, int_value, float_value, double_value}}</c>), <c>user_pseudo_id</c>, <c>device.category</c>,
    /// <c>ecommerce.transaction_id</c>, <c>ecommerce.purchase_revenue</c>, …. The unit is the GA4 <b>session</b>:
    /// <c>user_pseudo_id</c> together with the <c>ga_session_id</c> parameter (<see cref="CartEventColumns.KeyParts"/>), since
    /// a session number is unique per user only. An event without <c>ga_session_id</c> is rejected, naming the column; as for
    /// every JSON Lines file the first line must have every required key, so an export whose first event lacks
    /// <c>ga_session_id</c> stops with a <see cref="CsvDataException"/> listing the keys it has (sort or filter the extract).</para>
    /// <para>Events: <c>add_to_cart</c>, <c>begin_checkout</c>, <c>add_shipping_info</c>, <c>add_payment_info</c> and
    /// <c>purchase</c> (GA4's recommended e-commerce events) are the cart events. <c>view_item</c> is a product view, not a cart
    /// event, and is skipped like every other event (<c>page_view</c>, <c>session_start</c>, <c>view_cart</c>,
    /// <c>remove_from_cart</c>, a site's custom events; <see cref="CartEventColumns.SkipOtherEvents"/>), all counted in
    /// <see cref="CsvReport.RowsSkipped"/>. Values are not read: GA4 stores the <c>value</c> parameter in
    /// <c>double_value</c> or <c>int_value</c> depending on how the site sent it, and <c>ecommerce.purchase_revenue</c> is on
    /// purchases only; map <c>value</c> and <c>currency</c> yourself when you need them. BigQuery writes 64-bit integers as
    /// JSON strings; both forms are read.</para>
    /// </remarks>
    public static CsvPreset Ga4 { get; } = new()
    {
        Name = "ga4",
        Source = "GA4 BigQuery export schema (developers.google.com/analytics/bigquery/event-schema): event_date, event_timestamp, event_name, event_params[].key/value.{string_value,int_value,double_value}, user_pseudo_id, device.category, ecommerce.transaction_id, ecommerce.purchase_revenue, …",
        CartEvents = new CartEventColumns
        {
            Key = "user_pseudo_id",
            KeyParts = ["user_pseudo_id", "event_params[key=ga_session_id].value.int_value"],
            Kind = "event_name",
            At = "event_timestamp",
            EventNames = new Dictionary<string, Commerce.CartEventKind?>
            {
                ["view_item"] = null, ["view_item_list"] = null, ["select_item"] = null, ["view_cart"] = null, ["remove_from_cart"] = null,
                ["page_view"] = null, ["session_start"] = null, ["first_visit"] = null, ["user_engagement"] = null, ["scroll"] = null,
            },
            SkipOtherEvents = true,
            Value = null, Currency = null, ItemId = null, Channel = null, Device = "device.category", Segment = null, Id = null,
        },
        UnixTime = UnixTimeUnit.Microseconds,
        Format = CsvInputFormat.JsonLines,
    };

    /// <summary>
    /// Google Business Profile reviews as the API returns them (<c>accounts.locations.reviews.list</c>, API v4 <c>Review</c>
    /// resource): one review object per line (JSON Lines, e.g. <c>jq -c '.reviews[]'</c> of each page), or a CSV whose headers
    /// are the same field names (nested ones joined with a dot).
    /// </summary>
    /// <remarks>
    /// The item is the location: the <c>locations/{locationId}</c> part of the review's resource <c>name</c>. The rating is
    /// the <c>starRating</c> enum <c>ONE</c> … <c>FIVE</c> (<c>STAR_RATING_UNSPECIFIED</c> rejects its row). The reply time is
    /// <c>reviewReply.updateTime</c>, the only reply time the API gives: the reply's <em>last</em> edit, so a reply edited
    /// later makes the time to reply longer than it was. Every review is from source <c>Google</c>, on 1–5 stars.
    /// </remarks>
    public static CsvPreset Google { get; } = new()
    {
        Name = "google",
        Source = "Google Business Profile API v4, REST resource accounts.locations.reviews (developers.google.com/my-business/reference/rest/v4/accounts.locations.reviews): name, reviewId, reviewer, starRating (ONE … FIVE), comment, createTime, updateTime, reviewReply.comment, reviewReply.updateTime",
        Reviews = new ReviewColumns
        {
            Id = "reviewId",
            Source = null,
            SourceName = "Google",
            Item = "name",
            ItemFromResourceName = true,
            Rating = "starRating",
            RatingNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["ONE"] = 1, ["TWO"] = 2, ["THREE"] = 3, ["FOUR"] = 4, ["FIVE"] = 5 },
            Scale = null,
            CreatedAt = "createTime",
            RepliedAt = "reviewReply.updateTime",
        },
    };

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyList<CsvPreset> All { get; } = [Shopify, WooCommerce, Delighted, SurveyMonkey, Zendesk, Freshdesk, Stripe, Ga4, Google];

    /// <summary>The preset's name, lower case (what <c>cxmetrics --from</c> takes).</summary>
    public required string Name { get; init; }

    /// <summary>The export it reads and where its column names are documented.</summary>
    public required string Source { get; init; }

    /// <summary>Header names for <see cref="OrderCsv"/>, or <c>null</c> when the preset is not an order export.</summary>
    public OrderColumns? Orders { get; init; }

    /// <summary>Header names for <see cref="SurveyCsv"/>, or <c>null</c> when the preset is not a survey export.</summary>
    public SurveyColumns? Surveys { get; init; }

    /// <summary>Header names for <see cref="TicketSummaryCsv"/>, or <c>null</c> when the preset is not a ticket export.</summary>
    public TicketSummaryColumns? TicketSummaries { get; init; }

    /// <summary>Header names for <see cref="SubscriptionSummaryCsv"/>, or <c>null</c> when the preset is not a subscription export.</summary>
    public SubscriptionSummaryColumns? SubscriptionSummaries { get; init; }

    /// <summary>Header (or JSON key) names for <see cref="CartEventCsv"/>, or <c>null</c> when the preset is not an event export.</summary>
    public CartEventColumns? CartEvents { get; init; }

    /// <summary>Header (or JSON key) names for <see cref="ReviewCsv"/>, or <c>null</c> when the preset is not a review export.</summary>
    public ReviewColumns? Reviews { get; init; }

    /// <summary>
    /// The zone the export's local timestamps are written in, when the export itself says so (Stripe's headers end in
    /// "(UTC)"); <c>null</c> when the export does not say, and the zone is the caller's.
    /// </summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>The unit of Unix timestamps (<see cref="CsvReadOptions.UnixTime"/>; GA4's microseconds), or <c>null</c>.</summary>
    public UnixTimeUnit? UnixTime { get; init; }

    /// <summary>The export's format when its file name does not tell (<see cref="CsvReadOptions.Format"/>; GA4's JSON Lines), or <c>null</c>.</summary>
    public CsvInputFormat? Format { get; init; }

    /// <summary>
    /// How the export writes timestamps (<see cref="CsvReadOptions.TimestampPattern"/>); <c>null</c> when ISO 8601. A pattern
    /// without offset (SurveyMonkey) needs <see cref="CsvReadOptions.Zone"/>: an export does not say where the shop is.
    /// </summary>
    public string? TimestampPattern { get; init; }

    /// <summary>
    /// Reading options for this export: <paramref name="options"/> (or the defaults) with the preset's
    /// <see cref="TimestampPattern"/>, <see cref="UnixTime"/> and <see cref="Format"/>, and its <see cref="Zone"/> unless
    /// <paramref name="options"/> sets one.
    /// </summary>
    /// <param name="options">The caller's options (zone, strictness, …); <c>null</c> for the defaults.</param>
    /// <returns>The options to read the export with.</returns>
    public CsvReadOptions ReadOptions(CsvReadOptions? options = null)
    {
        var o = options ?? CsvReadOptions.Default;
        return o with
        {
            TimestampPattern = TimestampPattern ?? o.TimestampPattern,
            UnixTime = UnixTime ?? o.UnixTime,
            Format = Format ?? o.Format,
            Zone = o.Zone ?? Zone,
        };
    }

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
