using System.Buffers.Binary;

namespace CxMetrics.Csv;

/// <summary>
/// The strings of a column with few distinct values (a channel, a segment, a touchpoint, a currency, a score), each made
/// once and handed out again when the same cell bytes come back, so a reader of such a column makes no string per row.
/// A column that shows more than <see cref="Capacity"/> distinct short values is dropped from the table for the rest of
/// the read (ids and timestamps pass through at the cost of their first few lookups).
/// </summary>
/// <remarks>The string for a cell is the one the reader made from those bytes the first time, so it is the same text.</remarks>
internal sealed class SmallStrings
{
    /// <summary>Distinct values kept per column before the column is given up.</summary>
    public const int Capacity = 256;

    /// <summary>Longest cell kept, in bytes.</summary>
    public const int MaxLength = 32;

    private const int Slots = Capacity * 2;
    private readonly Column?[] columns;

    public SmallStrings(int columnCount) => columns = new Column?[columnCount];

    /// <summary>True while the column is still tabled (has not shown too many distinct values).</summary>
    public bool Tables(int column) => columns[column] is not { GivenUp: true };

    /// <summary>The string made earlier from these cell bytes, or <c>null</c>.</summary>
    public string? Find(int column, ReadOnlySpan<byte> cell)
    {
        if (cell.Length > MaxLength || columns[column] is not { GivenUp: false } c)
        {
            return null;
        }

        int mask = Slots - 1;
        for (int slot = Hash(cell) & mask; ; slot = (slot + 1) & mask)
        {
            if (c.Bytes[slot] is not { } bytes)
            {
                return null;
            }

            if (cell.SequenceEqual(bytes))
            {
                return c.Strings[slot];
            }
        }
    }

    /// <summary>Keeps <paramref name="value"/> as the string of these cell bytes (not found before); gives the column up when it is full.</summary>
    public void Add(int column, ReadOnlySpan<byte> cell, string value)
    {
        var c = columns[column] ??= new Column();
        if (c.GivenUp)
        {
            return;
        }

        if (cell.Length > MaxLength || c.Count == Capacity)
        {
            c.GiveUp();
            return;
        }

        int mask = Slots - 1;
        int slot = Hash(cell) & mask;
        while (c.Bytes[slot] is not null)
        {
            slot = (slot + 1) & mask;
        }

        c.Bytes[slot] = cell.ToArray();
        c.Strings[slot] = value;
        c.Count++;
    }

    private static int Hash(ReadOnlySpan<byte> cell)
    {
        ulong h = (ulong)cell.Length * 0x9E3779B97F4A7C15UL;
        while (cell.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(cell)) * 0xBF58476D1CE4E5B9UL;
            cell = cell[8..];
        }

        for (int i = 0; i < cell.Length; i++)
        {
            h = (h ^ cell[i]) * 0x100000001B3UL;
        }

        return (int)(h ^ (h >> 29));
    }

    private sealed class Column
    {
        public byte[]?[] Bytes { get; private set; } = new byte[Slots][];

        public string[] Strings { get; private set; } = new string[Slots];

        public int Count { get; set; }

        public bool GivenUp { get; private set; }

        public void GiveUp()
        {
            GivenUp = true;
            Bytes = [];
            Strings = [];
        }
    }
}
