using System.Globalization;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>One entry of the MRR movement ledger: at <see cref="At"/> the MRR of <see cref="CustomerId"/> changed by
/// <see cref="Amount"/> (positive for new, expansion and reactivation; negative for contraction and churn).</summary>
public sealed record MrrMovement
{
    /// <summary>The customer whose MRR changed.</summary>
    public required string CustomerId { get; init; }

    /// <summary>When.</summary>
    public required Instant At { get; init; }

    /// <summary>The kind of movement.</summary>
    public required MrrMovementKind Kind { get; init; }

    /// <summary>The signed change of the customer's MRR.</summary>
    public required decimal Amount { get; init; }

    /// <summary>The customer's MRR after the movement.</summary>
    public required decimal MrrAfter { get; init; }

    /// <summary>ISO 4217 currency of the amounts.</summary>
    public required string Currency { get; init; }

    /// <summary>Formats as <c>2024-03-05T00:00:00Z c-1 Expansion +20.00 EUR (MRR 70.00)</c>.</summary>
    /// <returns>The movement as text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{At} {CustomerId} {Kind} {Amount:+0.00;-0.00} {Currency} (MRR {MrrAfter:0.00})");
}
