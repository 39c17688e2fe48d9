using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Experiments;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;

namespace CxMetrics.Portable;

/// <summary>
/// The portable form of every mergeable tally: a stable, versioned, checksummed binary encoding and an equivalent JSON
/// encoding, so a tally can be stored, sent to another machine or produced by another system and merged there. The byte
/// layout is documented field by field in <c>docs/scale.md</c> ("Serialised layout").
/// </summary>
/// <remarks>
/// <para><b>Binary.</b> Bytes 0–3 are the magic <c>CXTL</c>; 4–5 the format version (little-endian, currently
/// <see cref="CurrentVersion"/>); 6–7 the <see cref="TallyKind"/>; 8–11 the payload length n; then n payload bytes; then the
/// CRC-32C (Castagnoli) of bytes 0 to 11 + n. The header and the trailing checksum keep this shape in every future version,
/// so any reader can tell a newer payload from a corrupt one.</para>
/// <para><b>JSON.</b> <c>{"format":"cxmetrics-tally","version":1,"kind":"nps","payload":{…},"crc32c":"1a2b3c4d"}</c> with the
/// same fields as the binary payload, in the same order, and the CRC-32C of the binary payload bytes (hex), so that a changed
/// number is caught like a changed byte.</para>
/// <para><b>Failure.</b> A truncated, corrupted, newer-version, wrong-kind or inconsistent payload throws
/// <see cref="TallyFormatException"/> whose <see cref="TallyFormatException.Error"/> says which; reading never returns a
/// tally with different numbers. Any single changed byte is caught by the checksum (CRC-32C detects every error burst up to
/// 32 bits long).</para>
/// <para>Supported types: those listed in <see cref="TallyKind"/>.</para>
/// </remarks>
public static class TallyFormat
{
    /// <summary>The format version this library writes, and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Bytes before the payload: magic (4), version (2), kind (2), payload length (4).</summary>
    public const int HeaderLength = 12;

    /// <summary>Bytes after the payload: the CRC-32C.</summary>
    public const int TrailerLength = 4;

    /// <summary>The name in the <c>format</c> field of the JSON form.</summary>
    public const string JsonFormatName = "cxmetrics-tally";

    private static readonly TallyCodec[] Codecs =
    [
        new NpsTallyCodec(), new RatingTallyCodec(), new BinomialTallyCodec(), new RunningMomentsCodec(), new QuantileSketchCodec(),
        new ConversionTallyCodec(), new SupportTallyCodec(), new CohortTallyCodec(), new KaplanMeierTallyCodec(), new CustomerSummaryTallyCodec(),
        new CartTallyCodec(), new SlaTallyCodec(), new ExperimentTallyCodec(), new SubscriptionTallyCodec(), new InactivityChurnTallyCodec(), new ReviewTallyCodec(),
        new TicketResolutionTallyCodec(), new BacklogTallyCodec(),
        new AcquisitionTallyCodec(), new CupedTallyCodec(),
    ];

    /// <summary>The magic bytes <c>CXTL</c> at the start of every binary payload.</summary>
    public static ReadOnlySpan<byte> Magic => "CXTL"u8;

    /// <summary>The tally types that can be serialised.</summary>
    public static IReadOnlyList<Type> SupportedTypes { get; } = Array.ConvertAll(Codecs, c => c.TallyType);

