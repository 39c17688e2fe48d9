using System.Globalization;
using CxMetrics.Lifetime;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Tests.Lifetime;

/// <summary>Covariate tables for the covariate-model tests: simulated attributes and CDNOW's first-purchase value.</summary>
internal static class CovariateData
{
    private static readonly Lazy<(RfmData Data, CustomerCovariates Z)> LazyCdnow = new(ReadCdnow);

    /// <summary>
    /// The CDNOW sample's published summary (2,357 customers, weeks) and z = ln(1 + first-purchase value in USD), the
    /// spend of each customer's first purchase day, as covariate_reference.py reads them.
    /// </summary>
    public static (RfmData Data, CustomerCovariates Z) Cdnow => LazyCdnow.Value;

    /// <summary>
    /// <paramref name="customers"/> customers with a channel dummy (30% "app" against "web") and a standard normal
    /// attribute, ages uniform on [20, 52] weeks.
    /// </summary>
    public static (CustomerCovariates Table, double[] Ages) Simulated(int customers, int seed)
    {
        var random = new Random(seed);
        var channel = new string[customers];
        var score = new double[customers];
        var ages = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            channel[i] = random.NextDouble() < 0.3 ? "app" : "web";
            score[i] = Normal.Sample(random, 0, 1);
            ages[i] = 20 + (32 * random.NextDouble());
        }

        var table = CustomerCovariates.None(customers).WithCategory("channel", channel, "web").With("score", score);
        return (table, ages);
    }

    private static (RfmData, CustomerCovariates) ReadCdnow()
    {
        var firstDate = new Dictionary<int, string>();
        var firstValue = new Dictionary<int, double>();
        foreach (string line in File.ReadAllLines(CdnowFixture.PathOf("CDNOW_sample.txt")))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            int id = int.Parse(f[1], CultureInfo.InvariantCulture);
            double amount = double.Parse(f[4], CultureInfo.InvariantCulture);
            if (!firstDate.TryGetValue(id, out string? date) || string.CompareOrdinal(f[2], date) < 0)
            {
                firstDate[id] = f[2];
                firstValue[id] = amount;
            }
            else if (f[2] == date)
            {
                firstValue[id] += amount;
            }
        }

        var rows = CdnowFixture.Csv("cdnow_customers_summary.csv");
        var data = RfmData.Create(
            rows.Select(r => CdnowFixture.D(r[1])).ToArray(),
            rows.Select(r => CdnowFixture.D(r[2])).ToArray(),
            rows.Select(r => CdnowFixture.D(r[3])).ToArray());
        var z = rows.Select(r => Math.Log(1 + firstValue[int.Parse(r[0], CultureInfo.InvariantCulture)])).ToArray();
        return (data, CustomerCovariates.None(z.Length).With("ln first purchase", z));
    }
}
