using System.Globalization;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Tests.Commerce;

/// <summary>Helpers for the cart tests: events on a minute grid and a full text form of outcomes for equality checks.</summary>
internal static class CartTestData
{
    public static readonly Instant T0 = Instant.FromUtc(2024, 5, 6, 8, 0);

    public static Instant At(double minute) => T0.Plus(Duration.FromSeconds(minute * 60));

    public static CartEvent E(string key, CartEventKind kind, double minute, decimal? value = null, string? device = null) =>
        new(key, kind, At(minute), value, value is null ? null : "EUR") { Device = device };

    /// <summary>Every field of every outcome, as text, so that two evaluations can be compared exactly.</summary>
    public static string Describe(IEnumerable<CartOutcome> outcomes) => string.Join('\n', outcomes.Select(o => string.Create(
        CultureInfo.InvariantCulture,
        $"{o.Key}|{o.Status}|{o.StartedCheckout}|{o.FirstCartActivity}|{o.LastActivity}|{o.PurchasedAt}|{o.EverAbandoned}|{o.FirstReminderAt}|{o.Recovery}|{o.Value}|{o.Currency}|{string.Join(',', o.StepReachedAt)}|{o.EventsToPurchase}|{o.Events}|{o.EventsAfterAsOf}|{o.Channel}|{o.Device}|{o.Segment}")));

    /// <summary>A funnel as text (every count, rate and time), for equality checks.</summary>
    public static string Describe(FunnelResult f) => string.Join('\n', f.Steps.Select(s => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.Name}|{s.Reached}|{s.Continued}|{s.Abandoned}|{s.Pending}|{s.Completion.Value:R}|{s.SecondsToNext.Count}|{s.SecondsToNext.Median:R}|{s.SecondsToNext.P90:R}|{s.OutOfSequence}")))
        + string.Create(CultureInfo.InvariantCulture, $"\n{f.OverallAbandonment:R}|{f.Overall?.Value:R}|{f.EventsAfterAsOf}");
}
