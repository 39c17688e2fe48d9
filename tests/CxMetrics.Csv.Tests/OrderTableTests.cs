using CxMetrics.Commerce;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class OrderTableTests
{
    [Fact]
    public void A_read_is_kept_as_columns_with_the_customers_dictionary_encoded()
    {
        var rows = OrderCsv.ReadRows(new StringReader("customer_id,placed_at,amount,currency\nb,2024-01-01T00:00:00Z,1.50,EUR\na,2024-01-02T00:00:00.1234567+01:00,2,EUR\nb,bad,3,EUR\nb,2024-01-03T00:00:00Z,0,EUR\n"));
        var table = OrderTable.Of(rows);
        Assert.Equal(3, table.Count);
        Assert.Equal("EUR", table.Currency);
        Assert.Equal([0, 1, 0], table.CustomerIndexes.ToArray());
        Assert.Equal(["b", "a"], table.CustomerIds);
        Assert.Equal([1.50m, 2m, 0m], table.Amounts.ToArray());
        Assert.Equal(Instant.FromUtc(2024, 1, 1, 23, 0).PlusTicks(1_234_567).ToUnixTimeTicks(), table.PlacedAtTicks[1]);
        Assert.Equal(new OrderRow(1, Instant.FromUtc(2024, 1, 1, 23, 0).PlusTicks(1_234_567), 2m), table[1]);
        Assert.Equal((4L, 3L, 1L), (rows.Report.RowsRead, rows.Report.RowsAccepted, rows.Report.RowsRejected));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => table[3]);
    }

    [Property(MaxTest = 200)]
    public Property Records_survive_a_round_trip_through_the_table()
    {
        var order =
            from customer in Gen.Elements("a", "b", "c", "Zoë", "d d")
            from ticks in Gen.Choose(0, int.MaxValue)
            from cents in Gen.Choose(0, 1_000_000)
            select new Order(customer, Instant.FromUnixTimeTicks(ticks * 1000L), cents / 100m, "EUR");
        return Prop.ForAll(order.ListOf().ToArbitrary(), orders =>
        {
            var table = OrderTable.Of(orders);
            var back = table.ToOrders().ToList();
            return back.Count == orders.Count
                && back.Zip(orders).All(p => p.First.CustomerId == p.Second.CustomerId && p.First.PlacedAt == p.Second.PlacedAt && p.First.Amount == p.Second.Amount && p.First.Currency == p.Second.Currency)
                && table.CustomerIds.Count == orders.Select(o => o.CustomerId).Distinct().Count();
        });
    }

    [Fact]
    public void Orders_in_two_currencies_are_refused()
    {
        Order[] orders = [new("a", Instant.FromUnixTimeSeconds(0), 1, "EUR"), new("b", Instant.FromUnixTimeSeconds(0), 1, "USD")];
        var ex = Assert.Throws<ArgumentException>("orders", () => OrderTable.Of(orders));
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EUR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_read_gives_an_empty_table()
    {
        var table = OrderTable.Of(OrderCsv.ReadRows(new StringReader("customer_id,placed_at,amount,currency\n")));
        Assert.Equal(0, table.Count);
        Assert.Null(table.Currency);
        Assert.Empty(table.ToOrders());
    }
}
