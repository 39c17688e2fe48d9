namespace CxMetrics.Csv;

/// <summary>
/// A column map's <c>EventNames</c> prepared for lookup: source names (trimmed cell, any case) to a kind, or to nothing
/// (the row is skipped).
/// </summary>
/// <typeparam name="TKind">The kind enumeration.</typeparam>
internal sealed class EventNameMap<TKind>
    where TKind : struct, Enum
{
    private readonly Dictionary<string, TKind?> names;

    private EventNameMap(Dictionary<string, TKind?> names) => this.names = names;

    /// <summary>Prepares a map; <c>null</c> when there is none.</summary>
    /// <exception cref="ArgumentException">A name is empty, or two names are equal ignoring case.</exception>
    public static EventNameMap<TKind>? Of(IReadOnlyDictionary<string, TKind?>? eventNames, string setting, string paramName = "columns")
    {
        if (eventNames is null)
        {
            return null;
        }

        var names = new Dictionary<string, TKind?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, kind) in eventNames)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"{setting} has an empty event name.", paramName);
            }

            if (!names.TryAdd(name.Trim(), kind))
            {
                throw new ArgumentException($"{setting} names '{name.Trim()}' twice (names compare ignoring case).", paramName);
            }
        }

        return new EventNameMap<TKind>(names);
    }

    /// <summary>Whether the cell is a mapped name, and its kind (<c>null</c>: skip the row).</summary>
    public bool TryGet(string text, out TKind? kind) => names.TryGetValue(text.Trim(), out kind);

    /// <summary>The mapped names, for a message.</summary>
    public string Describe() => string.Join(", ", names.Keys);
}
