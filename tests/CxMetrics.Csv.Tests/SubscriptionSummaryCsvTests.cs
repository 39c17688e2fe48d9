using System.Globalization;
using System.Text;
using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class SubscriptionSummaryCsvTests
{
    private const string Header = "subscription_id,customer_id,status,started_at,trial_end,canceled_at,ended_at,amount,quantity,interval,interval_count,currency\n";

    private static CsvRecords<SubscriptionEvent> Read(string rows, CsvReadOptions? options = null) =>
        SubscriptionSummaryCsv.Read(new StringReader(Header + rows), options: options);

    [Theory]
    [InlineData("month", 1, "29.00", 1, "29")]
    [InlineData("year", 1, "1200", 1, "100")]
    [InlineData("week", 1, "6", 1, "26")]
    [InlineData("day", 1, "1.20", 1, "36.5")]
    [InlineData("month", 3, "90", 1, "30")]
    [InlineData("Monthly", 1, "10", 4, "40")]
    [InlineData("year", 1, "100", 1, "8.3333")]
    public void Mrr_is_amount_times_quantity_per_month(string interval, int count, string amount, int quantity, string mrr)
    {
        var e = Assert.Single(Read($"s1,c1,active,2024-01-01T00:00:00Z,,,,{amount},{quantity},{interval},{count},usd\n").ToList());
        Assert.Equal((SubscriptionEventKind.Start, decimal.Parse(mrr, CultureInfo.InvariantCulture), "USD"), (e.Kind, e.Mrr!.Value, e.Currency));
    }

    [Fact]
    public void A_cancelled_subscription_ends_at_its_end_time_else_at_its_cancel_time()
    {
        var events = Read("""
            s1,c1,canceled,2024-01-01T00:00:00Z,,2024-02-01T00:00:00Z,2024-03-01T00:00:00Z,10,,month,,USD
            s2,c2,canceled,2024-01-01T00:00:00Z,,2024-02-01T00:00:00Z,,10,,month,,USD
            s3,c3,,2024-01-01T00:00:00Z,,,2024-04-01T00:00:00Z,10,,month,,USD

            """).ToList();
        Assert.Equal(
            [Instant.FromUtc(2024, 3, 1, 0, 0), Instant.FromUtc(2024, 2, 1, 0, 0), Instant.FromUtc(2024, 4, 1, 0, 0)],
            events.Where(e => e.Kind == SubscriptionEventKind.Cancel).Select(e => e.At));
    }

    [Fact]
    public void Contradictions_and_bad_values_reject_their_row_with_the_column()
    {
        var records = Read("""
            s1,c1,active,2024-01-01T00:00:00Z,,,2024-02-01T00:00:00Z,10,1,month,1,USD
            s2,c2,canceled,2024-03-01T00:00:00Z,,,2024-02-01T00:00:00Z,10,1,month,1,USD
            s3,c3,active,2024-01-01T00:00:00Z,,,,-1,1,month,1,USD
            s4,c4,active,2024-01-01T00:00:00Z,,,,10,-2,month,1,USD
            s5,c5,active,2024-01-01T00:00:00Z,,,,10,1,month,0,USD
            s6,c6,frozen,2024-01-01T00:00:00Z,,,,10,1,month,1,USD
            s7,c7,active,2024-01-01T00:00:00Z,,,,10,1,month,1,usd

            """);
        Assert.Single(records.ToList());
        Assert.Equal(["ended_at", "ended_at", "amount", "quantity", "interval_count", "status"], records.Report.Rejections.Select(r => r.Column));
        Assert.Contains("'frozen' is not a subscription status", records.Report.Rejections[5].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trial_delays_the_start_and_a_subscription_that_ended_in_its_trial_is_an_expired_trial()
    {
        var records = Read("""
            s1,c1,active,2024-01-01T00:00:00Z,2024-01-15T00:00:00Z,,,10,1,month,1,USD
            s2,c2,canceled,2024-01-01T00:00:00Z,2024-01-15T00:00:00Z,,2024-01-15T00:00:00Z,10,1,month,1,USD
            s3,c3,trialing,2024-01-01T00:00:00Z,2024-01-15T00:00:00Z,,,10,1,month,1,USD
            s4,c4,incomplete,2024-01-01T00:00:00Z,,,,10,1,month,1,USD

            """);
        var events = records.ToList();
        Assert.Equal(
            [("s1", SubscriptionEventKind.TrialStart), ("s1", SubscriptionEventKind.Start), ("s2", SubscriptionEventKind.TrialStart), ("s2", SubscriptionEventKind.Cancel), ("s3", SubscriptionEventKind.TrialStart)],
            events.Select(e => (e.SubscriptionId, e.Kind)));
        Assert.Equal(Instant.FromUtc(2024, 1, 15, 0, 0), events[1].At);
        Assert.All(events.Where(e => e.Kind == SubscriptionEventKind.TrialStart), e => Assert.Equal(Instant.FromUtc(2024, 1, 1, 0, 0), e.At));
        Assert.Equal("month", events[1].BillingInterval);
        Assert.Equal((4L, 3L, 0L, 1L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected, records.Report.RowsSkipped));
        var trials = TrialConversion.Of(SubscriptionHistory.Replay(events), Instant.FromUtc(2024, 2, 1, 0, 0));
        Assert.Equal((1L, 1L, 1L), (trials.Converted, trials.Expired, trials.Pending));
    }

    [Fact]
    public void Without_a_currency_column_or_fixed_currency_the_reader_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>("columns", () => SubscriptionSummaryCsv.Read(new StringReader(Header), new SubscriptionSummaryColumns { Currency = null }));
        Assert.Contains("currency", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Random subscriptions written as summaries read into the events an independent computation expects.</summary>
    [Property(MaxTest = 100)]
    public Property Summaries_read_into_the_start_and_cancel_events_they_describe()
    {
        var sub = from cents in Gen.Choose(0, 500_000)
                  from quantity in Gen.Choose(0, 20)
                  from interval in Gen.Elements(("day", 365m), ("week", 52m), ("month", 12m), ("year", 1m))
                  from count in Gen.Choose(1, 12)
                  from startDay in Gen.Choose(0, 400)
                  from length in Gen.Choose(-1, 400)
                  select (cents, quantity, interval, count, startDay, length);
        return Prop.ForAll(sub.ListOf().ToArbitrary(), subs =>
        {
            var text = new StringBuilder(Header);
            var expected = new List<(string, SubscriptionEventKind, Instant, decimal?)>();
            var origin = Instant.FromUtc(2023, 1, 1, 0, 0);
            int i = 0;
            foreach (var (cents, quantity, (interval, perYear), count, startDay, length) in subs)
            {
                string id = $"s{i++}";
                var start = origin + Duration.FromDays(startDay);
                Instant? end = length < 0 ? null : start + Duration.FromDays(length);
                decimal amount = cents / 100m;
                text.Append(CultureInfo.InvariantCulture, $"{id},c{i % 3},{(end is null ? "active" : "canceled")},{start},,,{end},{amount},{quantity},{interval},{count},usd\n");
                expected.Add((id, SubscriptionEventKind.Start, start, Math.Round(amount * quantity * perYear / 12m / count, 4)));
                if (end is { } e)
                {
                    expected.Add((id, SubscriptionEventKind.Cancel, e, null));
                }
            }

            var records = SubscriptionSummaryCsv.Read(new StringReader(text.ToString()));
            var actual = records.ToList().Select(e => (e.SubscriptionId, e.Kind, e.At, e.Mrr)).ToList();
            return actual.Count == expected.Count
                && actual.Zip(expected).All(p => p.First.SubscriptionId == p.Second.Item1 && p.First.Kind == p.Second.Item2 && p.First.At == p.Second.Item3
                    && (p.First.Mrr is null ? p.Second.Item4 is null : p.Second.Item4 is { } m && Math.Abs(p.First.Mrr.Value - m) <= 0.0001m))
                && records.Report.RowsAccepted == subs.Count;
        });
    }
}
