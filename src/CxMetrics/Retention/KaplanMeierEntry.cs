namespace CxMetrics.Retention;

/// <summary>Weight entering a delayed-entry Kaplan–Meier curve at one time (<see cref="KaplanMeierResult.Entries"/>).</summary>
/// <param name="Time">The entry time (&gt; 0): those entering are at risk only after it.</param>
/// <param name="Weight">The weight entering then (the count without weights).</param>
public readonly record struct KaplanMeierEntry(double Time, double Weight);
