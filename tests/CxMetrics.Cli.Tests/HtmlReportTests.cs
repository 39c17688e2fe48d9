using System.Xml;
using System.Xml.Linq;
using CxMetrics.Cli.Commands;

namespace CxMetrics.Cli.Tests;

public sealed class HtmlReportTests : IDisposable
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly Lazy<(int Code, string Output, string Error)> Bundled = new(() => Run("report", "--format", "html"));

    private readonly string shop = Path.Combine(Path.GetTempPath(), "cxmetrics-html-" + Guid.NewGuid().ToString("N"));

    public HtmlReportTests()
    {
        Directory.CreateDirectory(shop);
        File.WriteAllText(Path.Combine(shop, "nps.csv"), "customer_id,answered_at,score\nc1,2025-01-05T10:00:00Z,10\nc2,2025-01-06T10:00:00Z,3\nc3,2025-02-06T10:00:00Z,9\nc4,2025-03-07T10:00:00Z,12\n");
        File.WriteAllText(Path.Combine(shop, "orders.csv"), "customer_id,placed_at,amount,currency\nc1,2025-01-02T10:00:00Z,10.50,EUR\nc2,2025-01-03T10:00:00Z,5,EUR\nc1,2025-02-03T10:00:00Z,7,EUR\nc3,2025-02-04T10:00:00Z,8,EUR\n");
    }

    public void Dispose() => Directory.Delete(shop, recursive: true);

    [Fact]
    public void Bundled_report_is_one_well_formed_page_with_every_chart()
    {
        var (code, output, error) = Bundled.Value;
        Assert.Equal(0, code);
        Assert.Empty(error);
        var page = Parse(output);
        Assert.Equal(Xhtml + "html", page.Root!.Name);
        var svgs = page.Descendants(Svg + "svg").ToList();
        Assert.Equal(12, svgs.Count);
        var headings = page.Descendants(Xhtml + "h2").Select(h => h.Value).ToList();
        foreach (string heading in new[] { "NPS by month", "Cohort retention", "Customer survival by Contract", "Cart funnel", "Which customers are still active? P(alive)", "MRR bridge", "Holdout check: does the purchase model predict?", "Does the model reproduce the purchase counts?", "Tracking: repeat purchases over time", "Help-desk backlog by week", "Time to first purchase by source", "Reviews by source", "Tables" })
        {
            Assert.Contains(heading, headings);
        }

        var charts = page.Descendants(Xhtml + "section").Where(s => (string?)s.Attribute("class") == "chart").ToList();
        Assert.Equal(12, charts.Count);
        Assert.All(charts, c => Assert.StartsWith("How to read this:", c.Elements(Xhtml + "p").Single().Value, StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "h3"), h => h.Value == "Survival by Contract (Kaplan–Meier; time in months)");
        Assert.Contains(page.Descendants(Xhtml + "div"), d => (string?)d.Attribute("class") == "card" && d.Value.StartsWith("NPS", StringComparison.Ordinal));
    }

    [Fact]
    public void Bundled_page_has_the_tables_of_the_other_formats_in_their_order()
    {
        // The survival and funnel charts are drawn from the results the tables computed (report DIR's chart code), so the
        // page adds no table of its own but the fit behind the P(alive) chart, as report DIR's page does.
        var page = Parse(Bundled.Value.Output);
        var html = page.Descendants(Xhtml + "h3").Select(h => h.Value).Where(t => t != "BG/NBD fit behind P(alive)").ToList();
        using var json = System.Text.Json.JsonDocument.Parse(Run("report", "--format", "json").Output);
        var titles = json.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList();
        Assert.NotEmpty(titles);
        Assert.Equal(titles, html);
        Assert.Contains("BG/NBD fit behind P(alive)", page.Descendants(Xhtml + "h3").Select(h => h.Value));
    }

    [Fact]
    public void Bundled_report_is_self_contained()
    {
        string output = Bundled.Value.Output;
        var page = Parse(output);
        foreach (string banned in new[] { "<script", "<link", "<iframe", "<img", "@import", "url(http", "url(//" })
        {
            Assert.DoesNotContain(banned, output, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var attribute in page.Descendants().Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            if (attribute.Name.LocalName is "href" or "src")
            {
                Assert.StartsWith("#", attribute.Value, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("http:", attribute.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https:", attribute.Value, StringComparison.OrdinalIgnoreCase);
        }

        var ids = page.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Folder_report_draws_what_its_files_allow_names_what_it_cannot_and_is_deterministic()
    {
        var (code, output, error) = Run("report", shop, "--format", "html");
        Assert.Equal(0, code);
        Assert.Empty(error);
        var page = Parse(output);
        var headings = page.Descendants(Xhtml + "h2").Select(h => h.Value).ToList();
        Assert.Contains("NPS by month", headings);
        Assert.Contains("Cohort retention", headings);
        Assert.DoesNotContain("Cart funnel", headings);
        Assert.Contains(page.Descendants(Xhtml + "p"), p => p.Value.StartsWith("Not drawn — Survival curves: the folder has no subscriptions.csv, and lifetimes from orders.csv need --window", StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "p"), p => p.Value.StartsWith("Not drawn — Cart funnel: needs cart_events.csv; the folder has none.", StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "p"), p => p.Value.StartsWith("Not drawn — MRR bridge: needs subscriptions.csv; the folder has none.", StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "p"), p => p.Value.StartsWith("Not drawn — Calibration/holdout check: the CLV fit has no holdout: it is calibrated on every order to the latest order day (2025-02-04)", StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "li"), li => li.Value.Contains("nps.csv: 4 rows read, 3 accepted, 1 rejected", StringComparison.Ordinal));
        Assert.Equal(output, Run("report", shop, "--format", "html").Output);
    }

    [Fact]
    public void Report_of_a_folder_takes_a_calibration_end_and_splits_the_orders_there()
    {
        var (code, output, error) = Run("report", shop, "--format", "html", "--calibration-end", "2025-01-31");
        Assert.Equal(0, code);
        Assert.Empty(error);
        var page = Parse(output);
        Assert.DoesNotContain(page.Descendants(Xhtml + "p"), p => p.Value.Contains("the CLV fit has no holdout", StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "caption"), c => c.Value.StartsWith("Customer summary (calibration to 2025-01-31", StringComparison.Ordinal));
        Assert.Equal(2, Run("report", shop, "--calibration-end", "31.01.2025").Code);
    }

    [Fact]
    public void Folder_charts_with_a_calibration_end_draw_the_holdout_check()
    {
        // 60 customers, each buying every (1 + i % 5) weeks from their first day until a customer-specific last day.
        var orders = new List<Commerce.Order>();
        for (int i = 0; i < 60; i++)
        {
            var first = NodaTime.Instant.FromUtc(2025, 1, 1, 10, 0).Plus(NodaTime.Duration.FromDays(i % 20));
            int every = 7 * (1 + (i % 5)), last = 20 + (i * 7 % 150);
            for (int day = 0; day <= last; day += every)
            {
                orders.Add(new Commerce.Order($"c{i}", first.Plus(NodaTime.Duration.FromDays(day)), 10.5m + (i % 7), "EUR") { Id = $"o{orders.Count}" });
            }
        }

        var settings = new CliSettings { Family = new FamilySettings { CalibrationEnd = new NodaTime.LocalDate(2025, 3, 31) } };
        // The charts draw from the tallies the report's one read fills (no list of orders): folded here as report DIR folds them.
        var charts = new OrderCharts();
        var input = Input.OrderInput.InMemory(orders);
        var (cohorts, _) = CohortsCommand.Fold(input, settings, charts);
        var (clv, clvTables) = ClvCommand.Fold(input, settings, charts);
        input.ForEach(cohorts, clv);
        clvTables(new Output.ReportDocument("clv", shop));
        var doc = new Output.ReportDocument("report", shop);
        ReportCharts.Folder(doc, false, charts, settings, _ => settings, FolderCharts.For(shop, null, null, [], windowGiven: false));
        var chart = Assert.Single(doc.Charts, c => c.Title == "Holdout check: does the purchase model predict?");
        var svg = XDocument.Parse(chart.Svg);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value.Trim() == "7+");
        Assert.DoesNotContain(doc.ChartNotes, n => n.StartsWith("Calibration/holdout check", StringComparison.Ordinal));
        Assert.Contains(doc.ChartNotes, n => n.StartsWith("MRR bridge: needs subscriptions.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void Nps_trend_is_drawn_from_the_period_tallies_exactly_as_the_core_draws_it_from_the_responses()
    {
        // Weeks in Berlin with gaps, one rejected row: the page's chart (from the tables' per-period tallies, no response kept)
        // equals the core's chart of Nps.ByPeriod over the responses themselves, byte for byte.
        var responses = new List<Surveys.SurveyResponse>();
        var text = new System.Text.StringBuilder("customer_id,answered_at,score\n");
        for (int i = 0; i < 400; i++)
        {
            var at = NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0) + NodaTime.Duration.FromHours((i * 37) % (24 * 120)) + NodaTime.Duration.FromMinutes(i % 50);
            if (at.InUtc().Month == 2 && at.InUtc().Day < 15)
            {
                continue; // two empty weeks
            }

            int score = (i * 7) % 11;
            responses.Add(new Surveys.SurveyResponse($"c{i}", at, score) { Id = $"r{i}" });
            text.Append('c').Append(i).Append(',').Append(NodaTime.Text.InstantPattern.General.Format(at)).Append(',').Append(score).Append('\n');
        }

        text.Append("bad,2025-01-02T00:00:00Z,12\n");
        File.WriteAllText(Path.Combine(shop, "nps.csv"), text.ToString());
        var (code, output, _) = Run("report", shop, "--format", "html", "--period", "week", "--zone", "Europe/Berlin", "--min-cell", "20");
        Assert.Equal(0, code);

        var grid = new Time.PeriodGrid(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Berlin"], Time.PeriodUnit.Week);
        var cells = Surveys.Nps.ByPeriod(responses, grid, new Surveys.SurveyOptions { MinimumCellSize = 20 });
        string expected = Charts.NpsTrendChart.ToSvg(cells, new Charts.ChartOptions { Width = ReportCharts.Width, Height = 420 }).Trim();
        Assert.Contains(Reporting.XmlCharacters.Safe(expected), output, StringComparison.Ordinal);
        Assert.True(cells.Count > 10 && cells.Any(c => c.Count == 0), $"{cells.Count} weeks");
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static (int Code, string Output, string Error) Run(params string[] args) => Tool.Run(args);

    [Fact]
    public void Page_stays_well_formed_with_control_characters_in_a_segment_and_a_rejected_value()
    {
        File.WriteAllText(Path.Combine(shop, "nps.csv"), "customer_id,answered_at,score,channel\nc1,2025-01-05T10:00:00Z,10,a\u0001b\nc2,2025-01-06T10:00:00Z,1\u00002,web\n");
        foreach (string command in new[] { "nps", "report" })
        {
            var (code, output, _) = Run(command, shop, "--format", "html");
            Assert.Equal(0, code);
            var page = Parse(output);
            Assert.Equal(Xhtml + "html", page.Root!.Name);
        }

        // The core's HTML writer puts a row's first cell (the segment) in a row header.
        Assert.Contains(Parse(Run("nps", shop, "--format", "html").Output).Descendants(Xhtml + "th"), th => th.Value == "a\uFFFDb");
    }
}
