using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Cox regression on 1,000,000 simulated subscribers × 5 covariates (tenure-like numerics and a 3-level plan), lifetimes
/// on whole days (heavy ties), censored at 3 years; target ≤ 2 s on 2 cores. Baseline: a straightforward implementation
/// that, every Newton step, re-sorts the rows with LINQ and groups them by day to build the risk-set sums (O(n log n) per
/// step with LINQ's allocations). Beside it: <see cref="CoxRegression.Fit(ReadOnlySpan{double}, ReadOnlySpan{bool}, CoxDesign, CoxOptions?)"/>
/// with Efron and Breslow ties (one sort, then one pass per step; concordance and baseline hazard included).
/// The O(n²) risk-set baseline is <see cref="CoxRiskSetBenchmarks"/> (it cannot run at this size).
/// </summary>
[MemoryDiagnoser]
public class CoxRegressionBenchmarks
{
    private CoxSample sample = null!;

    public static IEnumerable<int> SubjectSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(SubjectSizes))]
    public int Subjects { get; set; }

    [GlobalSetup]
    public void Setup() => sample = CoxSample.Simulate(Subjects, seed: 42);

    [Benchmark(Baseline = true, Description = "LINQ re-sort + group per Newton step (naive, Breslow)")]
    public double LinqPerStep() => NaiveCox.FitLinq(sample);

    [Benchmark(Description = "CoxRegression.Fit, Efron")]
    public double FitEfron() => CoxRegression.Fit(sample.Time, sample.Dead, sample.Design).Coefficients[0].Value;

    [Benchmark(Description = "CoxRegression.Fit, Breslow")]
    public double FitBreslow() => CoxRegression.Fit(sample.Time, sample.Dead, sample.Design, new CoxOptions { Ties = CoxTies.Breslow }).Coefficients[0].Value;
}

/// <summary>
/// The same model on 5,000 subjects against the textbook O(n²) evaluation: for every event, sum over every subject
/// still at risk (no sorting), each Newton step (Breslow ties).
/// </summary>
[MemoryDiagnoser]
public class CoxRiskSetBenchmarks
{
    private CoxSample sample = null!;

    public static IEnumerable<int> SubjectSizes => [BenchmarkSize.Smoke ? 500 : 5_000];

    [ParamsSource(nameof(SubjectSizes))]
    public int Subjects { get; set; }

    [GlobalSetup]
    public void Setup() => sample = CoxSample.Simulate(Subjects, seed: 7);

    [Benchmark(Baseline = true, Description = "O(n²) risk sets per Newton step (naive, Breslow)")]
    public double Quadratic() => NaiveCox.FitQuadratic(sample);

    [Benchmark(Description = "CoxRegression.Fit, Breslow")]
    public double FitBreslow() => CoxRegression.Fit(sample.Time, sample.Dead, sample.Design, new CoxOptions { Ties = CoxTies.Breslow }).Coefficients[0].Value;
}

/// <summary>Simulated subscribers: hazard 0.001·exp(βᵀx), whole days, censored uniformly over 3 years.</summary>
internal sealed class CoxSample
{
    public required double[] Time { get; init; }

    public required bool[] Dead { get; init; }

    /// <summary>Row-major covariates, 5 per row (3 numeric, 2 plan indicators), for the naive fits.</summary>
    public required double[] X { get; init; }

    public required CoxDesign Design { get; init; }

    public static CoxSample Simulate(int n, int seed)
    {
        var random = new Random(seed);
        var time = new double[n];
        var dead = new bool[n];
        var x = new double[n * 5];
        double[] a = new double[n], b = new double[n], c = new double[n];
        var plan = new string[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = Math.Round(random.NextDouble() * 10, 1);
            b[i] = random.Next(18, 80);
            c[i] = random.NextDouble() < 0.3 ? 1 : 0;
            int p = random.Next(3);
            plan[i] = p switch { 0 => "basic", 1 => "plus", _ => "premium" };
            double eta = (0.05 * a[i]) + (0.01 * (b[i] - 40)) - (0.4 * c[i]) + (p == 1 ? -0.2 : p == 2 ? -0.6 : 0);
            double life = -Math.Log(1 - random.NextDouble()) / (0.001 * Math.Exp(eta));
            double followUp = random.NextDouble() * 1095;
            time[i] = Math.Floor(Math.Min(life, followUp)) + 1;
            dead[i] = life <= followUp;
            x[(i * 5) + 0] = a[i];
            x[(i * 5) + 1] = b[i];
            x[(i * 5) + 2] = c[i];
            x[(i * 5) + 3] = p == 1 ? 1 : 0;
            x[(i * 5) + 4] = p == 2 ? 1 : 0;
        }

        var design = new CoxDesign().WithNumeric("usage", a).WithNumeric("age", b).WithNumeric("discount", c).WithCategorical("plan", plan, "basic");
        return new CoxSample { Time = time, Dead = dead, X = x, Design = design };
    }
}

