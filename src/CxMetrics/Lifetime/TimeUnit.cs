using System.Globalization;

namespace CxMetrics.Lifetime;

/// <summary>
/// The unit in which recency, age and prediction horizons are measured: a fixed number of days. The models are fitted
/// and their log-likelihoods reported in this unit (the papers' CDNOW results are in <see cref="Week"/>s).
/// </summary>
public readonly record struct TimeUnit
{
    /// <summary>Creates a unit of <paramref name="days"/> days.</summary>
    /// <param name="days">Length in days, finite and &gt; 0.</param>
    /// <param name="name">A name for output (e.g. "week").</param>
    /// <exception cref="ArgumentOutOfRangeException">The length is not finite and positive.</exception>
    public TimeUnit(double days, string name)
    {
        if (!(days > 0) || double.IsInfinity(days))
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"a time unit must last a finite, positive number of days, not {days}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Days = days;
        Name = name;
    }

    /// <summary>One day.</summary>
    public static TimeUnit Day { get; } = new(1, "day");

    /// <summary>Seven days (the unit of the BG/NBD and Pareto/NBD CDNOW results).</summary>
    public static TimeUnit Week { get; } = new(7, "week");

    /// <summary>An average Gregorian month, 365.25 / 12 = 30.4375 days.</summary>
    public static TimeUnit Month { get; } = new(365.25 / 12, "month");

    /// <summary>Length in days.</summary>
    public double Days { get; }

    /// <summary>Name for output.</summary>
    public string Name { get; }

    /// <summary>Converts a number of days into this unit.</summary>
    /// <param name="days">Days.</param>
    /// <returns><c>days / Days</c>.</returns>
    public double FromDays(double days) => days / Days;

    /// <summary>Formats as <c>week (7 days)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Days:0.####} days)");
}
