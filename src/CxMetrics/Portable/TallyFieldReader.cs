using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Reads a tally's fields in the order its codec wrote them (see <see cref="TallyFieldWriter"/>); every mismatch — a
/// missing or unexpected field, a value of the wrong type or range, data left over — throws
/// <see cref="TallyFormatException"/> with <see cref="TallyFormatError.InvalidContent"/>.
/// </summary>
internal abstract class TallyFieldReader
{
    public abstract long Int64(string? name);

    public abstract int Int32(string? name);

    public abstract byte Byte(string? name);

    public abstract bool Bool(string? name);

    public abstract double Double(string? name);

    public abstract decimal Decimal(string? name);

    public abstract string? String(string? name);

    public abstract LocalDate Date(string? name);

    /// <summary>Starts an array and returns its length (checked against the bytes left, so a corrupt length cannot allocate).</summary>
    public abstract int BeginArray(string name, int minimumItemBytes);

    public abstract void EndArray();

    public abstract void BeginItem();

    public abstract void EndItem();

    /// <summary>
    /// Whether an optional trailing field <paramref name="name"/> comes next (a field written only when it has content, so
    /// payloads without it keep their earlier bytes).
    /// </summary>
    public abstract bool Has(string name);

    /// <summary>Checks that everything was read.</summary>
    public abstract void End();

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } s ? s : throw Invalid($"field '{name}' must be a non-empty string.");

    public static TallyFormatException Invalid(string message, Exception? inner = null) =>
        new(TallyFormatError.InvalidContent, message, inner);
}
