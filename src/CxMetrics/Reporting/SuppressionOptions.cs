namespace CxMetrics.Reporting;

/// <summary>
/// Privacy of small cells, applied by every writer to every count cell of every table: counts from 1 to
/// <see cref="MinimumCount"/> − 1 are flagged or blanked (<see cref="Mode"/>), or, in <see cref="SuppressionMode.Round"/>, every
/// count is rounded to a multiple of <see cref="RoundingBase"/> (a count above zero to at least the base). Zero is never
/// suppressed. The default, <see cref="None"/>, flags nothing.
/// </summary>
public sealed record SuppressionOptions
{
    /// <summary>No suppression: every count printed as it is.</summary>
    public static SuppressionOptions None { get; } = new();

    /// <summary>The smallest count shown as it is in <see cref="SuppressionMode.Flag"/> and <see cref="SuppressionMode.Blank"/>; 0 (the default) suppresses nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MinimumCount
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MinimumCount));
            field = value;
        }
    }

    /// <summary>What happens to a small count; <see cref="SuppressionMode.Flag"/> by default.</summary>
    public SuppressionMode Mode { get; init; } = SuppressionMode.Flag;

    /// <summary>The base counts are rounded to in <see cref="SuppressionMode.Round"/>; 5 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int RoundingBase
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(RoundingBase));
            field = value;
        }
    } = 5;
    /// <summary>Whether this policy changes any count (a minimum above 0, or rounding).</summary>
    public bool IsActive => Mode == SuppressionMode.Round || MinimumCount > 0;

    /// <summary>
    /// Whether <paramref name="count"/> is a small cell hidden by this policy: from 1 to <see cref="MinimumCount"/> − 1 in
    /// <see cref="SuppressionMode.Flag"/> and <see cref="SuppressionMode.Blank"/> (never in <see cref="SuppressionMode.Round"/>,
    /// never 0).
    /// </summary>
    /// <param name="count">A count ≥ 0.</param>
    /// <returns><see langword="true"/> when the count must not be shown as it is.</returns>
    public bool Hides(double count) => Mode != SuppressionMode.Round && count > 0 && double.IsFinite(count) && count < MinimumCount;

    /// <summary>
    /// The count a shared document may carry under this policy (what the JSON writer writes and charts draw): the count as
    /// it is, rounded to a multiple of <see cref="RoundingBase"/> (at least the base when above 0) in
    /// <see cref="SuppressionMode.Round"/>, or <see langword="null"/> when <see cref="Hides"/> it.
    /// </summary>
    /// <param name="count">A count ≥ 0.</param>
    /// <returns>The count to publish, or <see langword="null"/>.</returns>
    public double? Publish(double count)
    {
        if (Hides(count))
        {
            return null;
        }

        return Mode == SuppressionMode.Round && count > 0 && double.IsFinite(count)
            ? Math.Max(RoundingBase, Math.Round(count / RoundingBase, MidpointRounding.AwayFromZero) * RoundingBase)
            : count;
    }

    /// <summary>
    /// The text of a count under this policy, as every writer prints it in a table: thousands separators, flagged with
    /// <c>*</c> or blank when hidden, or rounded.
    /// </summary>
    /// <param name="count">A count ≥ 0.</param>
    /// <returns>The text.</returns>
    public string Show(double count) => Publish(count) is { } shown
        ? new CountCell(shown).ToString()
        : Mode == SuppressionMode.Blank ? string.Empty : new CountCell(count).ToString() + Suppression.Flag;
}
