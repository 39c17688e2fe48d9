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

    /// <summary>
    /// A small, often hard, fitting problem: which model (0 Pareto/NBD, 1 BG/NBD, 2 MBG/NBD, 3 Gamma-Gamma, 4 BG/BB), a
    /// seed, 1–40 customers observed for 1–20 time units, and generating parameters 0.1 … 30.
    /// </summary>
    public static Gen<(int Model, int Seed, int Customers, int Age, double[] Parameters)> SmallFit { get; } =
        from model in Gen.Choose(0, 4)
        from seed in Gen.Choose(0, 1_000_000)
        from customers in Gen.Choose(1, 40)
        from age in Gen.Choose(1, 20)
        from parameters in Gen.Choose(-100, 148).Select(k => Math.Pow(10, k / 100.0)).ArrayOf(4)
        select (model, seed, customers, age, parameters);
}
