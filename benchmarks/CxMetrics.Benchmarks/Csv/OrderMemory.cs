using CxMetrics.Csv;

namespace CxMetrics.Benchmarks.Csv;

/// <summary>
/// <c>measure-order-memory [ROWS]</c> (default 10,000,000 orders of the tool layout, written to a temp folder and deleted): the managed memory that stays held (GC.GetTotalMemory after a full collection, before
/// and after) by an order file kept as an <see cref="OrderTable"/> and as a list of <c>Order</c> records — the retained
/// sizes that BenchmarkDotNet's Allocated column (everything allocated, kept or not) does not give.
/// </summary>
internal static class OrderMemory
{
    public static void Measure(int rows)
    {
        string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "orders.csv");
        try
        {
            Tool.ToolWorkloads.WriteOrders(file, rows, Math.Max(1, rows / 10));
            Measure(file);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Measure(string file)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var table = OrderTable.Of(OrderCsv.ReadRows(file));
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(FormattableString.Invariant($"OrderTable: {table.Count:N0} orders, {table.CustomerIds.Count:N0} customers, {(after - before) / 1e6:F0} MB held ({(double)(after - before) / table.Count:F1} bytes/order)"));
        GC.KeepAlive(table);
        table = null;

        before = GC.GetTotalMemory(forceFullCollection: true);
        var records = OrderCsv.Read(file).ToList();
        after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(FormattableString.Invariant($"List<Order>: {records.Count:N0} orders, {(after - before) / 1e6:F0} MB held ({(double)(after - before) / records.Count:F1} bytes/order)"));
        GC.KeepAlive(records);
    }
}
