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

        // A slot's key is the cell's length and first 8 bytes, so a cell of up to 8 bytes (most labels) is matched without
        // comparing bytes; a longer one is compared with the kept bytes once its key matches.
        ulong prefix = Utf8Cells.Prefix(cell);
        int mask = Slots - 1;
        for (int slot = Hash(prefix, cell.Length) & mask; ; slot = (slot + 1) & mask)
        {
            if (c.Strings[slot] is not { } value)
            {
                return null;
            }

            if (c.Prefixes[slot] == prefix && c.Bytes[slot].Length == cell.Length && (cell.Length <= 8 || cell.SequenceEqual(c.Bytes[slot])))
            {
                return value;
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

        ulong prefix = Utf8Cells.Prefix(cell);
        int mask = Slots - 1;
        int slot = Hash(prefix, cell.Length) & mask;
        while (c.Strings[slot] is not null)
        {
            slot = (slot + 1) & mask;
        }

        c.Bytes[slot] = cell.ToArray();
        c.Prefixes[slot] = prefix;
        c.Strings[slot] = value;
        c.Count++;
    }

    private static int Hash(ulong prefix, int length)
    {
        ulong h = (prefix ^ (ulong)length) * 0x9E3779B97F4A7C15UL;
        return (int)(h >> 40);
    }

    private sealed class Column
    {
        public byte[][] Bytes { get; private set; } = new byte[Slots][];

        public ulong[] Prefixes { get; private set; } = new ulong[Slots];

        public string?[] Strings { get; private set; } = new string?[Slots];

        public int Count { get; set; }

        public bool GivenUp { get; private set; }

        public void GiveUp()
        {
            GivenUp = true;
            Bytes = [];
            Prefixes = [];
            Strings = [];
        }
    }
}
