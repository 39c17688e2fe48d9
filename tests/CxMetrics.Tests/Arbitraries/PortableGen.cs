using System.Globalization;
using System.Text;
using CxMetrics.Conversion;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>
/// One portable tally kind under test: how to generate its input, build a fresh tally from it, merge, and observe its
/// state independently of the serialiser (exactly for round trips; up to order or rounding for merge laws).
/// </summary>
public interface IPortableCase
{
    /// <summary>The kind's name.</summary>
    string Name { get; }

    /// <summary>serialise → deserialise is identity (binary and JSON).</summary>
    Property RoundTrip();

    /// <summary>(a ⊕ b) ⊕ c equals a ⊕ (b ⊕ c), and a ⊕ b equals b ⊕ a; the empty tally is the identity.</summary>
    Property MergeLaws();

    /// <summary>A merged tally survives the round trip and still merges like the original.</summary>
    Property MergeAfterRoundTrip();

    /// <summary>Changing any single byte, or cutting the payload short, throws <c>TallyFormatException</c>.</summary>
    Property CorruptionDetected();

    /// <summary>Changing any single character of the JSON throws or leaves the tally identical.</summary>
    Property JsonCorruptionDetected();

    /// <summary>Merging a tally into itself throws <c>ArgumentException</c> and leaves it as it was.</summary>
    Property SelfMergeRefused();

    /// <summary>
    /// <c>TallyFormat.Merge</c> of two payloads is the payload of the merged tallies; <c>TallyFormat.IsEmpty</c> holds for a
    /// payload exactly when its tally is indistinguishable from the empty tally.
    /// </summary>
    Property PayloadMergeAndEmptiness();

    /// <summary>
    /// A payload with mutated bytes, counts or length and a recomputed checksum reads back as the tally those bytes describe
    /// (it writes the same bytes again) or throws <c>TallyFormatException</c> — never another exception — and reading it
    /// allocates at most <see cref="PortableMutation.AllocationBound"/>.
    /// </summary>
    Property MutationsAreReadExactlyOrRefused();

    /// <summary>The binary form of a fixed example tally.</summary>
    byte[] GoldenBytes();

    /// <summary>The JSON form of a fixed example tally.</summary>
    string GoldenJson();

    /// <summary>Reads the golden bytes and observes the tally.</summary>
    string ObserveBytes(byte[] bytes);

    /// <summary>Observes the fixed example.</summary>
    string ObserveExample();
}

