namespace CxMetrics.Support;

/// <summary>Which clock a support time is measured on.</summary>
public enum TimeBasis
{
    /// <summary>Only while the team is open, per its <see cref="BusinessCalendar"/> (Zendesk "business hours", Freshdesk "business hours", Intercom "office hours"). The default.</summary>
    Business = 0,

    /// <summary>Wall-clock time, around the clock (Zendesk "calendar hours").</summary>
    Calendar = 1,
}
