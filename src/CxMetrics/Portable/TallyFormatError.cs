namespace CxMetrics.Portable;

/// <summary>What is wrong with a payload that <see cref="TallyFormat"/> refused to read.</summary>
public enum TallyFormatError
{
    /// <summary>The payload is shorter than its header says (cut off in transit or storage).</summary>
    Truncated = 0,

    /// <summary>The payload does not start with the magic bytes <c>CXTL</c> (binary) or the format name (JSON): it is not a tally.</summary>
    NotATally = 1,

    /// <summary>The CRC-32C checksum does not match: some byte was changed after writing.</summary>
    ChecksumMismatch = 2,

    /// <summary>The payload was written by a newer format version than this library reads.</summary>
    UnsupportedVersion = 3,

    /// <summary>The payload holds another kind of tally than the one asked for, or a kind this library does not know.</summary>
    WrongKind = 4,

    /// <summary>The checksum matched but the content is not a valid tally (a field is missing, out of range or inconsistent).</summary>
    InvalidContent = 5,
}
