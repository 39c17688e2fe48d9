namespace CxMetrics.Internal;

/// <summary>
/// Accurate ln(1 + x) and eˣ − 1 near 0 (.NET's <c>double.LogP1</c>/<c>ExpM1</c> compute <c>Log(1 + x)</c> and
/// <c>Exp(x) − 1</c> literally and lose all digits for tiny x).
/// </summary>
internal static class LogMath
{
    /// <summary>ln(1 + x), accurate for small |x| (Goldberg 1991, "What every computer scientist should know…", Thm 4).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small |x| through 2·tanh(x/2)/(1 − tanh(x/2)).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 0.5)
        {
            double t = Math.Tanh(x / 2);
            return 2 * t / (1 - t);
        }

        return Math.Exp(x) - 1;
    }
}
