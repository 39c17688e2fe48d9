using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>One currency's line of the orders overview: counts, the revenue sum in reading order, and the customers seen (by dense index for rows, by id for records).</summary>
internal sealed class OrderOverview
{
    private readonly HashSet<int> indices = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    public long Orders { get; private set; }

    public long Customers => indices.Count + ids.Count;

    public decimal Revenue { get; private set; }

    public Instant First { get; private set; } = Instant.MaxValue;

    public Instant Last { get; private set; } = Instant.MinValue;

    /// <summary>Counts one order: its customer by <paramref name="index"/> when ≥ 0 (a row), else by <paramref name="id"/>.</summary>
    public void Add(int index, string? id, Instant placedAt, decimal amount)
    {
        if (index >= 0)
        {
            indices.Add(index);
        }
        else
        {
            ids.Add(id!);
        }

        Orders++;
        Revenue += amount;
        First = Instant.Min(First, placedAt);
        Last = Instant.Max(Last, placedAt);
    }
}
