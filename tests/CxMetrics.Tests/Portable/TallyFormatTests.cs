using System.Buffers.Binary;
using CxMetrics.Commerce;
using CxMetrics.Portable;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Tests.Commerce;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Portable;

public class TallyFormatTests
{
    public static TheoryData<string> Kinds => [.. PortableGen.Cases.Keys];

    // Σw² out of double's range (∞ for 1e160 × 3, 0 for 1e-200 × 3) is stored negated in its scaled form and read back exactly.
    [Theory]
    [InlineData(1e160)]
    [InlineData(1e-200)]
    public void Weighted_survey_tallies_with_squares_out_of_range_round_trip(double weight)
    {
        var nps = new NpsTally();
        var csat = new RatingTally(CsatScale.OneToFive);
        foreach (int score in new[] { 10, 9, 3 })
        {
            nps.Add(score, weight);
            csat.Add(Math.Min(5, score), weight);
        }

        foreach (var back in new[] { TallyFormat.FromBytes<NpsTally>(TallyFormat.ToBytes(nps)), TallyFormat.FromJson<NpsTally>(TallyFormat.ToJson(nps)) })
        {
            Assert.Equal(nps.SumOfSquaredWeights, back.SumOfSquaredWeights);
            Assert.Equal(nps.EffectiveSampleSize, back.EffectiveSampleSize);
            Assert.Equal(3, back.EffectiveSampleSize, 1e-12);
            Assert.Equal(Nps.From(nps), Nps.From(back));
        }

        foreach (var back in new[] { TallyFormat.FromBytes<RatingTally>(TallyFormat.ToBytes(csat)), TallyFormat.FromJson<RatingTally>(TallyFormat.ToJson(csat)) })
        {
            Assert.Equal(csat.EffectiveSampleSize, back.EffectiveSampleSize);
            Assert.Equal(3, back.EffectiveSampleSize, 1e-12);
            Assert.Equal(Rating.From(csat).Mean, Rating.From(back).Mean);
        }
    }

