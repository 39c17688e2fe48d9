using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Statistics;

/// <summary>The upper tail of the noncentral t distribution, for the power of t-tests.</summary>
internal static class NoncentralT
{
    /// <summary>
    /// <c>P(T ≥ c)</c> for T noncentral t with ν degrees of freedom and noncentrality δ:
    /// <c>∫ Φ̄(c·√(v/ν) − δ) f_χ²ν(v) dv</c> (T = (Z + δ)/√(V/ν), V ~ χ²ν independent of Z), integrated by the
    /// double-exponential rule over ν ± 12√(2ν) (+40), where the χ² density is below 1e−30 outside.
    /// </summary>
    public static double Upper(double c, double degreesOfFreedom, double noncentrality)
    {
        double nu = degreesOfFreedom;
        double spread = 12 * Math.Sqrt(2 * nu);
        double from = Math.Max(0, nu - spread), to = nu + spread + 40;
        double value = Integrate.DoubleExponential(
            v => Normal.CDF(0, 1, noncentrality - (c * Math.Sqrt(v / nu))) * Math.Exp(ChiSquared.PDFLn(nu, v)),
            from,
            to,
            1e-13);
        return Math.Clamp(value, 0, 1);
    }
}
