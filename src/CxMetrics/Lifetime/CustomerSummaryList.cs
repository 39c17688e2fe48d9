using System.Collections;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// The customers of a <see cref="CustomerBaseSummary"/> held as columns (about 56 bytes per customer, 76 with a holdout)
/// instead of one <see cref="CustomerSummary"/> object each: a record is built when an element is read, equal to the one
/// the tally would have listed. <see cref="ToRfmData"/> reads the columns straight, once: the fits, the holdout check and
/// the ranking of one summary share its (x, t_x, T) columns (32 bytes per customer more once made). The calculators read
/// the columns themselves (<see cref="Frequencies"/>, <see cref="MeanRepeatSpends"/>, …) rather than a record each.
/// </summary>
internal sealed class CustomerSummaryList : IReadOnlyList<CustomerSummary>
{
    private readonly string[] ids;
    private readonly LocalDate[] first;
    private readonly int[] frequency;
    private readonly double[] recency;
    private readonly double[] age;
    private readonly double[] meanRepeatSpend; // NaN: none (x = 0)
    private readonly decimal[] calibrationSpend;
    private readonly int[]? holdoutFrequency;
    private readonly decimal[]? holdoutSpend;
    private RfmData? rfm; // ToRfmData's columns, made once: the list is complete before anyone reads it

    /// <summary>Room for <paramref name="capacity"/> customers; holdout columns only when <paramref name="holdout"/>.</summary>
    public CustomerSummaryList(int capacity, bool holdout)
    {
        ids = new string[capacity];
        first = new LocalDate[capacity];
        frequency = new int[capacity];
        recency = new double[capacity];
        age = new double[capacity];
        meanRepeatSpend = new double[capacity];
        calibrationSpend = new decimal[capacity];
        holdoutFrequency = holdout ? new int[capacity] : null;
        holdoutSpend = holdout ? new decimal[capacity] : null;
    }

    public int Count { get; private set; }

    /// <summary>x per customer.</summary>
    public ReadOnlySpan<int> Frequencies => frequency.AsSpan(0, Count);

    /// <summary>t_x per customer.</summary>
    public ReadOnlySpan<double> Recencies => recency.AsSpan(0, Count);

    /// <summary>T per customer.</summary>
    public ReadOnlySpan<double> Ages => age.AsSpan(0, Count);

    /// <summary>z̄ per customer; NaN where <see cref="CustomerSummary.MeanRepeatSpend"/> is <see langword="null"/>.</summary>
    public ReadOnlySpan<double> MeanRepeatSpends => meanRepeatSpend.AsSpan(0, Count);

    /// <summary>Calibration spend per customer.</summary>
    public ReadOnlySpan<decimal> CalibrationSpends => calibrationSpend.AsSpan(0, Count);

    /// <summary>The id of the customer at <paramref name="index"/>.</summary>
    public string IdAt(int index) => ids[index];

    /// <summary>
    /// The customers as columns: <paramref name="customers"/> itself when it is a column list (a summary made by the tally),
    /// otherwise a copy of the records' columns (a <see cref="CustomerSummary.MeanRepeatSpend"/> of NaN reads back as
    /// <see langword="null"/>), so a calculator reads one layout.
    /// </summary>
    public static CustomerSummaryList Of(IReadOnlyList<CustomerSummary> customers)
    {
        if (customers is CustomerSummaryList list)
        {
            return list;
        }

        bool holdout = false;
        foreach (var c in customers)
        {
            holdout |= c.HoldoutFrequency is not null;
        }

        var copy = new CustomerSummaryList(customers.Count, holdout);
        foreach (var c in customers)
        {
            copy.Add(c.CustomerId, c.FirstPurchase, c.Frequency, c.Recency, c.Age, c.MeanRepeatSpend, c.CalibrationSpend, c.HoldoutFrequency ?? 0, c.HoldoutSpend ?? 0);
        }

        return copy;
    }

    public CustomerSummary this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            double m = meanRepeatSpend[index];
            return new CustomerSummary
            {
                CustomerId = ids[index],
                FirstPurchase = first[index],
                Frequency = frequency[index],
                Recency = recency[index],
                Age = age[index],
                MeanRepeatSpend = double.IsNaN(m) ? null : m,
                CalibrationSpend = calibrationSpend[index],
                HoldoutFrequency = holdoutFrequency?[index],
                HoldoutSpend = holdoutSpend?[index],
            };
        }
    }

    /// <summary>Appends one customer (the fields of <see cref="CustomerSummary"/>; the holdout ones are ignored without holdout columns).</summary>
    public void Add(string id, LocalDate firstPurchase, int x, double tx, double t, double? meanRepeat, decimal calibration, int holdout, decimal holdoutValue)
    {
        int i = Count++;
        ids[i] = id;
        first[i] = firstPurchase;
        frequency[i] = x;
        recency[i] = tx;
        age[i] = t;
        meanRepeatSpend[i] = meanRepeat ?? double.NaN;
        calibrationSpend[i] = calibration;
        if (holdoutFrequency is not null)
        {
            holdoutFrequency[i] = holdout;
            holdoutSpend![i] = holdoutValue;
        }
    }

    /// <summary>The (x, t_x, T) columns, weight 1 each — what <see cref="RfmData.From(IReadOnlyList{CustomerSummary})"/> gives for these customers.</summary>
    public RfmData ToRfmData()
    {
        if (rfm is { } made && made.Count == Count)
        {
            return made;
        }

        var x = new double[Count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = frequency[i];
        }

        return rfm = RfmData.Create(x, recency.AsSpan(0, Count), age.AsSpan(0, Count));
    }

    public IEnumerator<CustomerSummary> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
