using CxMetrics.Internal;
using MathNet.Numerics;

namespace CxMetrics.Tests.Internal;

public class TrigammaTests
{
    [Fact]
    public void Known_values()
    {
        // ψ₁(1) = π²/6, ψ₁(1/2) = π²/2 (Abramowitz & Stegun 6.4.2, 6.4.4).
        Assert.Equal(Math.PI * Math.PI / 6, Trigamma.Of(1), 1e-14);
        Assert.Equal(Math.PI * Math.PI / 2, Trigamma.Of(0.5), 1e-13);
        Assert.True(double.IsNaN(Trigamma.Of(0)));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(2.5)]
    [InlineData(9.99)]
    [InlineData(10.01)]
    [InlineData(250)]
    public void Satisfies_the_recurrence_and_is_the_derivative_of_the_digamma(double x)
    {
        double value = Trigamma.Of(x);
        Assert.True(Math.Abs(value - (Trigamma.Of(x + 1) + (1 / (x * x)))) <= 1e-14 * value, $"recurrence at {x}");
        double h = 1e-4 * x;
        double derivative = (SpecialFunctions.DiGamma(x + h) - SpecialFunctions.DiGamma(x - h)) / (2 * h);
        Assert.True(Math.Abs(value - derivative) <= 1e-6 * value, $"ψ₁({x}) = {value:R}, dψ/dx ≈ {derivative:R}");
    }
}