    private static void Holds(Property property, int maxTest = 40) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest), property);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialise_then_deserialise_is_identity_in_binary_and_json(string kind) => Holds(PortableGen.Cases[kind].RoundTrip());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Merge_is_associative_and_commutative_with_the_empty_tally_as_identity(string kind) => Holds(PortableGen.Cases[kind].MergeLaws(), 30);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Merging_a_tally_into_itself_is_refused_and_leaves_it_unchanged(string kind) => Holds(PortableGen.Cases[kind].SelfMergeRefused(), 20);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Merging_payloads_gives_the_payload_of_the_merged_tallies_and_only_empty_tallies_are_empty(string kind) => Holds(PortableGen.Cases[kind].PayloadMergeAndEmptiness(), 40);

    [Fact]
    public void Merging_payloads_of_different_kinds_or_scales_is_refused()
    {
        var nps = TallyFormat.ToBytes(NpsTally.FromCounts(5, 3, 2));
        var binomial = TallyFormat.ToBytes(BinomialTally.FromCounts(1, 2));
        Assert.Equal(TallyFormatError.WrongKind, Assert.Throws<TallyFormatException>(() => TallyFormat.Merge(nps, binomial)).Error);
        var five = TallyFormat.ToBytes(RatingTally.FromCounts(CsatScale.OneToFive, [1, 2, 3, 4, 5]));
        var seven = TallyFormat.ToBytes(new RatingTally(CsatScale.OneToSeven));
        Assert.Throws<ArgumentException>("other", () => TallyFormat.Merge(five, seven));
        Assert.True(TallyFormat.IsEmpty(seven));
        Assert.False(TallyFormat.IsEmpty(five));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialised_tallies_merge_like_the_originals(string kind) => Holds(PortableGen.Cases[kind].MergeAfterRoundTrip(), 30);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Any_single_byte_change_truncation_or_trailing_byte_is_detected(string kind) => Holds(PortableGen.Cases[kind].CorruptionDetected(), 50);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Any_single_character_change_or_truncation_of_the_json_is_detected(string kind) => Holds(PortableGen.Cases[kind].JsonCorruptionDetected(), 50);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Mutated_payloads_with_a_recomputed_checksum_read_back_exactly_or_are_refused_within_bounded_memory(string kind) =>
        Holds(PortableGen.Cases[kind].MutationsAreReadExactlyOrRefused(), 400);

    [Fact]
    public void The_76_byte_sketch_payload_with_buckets_a_billion_indices_apart_is_refused_without_exhausting_memory()
    {
        var bytes = Convert.FromHexString("4358544C010005003C0000007B14AE47E17A843F0000000000000000000000000000F03F00000000000000400200000000000000010000000000000000CA9A3B0100000000000000AB93B31B");
        Assert.Equal(76, bytes.Length);
        var e = RefusedWithinBound<QuantileSketch>(bytes);
        Assert.Equal(TallyFormatError.InvalidContent, e.Error);
        Assert.Contains("bucket index 1000000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sketch_payload_with_a_bucket_beyond_the_largest_double_is_refused_without_a_dense_allocation()
    {
        // At α = 1% the largest double is in bucket 35,496; a dense store up to bucket 10 million would take 80 MB.
        var e = RefusedWithinBound<QuantileSketch>(SketchPayload(0.01, 1, 2, (0, 1), (10_000_000, 1)));
        Assert.Contains("bucket index 10000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sketch_payload_with_buckets_millions_of_indices_apart_reads_in_memory_proportional_to_its_buckets()
    {
        // α = 1e-6: the values 1 and e⁶ are 3 million buckets apart (24 MB as a dense array).
        var bytes = SketchPayload(1e-6, 1, Math.Exp(6), (0, 1), (3_000_000, 2));
        TallyFormat.FromBytes<QuantileSketch>(TallyFormat.ToBytes(new QuantileSketch(1e-6)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sketch = TallyFormat.FromBytes<QuantileSketch>(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, PortableMutation.AllocationBound(bytes.Length));
        Assert.Equal(3, sketch.Count);
        Assert.Equal(bytes, TallyFormat.ToBytes(sketch));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Golden_payload_reads_back_as_the_example(string kind)
    {
        var c = PortableGen.Cases[kind];
        Assert.Equal(c.ObserveExample(), c.ObserveBytes(Convert.FromHexString(GoldenPayloads.Binary[kind])));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Golden_payload_is_the_bytes_written_today(string kind)
    {
        var c = PortableGen.Cases[kind];
        Assert.Equal(GoldenPayloads.Binary[kind], Convert.ToHexString(c.GoldenBytes()));
        Assert.Equal(GoldenPayloads.Json[kind], c.GoldenJson());
    }

    [Fact]
    public void Every_tally_kind_has_a_codec_a_tested_case_and_a_golden_payload()
    {
        var kinds = Enum.GetValues<TallyKind>();
        var caseOfKind = PortableGen.Cases.Values.ToLookup(c => TallyFormat.KindOf(c.GoldenBytes()));
        foreach (var kind in kinds)
        {
            Assert.True(caseOfKind.Contains(kind), $"{kind} has no portable test case");
            foreach (var c in caseOfKind[kind])
            {
                var tally = TallyFormat.FromBytes(c.GoldenBytes());
                Assert.Contains(tally.GetType(), TallyFormat.SupportedTypes);
                Assert.Equal(kind, TallyFormat.KindOf(TallyFormat.ToBytes(tally)));
                Assert.True(GoldenPayloads.Binary.ContainsKey(c.Name), $"{c.Name} has no golden payload");
            }
        }

        Assert.Equal(kinds.Length, TallyFormat.SupportedTypes.Count);
        Assert.Equal(20, kinds.Length); // the 14, inactivity churn, reviews, ticket resolution, backlog, acquisition and CUPED
        Assert.Equal(Enumerable.Range(1, kinds.Length), kinds.Select(k => (int)k));
    }

    [Fact]
    public void Header_is_magic_version_kind_length()
    {
        var bytes = TallyFormat.ToBytes(BinomialTally.FromCounts(12, 100));
        Assert.Equal("CXTL"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal((ushort)TallyKind.Binomial, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(16, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(12 + 16 + 4, bytes.Length);
        Assert.Equal(TallyKind.Binomial, TallyFormat.KindOf(bytes));
    }

    [Fact]
    public void Crc32c_matches_the_standard_check_value() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void Newer_version_is_refused_with_a_clear_error()
    {
        var bytes = TallyFormat.ToBytes(NpsTally.FromCounts(5, 3, 2));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        var e = Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<NpsTally>(bytes));
        Assert.Equal(TallyFormatError.UnsupportedVersion, e.Error);
        Assert.Contains("version 2 is newer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newer_json_version_is_refused_with_a_clear_error()
    {
        string json = TallyFormat.ToJson(NpsTally.FromCounts(5, 3, 2)).Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        Assert.Equal(TallyFormatError.UnsupportedVersion, Assert.Throws<TallyFormatException>(() => TallyFormat.FromJson<NpsTally>(json)).Error);
    }

    [Fact]
    public void Wrong_kind_is_refused_naming_both_kinds()
    {
        var bytes = TallyFormat.ToBytes(NpsTally.FromCounts(5, 3, 2));
        var e = Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<BinomialTally>(bytes));
        Assert.Equal(TallyFormatError.WrongKind, e.Error);
        Assert.Contains("Nps", e.Message, StringComparison.Ordinal);
        Assert.Contains("Binomial", e.Message, StringComparison.Ordinal);
        var j = Assert.Throws<TallyFormatException>(() => TallyFormat.FromJson<BinomialTally>(TallyFormat.ToJson(NpsTally.FromCounts(5, 3, 2))));
        Assert.Equal(TallyFormatError.WrongKind, j.Error);
    }

    [Fact]
    public void Changed_byte_is_reported_as_a_checksum_mismatch_and_cut_bytes_as_truncation()
    {
        var bytes = TallyFormat.ToBytes(NpsTally.FromCounts(5, 3, 2));
        bytes[14] ^= 1;
        Assert.Equal(TallyFormatError.ChecksumMismatch, Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<NpsTally>(bytes)).Error);
        var cut = TallyFormat.ToBytes(NpsTally.FromCounts(5, 3, 2))[..40];
        Assert.Equal(TallyFormatError.Truncated, Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<NpsTally>(cut)).Error);
        Assert.Equal(TallyFormatError.NotATally, Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<NpsTally>("{\"a\":1}"u8)).Error);
    }

    [Fact]
    public void Changed_json_number_is_caught_by_the_checksum()
    {
        string json = TallyFormat.ToJson(NpsTally.FromCounts(5, 3, 2)).Replace("\"promoters\":5", "\"promoters\":6", StringComparison.Ordinal);
        Assert.Equal(TallyFormatError.ChecksumMismatch, Assert.Throws<TallyFormatException>(() => TallyFormat.FromJson<NpsTally>(json)).Error);
    }

    [Fact]
    public void Read_any_kind_returns_the_right_type()
    {
        Assert.IsType<RatingTally>(TallyFormat.FromBytes(TallyFormat.ToBytes(RatingTally.FromCounts(CsatScale.OneToFive, [1, 2, 3, 4, 5]))));
    }

    [Fact]
    public void Unsupported_type_is_an_argument_error() =>
        Assert.Throws<ArgumentException>("tally", () => TallyFormat.ToBytes(new object()));

    [Fact]
    public void A_cart_split_over_two_shards_is_purchased_after_both_are_read_back_and_merged()
    {
        var added = new CartEvent("c1", CartEventKind.ItemAdded, CartGen.At(0), 20m, "EUR") { Device = "mobile" };
        var bought = new CartEvent("c1", CartEventKind.Purchase, CartGen.At(50));
        var shardA = CartTally.Of([added]);
        var shardB = CartTally.Of([bought]);
        var asOf = CartGen.At(10);
        Assert.Equal(CartStatus.Pending, shardA.Evaluate(asOf)[0].Status);
        Assert.Equal(CartStatus.PurchaseWithoutCart, shardB.Evaluate(CartGen.At(60))[0].Status);

        var merged = TallyFormat.FromBytes<CartTally>(TallyFormat.ToBytes(shardA)).Merge(TallyFormat.FromJson<CartTally>(TallyFormat.ToJson(shardB)));
        var outcome = Assert.Single(merged.Evaluate(CartGen.At(60)));
        Assert.Equal(CartStatus.Purchased, outcome.Status);
        Assert.Equal("mobile", outcome.Device);
        Assert.Equal(20m, outcome.Value);
        Assert.Equal(CartStatus.Pending, TallyFormat.FromBytes<CartTally>(TallyFormat.ToBytes(shardA)).Evaluate(asOf)[0].Status);
    }

    [Property(MaxTest = 60)]
    public Property Cart_shards_read_back_and_merged_judge_every_unit_as_the_whole_stream() =>
        Prop.ForAll(CartGen.RichEvent.Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().ToArbitrary(), CartGen.AsOfMinute, (rows, minute) =>
        {
            var whole = CartTally.Of(rows.Select(r => r.Item1));
            var a = CartTally.Of(rows.Where(r => r.Item2).Select(r => r.Item1));
            var b = CartTally.Of(rows.Where(r => !r.Item2).Select(r => r.Item1));
            var merged = TallyFormat.FromBytes<CartTally>(TallyFormat.ToBytes(a)).Merge(TallyFormat.FromJson<CartTally>(TallyFormat.ToJson(b)));
            var asOf = CartGen.At(minute);
            return CartTestData.Describe(merged.Evaluate(asOf)) == CartTestData.Describe(whole.Evaluate(asOf))
                && merged.EventsAdded == whole.EventsAdded && merged.DuplicateEvents == whole.DuplicateEvents;
        });

    [Fact]
    public void Newer_version_of_a_cart_payload_is_refused_in_binary_and_json()
    {
        var tally = CartTally.Of([new CartEvent("c1", CartEventKind.ItemAdded, CartGen.At(0))]);
        var bytes = TallyFormat.ToBytes(tally);
        Assert.Equal(TallyKind.Cart, TallyFormat.KindOf(bytes));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        Assert.Equal(TallyFormatError.UnsupportedVersion, Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<CartTally>(bytes)).Error);
        string json = TallyFormat.ToJson(tally).Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        Assert.Equal(TallyFormatError.UnsupportedVersion, Assert.Throws<TallyFormatException>(() => TallyFormat.FromJson<CartTally>(json)).Error);
    }

    [Fact]
    public void Cart_payload_whose_counts_disagree_with_its_events_is_refused_even_with_a_valid_checksum()
    {
        var bytes = TallyFormat.ToBytes(CartTally.Of([new CartEvent("c1", CartEventKind.ItemAdded, CartGen.At(0))]));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(TallyFormat.HeaderLength), 5); // eventsAdded: 1 → 5
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        var e = Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<CartTally>(bytes));
        Assert.Equal(TallyFormatError.InvalidContent, e.Error);
        Assert.Contains("5 events added", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"key\":\"c1\"", "\"key\":\" \"", "blank key")]
    [InlineData("\"kind\":5", "\"kind\":9", "undefined kind")]
    [InlineData("\"key\":\"c2\"", "\"key\":\"c0\"", "ordinal order")]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":null", "values without a currency")]
    [InlineData("\"duplicates\":1", "\"duplicates\":-1", "duplicates")]
    [InlineData("\"deviceTicks\":0,\"segment\"", "\"deviceTicks\":7,\"segment\"", "empty attribute with time 7")]
    [InlineData("\"hasValue\":true,\"value\":19.90,", "\"hasValue\":true,", "value")]
    public void Cart_json_that_no_real_tally_can_have_is_refused_before_its_checksum_is_compared(string from, string to, string reason)
    {
        string json = GoldenPayloads.Json["cart"];
        Assert.Contains(from, json, StringComparison.Ordinal);
        var e = Assert.Throws<TallyFormatException>(() => TallyFormat.FromJson<CartTally>(json.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(TallyFormatError.InvalidContent, e.Error);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cart_json_is_deterministic_whatever_the_order_events_were_added_in()
    {
        var events = new[]
        {
            new CartEvent("b", CartEventKind.Purchase, CartGen.At(9)), new CartEvent("a", CartEventKind.ItemAdded, CartGen.At(3)) { ItemId = "x" },
            new CartEvent("b", CartEventKind.ItemAdded, CartGen.At(1)), new CartEvent("a", CartEventKind.ItemAdded, CartGen.At(2)) { ItemId = "y" },
        };
        var ab = CartTally.Of(events[..2]).Merge(CartTally.Of(events[2..]));
        var ba = CartTally.Of(events[2..]).Merge(CartTally.Of(events[..2]));
        string json = TallyFormat.ToJson(ab);
        Assert.StartsWith("{\"format\":\"cxmetrics-tally\",\"version\":1,\"kind\":\"cart\",\"payload\":{\"eventsAdded\":4,\"units\":[{\"key\":\"a\"", json, StringComparison.Ordinal);
        Assert.Equal(json, TallyFormat.ToJson(ba));
        Assert.Equal(TallyFormat.ToBytes(ab), TallyFormat.ToBytes(ba));
    }

    [Fact]
    public void Json_of_an_nps_tally_reads_like_its_fields() =>
        Assert.Equal(
            "{\"format\":\"cxmetrics-tally\",\"version\":1,\"kind\":\"binomial\",\"payload\":{\"successes\":12,\"trials\":100},\"crc32c\":\"" + TallyFormat.ToJson(BinomialTally.FromCounts(12, 100))[^10..],
            TallyFormat.ToJson(BinomialTally.FromCounts(12, 100)));

    /// <summary>Reads <paramref name="bytes"/>, expecting a refusal, and checks the read allocated within the mutation bound.</summary>
    private static TallyFormatException RefusedWithinBound<TTally>(byte[] bytes)
        where TTally : class
    {
        TallyFormat.FromBytes<BinomialTally>(TallyFormat.ToBytes(new BinomialTally())); // first-call costs outside the measurement
        long before = GC.GetAllocatedBytesForCurrentThread();
        TallyFormatException? refused = null;
        try
        {
            TallyFormat.FromBytes<TTally>(bytes);
        }
        catch (TallyFormatException e)
        {
            refused = e;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotNull(refused);
        Assert.InRange(allocated, 0, PortableMutation.AllocationBound(bytes.Length));
        return refused;
    }

    /// <summary>A sketch payload with the given buckets and a valid checksum.</summary>
    private static byte[] SketchPayload(double alpha, double min, double max, params (int Index, long Count)[] buckets)
    {
        var bytes = new byte[TallyFormat.HeaderLength + 36 + (12 * buckets.Length) + TallyFormat.TrailerLength];
        var span = bytes.AsSpan();
        "CXTL"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)TallyKind.QuantileSketch);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], bytes.Length - TallyFormat.HeaderLength - TallyFormat.TrailerLength);
        var body = span[TallyFormat.HeaderLength..];
        BinaryPrimitives.WriteDoubleLittleEndian(body, alpha);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(body[16..], min);
        BinaryPrimitives.WriteDoubleLittleEndian(body[24..], max);
        BinaryPrimitives.WriteInt32LittleEndian(body[32..], buckets.Length);
        for (int i = 0; i < buckets.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body[(36 + (12 * i))..], buckets[i].Index);
            BinaryPrimitives.WriteInt64LittleEndian(body[(40 + (12 * i))..], buckets[i].Count);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[^4..], Crc32C.Compute(span[..^4]));
        return bytes;
    }
}