/// <summary>The portable case of one tally type.</summary>
public sealed class PortableCase<TInput, TTally> : IPortableCase
    where TTally : class
{
    /// <summary>The kind's name.</summary>
    public required string Name { get; init; }

    /// <summary>Inputs.</summary>
    public required Gen<TInput> Input { get; init; }

    /// <summary>Builds a fresh tally.</summary>
    public required Func<TInput, TTally> Build { get; init; }

    /// <summary>The empty tally.</summary>
    public required Func<TTally> Empty { get; init; }

    /// <summary>Merges the second into the first and returns the first.</summary>
    public required Func<TTally, TTally, TTally> Merge { get; init; }

    /// <summary>The exact observable state (order-sensitive).</summary>
    public required Func<TTally, string> Observe { get; init; }

    /// <summary>Equality up to the order of stored values (and, for floating merges, rounding); default exact.</summary>
    public Func<TTally, TTally, bool>? Same { get; init; }

    /// <summary>The fixed example for golden payloads.</summary>
    public required Func<TTally> Example { get; init; }

    private bool Equivalent(TTally a, TTally b) => Same?.Invoke(a, b) ?? Observe(a) == Observe(b);

    /// <inheritdoc/>
    public Property RoundTrip() => Prop.ForAll(Input.ToArbitrary(), input =>
    {
        var tally = Build(input);
        string before = Observe(tally);
        return Observe(CxMetrics.Portable.TallyFormat.FromBytes<TTally>(CxMetrics.Portable.TallyFormat.ToBytes(tally))) == before
            && Observe(CxMetrics.Portable.TallyFormat.FromJson<TTally>(CxMetrics.Portable.TallyFormat.ToJson(tally))) == before
            && Observe(tally) == before;
    });

    /// <inheritdoc/>
    public Property MergeLaws() => Prop.ForAll(Input.Three().ToArbitrary(), x =>
    {
        var left = Merge(Merge(Build(x.Item1), Build(x.Item2)), Build(x.Item3));
        var right = Merge(Build(x.Item1), Merge(Build(x.Item2), Build(x.Item3)));
        var ab = Merge(Build(x.Item1), Build(x.Item2));
        var ba = Merge(Build(x.Item2), Build(x.Item1));
        var withEmpty = Merge(Build(x.Item1), Empty());
        var emptyWith = Merge(Empty(), Build(x.Item1));
        var alone = Build(x.Item1);
        return Equivalent(left, right) && Equivalent(ab, ba) && Observe(withEmpty) == Observe(alone) && Equivalent(emptyWith, alone);
    });

    /// <inheritdoc/>
    public Property MergeAfterRoundTrip() => Prop.ForAll(Input.Two().ToArbitrary(), x =>
    {
        var a = CxMetrics.Portable.TallyFormat.FromBytes<TTally>(CxMetrics.Portable.TallyFormat.ToBytes(Build(x.Item1)));
        var b = CxMetrics.Portable.TallyFormat.FromJson<TTally>(CxMetrics.Portable.TallyFormat.ToJson(Build(x.Item2)));
        return Observe(Merge(a, b)) == Observe(Merge(Build(x.Item1), Build(x.Item2)));
    });

    /// <inheritdoc/>
    public Property CorruptionDetected() => Prop.ForAll(Input.Zip(Gen.Choose(0, int.MaxValue)).Zip(Gen.Choose(1, 255)).ToArbitrary(), x =>
    {
        var bytes = CxMetrics.Portable.TallyFormat.ToBytes(Build(x.Item1.Item1));
        int at = x.Item1.Item2 % bytes.Length;
        var changed = (byte[])bytes.Clone();
        changed[at] ^= (byte)x.Item2;
        int cut = x.Item1.Item2 % bytes.Length;
        return Throws(() => CxMetrics.Portable.TallyFormat.FromBytes<TTally>(changed))
            && Throws(() => CxMetrics.Portable.TallyFormat.FromBytes<TTally>(bytes.AsSpan(0, cut)))
            && Throws(() => CxMetrics.Portable.TallyFormat.FromBytes<TTally>([.. bytes, 0]));
    });

    /// <inheritdoc/>
    public Property JsonCorruptionDetected() => Prop.ForAll(Input.Zip(Gen.Choose(0, int.MaxValue)).Zip(Gen.Choose(32, 126)).ToArbitrary(), x =>
    {
        var tally = Build(x.Item1.Item1);
        string json = CxMetrics.Portable.TallyFormat.ToJson(tally);
        int at = x.Item1.Item2 % json.Length;
        var changed = new StringBuilder(json) { [at] = (char)x.Item2 }.ToString();
        string cut = json[..(x.Item1.Item2 % json.Length)];
        return ThrowsOrSame(() => CxMetrics.Portable.TallyFormat.FromJson<TTally>(changed), Observe(tally))
            && Throws(() => CxMetrics.Portable.TallyFormat.FromJson<TTally>(cut));
    });

    /// <inheritdoc/>
    public Property PayloadMergeAndEmptiness() => Prop.ForAll(Input.Two().ToArbitrary(), x =>
    {
        byte[] a = CxMetrics.Portable.TallyFormat.ToBytes(Build(x.Item1)), b = CxMetrics.Portable.TallyFormat.ToBytes(Build(x.Item2));
        byte[] merged = CxMetrics.Portable.TallyFormat.Merge(a, b);
        bool sameMerge = merged.AsSpan().SequenceEqual(CxMetrics.Portable.TallyFormat.ToBytes(Merge(Build(x.Item1), Build(x.Item2))));
        bool emptyIsEmpty = CxMetrics.Portable.TallyFormat.IsEmpty(CxMetrics.Portable.TallyFormat.ToBytes(Empty()));
        bool emptiness = CxMetrics.Portable.TallyFormat.IsEmpty(a) == (Observe(Build(x.Item1)) == Observe(Empty()));
        return (sameMerge && emptyIsEmpty && emptiness).Label($"merge of payloads {sameMerge}, empty tally {emptyIsEmpty}, emptiness of a built tally {emptiness}");
    });

    /// <inheritdoc/>
    public Property SelfMergeRefused() => Prop.ForAll(Input.ToArbitrary(), input =>
    {
        var tally = Build(input);
        string before = Observe(tally);
        try
        {
            Merge(tally, tally);
            return false.Label("merged into itself");
        }
        catch (ArgumentException e)
        {
            return (e.ParamName == "other" && Observe(tally) == before).Label($"{e.ParamName}: {e.Message}");
        }
    });

    /// <inheritdoc/>
    public Property MutationsAreReadExactlyOrRefused() => Prop.ForAll(Input.Zip(PortableMutation.Gen).ToArbitrary(), x =>
    {
        var bytes = PortableMutation.Apply(CxMetrics.Portable.TallyFormat.ToBytes(Build(x.Item1)), x.Item2);
        CxMetrics.Portable.TallyFormat.FromBytes<TTally>(CxMetrics.Portable.TallyFormat.ToBytes(Empty())); // warm: no first-call costs below
        long before = GC.GetAllocatedBytesForCurrentThread();
        TTally? read = null;
        Exception? error = null;
        try
        {
            read = CxMetrics.Portable.TallyFormat.FromBytes<TTally>(bytes);
        }
        catch (Exception e)
        {
            error = e;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > PortableMutation.AllocationBound(bytes.Length))
        {
            // The first pass over a new code path pays one-time costs that do not depend on the payload (type loading, the
            // runtime's resource strings for an exception message); a hostile payload allocates as much again, so measure twice.
            before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                CxMetrics.Portable.TallyFormat.FromBytes<TTally>(bytes);
            }
            catch (Exception)
            {
                // judged by the first read
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        string verdict = error switch
        {
            null when !CxMetrics.Portable.TallyFormat.ToBytes(read!).AsSpan().SequenceEqual(bytes) => "read as a tally that writes other bytes",
            null or CxMetrics.Portable.TallyFormatException => allocated <= PortableMutation.AllocationBound(bytes.Length) ? "ok" : $"allocated {allocated} bytes for a {bytes.Length}-byte payload",
            _ => $"threw {error.GetType().Name}: {error.Message}",
        };
        return (verdict == "ok").Label($"{verdict}; mutation {x.Item2}; payload {Convert.ToHexString(bytes)}");
    });

    /// <inheritdoc/>
    public byte[] GoldenBytes() => CxMetrics.Portable.TallyFormat.ToBytes(Example());

    /// <inheritdoc/>
    public string GoldenJson() => CxMetrics.Portable.TallyFormat.ToJson(Example());

    /// <inheritdoc/>
    public string ObserveBytes(byte[] bytes) => Observe(CxMetrics.Portable.TallyFormat.FromBytes<TTally>(bytes));

    /// <inheritdoc/>
    public string ObserveExample() => Observe(Example());

    /// <summary>The name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private static bool Throws(Func<TTally> read)
    {
        try
        {
            read();
            return false;
        }
        catch (CxMetrics.Portable.TallyFormatException)
        {
            return true;
        }
    }

    private bool ThrowsOrSame(Func<TTally> read, string expected)
    {
        try
        {
            return Observe(read()) == expected;
        }
        catch (CxMetrics.Portable.TallyFormatException)
        {
            return true;
        }
    }
}

/// <summary>
/// One change to a valid binary payload: a flipped byte, a 4- or 8-byte field overwritten with an extreme count or length,
/// bytes cut or appended (with the length field updated). The checksum is always recomputed, so the decoder's own checks
/// are what stands between the bytes and a tally.
/// </summary>
/// <param name="Kind">0 flips a byte, 1 writes a 32-bit value, 2 writes a 64-bit value, 3 cuts or appends bytes.</param>
/// <param name="Position">Where in the payload (modulo its length).</param>
/// <param name="Value">The byte mask, the value written, or the number of bytes cut (negative) or appended.</param>
public sealed record PortableMutation(int Kind, int Position, long Value)
{
    private static readonly long[] Extremes =
        [0, 1, -1, 2, 255, 256, 1_000_000_000, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue, long.MinValue, long.MaxValue - 1, 1L << 40];

    /// <summary>Mutations, mostly in the payload, sometimes in the header's version and kind.</summary>
    public static FsCheck.Gen<PortableMutation> Gen { get; } = FsCheck.Fluent.Gen.OneOf(
        FsCheck.Fluent.Gen.Choose(0, int.MaxValue).Zip(FsCheck.Fluent.Gen.Choose(1, 255)).Select(t => new PortableMutation(0, t.Item1, t.Item2)),
        FsCheck.Fluent.Gen.Choose(0, int.MaxValue).Zip(FsCheck.Fluent.Gen.Elements(Extremes)).Select(t => new PortableMutation(1, t.Item1, t.Item2)),
        FsCheck.Fluent.Gen.Choose(0, int.MaxValue).Zip(FsCheck.Fluent.Gen.Elements(Extremes)).Select(t => new PortableMutation(2, t.Item1, t.Item2)),
        FsCheck.Fluent.Gen.Choose(0, int.MaxValue).Zip(FsCheck.Fluent.Gen.Choose(-16, 16)).Select(t => new PortableMutation(3, t.Item1, t.Item2)));

    /// <summary>The most a read may allocate: 64 bytes per payload byte plus 16 KB (the exception and its message).</summary>
    /// <param name="payloadLength">The whole payload's length in bytes.</param>
    /// <returns>The bound in bytes.</returns>
    public static long AllocationBound(int payloadLength) => (64L * payloadLength) + 16_384;

    /// <summary>The mutated copy, with its length field and CRC-32C recomputed.</summary>
    /// <param name="bytes">A valid payload.</param>
    /// <param name="m">The mutation.</param>
    /// <returns>The new bytes.</returns>
    public static byte[] Apply(byte[] bytes, PortableMutation m)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(m);
        const int header = CxMetrics.Portable.TallyFormat.HeaderLength, trailer = CxMetrics.Portable.TallyFormat.TrailerLength;
        var body = bytes.AsSpan(header, bytes.Length - header - trailer).ToArray();
        var head = bytes.AsSpan(0, header).ToArray();
        switch (m.Kind)
        {
            case 0 when body.Length > 0:
                body[m.Position % body.Length] ^= (byte)m.Value;
                break;
            case 1 when body.Length >= 4:
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(m.Position % (body.Length - 3)), unchecked((int)m.Value));
                break;
            case 2 when body.Length >= 8:
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(m.Position % (body.Length - 7)), m.Value);
                break;
            case 3 when m.Value < 0:
                body = body[..Math.Max(0, body.Length + (int)m.Value)];
                break;
            case 3:
                body = [.. body, .. Enumerable.Repeat((byte)m.Position, (int)m.Value)];
                break;
            default:
                head[4 + (m.Position % 4)] ^= (byte)m.Value; // version and kind
                break;
        }

        var result = new byte[header + body.Length + trailer];
        head.CopyTo(result, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), body.Length);
        body.CopyTo(result, header);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(result.Length - trailer), CxMetrics.Portable.Crc32C.Compute(result.AsSpan(0, result.Length - trailer)));
        return result;
    }
}

