namespace CxMetrics.Statistics;

/// <summary>
/// How a sample quantile is estimated: the Hyndman &amp; Fan (1996, The American Statistician 50:361–365) types that R's
/// <c>quantile(type = …)</c> and NumPy's <c>method=</c> implement.
/// </summary>
public enum QuantileMethod
{
    /// <summary>
    /// Type 7, linear interpolation between order statistics at <c>h = (n − 1)p + 1</c>: the default of R's <c>quantile</c>,
    /// NumPy's <c>percentile</c> ("linear") and Excel's <c>PERCENTILE.INC</c>. The default here.
    /// </summary>
    Linear = 7,

    /// <summary>Type 1, the inverse of the empirical CDF: the smallest x with F(x) ≥ p (NumPy "inverted_cdf").</summary>
    InvertedCdf = 1,

    /// <summary>Type 6, <c>h = (n + 1)p</c> (Minitab, SPSS, Excel's <c>PERCENTILE.EXC</c>; NumPy "weibull").</summary>
    Weibull = 6,

    /// <summary>Type 8, <c>h = (n + 1/3)p + 1/3</c>, approximately median-unbiased, recommended by Hyndman &amp; Fan (NumPy "median_unbiased").</summary>
    MedianUnbiased = 8,
}
