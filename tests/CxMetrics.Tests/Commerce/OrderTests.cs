using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Tests.Commerce;

public class OrderTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 5, 1, 10, 0);

    [Fact]
    public void Valid_order_keeps_its_values()
    {
        var order = new Order("c-1", T0, 19.99m, "EUR") { Id = "o-1", Channel = "web" };
        Assert.Equal(19.99m, order.Amount);
        Assert.Equal("EUR", order.Currency);
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    [InlineData("E1R")]
    public void Malformed_currency_is_rejected(string currency) =>
        Assert.Throws<ArgumentException>(nameof(currency), () => new Order("c-1", T0, 1m, currency));

    [Fact]
    public void Negative_amount_and_empty_customer_are_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>("amount", () => new Order("c-9", T0, -1m, "EUR"));
        Assert.Contains("c-9", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("customerId", () => new Order(" ", T0, 1m, "EUR"));
    }

    [Fact]
    public void Mixed_currencies_are_reported_not_summed()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => CurrencyCode.EnsureSame("EUR", "USD", "order 'o-2'"));
        Assert.Contains("order 'o-2' is in USD", ex.Message, StringComparison.Ordinal);
        CurrencyCode.EnsureSame("EUR", "EUR", "order 'o-3'");
    }
}
