namespace CxMetrics.Conversion;

/// <summary>What a conversion rate counts: it must always be stated, because the two differ a lot.</summary>
public enum ConversionUnit
{
    /// <summary>Sessions that ended in an order, over sessions (GA4 "session conversion rate").</summary>
    Session = 0,

    /// <summary>Visitors with at least one converting session, over visitors (GA4 "user conversion rate").</summary>
    Visitor = 1,
}
