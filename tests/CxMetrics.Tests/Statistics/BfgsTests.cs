using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

public class BfgsTests
{
    // Rosenbrock's banana, the standard test of a quasi-Newton method (Nocedal & Wright 2006, Exercise 2.1): minimum 0 at (1, 1).
    private static double Rosenbrock(ReadOnlySpan<double> p, Span<double> g)
    {
        double x = p[0], y = p[1];
        if (!g.IsEmpty)
        {
            g[0] = (-400 * x * (y - (x * x))) - (2 * (1 - x));
            g[1] = 200 * (y - (x * x));
        }

        return (100 * (y - (x * x)) * (y - (x * x))) + ((1 - x) * (1 - x));
    }

    [Fact]
    public void Reaches_the_minimum_of_rosenbrock_from_the_classic_start()
    {
        var result = Bfgs.Minimize(Rosenbrock, [-1.2, 1], gradientTolerance: 1e-8, maxIterations: 500);
        Assert.Null(result.Failure);
        Assert.Equal(1, result.Point[0], 1e-6);
        Assert.Equal(1, result.Point[1], 1e-6);
        Assert.True(result.Value < 1e-12);
        Assert.InRange(result.Iterations, 10, 100);
    }

    [Fact]
    public void Treats_points_outside_the_domain_as_a_wall()
    {
        // f(x) = x − 100 ln x on x > 0 (NaN elsewhere), minimum at x = 100; from x = 1 the first gradient step (length 1
        // after scaling) is fine, and later steps would overshoot into x ≤ 0 without the wall.
        var result = Bfgs.Minimize((p, g) =>
        {
            double x = p[0];
            if (!g.IsEmpty)
            {
                g[0] = 1 - (100 / x);
            }

            return x > 0 ? x - (100 * Math.Log(x)) : double.NaN;
        }, [1.0], gradientTolerance: 1e-10, maxIterations: 200);
        Assert.Null(result.Failure);
        Assert.Equal(100, result.Point[0], 1e-6);
    }

    [Fact]
    public void Reports_a_start_where_the_objective_is_not_finite()
    {
        var result = Bfgs.Minimize((p, g) => double.NaN, [0.0], 1e-8, 10);
        Assert.NotNull(result.Failure);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void Stops_at_the_iteration_limit()
    {
        var result = Bfgs.Minimize(Rosenbrock, [-1.2, 1], gradientTolerance: 1e-8, maxIterations: 3);
        Assert.Equal(3, result.Iterations);
        Assert.True(result.Value < Rosenbrock([-1.2, 1], default));
    }

    [Property(MaxTest = 200)]
    public Property Minimises_any_convex_quadratic_to_its_analytic_minimum()
    {
        // f(x) = ½ xᵀAx − bᵀx with A = LLᵀ + I (positive definite), in 1–4 dimensions: the minimum is A⁻¹b.
        var gen =
            from k in Gen.Choose(1, 4)
            from entries in Gen.ArrayOf(Gen.Choose(-300, 300).Select(v => v / 100.0), k * k)
            from rhs in Gen.ArrayOf(Gen.Choose(-500, 500).Select(v => v / 100.0), k)
            select (k, entries, rhs);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (k, l, rhs) = input;
            var a = new double[k * k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    double sum = i == j ? 1 : 0;
                    for (int m = 0; m < k; m++)
                    {
                        sum += l[(i * k) + m] * l[(j * k) + m];
                    }

                    a[(i * k) + j] = sum;
                }
            }

            double Quadratic(ReadOnlySpan<double> x, Span<double> g)
            {
                double value = 0;
                for (int i = 0; i < k; i++)
                {
                    double ax = 0;
                    for (int j = 0; j < k; j++)
                    {
                        ax += a[(i * k) + j] * x[j];
                    }

                    if (!g.IsEmpty)
                    {
                        g[i] = ax - rhs[i];
                    }

                    value += (0.5 * x[i] * ax) - (rhs[i] * x[i]);
                }

                return value;
            }

            var result = Bfgs.Minimize(Quadratic, new double[k], gradientTolerance: 1e-10, maxIterations: 500);
            var factor = (double[])a.Clone();
            Assert.True(CholeskyFactor.TryFactor(factor, k));
            var expected = (double[])rhs.Clone();
            CholeskyFactor.Solve(factor, k, expected);
            for (int i = 0; i < k; i++)
            {
                Assert.Equal(expected[i], result.Point[i], 1e-7 * Math.Max(1, Math.Abs(expected[i])));
            }
        });
    }
}
