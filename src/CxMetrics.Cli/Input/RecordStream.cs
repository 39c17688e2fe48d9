using System.Diagnostics;
using System.Globalization;
using CxMetrics.Cli.Output;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Input;

/// <summary>
/// Records read once, in order, and handed to a fold (<see cref="ForEach"/>) as they are read: a command keeps only what
/// its metric must remember (tallies, per-customer state), never a list of the records. A file stream shows progress on a
/// terminal (rows read, rejected, rows per second) and is single-use: a second pass would read the file again, so it throws.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class RecordStream<T>
{
    private const int StatusEvery = 100_000;

    private readonly IEnumerable<T> items;
    private readonly CsvReport? report;
    private readonly string label;
    private readonly ProgressDisplay progress;
    private bool consumed;

    public RecordStream(IEnumerable<T> items, CsvReport? report, string label, ProgressDisplay progress)
    {
        this.items = items;
        this.report = report;
        this.label = label;
        this.progress = progress;
    }

    /// <summary>Records already in memory (the bundled samples): no progress, any number of passes.</summary>
    public static RecordStream<T> InMemory(IEnumerable<T> items) => new(items, null, "records", ProgressDisplay.None);

    /// <summary>Reads every record once and passes it to <paramref name="add"/>.</summary>
    /// <exception cref="InvalidOperationException">A file stream was already read.</exception>
    public void ForEach(Action<T> add)
    {
        Start();
        if (!progress.IsEnabled)
        {
            foreach (var item in items)
            {
                add(item);
            }

            return;
        }

        progress.Run(label, status =>
        {
            var clock = Stopwatch.StartNew();
            long n = 0;
            foreach (var item in items)
            {
                add(item);
                if (++n % StatusEvery == 0)
                {
                    status(Status(n, clock.Elapsed.TotalSeconds));
                }
            }

            return n;
        });
    }

    /// <summary>
    /// Reads every record once through <paramref name="readBatch"/>, which reads and folds the next batch of this stream's
    /// records (by the source's own batch reader) and returns how many it folded, 0 at the end.
    /// </summary>
    /// <exception cref="InvalidOperationException">A file stream was already read.</exception>
    public void ForEachBatch(Func<int> readBatch)
    {
        Start();
        if (!progress.IsEnabled)
        {
            while (readBatch() > 0)
            {
            }

            return;
        }

        progress.Run(label, status =>
        {
            var clock = Stopwatch.StartNew();
            long n = 0, shown = 0;
            for (int k; (k = readBatch()) > 0;)
            {
                n += k;
                if (n - shown >= StatusEvery)
                {
                    shown = n;
                    status(Status(n, clock.Elapsed.TotalSeconds));
                }
            }

            return n;
        });
    }

    private void Start()
    {
        if (report is not null && consumed)
        {
            throw new InvalidOperationException($"{report.Source} was already read: a command folds its records in one pass.");
        }

        consumed = true;
    }

    private string Status(long records, double seconds)
    {
        long read = report?.RowsRead ?? records;
        long rejected = report?.RowsRejected ?? 0;
        long skipped = report?.RowsSkipped ?? 0;
        double rate = seconds > 0 ? read / seconds : 0;
        string skip = skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $", {skipped:N0} skipped") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{read:N0} rows read, {rejected:N0} rejected{skip}, {rate:N0} rows/s");
    }
}
