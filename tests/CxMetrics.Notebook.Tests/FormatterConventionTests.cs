using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using Microsoft.DotNet.Interactive.Formatting;

namespace CxMetrics.Notebook.Tests;

/// <summary>
/// End to end through .NET Interactive's own Formatter (Microsoft.DotNet.Interactive.Formatting, the package a Polyglot or
/// Jupyter .NET kernel uses to display a cell's value): our results carry only an attribute class of our own that is
/// <em>named</em> TypeFormatterSourceAttribute, and the Formatter must find it by convention and print our tables.
/// </summary>
public class FormatterConventionTests
{
    [Fact]
    public void Html_display_of_an_nps_result_is_our_table()
    {
        var result = Nps.From(NpsTally.FromCounts(50, 30, 20));
        string html = result.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(result.ToReport().ToHtml(), html);
        Assert.StartsWith("<table class=\"cxmetrics-result\"><caption>Net Promoter Score</caption>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_and_markdown_displays_use_ToString_and_ToMarkdown()
    {
        var result = Rating.Of([5, 4, 1, 3], CsatScale.OneToFive);
        Assert.Equal(result.ToString(), result.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal(result.ToReport().ToMarkdown(), result.ToDisplayString("text/markdown"));
    }

    [Fact]
    public void Notebooks_prefer_html_for_our_results()
    {
        Assert.Equal(HtmlFormatter.MimeType, Formatter.GetPreferredMimeTypesFor(typeof(NpsResult)).First());
    }

    [Fact]
    public void Every_rich_result_type_is_found_by_the_formatter()
    {
        var types = typeof(NpsResult).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethod("ToReport", Type.EmptyTypes) is not null)
            .ToArray();
        Assert.True(types.Length >= 39, $"{types.Length} types");
        foreach (var type in types)
        {
            // The most specific formatter the Formatter picks is registered for the type itself: ours (the defaults are for object).
            var formatter = Formatter.GetPreferredFormatterFor(type, HtmlFormatter.MimeType);
            Assert.Equal(type, formatter.Type);
            Assert.Equal(HtmlFormatter.MimeType, Formatter.GetPreferredMimeTypesFor(type).First());
        }
    }

    [Fact]
    public void Html_display_of_fitted_models_and_survival_curves_is_our_rendering()
    {
        var km = KaplanMeier.Fit([9.0, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], [true, true, false, true, true, false, true, true, false, true, false]);
        Assert.Equal(km.ToReport().ToHtml(), km.ToDisplayString(HtmlFormatter.MimeType));

        var sbg = ShiftedBetaGeometric.Fit(1000, [631, 468, 382, 326, 289, 262, 241]);
        Assert.Equal(sbg.ToReport().ToHtml(), sbg.ToDisplayString(HtmlFormatter.MimeType));

        var funnel = Funnel.FromCounts([1000, 600, 450, 300]);
        Assert.Equal(funnel.ToReport().ToHtml(), funnel.ToDisplayString(HtmlFormatter.MimeType));

        var empty = BetaGeoNbd.Fit(RfmData.Create([], [], []));
        string html = empty.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(empty.ToReport().ToHtml(), html);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparisons_estimates_and_customer_rows_display_as_our_tables()
    {
        var nps = Nps.Compare(Nps.From(NpsTally.FromCounts(50, 30, 20)), Nps.From(NpsTally.FromCounts(40, 30, 30)));
        Assert.Equal(nps.ToReport().ToHtml(), nps.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal(nps.ToString(), nps.ToDisplayString(PlainTextFormatter.MimeType));

        var shares = Proportion.Compare(Proportion.FromCounts(60, 100), Proportion.FromCounts(40, 100));
        Assert.Equal(shares.ToReport().ToHtml(), shares.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal(shares.First.ToReport().ToHtml(), shares.First.ToDisplayString(HtmlFormatter.MimeType));

        var customer = new CustomerSummary
        {
            CustomerId = "<c&1>", FirstPurchase = new NodaTime.LocalDate(1997, 1, 1), Frequency = 0, Recency = 0, Age = 10, MeanRepeatSpend = null,
            CalibrationSpend = 12m,
        };
        string html = customer.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Equal(customer.ToReport().ToHtml(), html);
        Assert.DoesNotContain("<c&1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_a_type_without_the_attribute_is_not_rendered_by_its_ToHtml()
    {
        var plain = new Unattributed();
        Assert.NotEqual(plain.ToHtml(), plain.ToDisplayString(HtmlFormatter.MimeType));
    }

    /// <summary>Has a ToHtml but no TypeFormatterSourceAttribute: the Formatter falls back to its property table.</summary>
    public sealed record Unattributed
    {
        /// <summary>A value.</summary>
        public int Value { get; init; } = 1;

        /// <summary>What our attribute would have displayed.</summary>
        public string ToHtml() => $"<table class=\"cxmetrics-result\"><caption>{Value}</caption></table>";
    }
}
