using CxMetrics.Statistics;

namespace CxMetrics.Tests.Statistics;

public class MaximumLikelihoodTests
{
    // −LL/W of a product of Poisson(θ₁)·Exponential(θ₂)-like terms with a known optimum at θ = (2, 0.5).
    private static double Smooth(ReadOnlySpan<double> p, Span<double> g)
    {
        double a = Math.Exp(p[0]), b = Math.Exp(p[1]);
        if (!g.IsEmpty)
        {
            g[0] = -(2 - a);
            g[1] = -(1 - (2 * b));
        }

        return -((2 * Math.Log(a)) - a + Math.Log(b) - (2 * b));
    }

    [Fact]
    public void Smooth_objective_converges_to_its_optimum_with_standard_errors()
    {
        var outcome = MaximumLikelihood.Fit(Smooth, analyticGradient: true, [1, 1], customers: 100, rows: 1);
        Assert.Equal(FitStatus.Converged, outcome.Diagnostics.Status);
        Assert.Equal(2, outcome.Parameters[0], 1e-6);
        Assert.Equal(0.5, outcome.Parameters[1], 1e-6);
        Assert.NotNull(outcome.StandardErrors);
        Assert.True(outcome.Diagnostics.HessianPositiveDefinite);
    }

    [Fact]
    public void Numerical_gradient_reaches_the_same_optimum()
    {
        var outcome = MaximumLikelihood.Fit(Smooth, analyticGradient: false, [5, 0.1], customers: 100, rows: 1);
        Assert.True(outcome.Diagnostics.IsConverged, outcome.Diagnostics.ToString());
        Assert.Equal(2, outcome.Parameters[0], 1e-5);
    }

    [Fact]
    public void Objective_that_is_never_finite_is_not_converged_and_does_not_throw()
    {
        var outcome = MaximumLikelihood.Fit((_, _) => double.NaN, analyticGradient: false, [1, 1], customers: 10, rows: 1);
        Assert.Equal(FitStatus.NotConverged, outcome.Diagnostics.Status);
        Assert.Null(outcome.Diagnostics.LogLikelihood);
        Assert.Null(outcome.StandardErrors);
        Assert.NotNull(outcome.Diagnostics.Message);
    }

    [Fact]
    public void Objective_without_an_interior_optimum_is_not_converged()
    {
        // −LL decreasing for ever as θ grows: the optimum is at infinity.
        var outcome = MaximumLikelihood.Fit((p, g) =>
        {
            if (!g.IsEmpty)
            {
                g[0] = -Math.Exp(-Math.Exp(p[0])) * Math.Exp(p[0]);
            }

            return Math.Exp(-Math.Exp(p[0]));
        }, analyticGradient: true, [1], customers: 10, rows: 1);
        Assert.Equal(FitStatus.NotConverged, outcome.Diagnostics.Status);
    }
}