/// <summary>The naive fits the benchmarks compare against (Breslow ties, Newton–Raphson from 0, R's stopping rule).</summary>
internal static class NaiveCox
{
    private const int P = 5;

    public static double FitLinq(CoxSample s) => Newton(s, (beta, u, imat) =>
    {
        int n = s.Time.Length;
        var rows = Enumerable.Range(0, n)
            .Select(i => (Index: i, Risk: Math.Exp(Eta(s, beta, i))))
            .OrderByDescending(r => s.Time[r.Index])
            .GroupBy(r => s.Time[r.Index])
            .ToList();
        double ll = 0, s0 = 0;
        var s1 = new double[P];
        var s2 = new double[P * P];
        foreach (var group in rows)
        {
            foreach (var r in group)
            {
                s0 += r.Risk;
                for (int k = 0; k < P; k++)
                {
                    s1[k] += r.Risk * s.X[(r.Index * P) + k];
                    for (int l = 0; l < P; l++)
                    {
                        s2[(k * P) + l] += r.Risk * s.X[(r.Index * P) + k] * s.X[(r.Index * P) + l];
                    }
                }
            }

            var deaths = group.Where(r => s.Dead[r.Index]).ToList();
            foreach (var d in deaths)
            {
                ll += Math.Log(d.Risk) - Math.Log(s0);
                for (int k = 0; k < P; k++)
                {
                    u[k] += s.X[(d.Index * P) + k] - (s1[k] / s0);
                    for (int l = 0; l < P; l++)
                    {
                        imat[(k * P) + l] += (s2[(k * P) + l] / s0) - (s1[k] * s1[l] / (s0 * s0));
                    }
                }
            }
        }

        return ll;
    });

    public static double FitQuadratic(CoxSample s) => Newton(s, (beta, u, imat) =>
    {
        int n = s.Time.Length;
        var risk = new double[n];
        for (int i = 0; i < n; i++)
        {
            risk[i] = Math.Exp(Eta(s, beta, i));
        }

        double ll = 0;
        var s1 = new double[P];
        var s2 = new double[P * P];
        for (int i = 0; i < n; i++)
        {
            if (!s.Dead[i])
            {
                continue;
            }

            double s0 = 0;
            Array.Clear(s1);
            Array.Clear(s2);
            for (int j = 0; j < n; j++)
            {
                if (s.Time[j] >= s.Time[i])
                {
                    s0 += risk[j];
                    for (int k = 0; k < P; k++)
                    {
                        s1[k] += risk[j] * s.X[(j * P) + k];
                        for (int l = 0; l < P; l++)
                        {
                            s2[(k * P) + l] += risk[j] * s.X[(j * P) + k] * s.X[(j * P) + l];
                        }
                    }
                }
            }

            ll += Math.Log(risk[i]) - Math.Log(s0);
            for (int k = 0; k < P; k++)
            {
                u[k] += s.X[(i * P) + k] - (s1[k] / s0);
                for (int l = 0; l < P; l++)
                {
                    imat[(k * P) + l] += (s2[(k * P) + l] / s0) - (s1[k] * s1[l] / (s0 * s0));
                }
            }
        }

        return ll;
    });

    private static double Eta(CoxSample s, double[] beta, int i)
    {
        double eta = 0;
        for (int k = 0; k < P; k++)
        {
            eta += beta[k] * s.X[(i * P) + k];
        }

        return eta;
    }

    private static double Newton(CoxSample s, Func<double[], double[], double[], double> evaluate)
    {
        var beta = new double[P];
        double ll = double.NegativeInfinity;
        for (int iteration = 0; iteration < 20; iteration++)
        {
            var u = new double[P];
            var imat = new double[P * P];
            double next = evaluate(beta, u, imat);
            if (Math.Abs(1 - (ll / next)) <= 1e-9)
            {
                break;
            }

            ll = next;
            var step = SolveGauss(imat, u);
            for (int k = 0; k < P; k++)
            {
                beta[k] += step[k];
            }
        }

        return beta[0];
    }

    private static double[] SolveGauss(double[] a, double[] b)
    {
        var m = (double[])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < P; c++)
        {
            for (int r = c + 1; r < P; r++)
            {
                double f = m[(r * P) + c] / m[(c * P) + c];
                for (int k = c; k < P; k++)
                {
                    m[(r * P) + k] -= f * m[(c * P) + k];
                }

                x[r] -= f * x[c];
            }
        }

        for (int r = P - 1; r >= 0; r--)
        {
            for (int k = r + 1; k < P; k++)
            {
                x[r] -= m[(r * P) + k] * x[k];
            }

            x[r] /= m[(r * P) + r];
        }

        return x;
    }
}
