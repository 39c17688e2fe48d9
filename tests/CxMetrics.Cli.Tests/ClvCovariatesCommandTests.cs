using System.Globalization;
using System.Text;
using System.Text.Json;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// <c>clv --covariates FILE --covariate … --reference …</c>: the covariate fit's tables and JSON, its account of the
/// customers left out, each mistake as one line with its exit code, and the tool's coefficients equal to the core's.
/// </summary>
public sealed class ClvCovariatesCommandTests : IDisposable
{
    private readonly string shop = Path.Combine(Path.GetTempPath(), "cxmetrics-clv-covariates-" + Guid.NewGuid().ToString("N"));
    private readonly List<Order> orders = [];
    private readonly Dictionary<string, (string Channel, string Score)> attributes = new(StringComparer.Ordinal);

    public ClvCovariatesCommandTests()
    {
        // 600 customers of a BG/NBD process over one year (daily rate λ ~ Gamma, dropout after each purchase with
        // p ~ Beta(1, 3)); app customers buy more often, store customers less, and the score adds to the rate.
        Directory.CreateDirectory(shop);
        var random = new Random(5);
        var start = Instant.FromUtc(2025, 1, 1, 10, 0);
        var csv = new StringBuilder("customer_id,placed_at,amount,currency\n");
        var customers = new StringBuilder("customer_id,channel,score\n");
        string[] channels = ["web", "app", "store"];
        for (int i = 0; i < 600; i++)
        {
            string id = "c" + i.ToString(CultureInfo.InvariantCulture);
            string channel = channels[random.Next(3)];
            double score = Math.Round((random.NextDouble() * 2) - 1, 3);
            double mean = 0.03 * Math.Exp((channel == "app" ? 0.6 : channel == "store" ? -0.4 : 0) + (0.5 * score));
            double lambda = MathNet.Numerics.Distributions.Gamma.Sample(random, 1.5, 1.5 / mean);
            double p = MathNet.Numerics.Distributions.Beta.Sample(random, 1, 3);
            int bought = 0;
            for (double d = random.Next(200); d < 365; d += MathNet.Numerics.Distributions.Exponential.Sample(random, lambda))
            {
                var at = start + Duration.FromDays(Math.Floor(d));
                decimal amount = 10 + random.Next(90);
                orders.Add(new Order(id, at, amount, "EUR"));
                csv.Append(CultureInfo.InvariantCulture, $"{id},{at},{amount},EUR\n");
                if (++bought > 1 && random.NextDouble() < p)
                {
                    break;
                }
            }

            // c0 is missing from the covariates file and c1 has an NA score: both are left out and counted.
            if (i == 0)
            {
                continue;
            }

            string scoreText = i == 1 ? "NA" : score.ToString(CultureInfo.InvariantCulture);
            attributes[id] = (channel, scoreText);
            customers.Append(CultureInfo.InvariantCulture, $"{id},{channel},{scoreText}\n");
        }

        customers.Append("ghost,web,0.5\n");
        File.WriteAllText(Path.Combine(shop, "orders.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(shop, "customers.csv"), customers.ToString());
    }

    public void Dispose() => Directory.Delete(shop, recursive: true);

    private string Customers => Path.Combine(shop, "customers.csv");

    [Fact]
    public void Table_shows_both_fits_the_coefficients_per_process_and_the_likelihood_ratio_test()
    {
        var (code, output, error) = Tool.Run("clv", shop, "--covariates", Customers, "--covariate", "channel,score:purchase", "--reference", "channel=web", "--top", "0", "--format", "markdown");
        Assert.True(code == 0, error);
        Assert.Contains("## BG/NBD with and without covariates (598 customers; covariates: channel (purchase, dropout), score (purchase))", output, StringComparison.Ordinal);
        Assert.Contains("| without covariates |", output, StringComparison.Ordinal);
        Assert.Contains("| with covariates (base: all covariates 0) |", output, StringComparison.Ordinal);
        Assert.Contains("2 customers without a value for every covariate", output, StringComparison.Ordinal);
        Assert.Contains("1 customers of the covariates file have no order", output, StringComparison.Ordinal);
        Assert.Contains("reference levels: channel=web", output, StringComparison.Ordinal);
        Assert.Contains("## Covariate coefficients", output, StringComparison.Ordinal);
        Assert.Contains("| purchase (α·e^−γz) | channel=app |", output, StringComparison.Ordinal);
        Assert.Contains("| purchase (α·e^−γz) | score |", output, StringComparison.Ordinal);
        Assert.Contains("| dropout (a, b·e^γw) | channel=store |", output, StringComparison.Ordinal);
        Assert.DoesNotContain("| dropout (a, b·e^γw) | score |", output, StringComparison.Ordinal);
        Assert.Contains("## Likelihood-ratio test against the model without covariates", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_coefficients_equal_the_core_fit_on_the_same_customers()
    {
        var (code, output, error) = Tool.Run("clv", shop, "--covariates", Customers, "--covariate", "channel,score:purchase", "--reference", "channel=web", "--top", "0", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        var account = results.GetProperty("covariateCustomers");
        Assert.Equal(598, account.GetProperty("customers").GetInt32());
        Assert.Equal(2, account.GetProperty("leftOut").GetInt32());
        Assert.Equal(1, account.GetProperty("notInOrders").GetInt32());
        var json = results.GetProperty("bgNbdCovariates");

        // The core on the same orders: the tool's summary (calibration to the last order day, weeks, UTC), the customers
        // with every covariate, channel against web, score for the purchase process only.
        var tally = new CustomerSummaryTally(DateTimeZone.Utc);
        foreach (var o in orders)
        {
            tally.Add(o);
        }

        var last = orders.Max(o => o.PlacedAt).InUtc().Date;
        var summary = CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = last, TimeUnit = TimeUnit.Week });
        var kept = summary.Customers.Where(c => attributes.TryGetValue(c.CustomerId, out var a) && a.Score != "NA").ToList();
        var table = CustomerCovariates.None(kept.Count)
            .WithCategory("channel", [.. kept.Select(c => attributes[c.CustomerId].Channel)], "web")
            .With("score", [.. kept.Select(c => double.Parse(attributes[c.CustomerId].Score, CultureInfo.InvariantCulture))]);
        var purchase = table;
        var dropout = table.Select([.. table.Names.Where(n => n.StartsWith("channel=", StringComparison.Ordinal))]);
        var data = RfmData.Create([.. kept.Select(c => (double)c.Frequency)], [.. kept.Select(c => c.Recency)], [.. kept.Select(c => c.Age)]);
        var core = BetaGeoNbd.Fit(data, purchase, dropout);
        Assert.True(core.Diagnostics.IsConverged, core.ToString());

        Assert.Equal(core.R.Value, json.GetProperty("r").GetProperty("value").GetDouble(), 1e-12);
        Assert.Equal(core.Alpha.Value, json.GetProperty("alpha").GetProperty("value").GetDouble(), 1e-12);
        foreach (var (list, name) in new[] { (core.PurchaseCoefficients, "purchaseCoefficients"), (core.DropoutCoefficients, "dropoutCoefficients") })
        {
            var rows = json.GetProperty(name).EnumerateArray().ToList();
            Assert.Equal(list.Select(c => c.Name), rows.Select(r => r.GetProperty("name").GetString()));
            for (int j = 0; j < list.Count; j++)
            {
                Assert.Equal(list[j].Value, rows[j].GetProperty("value").GetDouble(), 1e-12);
                Assert.Equal(list[j].StandardError!.Value, rows[j].GetProperty("standardError").GetDouble(), 1e-12);
            }
        }

        var test = json.GetProperty("likelihoodRatio");
        Assert.Equal(core.LikelihoodRatio!.Statistic, test.GetProperty("statistic").GetDouble(), 1e-9);
        Assert.Equal(5, test.GetProperty("degreesOfFreedom").GetInt32());

        // The simulated channel effect on purchases is found: app above web, store below.
        Assert.True(core.PurchaseCoefficients.Single(c => c.Name == "channel=app").Value > 0, core.ToString());
        Assert.True(core.PurchaseCoefficients.Single(c => c.Name == "channel=store").Value < 0, core.ToString());
    }

    [Fact]
    public void Orders_give_the_first_order_value_so_the_bundled_cdnow_sample_needs_no_second_file()
    {
        var (code, output, error) = Tool.Run("clv", "--model", "pareto", "--covariate", "log_first_order_value:purchase", "--top", "0", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(2357, results.GetProperty("covariateCustomers").GetProperty("customers").GetInt32());
        var m = results.GetProperty("paretoNbdCovariates");
        var purchase = Assert.Single(m.GetProperty("purchaseCoefficients").EnumerateArray());
        Assert.Equal("log_first_order_value", purchase.GetProperty("name").GetString());
        Assert.Empty(m.GetProperty("dropoutCoefficients").EnumerateArray());
        Assert.Equal(1, m.GetProperty("likelihoodRatio").GetProperty("degreesOfFreedom").GetInt32());
        Assert.Equal("Converged", m.GetProperty("diagnostics").GetProperty("status").GetString());
    }

    [Fact]
    public void Cdnow_first_purchase_value_reproduces_the_documented_bgnbd_fit()
    {
        // docs/metrics/clv.md, "CDNOW, first-purchase value" (checked against scipy in the core's tests): γ purchase
        // 0.4806, γ dropout 0.3120, LL −9,559.50 against −9,582.43 without the covariate.
        var (code, output, error) = Tool.Run("clv", "--covariate", "log_first_order_value", "--top", "0", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var m = doc.RootElement.GetProperty("results").GetProperty("bgNbdCovariates");
        Assert.Equal(0.4806, m.GetProperty("purchaseCoefficients")[0].GetProperty("value").GetDouble(), 0.0005);
        Assert.Equal(0.312, m.GetProperty("dropoutCoefficients")[0].GetProperty("value").GetDouble(), 0.001);
        Assert.Equal(-9559.50, m.GetProperty("diagnostics").GetProperty("logLikelihood").GetDouble(), 0.01);
        Assert.Equal(-9582.43, m.GetProperty("withoutCovariates").GetProperty("diagnostics").GetProperty("logLikelihood").GetDouble(), 0.01);
    }

    [Theory]
    [InlineData("--covariate: 'channel' is not one the orders give", "--covariate", "channel")]
    [InlineData("--reference: names the reference level of a covariate", "--reference", "channel=web")]
    [InlineData("the modified BG/NBD has none", "--model", "mbg", "--covariate", "first_order_value")]
    [InlineData("names the process 'spend'", "--covariate", "first_order_value:spend")]
    [InlineData("column 'first_order_value' is named twice", "--covariate", "first_order_value,first_order_value:purchase")]
    [InlineData("--reference: 'first_order_value' is a number the orders give", "--covariate", "first_order_value", "--reference", "first_order_value=1")]
    [InlineData("--reference: 'channel=' is not COLUMN=LEVEL", "--covariate", "first_order_value", "--reference", "channel=")]
    [InlineData("--covariate: '' has an empty column name", "--covariate", "")]
    public void Each_usage_mistake_is_one_line_with_exit_code_2(string message, params string[] args)
    {
        var (code, _, error) = Tool.Run(["clv", "--top", "0", .. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Each_file_mistake_is_one_line()
    {
        File.WriteAllText(Path.Combine(shop, "text.csv"), "customer_id,spend\nc1,high\nc2,12\n");
        File.WriteAllText(Path.Combine(shop, "twice.csv"), "customer_id,spend\nc1,1\nc1,2\n");
        File.WriteAllText(Path.Combine(shop, "noid.csv"), "id,spend\nc1,1\n");
        (int Code, string Message, string[] Args)[] cases =
        [
            (2, "--covariate: 'plan' is not a column of", ["--covariates", Customers, "--covariate", "plan"]),
            (2, "--reference: level 'shop' does not occur in column 'channel' (its levels: app, store, web)", ["--covariates", Customers, "--covariate", "channel", "--reference", "channel=shop"]),
            (2, "--reference: 'plan' is not a column of", ["--covariates", Customers, "--reference", "plan=basic"]),
            (2, "has no customer id column 'customer_id'", ["--covariates", Path.Combine(shop, "noid.csv")]),
            (1, "--covariate: column 'channel' holds '", ["--covariates", Customers, "--covariate", "channel"]),
            (1, "column 'spend' holds 'high' for customer 'c1'", ["--covariates", Path.Combine(shop, "text.csv")]),
            (1, "customer 'c1' has two rows", ["--covariates", Path.Combine(shop, "twice.csv")]),
            (1, "--covariates: no such file", ["--covariates", Path.Combine(shop, "absent.csv")]),
        ];
        foreach (var (expected, message, args) in cases)
        {
            var (code, _, error) = Tool.Run(["clv", shop, "--top", "0", .. args]);
            Assert.True(expected == code, $"{string.Join(' ', args)}: exit {code}, {error}");
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
    }
}
