namespace CxMetrics.Retention;

/// <summary>How a Cox fit treats several events at the same time (R <c>coxph(ties = ...)</c>).</summary>
public enum CoxTies
{
    /// <summary>
    /// Efron's approximation (Efron 1977, JASA 72:557), R's default: the d tied events leave the risk set one share at a
    /// time, the k-th (k = 0 … d − 1) seeing the denominator <c>S₀ − (k/d)·D₀</c> (D₀ the tied events' summed risk).
    /// Closer to the exact partial likelihood than Breslow's when ties are many.
    /// </summary>
    Efron = 0,

    /// <summary>Breslow's approximation (Breslow 1974, Biometrics 30:89): every tied event sees the full risk set <c>S₀</c>.</summary>
    Breslow = 1,
}
