using System.Globalization;

namespace CxMetrics.Retention;

/// <summary>
/// A cohort of customers acquired together and the number still active at the end of each following period — the data
/// of the contractual-retention models (Fader &amp; Hardie 2007): <c>InitialCount</c> at period 0, then
/// <c>Survivors[0]</c> at the end of period 1, <c>Survivors[1]</c> at the end of period 2, …
/// </summary>
/// <remarks>Customers who leave in period t are the drop <c>n(t−1) − n(t)</c>; those still active after the last observed
/// period are right-censored there (their lifetime is known only to exceed it).</remarks>
public sealed record SurvivalCohort
{
    /// <summary>Creates a cohort, checking that survivor counts never increase.</summary>
    /// <param name="initialCount">Customers at the start, &gt; 0.</param>
    /// <param name="survivors">Customers still active at the end of periods 1, 2, …: each between 0 and the one before.</param>
    /// <param name="label">A name for messages and reports (e.g. "2024-01"); optional.</param>
    /// <exception cref="ArgumentException">A count is negative, above the previous one, or the initial count is not positive.</exception>
    public SurvivalCohort(long initialCount, IReadOnlyList<long> survivors, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(survivors);
        string name = label is null ? string.Empty : $" (cohort '{label}')";
        if (initialCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialCount), initialCount, $"initial count {initialCount} must be greater than 0{name}.");
        }

        long previous = initialCount;
        for (int i = 0; i < survivors.Count; i++)
        {
            if (survivors[i] < 0 || survivors[i] > previous)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(survivors),
                    survivors[i],
                    string.Create(CultureInfo.InvariantCulture, $"survivors {survivors[i]} at the end of period {i + 1} must be between 0 and the previous count {previous}{name}."));
            }

            previous = survivors[i];
        }

        InitialCount = initialCount;
        Survivors = [.. survivors];
        Label = label;
    }

    /// <summary>Customers at the start (period 0).</summary>
    public long InitialCount { get; }

    /// <summary>Customers still active at the end of periods 1, 2, …, <see cref="Periods"/>.</summary>
    public IReadOnlyList<long> Survivors { get; }

    /// <summary>A name for messages and reports, or <see langword="null"/>.</summary>
    public string? Label { get; }

    /// <summary>Number of observed periods.</summary>
    public int Periods => Survivors.Count;
}
