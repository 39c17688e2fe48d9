using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Commerce;

/// <summary>
/// The value left in abandoned units as of an instant: their summed cart value (exact, <see cref="decimal"/>) and the
/// distribution of single cart values.
/// </summary>
public sealed record ValueAtStakeResult
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>Abandoned units.</summary>
    public required long Abandoned { get; init; }

    /// <summary>Abandoned units without a known value (in no sum).</summary>
    public required long WithoutValue { get; init; }

    /// <summary>Sum of the abandoned units' latest cart values.</summary>
    public required decimal Total { get; init; }

    /// <summary>ISO 4217 code of the values; <see langword="null"/> without values.</summary>
    public required string? Currency { get; init; }

    /// <summary>Distribution of the single abandoned cart values (as doubles).</summary>
    public required QuantileSummary Distribution { get; init; }

    /// <summary>Formats as <c>value at stake 1234.50 EUR in 40 abandoned carts (median 25.00)</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"value at stake {Total} {Currency} in {Abandoned} abandoned {Unit.ToString().ToLowerInvariant()}s ({Distribution}; {WithoutValue} without value)");
}
