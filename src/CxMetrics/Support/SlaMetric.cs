namespace CxMetrics.Support;

/// <summary>The time an SLA target applies to.</summary>
public enum SlaMetric
{
    /// <summary>Creation → first public agent reply (Zendesk SLA "first reply time"; Freshdesk "first response due").</summary>
    FirstResponse = 0,

    /// <summary>Creation → latest solve (Zendesk "total resolution time" / full resolution; Freshdesk "resolution due").</summary>
    Resolution = 1,
}
