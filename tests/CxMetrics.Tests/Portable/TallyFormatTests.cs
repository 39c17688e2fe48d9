using System.Buffers.Binary;
using CxMetrics.Portable;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Tests.Arbitraries;
using FsCheck;

namespace CxMetrics.Tests.Portable;

public class TallyFormatTests
{
    public static TheoryData<string> Kinds => [.. PortableGen.Cases.Keys];

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
    public void Deserialised_tallies_merge_like_the_originals(string kind) => Holds(PortableGen.Cases[kind].MergeAfterRoundTrip(), 30);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Any_single_byte_change_truncation_or_trailing_byte_is_detected(string kind) => Holds(PortableGen.Cases[kind].CorruptionDetected(), 50);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Any_single_character_change_or_truncation_of_the_json_is_detected(string kind) => Holds(PortableGen.Cases[kind].JsonCorruptionDetected(), 50);

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
        Assert.Throws<ArgumentException>(() => TallyFormat.ToBytes(new CxMetrics.Commerce.CartTally()));

    [Fact]
    public void Json_of_an_nps_tally_reads_like_its_fields() =>
        Assert.Equal(
            "{\"format\":\"cxmetrics-tally\",\"version\":1,\"kind\":\"binomial\",\"payload\":{\"successes\":12,\"trials\":100},\"crc32c\":\"" + TallyFormat.ToJson(BinomialTally.FromCounts(12, 100))[^10..],
            TallyFormat.ToJson(BinomialTally.FromCounts(12, 100)));
}
