namespace CxMetrics.Time;

/// <summary>The length of a calendar period in which results are grouped.</summary>
public enum PeriodUnit
{
    /// <summary>A local calendar day.</summary>
    Day = 0,

    /// <summary>Seven local days starting on a chosen weekday (ISO 8601 weeks start on Monday, the default).</summary>
    Week = 1,

    /// <summary>A calendar month.</summary>
    Month = 2,

    /// <summary>A calendar quarter: January–March, April–June, July–September, October–December.</summary>
    Quarter = 3,

    /// <summary>A calendar year.</summary>
    Year = 4,
}
