using System.Globalization;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// An abandonment rate as of an instant: <c>abandoned / (purchased + abandoned)</c> = <c>1 − purchases / decided carts</c>,
/// with its Wilson interval. Units still inside the inactivity time-out are <see cref="Pending"/>: reported, in neither
/// the numerator nor the denominator.
/// </summary>
/// <remarks>Without decided units <see cref="Rate"/> has no value (n = 0).</remarks>
public sealed record AbandonmentResult
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>Cart or checkout abandonment.</summary>
    public required AbandonmentScope Scope { get; init; }

    /// <summary>The inactivity time-out; <see langword="null"/> for a result built from counts.</summary>
    public required Duration? InactivityTimeout { get; init; }

    /// <summary>Units in scope: purchased + abandoned + pending.</summary>
    public long Units => Purchased + Abandoned + Pending;

    /// <summary>Units that purchased.</summary>
    public required long Purchased { get; init; }

    /// <summary>Units inactive for at least the time-out without purchase.</summary>
    public required long Abandoned { get; init; }

    /// <summary>Units still within the time-out: not yet judged.</summary>
    public required long Pending { get; init; }

    /// <summary>The abandonment rate: share abandoned among decided units, with its interval.</summary>
    public required ProportionEstimate Rate { get; init; }

    /// <summary>Data-quality findings of the events behind the result; <see langword="null"/> for a result built from counts.</summary>
    public required CartAnomalies? Anomalies { get; init; }

    /// <summary>Formats as <c>cart abandonment by cart 70.00% (95% CI [..], Wilson; 700 of 1000); 12 pending</c>.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Scope.ToString().ToLowerInvariant()} abandonment by {Unit.ToString().ToLowerInvariant()} {Rate}; {Pending} pending");
}
