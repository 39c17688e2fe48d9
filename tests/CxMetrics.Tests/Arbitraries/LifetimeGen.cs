using FsCheck;
using FsCheck.Fluent;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>FsCheck generators for buy-till-you-die inputs: valid (x, t_x, T) rows, parameters, horizons.</summary>
public static class LifetimeGen
{
    /// <summary>A valid customer row: x ≥ 0 (sometimes thousands), 0 ≤ t_x ≤ T, t_x = 0 when x = 0.</summary>
    public static Gen<(double X, double Tx, double T)> Row { get; } =
        from x in Gen.Frequency((6, Gen.Choose(0, 30)), (1, Gen.Choose(0, 5000)))
        from tDays in Gen.Choose(1, 3000)
        from share in Gen.Choose(0, 1000)
        let t = tDays / 7.0
        select ((double)x, x == 0 ? 0.0 : Math.Round(t * share / 1000.0, 4), t);

    /// <summary>Positive model parameters spread over several orders of magnitude (0.01 … 100).</summary>
    public static Gen<double> Parameter { get; } = Gen.Choose(-200, 200).Select(k => Math.Pow(10, k / 100.0));

    /// <summary>Four parameters.</summary>
    public static Gen<double[]> Parameters4 { get; } = Parameter.ArrayOf(4);

    /// <summary>A horizon pair t1 ≤ t2 in (0, 520].</summary>
    public static Gen<(double T1, double T2)> Horizons { get; } =
        from a in Gen.Choose(0, 5200)
        from b in Gen.Choose(0, 5200)
        select (Math.Min(a, b) / 10.0, Math.Max(a, b) / 10.0);
}
