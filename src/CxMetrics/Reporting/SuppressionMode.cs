namespace CxMetrics.Reporting;

/// <summary>What the writers do with a small count (see <see cref="SuppressionOptions"/>).</summary>
public enum SuppressionMode
{
    /// <summary>Show the count with a <c>*</c> and a note under the table (the default).</summary>
    Flag,

    /// <summary>Leave the cell blank and say so in a note; JSON writes no value.</summary>
    Blank,

    /// <summary>Round every count to a multiple of <see cref="SuppressionOptions.RoundingBase"/>.</summary>
    Round,
}