/// <summary>The portable cases of every tally kind.</summary>
public static class PortableGen
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyDictionary<string, IPortableCase> Cases { get; } = new IPortableCase[]
    {
        new PortableCase<(int Score, double Weight)[], NpsTally>
        {
            Name = "nps",
            Input = Gen.Choose(-1, 10).Zip(Gen.Choose(1, 40).Select(w => w / 4.0)).ArrayOf(),
            Build = rows =>
            {
                var t = new NpsTally();
                foreach (var (s, w) in rows)
                {
                    if (s < 0)
                    {
                        t.AddUnanswered();
                    }
                    else
                    {
                        t.Add(s, w);
                    }
                }

                return t;
            },
            Empty = () => new NpsTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => Text(t.Promoters, t.Passives, t.Detractors, t.Unanswered, t.PromoterWeight, t.PassiveWeight, t.DetractorWeight, t.SumOfSquaredWeights),
            Example = () => NpsTally.FromWeightedCounts(5, 3, 2, 1, 5.5, 3, 2.25, 12.5),
        },
        new PortableCase<(int Score, double Weight)[], RatingTally>
        {
            Name = "rating",
            Input = Gen.Choose(0, 5).Zip(Gen.Choose(1, 40).Select(w => w / 4.0)).ArrayOf(),
            Build = rows =>
            {
                var t = new RatingTally(CsatScale.OneToFive);
                foreach (var (s, w) in rows)
                {
                    if (s == 0)
                    {
                        t.AddUnanswered();
                    }
                    else
                    {
                        t.Add(s, w);
                    }
                }

                return t;
            },
            Empty = () => new RatingTally(CsatScale.OneToFive),
            Merge = (a, b) => a.Merge(b),
            Observe = t => Text(t.Scale, t.Unanswered, t.Count, t.TotalWeight, t.SumOfSquaredWeights, Text(t.Counts.ToArray()), Text(t.Weights.ToArray())),
            Example = () => RatingTally.FromCounts(CsatScale.OneToFive, [1, 0, 2, 5, 9], 3),
        },
        new PortableCase<bool[], BinomialTally>
        {
            Name = "binomial",
            Input = ArbMap.Default.GeneratorFor<bool>().ArrayOf(),
            Build = rows =>
            {
                var t = new BinomialTally();
                foreach (bool b in rows)
                {
                    t.Add(b);
                }

                return t;
            },
            Empty = () => new BinomialTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => Text(t.Successes, t.Trials),
            Example = () => BinomialTally.FromCounts(12, 100),
        },
        new PortableCase<double[], RunningMoments>
        {
            Name = "moments",
            Input = Gen.Choose(-100_000, 100_000).Select(i => i / 100.0).ArrayOf(),
            Build = rows =>
            {
                var t = new RunningMoments();
                foreach (double v in rows)
                {
                    t.Add(v);
                }

                return t;
            },
            Empty = () => new RunningMoments(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => Text(t.Count, t.Mean, t.SumOfSquaredDeviations),
            Same = (a, b) => a.Count == b.Count && Close(a.Mean, b.Mean, 1e-9 * Math.Max(1, Math.Abs(a.Mean))) && Close(a.SumOfSquaredDeviations, b.SumOfSquaredDeviations, 1e-9 * Math.Max(1, a.SumOfSquaredDeviations)),
            Example = () => RunningMoments.FromParts(4, 2.5, 5),
        },
        new PortableCase<double[], QuantileSketch>
        {
            Name = "quantile-sketch",
            Input = Gen.Frequency((1, Gen.Constant(0.0)), (5, Gen.Choose(1, 1_000_000).Select(i => i / 100.0))).ArrayOf(),
            Build = rows =>
            {
                var t = new QuantileSketch(0.02);
                t.AddRange(rows);
                return t;
            },
            Empty = () => new QuantileSketch(0.02),
            Merge = (a, b) =>
            {
                a.Merge(b);
                return a;
            },
            Observe = t => Text(t.RelativeAccuracy, t.Count, t.ZeroCount, t.Min, t.Max, string.Join(";", t.GetBuckets().Select(b => $"{b.Key}:{b.Value}"))),
            Example = () =>
            {
                var s = new QuantileSketch(0.02);
                s.AddRange([0, 1, 1.5, 10, 100]);
                return s;
            },
        },
        new PortableCase<(int Visitor, bool Converted)[], ConversionTally>
        {
            Name = "conversion",
            Input = Gen.Choose(0, 12).Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf(),
            Build = rows => Conversions(ConversionUnit.Visitor, rows),
            Empty = () => new ConversionTally(ConversionUnit.Visitor),
            Merge = (a, b) => a.Merge(b),
            Observe = ConversionText,
            Example = () =>
            {
                var t = new ConversionTally(ConversionUnit.Visitor);
                t.Add("v1", false);
                t.Add("v2", true);
                t.Add("v1", true);
                return t;
            },
        },
        new PortableCase<(int Visitor, bool Converted)[], ConversionTally>
        {
            Name = "conversion-session",
            Input = Gen.Choose(0, 12).Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf(),
            Build = rows => Conversions(ConversionUnit.Session, rows),
            Empty = () => new ConversionTally(ConversionUnit.Session),
            Merge = (a, b) => a.Merge(b),
            Observe = ConversionText,
            Example = () => ConversionTally.FromCounts(3, 40),
        },
        new PortableCase<TicketTimes[], SupportTally>
        {
            Name = "support",
            Input = SupportGen.TicketTimes.ArrayOf().Select(a => a.Take(6).ToArray()),
            Build = rows =>
            {
                var t = new SupportTally();
                foreach (var r in rows)
                {
                    t.Add(r);
                }

                return t;
            },
            Empty = () => new SupportTally(),
            Merge = (a, b) =>
            {
                a.Merge(b);
                return a;
            },
            Observe = t => SupportText(t, sorted: false),
            Same = (a, b) => SupportText(a, sorted: true) == SupportText(b, sorted: true),
            Example = () =>
            {
                var t = SupportTally.FromCounts(3, 1, 2, 1, 1, 2);
                t.AddHours(SupportMeasure.FirstResponse, TimeBasis.Business, [0.5, 2]);
                t.AddHours(SupportMeasure.FirstResponse, TimeBasis.Calendar, [0.5, 26]);
                return t;
            },
        },
        new PortableCase<(CxMetrics.Commerce.Order[] Orders, (int Customer, int Minutes)[] Signups), CohortTally>
        {
            Name = "cohort",
            Input = RetentionGen.Order.ArrayOf().Select(a => a.Take(30).ToArray()).Zip(Gen.Choose(0, 30).Zip(Gen.Choose(0, 100_000)).ArrayOf().Select(a => a.Take(5).ToArray())),
            Build = x =>
            {
                var t = new CohortTally();
                foreach (var o in x.Orders)
                {
                    t.Add(o);
                }

                foreach (var (c, m) in x.Signups)
                {
                    t.AddSignup($"c{c}", RetentionGen.Origin + Duration.FromMinutes(m));
                }

                return t;
            },
            Empty = () => new CohortTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => CohortText(t, canonical: false),
            Same = (a, b) => CohortText(a, canonical: true) == CohortText(b, canonical: true),
            Example = () =>
            {
                var t = new CohortTally();
                t.Add(new CxMetrics.Commerce.Order("alice", Instant.FromUtc(2024, 1, 2, 10, 0), 19.90m, "EUR"));
                t.Add(new CxMetrics.Commerce.Order("bob", Instant.FromUtc(2024, 2, 3, 11, 0), 5m, "EUR"));
                t.AddSignup("carol", Instant.FromUtc(2024, 1, 1, 0, 0));
                return t;
            },
        },
        new PortableCase<(double Entry, double Duration, bool Event, double Weight)[], KaplanMeierTally>
        {
            Name = "kaplan-meier",
            Input = SurvivalGen.DelayedObservation.Zip(Gen.Choose(1, 12).Select(w => w / 4.0)).Select(x => (x.Item1.Entry, x.Item1.Duration, x.Item1.Event, x.Item2)).ArrayOf(),
            Build = rows =>
            {
                var t = new KaplanMeierTally();
                foreach (var (entry, d, e, w) in rows)
                {
                    t.Add(entry, d, e, w);
                }

                return t;
            },
            Empty = () => new KaplanMeierTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t =>
            {
                var rows = t.ToRows();
                return Text(t.Events, t.Censored, t.TotalWeight, Text(rows.Times), Text(Enumerable.Range(0, rows.Length).Select(rows.EventCount).ToArray()),
                    Text(Enumerable.Range(0, rows.Length).Select(rows.CensoredCount).ToArray()), Text(rows.EventWeight), Text(rows.CensoredWeight),
                    t.DelayedEntries, Text(Enumerable.Range(0, rows.Length).Select(rows.EntryCount).ToArray()), Text(rows.EntryWeight ?? []));
            },
            Example = () => KaplanMeierTally.FromCounts([1, 2, 5], [2, 1, 0], [0, 1, 3]),
        },
        new PortableCase<CxMetrics.Commerce.Order[], CustomerSummaryTally>
        {
            Name = "customer-summary",
            Input = RetentionGen.Order.ArrayOf().Select(a => a.Take(30).ToArray()),
            Build = rows =>
            {
                var t = new CustomerSummaryTally(Berlin);
                t.AddRange(rows);
                return t;
            },
            Empty = () => new CustomerSummaryTally(Berlin),
            Merge = (a, b) => a.Merge(b),
            Observe = t => Text(t.Zone.Id, t.MergeWithin, t.Currency, t.OrderCount, t.CustomerCount,
                CustomerPeriodsText(t)),
            Example = () =>
            {
                var t = new CustomerSummaryTally(Berlin);
                t.Add(new CxMetrics.Commerce.Order("alice", Instant.FromUtc(2024, 1, 2, 10, 0), 19.90m, "EUR"));
                t.Add(new CxMetrics.Commerce.Order("alice", Instant.FromUtc(2024, 1, 2, 12, 0), 0.10m, "EUR"));
                t.Add(new CxMetrics.Commerce.Order("bob", Instant.FromUtc(2024, 2, 3, 11, 0), 5m, "EUR"));
                return t;
            },
        },
        new PortableCase<CxMetrics.Commerce.CartEvent[], CxMetrics.Commerce.CartTally>
        {
            Name = "cart",
            Input = CartGen.RichEvent.ArrayOf().Select(a => a.Take(30).ToArray()),
            Build = rows => CxMetrics.Commerce.CartTally.Of(rows),
            Empty = () => new CxMetrics.Commerce.CartTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = CartText,
            Example = () => CxMetrics.Commerce.CartTally.Of(
            [
                new CxMetrics.Commerce.CartEvent("c1", CxMetrics.Commerce.CartEventKind.ItemAdded, Instant.FromUtc(2024, 5, 6, 8, 0), 19.90m, "EUR") { ItemId = "sku-1", Channel = "web" },
                new CxMetrics.Commerce.CartEvent("c1", CxMetrics.Commerce.CartEventKind.Purchase, Instant.FromUtc(2024, 5, 6, 8, 5)),
                new CxMetrics.Commerce.CartEvent("c2", CxMetrics.Commerce.CartEventKind.ItemAdded, Instant.FromUtc(2024, 5, 6, 9, 0)) { Device = "mobile" },
                new CxMetrics.Commerce.CartEvent("c2", CxMetrics.Commerce.CartEventKind.ItemAdded, Instant.FromUtc(2024, 5, 6, 9, 0)),
            ]),
        },
        new PortableCase<TicketTimes[], SlaTally>
        {
            Name = "sla",
            Input = SupportGen.TicketTimes.ArrayOf().Select(a => a.Take(8).ToArray()),
            Build = rows =>
            {
                var t = new SlaTally(SlaTargets);
                t.AddRange(rows);
                return t;
            },
            Empty = () => new SlaTally(SlaTargets),
            Merge = (a, b) => a.Merge(b),
            Observe = SlaText,
            Example = () =>
            {
                var t = new SlaTally(SlaTargets);
                var office = BusinessCalendar.Weekdays(DateTimeZone.Utc, new LocalTime(9, 0), new LocalTime(17, 0));
                var monday9 = Instant.FromUtc(2024, 3, 4, 9, 0);
                TicketTimes Ticket(string id, string channel, string? priority, int? replyMinutes, int asOfHours) => SupportTimes.Of(
                    SupportTicket.Create(id, "c", channel, monday9, replies: replyMinutes is { } r ? [monday9 + Duration.FromMinutes(r)] : null, priority: priority),
                    office, monday9 + Duration.FromHours(asOfHours));
                t.AddRange([Ticket("t1", "chat", "high", 20, 8), Ticket("t2", "email", null, 300, 8), Ticket("t3", "email", "high", null, 2)]);
                return t;
            },
        },
        new PortableCase<CxMetrics.Experiments.ExperimentObservation[], CxMetrics.Experiments.ExperimentTally>
        {
            Name = "experiment",
            Input = ExperimentObservation.ArrayOf().Select(a => a.Take(40).ToArray()),
            Build = rows =>
            {
                var t = new CxMetrics.Experiments.ExperimentTally();
                t.AddRange(rows);
                return t;
            },
            Empty = () => new CxMetrics.Experiments.ExperimentTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => ExperimentText(t, null),
            Same = (a, b) => ExperimentText(a, 1e-9) == ExperimentText(b, 1e-9) && SameMoments(a, b),
            Example = () =>
            {
                var t = new CxMetrics.Experiments.ExperimentTally();
                t.AddRange(
                [
                    new("c1", "control", null, CxMetrics.Experiments.OutcomeStatus.Observed, true, 20),
                    new("c2", "control", null, CxMetrics.Experiments.OutcomeStatus.Observed, false, 0),
                    new("c3", "10% off", null, CxMetrics.Experiments.OutcomeStatus.Observed, true, 30),
                    new("c4", "10% off", "vip", CxMetrics.Experiments.OutcomeStatus.Pending, false, 0),
                ]);
                return t;
            },
        },
        new PortableCase<SubscriptionEvent[], SubscriptionTally>
        {
            Name = "subscription",
            Input = Gen.OneOf(RetentionGen.Subscriptions.Generator, RetentionGen.LabelledSubscriptions.Generator),
            Build = SubscriptionTally.Of,
            Empty = () => new SubscriptionTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => SubscriptionText(t, canonical: false),
            Same = (a, b) => SubscriptionText(a, canonical: true) == SubscriptionText(b, canonical: true),
            Example = () => SubscriptionTally.Of(
            [
                SubscriptionEvent.Started("s1", "alice", Instant.FromUtc(2024, 1, 1, 0, 0), 20m, "EUR", "pro", "month"),
                SubscriptionEvent.Started("s2", "bob", Instant.FromUtc(2024, 1, 5, 0, 0), 9.90m, "EUR"),
                SubscriptionEvent.Paused("s1", "alice", Instant.FromUtc(2024, 2, 1, 0, 0)),
                SubscriptionEvent.Cancelled("s2", "bob", Instant.FromUtc(2024, 3, 5, 0, 0)),
            ]),
        },
        new PortableCase<CxMetrics.Commerce.Order[], InactivityChurnTally>
        {
            Name = "inactivity-churn",
            Input = RetentionGen.Order.ArrayOf().Select(a => a.Take(40).ToArray()),
            Build = rows =>
            {
                var t = new InactivityChurnTally(Duration.FromDays(30), RetentionGen.AsOf);
                foreach (var o in rows)
                {
                    t.Add(o);
                }

                return t;
            },
            Empty = () => new InactivityChurnTally(Duration.FromDays(30), RetentionGen.AsOf),
            Merge = (a, b) => a.Merge(b),
            Observe = InactivityText,
            Example = () =>
            {
                var t = new InactivityChurnTally(Duration.FromDays(30), Instant.FromUtc(2024, 6, 1, 0, 0));
                t.Add("alice", Instant.FromUtc(2024, 1, 2, 10, 0));
                t.Add("alice", Instant.FromUtc(2024, 1, 20, 10, 0));
                t.Add("alice", Instant.FromUtc(2024, 4, 1, 9, 0));
                t.Add("bob", Instant.FromUtc(2024, 2, 3, 11, 0));
                t.Add("bob", Instant.FromUtc(2024, 7, 1, 0, 0));
                return t;
            },
        },
        new PortableCase<CxMetrics.Reviews.Review[], CxMetrics.Reviews.ReviewTally>
        {
            Name = "reviews",
            Input = ReviewGen.Reviews.Generator,
            Build = CxMetrics.Reviews.ReviewTally.Of,
            Empty = () => new CxMetrics.Reviews.ReviewTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => ReviewText(t, canonical: false),
            Same = (a, b) => ReviewText(a, canonical: true) == ReviewText(b, canonical: true),
            Example = () => CxMetrics.Reviews.ReviewTally.Of(
            [
                CxMetrics.Reviews.Review.Create("g1", "Google", "Berlin", 5, CxMetrics.Reviews.ReviewScale.FiveStars, Instant.FromUtc(2024, 3, 1, 9, 0), Instant.FromUtc(2024, 3, 1, 10, 0)),
                CxMetrics.Reviews.Review.Create("g2", "Google", "Berlin", 1, CxMetrics.Reviews.ReviewScale.FiveStars, Instant.FromUtc(2024, 3, 2, 9, 0), Instant.FromUtc(2024, 3, 2, 15, 30)),
                CxMetrics.Reviews.Review.Create("b1", "Booking", "Berlin", 3, CxMetrics.Reviews.ReviewScale.TenPoints, Instant.FromUtc(2024, 3, 3, 9, 0)),
            ]),
        },
        new PortableCase<TicketTimes[], TicketResolutionTally>
        {
            Name = "ticket-resolution",
            Input = SupportGen.HelpdeskTickets.ArrayOf().Select(a => a.Take(10).Select(t => SupportTimes.Of(t.Ticket, t.Calendar, t.AsOf)).ToArray()),
            Build = TicketResolutionTally.Of,
            Empty = () => new TicketResolutionTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => Text(t.Tickets, t.Solved, t.SolvedWithoutReply, t.OneTouch, t.TwoTouch, t.FirstContact, t.SolvedOnce, t.Reopened, t.Replies),
            Example = () => TicketResolutionTally.FromCounts(tickets: 12, solved: 9, solvedWithoutReply: 1, oneTouch: 5, twoTouch: 2, firstContact: 4, solvedOnce: 10, reopened: 2, replies: 14),
        },
        new PortableCase<SupportTicket[], BacklogTally>
        {
            Name = "backlog",
            Input = SupportGen.HelpdeskTickets.ArrayOf().Select(a => a.Take(10).Select(t => t.Ticket).ToArray()),
            Build = rows =>
            {
                var t = NewBacklog();
                t.AddRange(rows);
                return t;
            },
            Empty = NewBacklog,
            Merge = (a, b) => a.Merge(b),
            Observe = BacklogText,
            Example = () =>
            {
                var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
                var grid = new CxMetrics.Time.PeriodGrid(berlin, CxMetrics.Time.PeriodUnit.Day);
                var asOf = Instant.FromUtc(2024, 3, 31, 10, 0); // the day the clocks go forward, running at as-of
                var t = new BacklogTally(asOf, grid, grid.Containing(new LocalDate(2024, 3, 29)), grid.Containing(asOf), [Duration.FromHours(12), Duration.FromDays(2)]);
                var at = Instant.FromUtc(2024, 3, 29, 8, 0);
                t.Add(SupportTicket.Create("t1", "c", "email", at, statusChanges: [new(at + Duration.FromHours(30), TicketStatus.Solved)]));
                t.Add(SupportTicket.Create("t2", "c", "chat", at + Duration.FromHours(2)));
                t.Add(SupportTicket.Create("t3", "c", "chat", at - Duration.FromDays(3), statusChanges: [new(at, TicketStatus.Solved), new(at + Duration.FromHours(40), TicketStatus.Reopened)]));
                return t;
            },
        },
        new PortableCase<int, CxMetrics.Acquisition.AcquisitionTally>
        {
            Name = "acquisition",
            Input = Gen.Choose(0, int.MaxValue),
            Build = seed =>
            {
                var (customers, orders, spend, _) = AcquisitionGen.Random(seed);
                return CxMetrics.Acquisition.AcquisitionTally.Of(customers, orders, spend);
            },
            Empty = () => new CxMetrics.Acquisition.AcquisitionTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => AcquisitionText(t, canonical: false),
            Same = (a, b) => AcquisitionText(a, canonical: true) == AcquisitionText(b, canonical: true),
            Example = () => CxMetrics.Acquisition.AcquisitionTally.Of(
                [
                    new CxMetrics.Acquisition.AcquiredCustomer("alice", Instant.FromUtc(2024, 1, 5, 9, 0), "search", "spring"),
                    new CxMetrics.Acquisition.AcquiredCustomer("bob", Instant.FromUtc(2024, 2, 1, 12, 0)),
                ],
                [
                    new CxMetrics.Commerce.Order("alice", Instant.FromUtc(2024, 1, 20, 10, 0), 49.90m, "EUR"),
                    new CxMetrics.Commerce.Order("carol", Instant.FromUtc(2024, 3, 1, 8, 0), 12m, "EUR"),
                ],
                [
                    new CxMetrics.Acquisition.AcquisitionSpend("search", CxMetrics.Time.CalendarPeriod.Containing(new LocalDate(2024, 1, 1), CxMetrics.Time.PeriodUnit.Month), 500m, "EUR"),
                    new CxMetrics.Acquisition.AcquisitionSpend("search", CxMetrics.Time.CalendarPeriod.Containing(new LocalDate(2024, 1, 10), CxMetrics.Time.PeriodUnit.Week, IsoDayOfWeek.Sunday), 80.50m, "EUR"),
                ]),
        },
        new PortableCase<(double Outcome, double Covariate)[], CupedTally>
        {
            Name = "cuped",
            Input = Gen.OneOf(
                Gen.Choose(0, 50_000).Zip(Gen.Choose(-2_000, 20_000)).Select(p => (p.Item1 / 100.0, Math.Max(0, p.Item2) / 100.0)).ArrayOf(),

                // The covariate fixes the outcome (ρ = ±1 or a constant side): the co-moment sits at its Cauchy–Schwarz bound.
                Gen.Choose(-3, 3).Zip(Gen.Choose(0, 10_000).ArrayOf()).Select(x => x.Item2.Select(c => ((x.Item1 * c / 100.0) + 1.5, c / 100.0)).ToArray())),
            Build = rows =>
            {
                var t = new CupedTally();
                foreach (var (y, x) in rows)
                {
                    t.Add(y, x);
                }

                return t;
            },
            Empty = () => new CupedTally(),
            Merge = (a, b) => a.Merge(b),
            Observe = t => Text(t.Count, t.OutcomeMean, t.CovariateMean, t.OutcomeSumOfSquaredDeviations, t.CovariateSumOfSquaredDeviations, t.CoMoment),
            Same = (a, b) => a.Count == b.Count
                && Close(a.OutcomeMean, b.OutcomeMean, 1e-9 * Math.Max(1, Math.Abs(a.OutcomeMean))) && Close(a.CovariateMean, b.CovariateMean, 1e-9 * Math.Max(1, Math.Abs(a.CovariateMean)))
                && Close(a.OutcomeSumOfSquaredDeviations, b.OutcomeSumOfSquaredDeviations, 1e-9 * Math.Max(1, a.OutcomeSumOfSquaredDeviations))
                && Close(a.CovariateSumOfSquaredDeviations, b.CovariateSumOfSquaredDeviations, 1e-9 * Math.Max(1, a.CovariateSumOfSquaredDeviations))
                && Close(a.CoMoment, b.CoMoment, 1e-9 * Math.Max(1, Math.Sqrt(a.OutcomeSumOfSquaredDeviations * a.CovariateSumOfSquaredDeviations))),
            Example = () => CupedTally.FromSums(4, 60, 40, 1400, 608, 920),
        },
    }.ToDictionary(c => c.Name);

    /// <summary>Observations in up to three segments (and none), three arms, some pending, revenue in cents.</summary>
    public static Gen<CxMetrics.Experiments.ExperimentObservation> ExperimentObservation =>
        Gen.Choose(-1, 2).Zip(Gen.Choose(0, 2)).Zip(Gen.Choose(0, 9)).Zip(Gen.Choose(0, 20_000)).Select(x =>
        {
            var (((segment, arm), status), cents) = x;
            bool pending = status == 0, converted = !pending && status > 4;
            return new CxMetrics.Experiments.ExperimentObservation(
                $"c{cents}", arm == 0 ? "control" : $"arm{arm}", segment < 0 ? null : $"seg{segment}",
                pending ? CxMetrics.Experiments.OutcomeStatus.Pending : CxMetrics.Experiments.OutcomeStatus.Observed, converted, converted ? cents / 100.0 : 0);
        });

    /// <summary>The cells in payload order; the revenue moments exactly, or (with a tolerance) left out for <see cref="SameMoments"/>.</summary>
    public static string ExperimentText(CxMetrics.Experiments.ExperimentTally t, double? tolerance) =>
        Text(t.Customers) + "/" + string.Join(";", t.Cells.OrderBy(c => c.Segment is null).ThenBy(c => c.Segment, StringComparer.Ordinal).ThenBy(c => c.Arm, StringComparer.Ordinal)
            .Select(c => tolerance is null ? Text(c.Segment, c.Arm, c.Pending, c.Observed, c.Converted, c.RevenueMean, c.RevenueSumOfSquaredDeviations) : Text(c.Segment, c.Arm, c.Pending, c.Observed, c.Converted)));

    private static bool SameMoments(CxMetrics.Experiments.ExperimentTally a, CxMetrics.Experiments.ExperimentTally b)
    {
        var theirs = b.Cells.ToDictionary(c => (c.Segment ?? "\0", c.Arm));
        return a.Cells.All(c => theirs.TryGetValue((c.Segment ?? "\0", c.Arm), out var o)
            && Close(c.RevenueMean, o.RevenueMean, 1e-9 * Math.Max(1, Math.Abs(c.RevenueMean)))
            && Close(c.RevenueSumOfSquaredDeviations, o.RevenueSumOfSquaredDeviations, 1e-9 * Math.Max(1, c.RevenueSumOfSquaredDeviations)));
    }

    /// <summary>Every source's scale and counts, and the negative reply hours (in order, or sorted when canonical).</summary>
    public static string ReviewText(CxMetrics.Reviews.ReviewTally t, bool canonical)
    {
        var hours = t.NegativeReplyHours.ToArray();
        if (canonical)
        {
            Array.Sort(hours);
        }

        return Text(t.Count) + "/" + string.Join(";", t.Sources.Select(s => s + ":" + t.ScaleOf(s) + ":" + string.Join(",", t.CountsOf(s).ToArray()) + ":" + string.Join(",", t.RepliedOf(s).ToArray())))
            + "/" + string.Join(",", hours.Select(h => BitConverter.DoubleToInt64Bits(h)));
    }

    /// <summary>The weekly Berlin backlog of the generated help-desk tickets (late December 2023 to as-of, November 2024).</summary>
    private static BacklogTally NewBacklog()
    {
        var grid = new CxMetrics.Time.PeriodGrid(DateTimeZoneProviders.Tzdb["Europe/Berlin"], CxMetrics.Time.PeriodUnit.Week);
        var asOf = Instant.FromUtc(2024, 11, 20, 7, 30);
        return new BacklogTally(asOf, grid, grid.Containing(Instant.FromUtc(2023, 12, 20, 0, 0)), grid.Containing(asOf));
    }

    /// <summary>Grid, as-of, age edges, tickets, and every period's counts and age bands.</summary>
    public static string BacklogText(BacklogTally t) =>
        Text(t.Grid, t.AsOf, string.Join(",", t.AgeEdges), t.Tickets) + "/" + string.Join(";", Enumerable.Range(0, t.Periods.Count).Select(p =>
            Text(t.Periods[p], t.CountedAt(p), t.Created(p), t.Solved(p), t.Reopened(p), t.Open(p), t.Ages(p).ToArray())));

    /// <summary>Currency, every customer slot (id, acquisition), every order and the spend; in stored order, or sorted when canonical.</summary>
    public static string AcquisitionText(CxMetrics.Acquisition.AcquisitionTally t, bool canonical)
    {
        var customers = Enumerable.Range(0, t.Slots).Select(i => $"{t.Ids[i]}@{t.AcquiredTicks[i]}:{t.Sources[i] ?? "~"}:{t.Campaigns[i] ?? "~"}");
        var orders = Enumerable.Range(0, t.OrderSlots.Count).Select(i => $"{t.Ids[t.OrderSlots[i]]}@{t.OrderTicks[i]}:{t.OrderAmounts[i].ToString(CultureInfo.InvariantCulture)}");
        var spend = t.Spend.Select(s => $"{s.Key.Source}:{s.Key.Period}:{s.Key.Period.WeekStart}:{s.Value.ToString(CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
        if (canonical)
        {
            customers = customers.Order(StringComparer.Ordinal);
            orders = orders.Order(StringComparer.Ordinal);
        }

        return $"{t.Currency}/{t.Customers}/{string.Join(";", customers)}/{string.Join(";", orders)}/{string.Join(";", spend)}";
    }

    /// <summary>Window, as-of, counts, and every customer's spells in id order.</summary>
    public static string InactivityText(InactivityChurnTally t) =>
        Text(t.Window, t.AsOf, t.Orders, t.OrdersAfterAsOf, t.Earliest, t.Latest, t.Customers) + "/" + string.Join(";", t.CustomerSpells().OrderBy(c => c.Customer, StringComparer.Ordinal)
            .Select(c => c.Customer + ":" + string.Join(",", c.Spells.Select(s => $"{s.Start.ToUnixTimeTicks()}-{s.Last.ToUnixTimeTicks()}"))));

    /// <summary>The events in replay order (as the tally orders them), or fully sorted (equal up to the order of tied events).</summary>
    public static string SubscriptionText(SubscriptionTally t, bool canonical)
    {
        var events = t.Events.AsEnumerable();
        if (canonical)
        {
            events = events.OrderBy(e => e.CustomerId, StringComparer.Ordinal).ThenBy(e => e.At).ThenBy(e => e.SubscriptionId, StringComparer.Ordinal).ThenBy(e => e.Kind).ThenBy(e => e.Mrr);
        }

        return Text(t.Currency, t.EventCount, t.SubscriptionCount) + "/" + string.Join(";", events.Select(e => Text(e.SubscriptionId, e.CustomerId, e.At.ToUnixTimeTicks(), e.Kind, e.Mrr, e.Currency, e.Plan, e.BillingInterval, e.Segment)));
    }

    /// <summary>The SLA targets of the portable case: a default per metric and a faster first response for chat.</summary>
    public static SlaTarget[] SlaTargets =>
    [
        new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(4) },
        new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromMinutes(30), Channel = "chat", Goal = 0.9 },
        new SlaTarget { Metric = SlaMetric.Resolution, Target = Duration.FromDays(2), Basis = TimeBasis.Calendar, Priority = "high" },
    ];

    /// <summary>Every cell of an SLA tally as <c>Sla.From</c> reports it, and its ticket count.</summary>
    public static string SlaText(SlaTally t) =>
        Text(t.Tickets, t.ByPriority, string.Join(";", Sla.From(t).Select(c =>
            $"{c.Channel}|{c.Priority}|{c.Metric}|{c.Target}|{c.Met}|{c.Breached}|{c.PendingBreached}|{c.PendingWithinTarget}|{c.WithoutTarget}|{c.ClosedWithoutReply}")));

    /// <summary>Every customer's merge periods and amounts, in id and date order.</summary>
    private static string CustomerPeriodsText(CustomerSummaryTally t)
    {
        var parts = new List<string>();
        t.ForEachCustomer((id, periods, amounts) =>
        {
            var cells = new string[periods.Length];
            for (int i = 0; i < periods.Length; i++)
            {
                cells[i] = string.Create(CultureInfo.InvariantCulture, $"{periods[i]:uuuu-MM-dd}={amounts[i]}");
            }

            parts.Add(id + ":" + string.Join(",", cells));
        });
        return string.Join(";", parts);
    }

    /// <summary>Three values of a generator.</summary>
    public static Gen<(T, T, T)> Three<T>(this Gen<T> gen) => gen.Zip(gen).Zip(gen).Select(x => (x.Item1.Item1, x.Item1.Item2, x.Item2));

    /// <summary>Two values of a generator.</summary>
    public static Gen<(T, T)> Two<T>(this Gen<T> gen) => gen.Zip(gen);

    private static bool Close(double a, double b, double tolerance) => Math.Abs(a - b) <= tolerance;

    private static string Text(params object?[] parts) => string.Join("|", parts.Select(p => p switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        double[] ds => string.Join(",", ds.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        long[] ls => string.Join(",", ls),
        null => "null",
        _ => Convert.ToString(p, CultureInfo.InvariantCulture),
    }));

    private static ConversionTally Conversions(ConversionUnit unit, (int Visitor, bool Converted)[] rows)
    {
        var t = new ConversionTally(unit);
        foreach (var (v, c) in rows)
        {
            t.Add($"v{v}", c);
        }

        return t;
    }

    private static string ConversionText(ConversionTally t) =>
        Text(t.Unit, t.Conversions, t.Count, string.Join(";", t.Visitors.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));

    private static string SupportText(SupportTally t, bool sorted)
    {
        var parts = new List<string> { Text(t.Tickets, t.ResponsePending, t.ResolutionPending, t.SolvedOnce, t.ReopenedTickets, t.Reopens) };
        foreach (var m in Enum.GetValues<SupportMeasure>())
        {
            foreach (var b in Enum.GetValues<TimeBasis>())
            {
                var hours = t.Hours(m, b).ToArray();
                if (sorted)
                {
                    Array.Sort(hours);
                }

                parts.Add(Text(hours));
            }
        }

        return string.Join("/", parts);
    }

    /// <summary>Every stored value of a cart tally (through its internal state, not the serialiser), units by key, events in order.</summary>
    private static string CartText(CxMetrics.Commerce.CartTally t) =>
        Text(t.EventsAdded, t.Units, t.DuplicateEvents, t.OutOfOrderArrivals) + "/" + string.Join(";", t.SortedJourneys().Select(j =>
            Text(j.Key, j.Currency, j.Duplicates, j.OutOfOrder, j.Channel, j.Device, j.Segment, string.Join(",", j.SortedEntries().Select(e => Text(e.Ticks, e.Kind, e.Value, e.ItemId))))));

    private static string CohortText(CohortTally t, bool canonical)
    {
        var customers = Enumerable.Range(0, t.CustomerCount).Select(c => (Id: t.CustomerId(c), Signup: t.SignupTicks[c])).ToArray();
        var orders = new List<(string Id, long Ticks, decimal Amount)>();
        for (int i = 0; i < t.OrderCount; i++)
        {
            orders.Add((t.CustomerId(t.OrderCustomer(i)), t.OrderTick(i), t.OrderAmount(i)));
        }

        if (canonical)
        {
            customers = [.. customers.OrderBy(c => c.Id, StringComparer.Ordinal)];
            orders = [.. orders.OrderBy(o => o.Id, StringComparer.Ordinal).ThenBy(o => o.Ticks).ThenBy(o => o.Amount)];
        }

        return Text(t.Currency, string.Join(";", customers), string.Join(";", orders.Select(o => $"{o.Id}@{o.Ticks}={o.Amount}")));
    }
}
