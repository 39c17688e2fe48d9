using System.Buffers.Binary;
using System.Text;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>Reads the fields <see cref="BinaryFieldWriter"/> wrote, bounds-checked.</summary>
internal sealed class BinaryFieldReader(ReadOnlyMemory<byte> payload) : TallyFieldReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private int position;

    public override long Int64(string? name) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, name));

    public override int Int32(string? name) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, name));

    public override byte Byte(string? name) => Take(1, name)[0];

    public override bool Bool(string? name) => Take(1, name)[0] switch
    {
        0 => false,
        1 => true,
        var b => throw Invalid($"field '{name}' holds {b}, not a boolean 0 or 1."),
    };

    public override double Double(string? name)
    {
        double value = BinaryPrimitives.ReadDoubleLittleEndian(Take(8, name));
        return double.IsFinite(value) ? value : throw Invalid($"field '{name}' holds {value}, not a finite number.");
    }

    public override decimal Decimal(string? name)
    {
        var bytes = Take(16, name);
        Span<int> bits = stackalloc int[4];
        for (int i = 0; i < 4; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
        }

        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"field '{name}' does not hold a valid decimal.", e);
        }
    }

    public override string? String(string? name)
    {
        int count = Int32(name);
        if (count == -1)
        {
            return null;
        }

        if (count < 0 || count > payload.Length - position)
        {
            throw Invalid($"field '{name}' claims a string of {count} bytes with {payload.Length - position} bytes left.");
        }

        try
        {
            return StrictUtf8.GetString(Take(count, name));
        }
        catch (DecoderFallbackException e)
        {
            throw Invalid($"field '{name}' is not valid UTF-8.", e);
        }
    }

    public override LocalDate Date(string? name)
    {
        int day = Int32(name);
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
        {
            throw Invalid($"field '{name}' holds day number {day}, outside the calendar.");
        }

        return LocalDate.FromDateOnly(DateOnly.FromDayNumber(day));
    }

    public override int BeginArray(string name, int minimumItemBytes)
    {
        int count = Int32(name);
        if (count < 0 || (long)count * Math.Max(1, minimumItemBytes) > payload.Length - position)
        {
            throw Invalid($"array '{name}' claims {count} items with {payload.Length - position} bytes left.");
        }

        return count;
    }

    public override void EndArray()
    {
    }

    public override void BeginItem()
    {
    }

    public override void EndItem()
    {
    }

    public override bool Has(string name) => position < payload.Length;

    public override void End()
    {
        if (position != payload.Length)
        {
            throw Invalid($"{payload.Length - position} bytes are left over after the last field.");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string? name)
    {
        if (count > payload.Length - position)
        {
            throw Invalid($"the payload ends inside field '{name}'.");
        }

        var span = payload.Span.Slice(position, count);
        position += count;
        return span;
    }
}
