using System.Buffers.Binary;
using System.Text;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>Writes fields little-endian into a growing buffer (layout in docs/scale.md, "Serialised layout").</summary>
internal sealed class BinaryFieldWriter : TallyFieldWriter
{
    private byte[] buffer;
    private int length;

    public BinaryFieldWriter(int capacity = 128, int start = 0)
    {
        buffer = new byte[Math.Max(capacity, start + 16)];
        length = start;
    }

    public int Length => length;

    public byte[] Buffer => buffer;

    public override void Int64(string? name, long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public override void Int32(string? name, int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public override void Byte(string? name, byte value) => Take(1)[0] = value;

    public override void Bool(string? name, bool value) => Take(1)[0] = value ? (byte)1 : (byte)0;

    public override void Double(string? name, double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    public override void Decimal(string? name, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var target = Take(16);
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(target[(4 * i)..], bits[i]);
        }
    }

    public override void String(string? name, string? value)
    {
        if (value is null)
        {
            Int32(null, -1);
            return;
        }

        int bytes = Encoding.UTF8.GetByteCount(value);
        Int32(null, bytes);
        Encoding.UTF8.GetBytes(value, Take(bytes));
    }

    public override void Date(string? name, LocalDate value) => Int32(name, value.ToDateOnly().DayNumber);

    public override void BeginArray(string name, int count) => Int32(name, count);

    public override void EndArray()
    {
    }

    public override void BeginItem()
    {
    }

    public override void EndItem()
    {
    }

    public Span<byte> Take(int count)
    {
        if (length + count > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(length + count, (int)Math.Min(Array.MaxLength, buffer.Length * 2L)));
        }

        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
