using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

public class FrequencyRecencyMatrixTests
{
    [Fact]
    public void Cdnow_grid_is_lifetimes_grid_and_every_cell_is_the_models_value()
    {
        // lifetimes' plot_frequency_recency_matrix: x 0 … max frequency, t_x 0 … ⌊max T⌋, every cell at T = max T, t = 1.
        foreach (var model in FitCheckFixture.All)
        {
            var matrix = FrequencyRecencyMatrix.Of(CdnowFixture.Summary, model);
            double maxAge = CdnowFixture.Summary.Customers.Max(c => c.Age);
            Assert.Equal(CdnowFixture.Summary.Customers.Max(c => c.Frequency), matrix.MaxFrequency);
            Assert.Equal(maxAge, matrix.Age);
            Assert.Equal((int)Math.Floor(maxAge) + 1, matrix.Recencies.Count);
            Assert.Equal(1, matrix.Horizon);
            foreach (var (x, j) in new[] { (0, 0), (1, 5), (4, 20), (10, 38), (matrix.MaxFrequency, matrix.Recencies.Count - 1) })
            {
                Assert.Equal(model.ConditionalExpectedPurchases(1, x, j, maxAge), matrix.ExpectedPurchases[x][j]);
                Assert.Equal(model.ProbabilityAlive(x, j, maxAge), matrix.ProbabilityAlive[x][j]);
            }
        }
    }

    [Fact]
    public void Cdnow_bg_nbd_shows_the_papers_pattern()
    {
        // Fader, Hardie & Lee (2005) fig. 5: for a given frequency, a more recent last purchase means more expected
        // purchases; the frequent but long-silent customer is worth less than the infrequent recent one.
        var matrix = FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, 14, 38.86, 39);
        var e = matrix.ExpectedPurchases;
        Assert.True(e[7][38] > e[7][20] && e[7][20] > e[7][5]);
        Assert.True(e[2][35] > e[10][10]);
        Assert.All(e[0], v => Assert.Equal(e[0][0], v));
        Assert.All(matrix.ProbabilityAlive[0], p => Assert.Equal(matrix.ProbabilityAlive[0][0], p));
    }

    [Fact]
    public void Report_thins_wide_grids_and_says_so()
    {
        var matrix = FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, 3, 38.86);
        var tables = matrix.ToReport().Tables;
        Assert.Equal(2, tables.Count);
        Assert.Equal(15, tables[0].Columns.Count); // the row label and 14 of 39 recency columns
        Assert.Contains(tables[0].Notes, n => n.Contains("14 of 39 recency columns", StringComparison.Ordinal));
        Assert.Equal(4, tables[1].Rows.Count);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>("model", () => FrequencyRecencyMatrix.Of(null!, 3, 10));
        Assert.Throws<ArgumentOutOfRangeException>("maxFrequency", () => FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("maxFrequency", () => FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, FrequencyRecencyMatrix.MaxSize, 10));
        Assert.Throws<ArgumentOutOfRangeException>("age", () => FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>("age", () => FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, 3, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("age", () => FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, 3, 1000));
        Assert.Throws<ArgumentOutOfRangeException>("horizon", () => FrequencyRecencyMatrix.Of(FitCheckFixture.Bg, 3, 10, -1));
        Assert.Throws<ArgumentNullException>("summary", () => FrequencyRecencyMatrix.Of(null!, FitCheckFixture.Bg));
        var unconverged = FitCheckFixture.Bg with { Diagnostics = FitCheckFixture.Bg.Diagnostics with { Status = CxMetrics.Statistics.FitStatus.NotConverged } };
        Assert.Throws<InvalidOperationException>(() => FrequencyRecencyMatrix.Of(unconverged, 3, 10));
    }

    [Property(MaxTest = 60)]
    public Property Probabilities_are_probabilities_and_expectations_grow_with_recency() =>
        Prop.ForAll(FitCheckFixture.Shops, Gen.Choose(0, 30).ToArbitrary(), Gen.Choose(1, 80).ToArbitrary(), (shop, maxFrequency, age) =>
        {
            // Under BG/NBD, for a fixed x ≥ 1 and T, both E[Y(t) | x, t_x, T] and P(alive) rise with t_x (FHL 2005 eq. 10, 11).
            var matrix = FrequencyRecencyMatrix.Of(shop.Model, maxFrequency, age, 4);
            for (int x = 0; x <= maxFrequency; x++)
            {
                for (int j = 0; j < matrix.Recencies.Count; j++)
                {
                    double p = matrix.ProbabilityAlive[x][j], e = matrix.ExpectedPurchases[x][j];
                    if (!(p >= 0 && p <= 1 && e >= 0 && double.IsFinite(e)))
                    {
                        return false;
                    }

                    if (x >= 1 && j >= 1
                        && (matrix.ProbabilityAlive[x][j] < matrix.ProbabilityAlive[x][j - 1] - 1e-12
                            || matrix.ExpectedPurchases[x][j] < matrix.ExpectedPurchases[x][j - 1] - (1e-12 * Math.Max(1, e))))
                    {
                        return false;
                    }
                }
            }

            return true;
        });
}
