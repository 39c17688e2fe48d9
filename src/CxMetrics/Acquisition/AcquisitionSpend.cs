using CxMetrics.Commerce;
using CxMetrics.Time;

namespace CxMetrics.Acquisition;

/// <summary>
/// What the shop spent to acquire customers through one source in one calendar period (an ad platform's monthly bill,
/// an affiliate payout). The period must be a period of the <see cref="PeriodGrid"/> the cohorts are cut on; spend of the
/// same source and period adds up.
/// </summary>
public sealed record AcquisitionSpend
{
    /// <summary>Creates a spend record.</summary>
    /// <param name="source">The acquisition source, as in <see cref="AcquiredCustomer.Source"/>; not empty.</param>
    /// <param name="period">The calendar period the money was spent in.</param>
    /// <param name="amount">The amount, ≥ 0.</param>
    /// <param name="currency">ISO 4217 code, e.g. <c>EUR</c>; the same as the orders'.</param>
    /// <exception cref="ArgumentException">The source is empty or the currency is malformed.</exception>
    /// <exception cref="ArgumentNullException">The source is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public AcquisitionSpend(string source, CalendarPeriod period, decimal amount, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"spend {amount} of source '{source}' in {period} is negative.");
        }

        Source = source;
        Period = period;
        Amount = amount;
        Currency = CurrencyCode.Validate(currency);
    }

    /// <summary>The acquisition source.</summary>
    public string Source { get; }

    /// <summary>The calendar period of the spend.</summary>
    public CalendarPeriod Period { get; }

    /// <summary>The amount in <see cref="Currency"/>.</summary>
    public decimal Amount { get; }

    /// <summary>ISO 4217 currency code of <see cref="Amount"/>.</summary>
    public string Currency { get; }
}
