using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Reads subscription summary files — one row per subscription, as Stripe's dashboard exports its subscription list — into
/// the <see cref="SubscriptionEvent"/>s the churn and MRR calculators replay (<see cref="SubscriptionHistory"/>); see
/// <see cref="SubscriptionSummaryColumns"/>. A row gives a start, and a cancel when the subscription has ended:
/// <list type="bullet">
/// <item><description><b>MRR</b> = amount × quantity, normalised to a month by the billing interval: <c>month</c> × 1,
/// <c>year</c> ÷ 12, <c>week</c> × 52 ÷ 12, <c>day</c> × 365 ÷ 12, each divided by the interval count. This is ChartMogul's rule
/// ("divides the amount paid for the subscription by the number of months in the subscription period", help.chartmogul.com,
/// "Metric: Monthly Recurring Revenue") and Stripe's ("an annual subscription for $1,200 only counts $100 towards your MRR",
/// Stripe help, "Calculating MRR in Billing"); for weeks and days, where vendors differ (Paddle: × 4.33 and × 30), the
/// calendar average (52 weeks, 365 days a year) is used. The result is rounded to 4 decimal places (half to even).
/// Discounts, taxes and prorations are not in such an export and are not applied.</description></item>
/// <item><description><b>Labels</b>: the plan column (Stripe's <c>Plan</c>) and segment column, when mapped, and the billing
/// interval (<c>month</c>, <c>year</c>, or <c>3 months</c> with an interval count) label the trial start and the start, for
/// <c>RevenueChurn.By</c>.</description></item>
/// <item><description><b>Start</b> at the start time, or at the trial's end when a trial ended after the start (a trial pays
/// nothing; ChartMogul likewise counts MRR from the first paid period).</description></item>
/// <item><description><b>Status</b> (any case; <c>-</c>, <c>_</c> and spaces alike): <c>active</c>, <c>past_due</c> and
/// <c>unpaid</c> are paying subscriptions (a failed renewal is still a contract until Stripe cancels it); <c>canceled</c>
/// (or <c>cancelled</c>, <c>ended</c>) adds a cancel at the end time, else at the cancel time, and without either the row is
/// rejected. <c>incomplete</c>, <c>incomplete_expired</c> and <c>paused</c> (a trial that ended without a payment method)
/// have never paid: the row is <b>skipped</b>, counted in <see cref="CsvReport.RowsSkipped"/>.</description></item>
/// <item><description><b>Trials</b> (for <see cref="TrialConversion"/>): a row whose trial ended after its start gives a
/// <see cref="SubscriptionEventKind.TrialStart"/> at the trial's start (or the start date) before its paid start;
/// <c>trialing</c> gives the trial start alone (still running); a cancelled subscription whose end is at or before its
/// trial's end gives the trial start and a cancel (the trial expired unpaid), and no MRR. Any other status rejects the row, naming it. An active
/// status with a cancel time but no end time is a cancellation scheduled for the period's end: the subscription is still
/// paying and no cancel is made (Stripe moves it to <c>canceled</c> at that date). An active status with an end time
/// contradicts itself and is rejected.</description></item>
/// <item><description>An end before the start, a negative amount, a quantity that is not a whole number ≥ 0, an interval count
/// below 1 or an unknown interval rejects the row with its column.</description></item>
/// <item><description>Amounts are major units with the decimal point of <see cref="CsvReadOptions.DecimalSeparator"/>; one
/// currency per file, as for every money reader (read in any case).</description></item>
/// </list>
/// The account counts rows: an accepted row may give one event or two (<see cref="CsvReport.Records"/> counts rows too).
/// </summary>
public static class SubscriptionSummaryCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The subscription events, streamed, with the account of the read.</returns>
    /// <exception cref="ArgumentException">No currency column is mapped and no fixed currency is set.</exception>
    public static CsvRecords<SubscriptionEvent> Read(string path, SubscriptionSummaryColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The subscription events, streamed.</returns>
    /// <exception cref="ArgumentException">No currency column is mapped and no fixed currency is set.</exception>
    public static CsvRecords<SubscriptionEvent> Read(TextReader reader, SubscriptionSummaryColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, source), columns, options);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The subscription events, streamed.</returns>
    /// <exception cref="ArgumentException">No currency column is mapped and no fixed currency is set.</exception>
    public static CsvRecords<SubscriptionEvent> Read(Stream stream, SubscriptionSummaryColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    private enum State
    {
        Paying,
        Cancelled,
        NeverPaid,
        Trialing,
        Unknown,
    }

    private static CsvRecords<SubscriptionEvent> Create(CsvSource source, SubscriptionSummaryColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new SubscriptionSummaryColumns();
        var o = options ?? CsvReadOptions.Default;
        string? fixedCurrency = o.Currency is null ? null : CurrencyCode.Validate(o.Currency, nameof(options));
        if (fixedCurrency is null && c.Currency is null)
        {
            throw new ArgumentException("subscription summaries need a currency: map a currency column or set CsvReadOptions.Currency.", nameof(columns));
        }

        string[] required = fixedCurrency is null
            ? [c.SubscriptionId, c.CustomerId, c.StartedAt, c.Amount, c.Interval, c.Currency!]
            : [c.SubscriptionId, c.CustomerId, c.StartedAt, c.Amount, c.Interval];
        return new CsvRecords<SubscriptionEvent>(source, o, required, rows => Expand(rows, c, new SingleCurrency(fixedCurrency, c.Currency ?? "currency", anyCase: true)));
    }

    private static IEnumerable<SubscriptionEvent> Expand(CsvRowStream rows, SubscriptionSummaryColumns c, SingleCurrency currency)
    {
        while (rows.MoveNext())
        {
            if (rows.TryMap(row => Map(row, c, currency), out var events))
            {
                foreach (var e in events)
                {
                    yield return e;
                }
            }
        }
    }

    private static SubscriptionEvent[] Map(CsvRow row, SubscriptionSummaryColumns c, SingleCurrency currency)
    {
        State state = Status(row, c.Status);
        if (state == State.NeverPaid)
        {
            row.Skip();
            return [];
        }

        string subscription = row.GetString(c.SubscriptionId);
        string customer = row.GetString(c.CustomerId);
        var started = row.GetInstant(c.StartedAt);
        Instant? trialEnd = Optional(row, c.TrialEnd);
        Instant? trialStart = Optional(row, c.TrialStart);
        string? plan = row.GetOptionalString(c.Plan);
        string? segment = row.GetOptionalString(c.Segment);
        SubscriptionEvent Trial() => SubscriptionEvent.TrialStarted(subscription, customer, trialStart is { } ts && ts < started ? ts : started, plan, IntervalLabel(row, c), segment);
        if (state == State.Trialing)
        {
            return [Trial()];
        }

        Instant? ended = Optional(row, c.EndedAt);
        Instant? canceled = Optional(row, c.CanceledAt);
        if (state == State.Unknown)
        {
            state = ended is not null || canceled is not null ? State.Cancelled : State.Paying;
        }

        Instant? cancelAt = null;
        string? cancelColumn = null;
        if (state == State.Cancelled)
        {
            (cancelAt, cancelColumn) = ended is not null ? (ended, c.EndedAt) : (canceled, c.CanceledAt);
            if (cancelAt is null)
            {
                throw new CsvFieldException(c.EndedAt ?? c.CanceledAt ?? c.Status, $"the status is {CsvText.Quote(row.GetOptionalString(c.Status))} but neither an end nor a cancel time is given; a cancelled subscription needs one.");
            }
        }
        else if (ended is { } stray)
        {
            throw new CsvFieldException(c.EndedAt, $"the subscription ended at {stray} but its status is {CsvText.Quote(row.GetOptionalString(c.Status))}; one of the two is wrong.");
        }

        if (cancelAt < started)
        {
            throw new CsvFieldException(cancelColumn, $"the subscription ended at {cancelAt} before it started at {started}.");
        }

        var paidFrom = trialEnd > started ? trialEnd.Value : started;
        bool trial = paidFrom != started;
        if (cancelAt <= paidFrom && trial)
        {
            // The trial ended unpaid: a trial start and its end, no MRR.
            return [Trial(), SubscriptionEvent.Cancelled(subscription, customer, cancelAt.Value)];
        }

        decimal mrr = Mrr(row, c);
        string code = currency.Of(row);
        var start = SubscriptionEvent.Started(subscription, customer, paidFrom, mrr, code, plan, IntervalLabel(row, c), segment);
        var cancel = cancelAt is { } at ? SubscriptionEvent.Cancelled(subscription, customer, at) : null;
        return (trial, cancel) switch
        {
            (true, null) => [Trial(), start],
            (true, _) => [Trial(), start, cancel],
            (false, null) => [start],
            _ => [start, cancel],
        };
    }

    /// <summary>The billing interval as a label: <c>month</c>, <c>year</c>, or <c>3 months</c> with an interval count; null when the cell is empty.</summary>
    private static string? IntervalLabel(CsvRow row, SubscriptionSummaryColumns c)
    {
        if (row.GetOptionalString(c.Interval) is not { } text)
        {
            return null;
        }

        string unit = Normalise(text) switch
        {
            "day" or "days" or "daily" => "day",
            "week" or "weeks" or "weekly" => "week",
            "month" or "months" or "monthly" => "month",
            "year" or "years" or "yearly" or "annual" or "annually" => "year",
            var other => other,
        };
        int count = row.GetOptionalInt32(c.IntervalCount) ?? 1;
        return count == 1 ? unit : string.Create(CultureInfo.InvariantCulture, $"{count} {unit}s");
    }

    private static Instant? Optional(CsvRow row, string? column) =>
        row.GetOptionalString(column) is null ? null : row.GetInstant(column!);

    /// <summary>The row's MRR: amount × quantity per month (see the class remarks).</summary>
    private static decimal Mrr(CsvRow row, SubscriptionSummaryColumns c)
    {
        decimal amount = row.GetAmount(c.Amount);
        if (amount < 0)
        {
            throw new CsvFieldException(c.Amount, FormattableString.Invariant($"amount {amount} is negative."));
        }

        int quantity = row.GetOptionalInt32(c.Quantity) ?? 1;
        if (quantity < 0)
        {
            throw new CsvFieldException(c.Quantity, string.Create(CultureInfo.InvariantCulture, $"quantity {quantity} is negative."));
        }

        int count = row.GetOptionalInt32(c.IntervalCount) ?? 1;
        if (count < 1)
        {
            throw new CsvFieldException(c.IntervalCount, string.Create(CultureInfo.InvariantCulture, $"interval count {count} is below 1."));
        }

        string interval = row.GetString(c.Interval);
        (decimal perYear, string _) = Normalise(interval) switch
        {
            "day" or "days" or "daily" => (365m, "day"),
            "week" or "weeks" or "weekly" => (52m, "week"),
            "month" or "months" or "monthly" => (12m, "month"),
            "year" or "years" or "yearly" or "annual" or "annually" => (1m, "year"),
            _ => throw new CsvFieldException(c.Interval, $"{CsvText.Quote(interval)} is not a billing interval (expected day, week, month or year)."),
        };

        decimal total = amount * quantity;
        if (Math.Abs(total) > row.Options.MaxAmount)
        {
            throw new CsvFieldException(c.Quantity, string.Create(CultureInfo.InvariantCulture, $"amount {amount} × quantity {quantity} is beyond ±{row.Options.MaxAmount} (CsvReadOptions.MaxAmount)."));
        }

        return Math.Round(total * perYear / (12m * count), 4, MidpointRounding.ToEven);
    }

    private static State Status(CsvRow row, string? column)
    {
        if (row.GetOptionalString(column) is not { } text)
        {
            return State.Unknown;
        }

        return Normalise(text) switch
        {
            "active" or "past_due" or "unpaid" => State.Paying,
            "canceled" or "cancelled" or "ended" => State.Cancelled,
            "trialing" or "trialling" => State.Trialing,
            "incomplete" or "incomplete_expired" or "paused" => State.NeverPaid,
            _ => throw new CsvFieldException(column, $"status {CsvText.Quote(text)} is not a subscription status (expected active, past_due, unpaid, canceled, trialing, incomplete, incomplete_expired or paused)."),
        };
    }

    private static string Normalise(string text) => text.Trim().Replace('-', '_').Replace(' ', '_').ToLowerInvariant();
}
