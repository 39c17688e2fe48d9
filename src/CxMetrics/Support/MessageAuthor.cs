namespace CxMetrics.Support;

/// <summary>Which side of a ticket wrote a message.</summary>
public enum MessageAuthor
{
    /// <summary>The requester or another end user on the ticket (Zendesk "end user", Freshdesk "requester").</summary>
    Customer = 0,

    /// <summary>An agent of the help desk.</summary>
    Agent = 1,
}
