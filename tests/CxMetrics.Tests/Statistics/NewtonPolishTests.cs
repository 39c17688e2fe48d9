using CxMetrics.Statistics;

namespace CxMetrics.Tests.Statistics;

public class NewtonPolishTests
{
    // f(x, y) = 1e4 + ½(x − 1)² + ½·1e4·(x + y − 3)²: a long narrow valley (condition number 2e4) on a large offset, the
    // shape on which a gradient test relative to |f| stops early.
    private static double Valley(ReadOnlySpan<double> p, Span<double> g)
    {
        double u = p[0] - 1, v = p[0] + p[1] - 3;
        if (!g.IsEmpty)
        {
            g[0] = u + (1e4 * v);
            g[1] = 1e4 * v;
        }

        return 1e4 + (0.5 * u * u) + (0.5 * 1e4 * v * v);
    }

    [Fact]
    public void Polish_reaches_the_minimum_of_a_narrow_valley_and_certifies_it()
    {
        var result = NewtonPolish.Run(Valley, [1.01, 1.995], scale: 1);
        Assert.True(result.Certified);
        Assert.Equal(1, result.Point[0], 1e-9);
        Assert.Equal(2, result.Point[1], 1e-9);
        Assert.InRange(result.Iterations, 1, 3);
    }

    [Fact]
    public void Point_away_from_a_minimum_is_not_certified_when_no_step_is_allowed()
    {
        var result = NewtonPolish.Run(Valley, [1.01, 1.995], scale: 1, maxIterations: 0);
        Assert.False(result.Certified);
        Assert.True(result.GradientNorm > NewtonPolish.GradientTolerance);
    }

    [Fact]
    public void Saddle_is_not_certified_by_the_step_test()
    {
        // f = x² − y² + y: the Hessian is indefinite, so no Newton step is taken and the gradient (1 in y) stays.
        var result = NewtonPolish.Run((p, g) =>
        {
            if (!g.IsEmpty)
            {
                g[0] = 2 * p[0];
                g[1] = (-2 * p[1]) + 1;
            }

            return (p[0] * p[0]) - (p[1] * p[1]) + p[1];
        }, [0.0, 0.0], scale: 1);
        Assert.False(result.Certified);
        Assert.Equal(double.PositiveInfinity, result.StepNorm);
    }

    [Fact]
    public void Gradient_test_is_on_the_summed_scale()
    {
        // The same valley as a mean over W = 1e6 customers: at x = 1.001 the mean gradient is 1e−9 (it would pass a test on
        // the mean) but the summed gradient is 1e−3, so a step is taken.
        var result = NewtonPolish.Run((p, g) =>
        {
            double value = Valley(p, g);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] *= 1e-6;
            }

            return value * 1e-6;
        }, [1.001, 1.999], scale: 1e6);
        Assert.True(result.Certified);
        Assert.InRange(result.Iterations, 1, 3);
        Assert.Equal(1, result.Point[0], 1e-9);
    }
}
