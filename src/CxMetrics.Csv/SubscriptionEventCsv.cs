using CxMetrics.Commerce;
using CxMetrics.Retention;

namespace CxMetrics.Csv;

/// <summary>
/// Reads subscription events (<see cref="SubscriptionEvent"/>): one row per event; see <see cref="SubscriptionEventColumns"/>.
/// Start, plan change and reactivation rows carry the MRR after the event with its currency (column, or
/// <see cref="CsvReadOptions.Currency"/>); pause, resume, skip and cancel rows carry none (a cancel may say 0). All MRR of a
/// file must share one currency: a row in another currency is rejected with both currencies named. Whether the sequence of
/// a subscription's events is possible is checked later, by <see cref="SubscriptionHistory.Replay"/>.
/// </summary>
public static class SubscriptionEventCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The events, streamed, with the account of the read.</returns>
    /// <exception cref="ArgumentException">No currency column is mapped and no fixed currency is set.</exception>
    public static CsvRecords<SubscriptionEvent> Read(string path, SubscriptionEventColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The events, streamed.</returns>
    /// <exception cref="ArgumentException">No currency column is mapped and no fixed currency is set.</exception>
    public static CsvRecords<SubscriptionEvent> Read(TextReader reader, SubscriptionEventColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
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
    /// <returns>The events, streamed.</returns>
    /// <exception cref="ArgumentException">No currency column is mapped and no fixed currency is set.</exception>
    public static CsvRecords<SubscriptionEvent> Read(Stream stream, SubscriptionEventColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    /// <summary>Parses an event name (see <see cref="SubscriptionEventColumns.Kind"/>).</summary>
    /// <param name="text">The name, any case; <c>-</c> and spaces count as <c>_</c>.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseKind(string? text, out SubscriptionEventKind kind)
    {
        SubscriptionEventKind? parsed = (text ?? string.Empty).Trim().Replace('-', '_').Replace(' ', '_').ToLowerInvariant() switch
        {
            "start" or "started" or "new" => SubscriptionEventKind.Start,
            "plan_change" or "planchange" or "change" or "upgrade" or "downgrade" => SubscriptionEventKind.PlanChange,
            "pause" or "paused" => SubscriptionEventKind.Pause,
            "resume" or "resumed" => SubscriptionEventKind.Resume,
            "skip" or "skipped" => SubscriptionEventKind.Skip,
            "cancel" or "cancelled" or "canceled" => SubscriptionEventKind.Cancel,
            "reactivate" or "reactivated" => SubscriptionEventKind.Reactivate,
            "trial_start" or "trial" or "trialstart" or "trial_started" => SubscriptionEventKind.TrialStart,
            _ => null,
        };
        kind = parsed ?? default;
        return parsed is not null;
    }

    private static CsvRecords<SubscriptionEvent> Create(CsvSource source, SubscriptionEventColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new SubscriptionEventColumns();
        var o = options ?? CsvReadOptions.Default;
        string? fixedCurrency = o.Currency is null ? null : CurrencyCode.Validate(o.Currency, nameof(options));
        if (fixedCurrency is null && c.Currency is null)
        {
            throw new ArgumentException("subscription events need a currency: map a currency column or set CsvReadOptions.Currency.", nameof(columns));
        }

        var names = EventNameMap<SubscriptionEventKind>.Of(c.EventNames, "SubscriptionEventColumns.EventNames");
        string[] required = fixedCurrency is null ? [c.SubscriptionId, c.CustomerId, c.Kind, c.At, c.Mrr, c.Currency!] : [c.SubscriptionId, c.CustomerId, c.Kind, c.At, c.Mrr];
        return CsvTable.CreatePerRun<SubscriptionEvent>(source, required, () =>
        {
            var currency = new SingleCurrency(fixedCurrency, c.Currency ?? "currency");
            return (CsvRow row) =>
            {
                string text = row.GetString(c.Kind);
                SubscriptionEventKind kind;
                if (names is not null && names.TryGet(text, out var mapped))
                {
                    if (mapped is null)
                    {
                        row.Skip();
                        return null!;
                    }

                    kind = mapped.Value;
                }
                else if (!TryParseKind(text, out kind))
                {
                    string aliases = names is null ? string.Empty : $", or a name of SubscriptionEventColumns.EventNames: {names.Describe()}";
                    throw new CsvFieldException(c.Kind, $"{CsvText.Quote(text)} is not a subscription event (expected trial_start, start, plan_change, pause, resume, skip, cancel or reactivate{aliases}).");
                }

                string subscription = row.GetString(c.SubscriptionId);
                string customer = row.GetString(c.CustomerId);
                var at = row.GetInstant(c.At);
                string? plan = row.GetOptionalString(c.Plan), interval = row.GetOptionalString(c.BillingInterval), segment = row.GetOptionalString(c.Segment);
                if (kind == SubscriptionEventKind.TrialStart)
                {
                    if (row.GetOptionalString(c.Mrr) is { } trialMrr)
                    {
                        throw new CsvFieldException(c.Mrr, $"MRR {CsvText.Quote(trialMrr)} on a {text} row: a trial pays nothing (leave it empty).");
                    }

                    return SubscriptionEvent.TrialStarted(subscription, customer, at, plan, interval, segment);
                }

                if (kind is SubscriptionEventKind.Start or SubscriptionEventKind.PlanChange or SubscriptionEventKind.Reactivate)
                {
                    decimal mrr = row.GetAmount(c.Mrr);
                    if (mrr < 0)
                    {
                        throw new CsvFieldException(c.Mrr, FormattableString.Invariant($"MRR {mrr} is negative."));
                    }

                    string code = currency.Of(row);
                    return kind switch
                    {
                        SubscriptionEventKind.Start => SubscriptionEvent.Started(subscription, customer, at, mrr, code, plan, interval, segment),
                        SubscriptionEventKind.PlanChange => SubscriptionEvent.PlanChanged(subscription, customer, at, mrr, code, plan, interval, segment),
                        _ => SubscriptionEvent.Reactivated(subscription, customer, at, mrr, code, plan, interval, segment),
                    };
                }

                if (row.GetOptionalString(c.Mrr) is { } stray && !(kind == SubscriptionEventKind.Cancel && decimal.TryParse(stray, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out decimal zero) && zero == 0))
                {
                    throw new CsvFieldException(c.Mrr, $"MRR {CsvText.Quote(stray)} on a {text} row: only start, plan_change and reactivate carry MRR (leave it empty; a cancel may say 0).");
                }

                return kind switch
                {
                    SubscriptionEventKind.Pause => SubscriptionEvent.Paused(subscription, customer, at),
                    SubscriptionEventKind.Resume => SubscriptionEvent.Resumed(subscription, customer, at),
                    SubscriptionEventKind.Skip => SubscriptionEvent.Skipped(subscription, customer, at),
                    _ => SubscriptionEvent.Cancelled(subscription, customer, at),
                };
            };
        }, o);
    }
}
