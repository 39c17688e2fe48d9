using System.Diagnostics;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Experiments;
using CxMetrics.Lifetime;
using CxMetrics.Orleans.Tests.Cluster;
using CxMetrics.Portable;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;
using Orleans.TestingHost;

namespace CxMetrics.Orleans.Tests;

/// <summary>
/// Every portable tally kind on the cluster: per kind family, a stream of pre-aggregated batches split over shops and days
/// is sent to a 3-silo cluster, one silo is killed after a third of the batches are acknowledged, the client retries what
/// failed, and afterwards every key's payload and the merge of all keys of a kind equal the single-process merge of the
/// same batches (byte for byte). Each key's batches are sent in order by one sender, so the single-process merge can
/// follow the same order: that makes the comparison exact even for the kinds whose payload keeps values in the order they
/// were added (support hours, cohort orders) or whose merge rounds (running moments).
/// </summary>
public sealed class KindFamilyFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Shops = 2, Days = 3, BatchesPerKey = 6;
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 5, 0, 0);
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly CalendarPeriod Week = CalendarPeriod.Containing(new LocalDate(2026, 11, 23), PeriodUnit.Week);

    private readonly SimulatedDatabase database = new() { WriteLatency = TimeSpan.FromMilliseconds(2) };
    private InProcessTestCluster cluster = null!;

    /// <summary>The kind families.</summary>
    public static TheoryData<string> Families => ["surveys", "statistics", "conversion", "support", "retention", "lifetime", "commerce", "experiments", "reviews"];

    /// <summary>The kinds of each family, by the JSON name of the kind.</summary>
    internal static readonly Dictionary<string, string[]> KindsOf = new()
    {
        ["surveys"] = ["nps", "rating"],
        ["statistics"] = ["binomial", "moments", "quantile-sketch"],
        ["conversion"] = ["conversion"],
        ["support"] = ["support", "sla", "ticket-resolution", "backlog"],
        ["retention"] = ["cohort", "kaplan-meier", "subscription", "inactivity-churn"],
        ["lifetime"] = ["customer-summary"],
        ["commerce"] = ["cart"],
        ["experiments"] = ["experiment", "acquisition", "cuped"],
        ["reviews"] = ["reviews"],
    };

    /// <summary>The shops' key for the kinds that keep ids (the subscription batches are pseudonymised).</summary>
    private static readonly IdPseudonymiser ShopKey = new("cluster-test-key-0123456789abcdef"u8);

    public async ValueTask InitializeAsync() => cluster = await TestClusters.StartAsync(database);

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Families))]
    public async Task A_stream_split_over_shops_and_days_equals_the_single_process_merge_also_after_a_silo_is_killed(string family)
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        var random = new Random(family.Length * 7919);
        var keys = new List<(string Kind, TallyKey Key, byte[][] Batches)>();
        var open = new List<(string Id, string Customer, Instant At)>();
        foreach (string kind in KindsOf[family])
        {
            for (int s = 0; s < Shops; s++)
            {
                foreach (TallyKey day in new TallyKey($"{family}-shop-{s}", kind, TallyKey.AllSegments, Week).Split(PeriodUnit.Day).Take(Days))
                {
                    keys.Add((kind, day, [.. Enumerable.Range(0, BatchesPerKey).Select(_ => TallyFormat.ToBytes(Batch(kind, random, open)))]));
                }
            }
        }

        int total = keys.Count * BatchesPerKey, acknowledged = 0, failures = 0;
        var killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // One sender per key, in batch order; the last third of every key's batches waits for the kill.
        async Task SendKeyAsync(TallyKey key, byte[][] batches)
        {
            for (int b = 0; b < batches.Length; b++)
            {
                if (b >= 2 * BatchesPerKey / 3)
                {
                    await killed.Task.WaitAsync(cancel);
                }

                // AlreadyApplied only for a retry after a write that committed but whose reply was lost to the kill.
                bool retried = false;
                BatchOutcome outcome = await SendWithRetriesAsync(key, $"{key}#{b}", batches[b], () => retried = Interlocked.Increment(ref failures) > 0, cancel);
                Assert.True(outcome == BatchOutcome.Applied || retried, $"batch {b} of {key} was answered {outcome} on its first attempt");
                if (Interlocked.Increment(ref acknowledged) == total / 3)
                {
                    killPoint.TrySetResult();
                }
            }
        }

        var clock = Stopwatch.StartNew();
        Task senders = Task.WhenAll(keys.Select(k => Task.Run(() => SendKeyAsync(k.Key, k.Batches), cancel)));
        await killPoint.Task.WaitAsync(cancel);
        await cluster.KillSiloAsync(cluster.Silos[^1], cancel);
        int acknowledgedAtKill = Volatile.Read(ref acknowledged);
        killed.SetResult();
        await senders;
        output.WriteLine($"{family}: {total} batches to {keys.Count} keys in {clock.Elapsed.TotalSeconds:F1} s; {acknowledgedAtKill} acknowledged when the silo was dead; {failures} failed attempts retried.");
        Assert.True(acknowledgedAtKill <= 2 * total / 3, "a third of the batches must be sent after the kill");
        Assert.Equal(2, cluster.GetActiveSilos().Count());

        foreach (string kind in KindsOf[family])
        {
            var ofKind = keys.Where(k => k.Kind == kind).ToArray();
            var perKey = new List<byte[]>();
            foreach (var (_, key, batches) in ofKind)
            {
                // A resend of an acknowledged batch is recognised.
                Assert.Equal(BatchOutcome.AlreadyApplied, await SendWithRetriesAsync(key, $"{key}#1", batches[1], () => { }, cancel));
                byte[] expected = TallyFormat.ToBytes(Fold(batches));
                perKey.Add(expected);
                Assert.Equal(expected, await cluster.Client.GetTallyGrain(key).GetTallyAsync().WaitAsync(cancel));
            }

            byte[] merged = await cluster.Client.MergeAsync(ofKind.Select(k => k.Key)).WaitAsync(cancel);
            Assert.Equal(TallyFormat.ToBytes(Fold([.. perKey])), merged);
            Assert.Equal(Kind(kind), TallyFormat.KindOf(merged));
            Assert.False(TallyFormat.IsEmpty(merged));
            AssertReadable(kind, merged);
        }
    }

    /// <summary>The merged payload answers its kind's question: an experiment read-out, a replayed subscription history with no raw id.</summary>
    private static void AssertReadable(string kind, byte[] merged)
    {
        switch (kind)
        {
            case "experiment":
                var design = new ExperimentDesign
                {
                    ControlArm = "control",
                    PlannedSplit = new Dictionary<string, double> { ["control"] = 1, ["10% off"] = 1, ["free shipping"] = 1 },
                    OutcomeWindow = Duration.FromDays(30),
                    Adjustment = MultipleComparisonMethod.Holm,
                };
                var tally = TallyFormat.FromBytes<ExperimentTally>(merged);
                var readout = Experiment.From(tally, design);
                Assert.Equal(tally.Customers, readout.Observed + readout.Pending);
                break;
            case "cuped":
                // Every shop's and day's batches of one arm merged: a pre-period covariate that explains the outcome.
                var arm = TallyFormat.FromBytes<CupedTally>(merged);
                var theta = Cuped.From(arm, arm.Clone()).Theta;
                Assert.InRange(theta, 0.3, 0.9);
                break;
            case "reviews":
                var reviews = CxMetrics.Reviews.Reviews.From(TallyFormat.FromBytes<CxMetrics.Reviews.ReviewTally>(merged));
                Assert.Equal(reviews.NegativeReplied.Successes, reviews.NegativeReplyHours.Count);
                Assert.Equal(["Booking", "Google"], reviews.Sources.Select(x => x.Source));
                break;
            case "inactivity-churn":
                var inactivity = TallyFormat.FromBytes<InactivityChurnTally>(merged);
                var counts = inactivity.CountsAt(inactivity.AsOf!.Value);
                Assert.Equal(inactivity.Customers, counts.Customers);
                Assert.DoesNotContain("\"c1", TallyFormat.ToJson(inactivity), StringComparison.Ordinal);
                break;
            case "subscription":
                var history = SubscriptionHistory.From(TallyFormat.FromBytes<SubscriptionTally>(merged));
                Assert.NotEmpty(history.Ledger);
                Assert.All(history.Spells, s => Assert.Equal(IdPseudonymiser.PseudonymLength, s.CustomerId.Length));
                Assert.DoesNotContain("cust-", System.Text.Encoding.UTF8.GetString(merged), StringComparison.Ordinal);
                Assert.DoesNotContain("sub-", System.Text.Encoding.UTF8.GetString(merged), StringComparison.Ordinal);
                break;
        }
    }

    private async Task<BatchOutcome> SendWithRetriesAsync(TallyKey key, string id, byte[] payload, Action failed, CancellationToken cancel)
    {
        for (int attempt = 1; ; attempt++)
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                return await cluster.Client.GetTallyGrain(key).AddTallyAsync(id, payload);
            }
            catch (Exception e) when (e is not ArgumentException && attempt < 60)
            {
                failed();
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * attempt, 500)), cancel);
            }
        }
    }

    /// <summary>The payloads read back and merged in order with the tallies' own <c>Merge</c> (not <see cref="TallyFormat.Merge"/>).</summary>
    private static object Fold(byte[][] payloads)
    {
        object into = TallyFormat.FromBytes(payloads[0]);
        foreach (byte[] payload in payloads.Skip(1))
        {
            object other = TallyFormat.FromBytes(payload);
            into = into switch
            {
                NpsTally t => t.Merge((NpsTally)other),
                RatingTally t => t.Merge((RatingTally)other),
                BinomialTally t => t.Merge((BinomialTally)other),
                RunningMoments t => t.Merge((RunningMoments)other),
                QuantileSketch t => Merged(t, (QuantileSketch)other),
                ConversionTally t => t.Merge((ConversionTally)other),
                SupportTally t => Merged(t, (SupportTally)other),
                CohortTally t => t.Merge((CohortTally)other),
                KaplanMeierTally t => t.Merge((KaplanMeierTally)other),
                CustomerSummaryTally t => t.Merge((CustomerSummaryTally)other),
                CartTally t => t.Merge((CartTally)other),
                SlaTally t => t.Merge((SlaTally)other),
                ExperimentTally t => t.Merge((ExperimentTally)other),
                SubscriptionTally t => t.Merge((SubscriptionTally)other),
                InactivityChurnTally t => t.Merge((InactivityChurnTally)other),
                CxMetrics.Reviews.ReviewTally t => t.Merge((CxMetrics.Reviews.ReviewTally)other),
                TicketResolutionTally t => t.Merge((TicketResolutionTally)other),
                BacklogTally t => t.Merge((BacklogTally)other),
                CxMetrics.Acquisition.AcquisitionTally t => t.Merge((CxMetrics.Acquisition.AcquisitionTally)other),
                CupedTally t => t.Merge((CupedTally)other),
                _ => throw new InvalidOperationException(into.GetType().Name),
            };
        }

        return into;
    }

    private static QuantileSketch Merged(QuantileSketch into, QuantileSketch other)
    {
        into.Merge(other);
        return into;
    }

    private static SupportTally Merged(SupportTally into, SupportTally other)
    {
        into.Merge(other);
        return into;
    }

    internal static TallyKind Kind(string name) => name switch
    {
        "nps" => TallyKind.Nps,
        "rating" => TallyKind.Rating,
        "binomial" => TallyKind.Binomial,
        "moments" => TallyKind.RunningMoments,
        "quantile-sketch" => TallyKind.QuantileSketch,
        "conversion" => TallyKind.Conversion,
        "support" => TallyKind.Support,
        "cohort" => TallyKind.Cohort,
        "kaplan-meier" => TallyKind.KaplanMeier,
        "customer-summary" => TallyKind.CustomerSummary,
        "cart" => TallyKind.Cart,
        "sla" => TallyKind.SlaAttainment,
        "experiment" => TallyKind.Experiment,
        "subscription" => TallyKind.Subscription,
        "inactivity-churn" => TallyKind.InactivityChurn,
        "reviews" => TallyKind.Reviews,
        "ticket-resolution" => TallyKind.TicketResolution,
        "backlog" => TallyKind.Backlog,
        "acquisition" => TallyKind.Acquisition,
        "cuped" => TallyKind.Cuped,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such kind"),
    };

    /// <summary>One pre-aggregated batch of <paramref name="kind"/>, built from random events by the core tally.</summary>
    /// <param name="kind">The kind's JSON name.</param>
    /// <param name="r">The family's random source.</param>
    /// <param name="open">Subscriptions started by earlier batches and not cancelled yet (a later batch, of another key, may cancel them).</param>
    private static object Batch(string kind, Random r, List<(string Id, string Customer, Instant At)> open)
    {
        switch (kind)
        {
            case "nps":
            {
                var t = new NpsTally();
                for (int i = 0; i < 20; i++)
                {
                    int score = r.Next(-1, 11);
                    if (score < 0)
                    {
                        t.AddUnanswered();
                    }
                    else
                    {
                        t.Add(score, (1 + r.Next(8)) / 4.0);
                    }
                }

                return t;
            }

            case "rating":
            {
                var t = new RatingTally(CsatScale.OneToFive);
                for (int i = 0; i < 20; i++)
                {
                    int score = r.Next(0, 6);
                    if (score == 0)
                    {
                        t.AddUnanswered();
                    }
                    else
                    {
                        t.Add(score, (1 + r.Next(8)) / 4.0);
                    }
                }

                return t;
            }

            case "binomial":
            {
                var t = new BinomialTally();
                for (int i = 0; i < 30; i++)
                {
                    t.Add(r.Next(10) == 0);
                }

                return t;
            }

            case "moments":
            {
                var t = new RunningMoments();
                for (int i = 0; i < 20; i++)
                {
                    t.Add(r.Next(-1000, 1000) / 4.0);
                }

                return t;
            }

            case "quantile-sketch":
            {
                var t = new QuantileSketch(0.02);
                t.AddRange([.. Enumerable.Range(0, 30).Select(_ => r.Next(0, 100_000) / 10.0)]);
                return t;
            }

            case "conversion":
            {
                var t = new ConversionTally(ConversionUnit.Visitor);
                for (int i = 0; i < 15; i++)
                {
                    t.Add($"v{r.Next(40)}", r.Next(5) == 0);
                }

                return t;
            }

            case "support":
            {
                int n = r.Next(1, 7);
                var t = SupportTally.FromCounts(n, n / 3, n / 2, n - (n / 2), n / 4, (n / 4) + r.Next(3));
                t.AddHours(SupportMeasure.FirstResponse, TimeBasis.Business, [.. Enumerable.Range(0, n).Select(_ => r.Next(0, 200) / 4.0)]);
                t.AddHours(SupportMeasure.FirstResolution, TimeBasis.Calendar, [.. Enumerable.Range(0, n - (n / 2)).Select(_ => r.Next(0, 900) / 4.0)]);
                return t;
            }

            case "cohort":
            {
                var t = new CohortTally();
                foreach (Order order in Orders(r, 8))
                {
                    t.Add(order);
                }

                return t;
            }

            case "kaplan-meier":
            {
                var t = new KaplanMeierTally();
                for (int i = 0; i < 15; i++)
                {
                    t.Add(r.Next(1, 40), r.Next(3) != 0);
                }

                return t;
            }

            case "customer-summary":
            {
                var t = new CustomerSummaryTally(Berlin);
                t.AddRange(Orders(r, 8));
                return t;
            }

            case "cart":
            {
                CartEventKind[] kinds = [CartEventKind.ItemAdded, CartEventKind.ItemAdded, CartEventKind.CheckoutStarted, CartEventKind.Purchase];
                var events = Enumerable.Range(0, 6).Select(_ =>
                {
                    CartEventKind k = kinds[r.Next(kinds.Length)];
                    Instant at = Origin + Duration.FromMinutes(r.Next(0, 5_000));
                    return k == CartEventKind.ItemAdded ? new CartEvent($"cart-{r.Next(20)}", k, at, r.Next(1, 100), "EUR") : new CartEvent($"cart-{r.Next(20)}", k, at);
                });
                return CartTally.Of(events);
            }

            case "sla":
            {
                var office = BusinessCalendar.Weekdays(DateTimeZone.Utc, new LocalTime(9, 0), new LocalTime(17, 0));
                var t = new SlaTally(
                [
                    new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(2) },
                    new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromMinutes(30), Channel = "chat" },
                    new SlaTarget { Metric = SlaMetric.Resolution, Target = Duration.FromDays(1), Basis = TimeBasis.Calendar },
                ]);
                string[] channels = ["chat", "email", "phone"];
                for (int i = 0; i < 10; i++)
                {
                    Instant created = Origin + Duration.FromMinutes(r.Next(0, 7 * 24 * 60));
                    Instant[]? replies = r.Next(4) == 0 ? null : [created + Duration.FromMinutes(r.Next(1, 600))];
                    var ticket = SupportTicket.Create($"t{r.Next()}", "c", channels[r.Next(3)], created, replies: replies, priority: r.Next(2) == 0 ? "high" : null);
                    t.Add(SupportTimes.Of(ticket, office, created + Duration.FromHours(r.Next(1, 48))));
                }

                return t;
            }

            case "ticket-resolution":
            case "backlog":
            {
                // Tickets of the week with replies, solves and reopens; the backlog counts them per day of the week as of its end.
                var grid = new PeriodGrid(Berlin, PeriodUnit.Day);
                var asOf = Origin + Duration.FromDays(7);
                var resolution = new TicketResolutionTally();
                var backlog = new BacklogTally(asOf, grid, grid.Containing(Origin), grid.Containing(asOf - Duration.FromHours(1)));
                var always = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
                for (int i = 0; i < 10; i++)
                {
                    Instant created = Origin + Duration.FromMinutes(r.Next(0, 6 * 24 * 60));
                    Instant[] replies = [.. Enumerable.Range(0, r.Next(0, 3)).Select(k => created + Duration.FromMinutes((k + 1) * r.Next(1, 300)))];
                    var changes = new List<TicketStatusChange>();
                    Instant at = created;
                    for (int c = 0, steps = r.Next(0, 4); c < steps; c++)
                    {
                        at += Duration.FromMinutes(r.Next(60, 900));
                        changes.Add(new(at, c % 2 == 0 ? TicketStatus.Solved : TicketStatus.Reopened));
                    }

                    var ticket = SupportTicket.Create($"t{r.Next()}", "c", "email", created, replies: [.. replies.Order()], statusChanges: changes);
                    resolution.Add(SupportTimes.Of(ticket, always, asOf));
                    backlog.Add(ticket);
                }

                return kind == "backlog" ? backlog : resolution;
            }

            case "acquisition":
            {
                // Each batch acquires its own customers (fresh ids) with their orders, and one spend cell of a shared source.
                var t = new CxMetrics.Acquisition.AcquisitionTally();
                string[] sources = ["search", "social"];
                for (int i = 0; i < 15; i++)
                {
                    string id = $"a{r.Next()}";
                    var at = Origin + Duration.FromHours(r.Next(0, 24 * 60));
                    t.Add(new CxMetrics.Acquisition.AcquiredCustomer(id, at, sources[r.Next(2)]));
                    for (int n = r.Next(3); n > 0; n--)
                    {
                        t.Add(new Order(id, at + Duration.FromHours(r.Next(1, 24 * 90)), r.Next(100, 10_000) / 100m, "EUR"));
                    }
                }

                t.Add(new CxMetrics.Acquisition.AcquisitionSpend(sources[r.Next(2)], CalendarPeriod.Containing(new LocalDate(2026, 1 + r.Next(2), 1), PeriodUnit.Month), r.Next(100, 1_000), "EUR"));
                return t;
            }

            case "cuped":
            {
                // One arm's customers: revenue in the test and a pre-period spend that explains part of it (0 for new customers).
                var t = new CupedTally();
                for (int i = 0; i < 25; i++)
                {
                    double pre = r.Next(4) == 0 ? 0 : r.Next(0, 20_000) / 100.0;
                    t.Add((0.6 * pre) + (r.Next(0, 8_000) / 100.0), pre);
                }

                return t;
            }

            case "experiment":
            {
                var t = new ExperimentTally();
                string[] arms = ["control", "10% off", "free shipping"];
                for (int i = 0; i < 25; i++)
                {
                    bool pending = r.Next(6) == 0, converted = !pending && r.Next(4) == 0;
                    t.Add(new ExperimentObservation($"c{r.Next()}", arms[r.Next(3)], r.Next(3) == 0 ? null : $"segment-{r.Next(2)}",
                        pending ? OutcomeStatus.Pending : OutcomeStatus.Observed, converted, converted ? r.Next(100, 10_000) / 100.0 : 0));
                }

                return t;
            }

            case "subscription":
            {
                // Whole lives of new subscriptions, and cancellations of subscriptions another batch started: a life split over days.
                var t = new SubscriptionTally { Pseudonymiser = ShopKey };
                for (int i = open.Count - 1; i >= 0; i--)
                {
                    if (r.Next(3) == 0)
                    {
                        t.Add(SubscriptionEvent.Cancelled(open[i].Id, open[i].Customer, open[i].At + Duration.FromDays(r.Next(31, 60))));
                        open.RemoveAt(i);
                    }
                }

                for (int i = 0; i < 4; i++)
                {
                    string id = $"sub-{r.Next()}", customer = $"cust-{r.Next(12)}";
                    Instant at = Origin + Duration.FromHours(r.Next(0, 24 * 90));
                    t.Add(SubscriptionEvent.Started(id, customer, at, r.Next(1, 20) * 5m, "EUR"));
                    if (r.Next(2) == 0)
                    {
                        t.Add(SubscriptionEvent.PlanChanged(id, customer, at + Duration.FromDays(r.Next(1, 30)), r.Next(1, 20) * 5m, "EUR"));
                    }

                    if (r.Next(3) == 0)
                    {
                        t.Add(SubscriptionEvent.Cancelled(id, customer, at + Duration.FromDays(r.Next(31, 60))));
                    }
                    else
                    {
                        open.Add((id, customer, at));
                    }
                }

                return t;
            }

            case "inactivity-churn":
            {
                var t = new InactivityChurnTally(Duration.FromDays(30), Origin + Duration.FromDays(150)) { Pseudonymiser = ShopKey };
                foreach (Order order in Orders(r, 8))
                {
                    t.Add(order);
                }

                return t;
            }

            case "reviews":
            {
                var t = new CxMetrics.Reviews.ReviewTally();
                for (int i = 0; i < 20; i++)
                {
                    bool google = r.Next(2) == 0;
                    var scale = google ? CxMetrics.Reviews.ReviewScale.FiveStars : CxMetrics.Reviews.ReviewScale.TenPoints;
                    var at = Origin + Duration.FromHours(r.Next(0, 24 * 200));
                    int reply = r.Next(-1, 72);
                    t.Add(CxMetrics.Reviews.Review.Create($"r{i}", google ? "Google" : "Booking", $"p{r.Next(5)}", r.Next(scale.Min, scale.Max + 1), scale, at, reply < 0 ? null : at + Duration.FromHours(reply)));
                }

                return t;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such kind");
        }
    }

    private static Order[] Orders(Random r, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new Order($"c{r.Next(30)}", Origin + Duration.FromHours(r.Next(0, 24 * 200)), r.Next(100, 10_000) / 100m, "EUR"))];
}

/// <summary>The families of <see cref="KindFamilyFailureTests"/> cover every portable kind.</summary>
public sealed class KindFamilyCoverageTests
{
    [Fact]
    public void Every_portable_kind_is_in_a_family()
    {
        string[] covered = [.. KindFamilyFailureTests.KindsOf.Values.SelectMany(k => k).Select(KindFamilyFailureTests.Kind).Select(k => k.ToString()).Order(StringComparer.Ordinal)];
        Assert.Equal(Enum.GetNames<TallyKind>().Order(StringComparer.Ordinal), covered);
    }
}
