using System.Globalization;
using CxMetrics.Time;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Orleans;

/// <summary>
/// The address of one tally on the cluster: shop × metric × segment × calendar period. Each key is owned by exactly one
/// <see cref="ITallyGrain"/>, whose grain id is the key's string form (<see cref="ToString"/>).
/// </summary>
/// <remarks>
/// <para>String form: <c>{shop}/{metric}/{segment}/{unit}:{start}</c>, for example
/// <c>shop-17/nps/mobile/day:2026-11-23</c> or <c>shop-17/csat/all/week:2026-11-23</c>. The three names are escaped with
/// <see cref="Uri.EscapeDataString(string)"/> (so a <c>/</c> inside a name becomes <c>%2F</c>); the unit is one of
/// <c>day</c>, <c>week</c>, <c>month</c>, <c>quarter</c>, <c>year</c>; the start is the period's first local date in ISO
/// form (<c>uuuu-MM-dd</c>). A week's start day is its first day, so Sunday weeks and ISO (Monday) weeks are both exact.
/// The form is canonical: <see cref="Parse"/> then <see cref="ToString"/> gives the same text for any key this type made.</para>
/// <para>The metric is a name the caller chooses (<c>nps</c>, <c>csat</c>, <c>checkout-conversion</c>); the kind of tally a
/// grain holds is fixed by the first batch it accepts (see <see cref="ITallyGrain"/>).</para>
/// </remarks>
public sealed record TallyKey
{
    /// <summary>The conventional segment name for "every customer" (no segmentation).</summary>
    public const string AllSegments = "all";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>Creates a key.</summary>
    /// <param name="shop">The shop's id, not blank.</param>
    /// <param name="metric">The metric's name, not blank.</param>
    /// <param name="segment">The segment's name (e.g. <see cref="AllSegments"/>), not blank.</param>
    /// <param name="period">The calendar period.</param>
    /// <exception cref="ArgumentException">A name is null, empty or white space.</exception>
    public TallyKey(string shop, string metric, string segment, CalendarPeriod period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shop);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        Shop = shop;
        Metric = metric;
        Segment = segment;
        Period = period;
    }

    /// <summary>The shop's id.</summary>
    public string Shop { get; }

    /// <summary>The metric's name.</summary>
    public string Metric { get; }

    /// <summary>The segment's name.</summary>
    public string Segment { get; }

    /// <summary>The calendar period the tally covers.</summary>
    public CalendarPeriod Period { get; }

    /// <summary>Parses the string form written by <see cref="ToString"/>.</summary>
    /// <param name="text">The key's text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The text is not a key; the message says which part is wrong.</exception>
    public static TallyKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length != 4)
        {
            throw new FormatException($"tally key '{text}' must have four parts 'shop/metric/segment/unit:start', not {parts.Length}.");
        }

        int colon = parts[3].IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new FormatException($"the period '{parts[3]}' of tally key '{text}' must be 'unit:start', e.g. 'day:2026-11-23'.");
        }

        PeriodUnit unit = parts[3][..colon] switch
        {
            "day" => PeriodUnit.Day,
            "week" => PeriodUnit.Week,
            "month" => PeriodUnit.Month,
            "quarter" => PeriodUnit.Quarter,
            "year" => PeriodUnit.Year,
            var other => throw new FormatException($"the period unit '{other}' of tally key '{text}' must be day, week, month, quarter or year."),
        };

        ParseResult<LocalDate> start = DatePattern.Parse(parts[3][(colon + 1)..]);
        if (!start.Success)
        {
            throw new FormatException($"the period start '{parts[3][(colon + 1)..]}' of tally key '{text}' is not an ISO date (uuuu-MM-dd).");
        }

        CalendarPeriod period = CalendarPeriod.Containing(start.Value, unit, start.Value.DayOfWeek);
        if (period.Start != start.Value)
        {
            throw new FormatException($"the {parts[3][..colon]} of tally key '{text}' cannot start on {DatePattern.Format(start.Value)} (it would start on {DatePattern.Format(period.Start)}).");
        }

        string shop = Unescape(parts[0], "shop", text), metric = Unescape(parts[1], "metric", text), segment = Unescape(parts[2], "segment", text);
        return new TallyKey(shop, metric, segment, period);
    }

    /// <summary>The same shop, metric and segment over another period.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The key.</returns>
    public TallyKey WithPeriod(CalendarPeriod period) => new(Shop, Metric, Segment, period);

    /// <summary>The same metric, segment and period for another shop (e.g. to gather a region from its shops).</summary>
    /// <param name="shop">The shop's id.</param>
    /// <returns>The key.</returns>
    public TallyKey WithShop(string shop) => new(shop, Metric, Segment, Period);

    /// <summary>
    /// The keys of the consecutive <paramref name="unit"/> periods that exactly cover this key's period, e.g. the seven
    /// days of a week or the three months of a quarter. Weeks inside a week keep its start day.
    /// </summary>
    /// <param name="unit">A unit no longer than the key's own.</param>
    /// <returns>The keys, in date order.</returns>
    /// <exception cref="ArgumentException">The periods of <paramref name="unit"/> do not tile this period (weeks of a month).</exception>
    public IReadOnlyList<TallyKey> Split(PeriodUnit unit)
    {
        var keys = new List<TallyKey>();
        LocalDate date = Period.Start;
        while (date < Period.End)
        {
            CalendarPeriod part = CalendarPeriod.Containing(date, unit, Period.Start.DayOfWeek);
            if (part.Start != date || part.End > Period.End)
            {
                throw new ArgumentException($"{unit} periods do not tile the {Period.Unit} {FormatPeriod(Period)} of key '{this}'.", nameof(unit));
            }

            keys.Add(WithPeriod(part));
            date = part.End;
        }

        return keys;
    }

    /// <summary>The canonical string form, also the grain id: <c>{shop}/{metric}/{segment}/{unit}:{start}</c>.</summary>
    /// <returns>The key's text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(Shop)}/{Uri.EscapeDataString(Metric)}/{Uri.EscapeDataString(Segment)}/{FormatPeriod(Period)}");

    private static string FormatPeriod(CalendarPeriod period) => period.Unit switch
    {
        PeriodUnit.Day => "day:",
        PeriodUnit.Week => "week:",
        PeriodUnit.Month => "month:",
        PeriodUnit.Quarter => "quarter:",
        _ => "year:",
    } + DatePattern.Format(period.Start);

    private static string Unescape(string part, string name, string text)
    {
        if (part.Length == 0)
        {
            throw new FormatException($"the {name} of tally key '{text}' is empty.");
        }

        try
        {
            string value = Uri.UnescapeDataString(part);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new FormatException($"the {name} of tally key '{text}' is blank.");
            }

            return value;
        }
        catch (UriFormatException e)
        {
            throw new FormatException($"the {name} '{part}' of tally key '{text}' is not validly escaped.", e);
        }
    }
}
