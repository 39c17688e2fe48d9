using CxMetrics.Statistics;

namespace CxMetrics.Tests.Statistics;

public class CholeskyFactorTests
{
    [Fact]
    public void Factors_a_worked_example_exactly()
    {
        // A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]].
        double[] a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
        Assert.True(CholeskyFactor.TryFactor(a, 3));
        Assert.Equal([2.0, 6, 1, -8, 5, 3], [a[0], a[3], a[4], a[6], a[7], a[8]]);
    }

    [Fact]
    public void Solves_and_inverts_the_worked_example()
    {
        double[] a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
        double[] factor = (double[])a.Clone();
        Assert.True(CholeskyFactor.TryFactor(factor, 3));

        // b = A·(1, −2, 3) = (−68, −191, 364).
        double[] x = [-68, -191, 364];
        CholeskyFactor.Solve(factor, 3, x);
        Assert.Equal(1, x[0], 1e-10);
        Assert.Equal(-2, x[1], 1e-10);
        Assert.Equal(3, x[2], 1e-10);

        // A⁻¹ = (L⁻¹)ᵀL⁻¹; its diagonal by hand: 1777/36, 136/36, 4/36.
        var diagonal = new double[3];
        CholeskyFactor.InverseDiagonal(factor, 3, diagonal);
        Assert.Equal(1777.0 / 36, diagonal[0], 1e-9);
        Assert.Equal(136.0 / 36, diagonal[1], 1e-11);
        Assert.Equal(1.0 / 9, diagonal[2], 1e-12);
    }

    [Fact]
    public void Inverse_times_the_matrix_is_the_identity()
    {
        double[] a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
        double[] factor = (double[])a.Clone();
        Assert.True(CholeskyFactor.TryFactor(factor, 3));
        var inverse = new double[9];
        CholeskyFactor.Inverse(factor, 3, inverse);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double sum = 0;
                for (int m = 0; m < 3; m++)
                {
                    sum += inverse[(i * 3) + m] * a[(m * 3) + j];
                }

                Assert.Equal(i == j ? 1 : 0, sum, 1e-9);
                Assert.Equal(inverse[(i * 3) + j], inverse[(j * 3) + i]);
            }
        }

        Assert.Equal(1777.0 / 36, inverse[0], 1e-9);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 2, 1 })]
    [InlineData(new double[] { 0, 0, 0, 1 })]
    [InlineData(new double[] { 1, double.NaN, double.NaN, 1 })]
    public void Refuses_a_matrix_that_is_not_positive_definite(double[] a) => Assert.False(CholeskyFactor.TryFactor(a, 2));
}
