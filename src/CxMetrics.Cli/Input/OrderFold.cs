using CxMetrics.Commerce;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Input;

/// <summary>
/// What one command does with each order of a read: <see cref="Row"/> for an order read as an <see cref="OrderRow"/> (its
/// customer id in <see cref="OrderInput.CustomerIds"/>, its currency <see cref="OrderInput.Currency"/>), <see cref="Record"/>
/// for an <see cref="Order"/> record. <see cref="OrderInput.ForEach(OrderFold[])"/> pushes every order of one read to
/// several folds, so the families of <c>report DIR</c> share one pass over <c>orders.csv</c>.
/// </summary>
internal sealed class OrderFold(Action<OrderRow> row, Action<Order> record)
{
    public Action<OrderRow> Row { get; } = row;

    public Action<Order> Record { get; } = record;
}
