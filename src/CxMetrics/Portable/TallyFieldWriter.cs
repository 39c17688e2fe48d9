using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Writes a tally's fields in order; the binary writer ignores the names, the JSON writer makes them property names. Each
/// codec describes its payload once, so the two forms cannot drift apart. Inside an array, plain values are written with a
/// <see langword="null"/> name and records between <see cref="BeginItem"/> and <see cref="EndItem"/>.
/// </summary>
internal abstract class TallyFieldWriter
{
    public abstract void Int64(string? name, long value);

    public abstract void Int32(string? name, int value);

    public abstract void Byte(string? name, byte value);

    public abstract void Bool(string? name, bool value);

    public abstract void Double(string? name, double value);

    public abstract void Decimal(string? name, decimal value);

    public abstract void String(string? name, string? value);

    public abstract void Date(string? name, LocalDate value);

    public abstract void BeginArray(string name, int count);

    public abstract void EndArray();

    public abstract void BeginItem();

    public abstract void EndItem();
}