    /// <summary>Serialises a tally to its binary form.</summary>
    /// <typeparam name="TTally">A tally type listed in <see cref="TallyKind"/>.</typeparam>
    /// <param name="tally">The tally (unchanged).</param>
    /// <returns>The bytes: header, payload, checksum.</returns>
    /// <exception cref="ArgumentException">The type has no portable form.</exception>
    public static byte[] ToBytes<TTally>(TTally tally)
        where TTally : class
    {
        ArgumentNullException.ThrowIfNull(tally);
        var codec = CodecOf(tally.GetType());
        var writer = new BinaryFieldWriter(256, HeaderLength);
        codec.WriteObject(tally, writer);
        var crc = writer.Take(TrailerLength);
        var bytes = writer.Buffer.AsSpan(0, writer.Length);
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[6..], (ushort)codec.Kind);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], writer.Length - HeaderLength - TrailerLength);
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32C.Compute(bytes[..^TrailerLength]));
        return bytes.ToArray();
    }

    /// <summary>Reads a tally of a known type from its binary form.</summary>
    /// <typeparam name="TTally">The expected tally type.</typeparam>
    /// <param name="bytes">The bytes <see cref="ToBytes{TTally}"/> wrote (exactly, nothing after them).</param>
    /// <returns>The tally, equal to the one written.</returns>
    /// <exception cref="TallyFormatException">The bytes are truncated, corrupted, of a newer version, of another kind, or inconsistent.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TTally"/> has no portable form.</exception>
    public static TTally FromBytes<TTally>(ReadOnlySpan<byte> bytes)
        where TTally : class
    {
        var expected = CodecOf(typeof(TTally));
        var (codec, payload) = Open(bytes);
        if (codec != expected)
        {
            throw new TallyFormatException(TallyFormatError.WrongKind, $"the payload holds a {codec.Kind} tally, not the {expected.Kind} tally ({typeof(TTally).Name}) asked for.");
        }

        return (TTally)Read(codec, new BinaryFieldReader(payload));
    }

    /// <summary>Reads a tally of whatever kind the header names (for stores that hold several kinds).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The tally; its type is the one <see cref="KindOf"/> names.</returns>
    /// <exception cref="TallyFormatException">The bytes are not a valid payload.</exception>
    public static object FromBytes(ReadOnlySpan<byte> bytes)
    {
        var (codec, payload) = Open(bytes);
        return Read(codec, new BinaryFieldReader(payload));
    }

    /// <summary>The kind of tally a binary payload holds, after checking its header, length and checksum.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="TallyFormatException">The bytes are not a valid payload.</exception>
    public static TallyKind KindOf(ReadOnlySpan<byte> bytes) => Open(bytes).Codec.Kind;

    /// <summary>
    /// Merges two binary payloads of the same kind: reads both (every check of <see cref="FromBytes(ReadOnlySpan{byte})"/>),
    /// merges the second into the first with the tally's own <c>Merge</c>, and writes the result. For stores that hold
    /// payloads and never the tally types (a grain, a database blob): the result is the payload of the merged tally.
    /// </summary>
    /// <param name="left">The first payload (the one merged into).</param>
    /// <param name="right">The payload to add.</param>
    /// <returns>The payload of the merged tally.</returns>
    /// <exception cref="TallyFormatException">A payload is not valid, or the two hold different kinds (<see cref="TallyFormatError.WrongKind"/>).</exception>
    /// <exception cref="ArgumentException">The tallies cannot be merged (other rating scale, conversion unit, zone, …); the tally's message says why.</exception>
    /// <exception cref="InvalidOperationException">The tallies hold money in different currencies.</exception>
    public static byte[] Merge(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var (codec, payload) = Open(left);
        var (other, otherPayload) = Open(right);
        if (codec != other)
        {
            throw new TallyFormatException(TallyFormatError.WrongKind, $"cannot merge a {other.Kind} payload into a {codec.Kind} payload.");
        }

        var into = Read(codec, new BinaryFieldReader(payload));
        MergeInto(into, Read(other, new BinaryFieldReader(otherPayload)));
        return ToBytes(into);
    }

    /// <summary>
    /// Whether a binary payload holds an empty tally (nothing counted: no answers, trials, values, tickets, customers or
    /// events; a rating scale, a currency or a zone alone does not count). Merging an empty tally adds nothing.
    /// </summary>
    /// <param name="bytes">The payload.</param>
    /// <returns><see langword="true"/> when the tally counts nothing.</returns>
    /// <exception cref="TallyFormatException">The bytes are not a valid payload.</exception>
    public static bool IsEmpty(ReadOnlySpan<byte> bytes) => FromBytes(bytes) switch
    {
        NpsTally t => t.Count == 0 && t.Unanswered == 0,
        RatingTally t => t.Count == 0 && t.Unanswered == 0,
        BinomialTally t => t.Trials == 0,
        RunningMoments t => t.Count == 0,
        QuantileSketch t => t.Count == 0,
        ConversionTally t => t.Count == 0,
        SupportTally t => t.Tickets == 0 && !HasHours(t),
        CohortTally t => t.CustomerCount == 0,
        KaplanMeierTally t => t.Count == 0,
        CustomerSummaryTally t => t.CustomerCount == 0 && t.OrderCount == 0,
        CartTally t => t.EventsAdded == 0 && t.Units == 0,
        SlaTally t => t.Tickets == 0,
        ExperimentTally t => t.Customers == 0,
        SubscriptionTally t => t.EventCount == 0,
        InactivityChurnTally t => t.Orders == 0 && t.OrdersAfterAsOf == 0,
        Reviews.ReviewTally t => t.Count == 0 && t.NegativeReplyHours.IsEmpty,
        TicketResolutionTally t => t.Tickets == 0,
        BacklogTally t => t.Tickets == 0,
        Acquisition.AcquisitionTally t => t.Customers == 0 && t.Orders == 0 && t.SpendCells == 0,
        CupedTally t => t.Count == 0,
        var t => throw new InvalidOperationException($"{t.GetType().Name} has no emptiness rule."),
    };

    /// <summary>Serialises a tally to its JSON form (compact, UTF-8 text).</summary>
    /// <typeparam name="TTally">A tally type listed in <see cref="TallyKind"/>.</typeparam>
    /// <param name="tally">The tally (unchanged).</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException">The type has no portable form.</exception>
    public static string ToJson<TTally>(TTally tally)
        where TTally : class
    {
        ArgumentNullException.ThrowIfNull(tally);
        var codec = CodecOf(tally.GetType());
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", JsonFormatName);
            json.WriteNumber("version", CurrentVersion);
            json.WriteString("kind", codec.Name);
            json.WriteStartObject("payload");
            codec.WriteObject(tally, new JsonFieldWriter(json));
            json.WriteEndObject();
            json.WriteString("crc32c", Hex(PayloadChecksum(codec, tally)));
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a tally of a known type from its JSON form.</summary>
    /// <typeparam name="TTally">The expected tally type.</typeparam>
    /// <param name="json">The text <see cref="ToJson{TTally}"/> wrote (whitespace may differ).</param>
    /// <returns>The tally, equal to the one written.</returns>
    /// <exception cref="TallyFormatException">The text is not valid JSON, not a tally, of a newer version, of another kind, inconsistent, or fails its checksum.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="TTally"/> has no portable form.</exception>
    public static TTally FromJson<TTally>(string json)
        where TTally : class
    {
        ArgumentNullException.ThrowIfNull(json);
        var expected = CodecOf(typeof(TTally));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TallyFormatException(TallyFormatError.InvalidContent, $"the text is not valid JSON (truncated or changed): {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != JsonFormatName)
            {
                throw new TallyFormatException(TallyFormatError.NotATally, $"the JSON is not a serialised tally: it lacks \"format\": \"{JsonFormatName}\".");
            }

            var header = new JsonFieldReader(root);
            header.String("format");
            int version = header.Int32("version");
            CheckVersion(version);
            string kind = header.String("kind") ?? string.Empty;
            var codec = Array.Find(Codecs, c => c.Name == kind)
                ?? throw new TallyFormatException(TallyFormatError.WrongKind, $"tally kind '{kind}' is not known to this library.");
            if (codec != expected)
            {
                throw new TallyFormatException(TallyFormatError.WrongKind, $"the JSON holds a '{kind}' tally, not the '{expected.Name}' tally ({typeof(TTally).Name}) asked for.");
            }

            if (!root.TryGetProperty("payload", out var payload))
            {
                throw new TallyFormatException(TallyFormatError.InvalidContent, "the JSON has no 'payload'.");
            }

            var tally = Read(codec, new JsonFieldReader(payload));
            header.Skip("payload");
            string stored = header.String("crc32c") ?? string.Empty;
            header.End();
            string actual = Hex(PayloadChecksum(codec, tally));
            if (stored != actual)
            {
                throw new TallyFormatException(TallyFormatError.ChecksumMismatch, $"checksum mismatch: the JSON says crc32c {stored} but its payload has {actual}; a value was changed after writing.");
            }

            return (TTally)tally;
        }
    }

    private static (TallyCodec Codec, ReadOnlyMemory<byte> Payload) Open(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 4 && !bytes[..4].SequenceEqual(Magic))
        {
            throw new TallyFormatException(TallyFormatError.NotATally, "the bytes do not start with the magic 'CXTL' of a serialised tally.");
        }

        if (bytes.Length < HeaderLength + TrailerLength)
        {
            throw new TallyFormatException(TallyFormatError.Truncated, $"truncated: {bytes.Length} bytes is shorter than the {HeaderLength + TrailerLength}-byte header and checksum.");
        }

        long declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        long expected = declared + HeaderLength + TrailerLength;
        if (bytes.Length < expected)
        {
            throw new TallyFormatException(TallyFormatError.Truncated, $"truncated: the header declares a {declared}-byte payload ({expected} bytes in all) but only {bytes.Length} bytes are present.");
        }

        if (bytes.Length > expected)
        {
            throw new TallyFormatException(TallyFormatError.InvalidContent, $"{bytes.Length - expected} unexpected bytes follow the {expected}-byte tally (or its length field was changed).");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^TrailerLength..]);
        uint actual = Crc32C.Compute(bytes[..^TrailerLength]);
        if (stored != actual)
        {
            throw new TallyFormatException(TallyFormatError.ChecksumMismatch, $"checksum mismatch: stored CRC-32C {Hex(stored)}, computed {Hex(actual)}; the bytes were changed after writing.");
        }

        CheckVersion(BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]));
        ushort kind = BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        var codec = Array.Find(Codecs, c => (ushort)c.Kind == kind)
            ?? throw new TallyFormatException(TallyFormatError.WrongKind, $"tally kind {kind} is not known to this library.");
        return (codec, bytes.Slice(HeaderLength, (int)declared).ToArray());
    }

    private static void CheckVersion(int version)
    {
        if (version > CurrentVersion)
        {
            throw new TallyFormatException(TallyFormatError.UnsupportedVersion, $"format version {version} is newer than this library reads (up to {CurrentVersion}); upgrade CxMetrics to read it.");
        }

        if (version < 1)
        {
            throw new TallyFormatException(TallyFormatError.InvalidContent, $"format version {version} does not exist (versions start at 1).");
        }
    }

    private static object Read(TallyCodec codec, TallyFieldReader reader)
    {
        try
        {
            var tally = codec.ReadObject(reader);
            reader.End();
            return tally;
        }
        catch (TallyFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or KeyNotFoundException)
        {
            throw new TallyFormatException(TallyFormatError.InvalidContent, $"the {codec.Kind} payload is not a valid tally: {e.Message}", e);
        }
    }

    private static void MergeInto(object into, object other)
    {
        switch (into)
        {
            case NpsTally t: t.Merge((NpsTally)other); break;
            case RatingTally t: t.Merge((RatingTally)other); break;
            case BinomialTally t: t.Merge((BinomialTally)other); break;
            case RunningMoments t: t.Merge((RunningMoments)other); break;
            case QuantileSketch t: t.Merge((QuantileSketch)other); break;
            case ConversionTally t: t.Merge((ConversionTally)other); break;
            case SupportTally t: t.Merge((SupportTally)other); break;
            case CohortTally t: t.Merge((CohortTally)other); break;
            case KaplanMeierTally t: t.Merge((KaplanMeierTally)other); break;
            case CustomerSummaryTally t: t.Merge((CustomerSummaryTally)other); break;
            case CartTally t: t.Merge((CartTally)other); break;
            case SlaTally t: t.Merge((SlaTally)other); break;
            case ExperimentTally t: t.Merge((ExperimentTally)other); break;
            case SubscriptionTally t: t.Merge((SubscriptionTally)other); break;
            case InactivityChurnTally t: t.Merge((InactivityChurnTally)other); break;
            case Reviews.ReviewTally t: t.Merge((Reviews.ReviewTally)other); break;
            case TicketResolutionTally t: t.Merge((TicketResolutionTally)other); break;
            case BacklogTally t: t.Merge((BacklogTally)other); break;
            case Acquisition.AcquisitionTally t: t.Merge((Acquisition.AcquisitionTally)other); break;
            case CupedTally t: t.Merge((CupedTally)other); break;
            default: throw new InvalidOperationException($"{into.GetType().Name} has no merge rule.");
        }
    }

    private static bool HasHours(SupportTally tally)
    {
        foreach (var measure in Enum.GetValues<SupportMeasure>())
        {
            if (tally.Hours(measure, TimeBasis.Business).Count > 0 || tally.Hours(measure, TimeBasis.Calendar).Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static uint PayloadChecksum(TallyCodec codec, object tally)
    {
        var writer = new BinaryFieldWriter();
        codec.WriteObject(tally, writer);
        return Crc32C.Compute(writer.Buffer.AsSpan(0, writer.Length));
    }

    private static TallyCodec CodecOf(Type type, string paramName = "tally") =>
        Array.Find(Codecs, c => c.TallyType == type)
        ?? throw new ArgumentException($"{type.Name} has no portable form; supported: {string.Join(", ", Array.ConvertAll(Codecs, c => c.TallyType.Name))}.", paramName);

    private static string Hex(uint value) => value.ToString("x8", CultureInfo.InvariantCulture);
}
