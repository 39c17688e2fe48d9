namespace CxMetrics.Csv;

/// <summary>
/// The account of one read: rows read = rows accepted + rows rejected + rows skipped once <see cref="IsComplete"/>, and every rejection
/// with its line, column and reason. Filled while the records are enumerated (reading is streamed); read it after the
/// enumeration ends. Rejections are kept in memory (one small record per bad row); accepted rows are not.
/// </summary>
public sealed class CsvReport
{
    private readonly List<CsvRejection> rejections = [];

    internal CsvReport(string source) => Source = source;

    /// <summary>Where the rows came from (a path, or a description of the reader).</summary>
    public string Source { get; }

    /// <summary>Data rows read (the header not counted).</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows that became records (for ticket event logs: rows of accepted tickets).</summary>
    public long RowsAccepted { get; private set; }

    /// <summary>Rows that were rejected (the sum of <see cref="CsvRejection.Rows"/>).</summary>
    public long RowsRejected { get; private set; }

    /// <summary>
    /// Rows left out on purpose, not in error: rows whose event name a reader was told to ignore (a <c>null</c> in
    /// <see cref="CartEventColumns.EventNames"/> or <see cref="SubscriptionEventColumns.EventNames"/>, or any other name with
    /// <see cref="CartEventColumns.SkipOtherEvents"/>), and subscriptions that never paid in a
    /// <see cref="SubscriptionSummaryCsv"/> file (trialing, incomplete, …). Usually 0.
    /// </summary>
    public long RowsSkipped { get; private set; }

    /// <summary>Records produced (equals <see cref="RowsAccepted"/> except for ticket event logs, where it counts tickets).</summary>
    public long Records { get; private set; }

    /// <summary>Every rejection, in file order.</summary>
    public IReadOnlyList<CsvRejection> Rejections => rejections;

    /// <summary>True once the whole source was read.</summary>
    public bool IsComplete { get; private set; }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Source}: {RowsRead} rows read, {RowsAccepted} accepted, {RowsRejected} rejected{(RowsSkipped > 0 ? $", {RowsSkipped} skipped" : string.Empty)}{(IsComplete ? string.Empty : " (not finished)")}");

    internal void Reset()
    {
        rejections.Clear();
        RowsRead = RowsAccepted = RowsRejected = RowsSkipped = Records = 0;
        IsComplete = false;
    }

    internal void Read() => RowsRead++;

    internal void Accept(int rows = 1)
    {
        RowsAccepted += rows;
        Records++;
    }

    internal void Skip() => RowsSkipped++;

    internal void Reject(CsvRejection rejection)
    {
        rejections.Add(rejection);
        RowsRejected += rejection.Rows;
    }

    internal void Complete() => IsComplete = true;

    /// <summary>The counts so far (not the rejections).</summary>
    internal Counts Snapshot() => new(RowsRead, RowsAccepted, RowsRejected, RowsSkipped, Records);

    /// <summary>Moves the rejections recorded so far into <paramref name="into"/> (the counts stay).</summary>
    internal void MoveRejections(List<CsvRejection> into)
    {
        into.AddRange(rejections);
        rejections.Clear();
    }

    /// <summary>Catches up with a read whose rows were parsed ahead into a report of its own: its counts, and its rejections since the last catch-up.</summary>
    internal void CatchUp(Counts counts, List<CsvRejection> newRejections)
    {
        (RowsRead, RowsAccepted, RowsRejected, RowsSkipped, Records) = counts;
        rejections.AddRange(newRejections);
    }

    /// <summary>A report's counts at one point of a read.</summary>
    internal readonly record struct Counts(long RowsRead, long RowsAccepted, long RowsRejected, long RowsSkipped, long Records);
}
