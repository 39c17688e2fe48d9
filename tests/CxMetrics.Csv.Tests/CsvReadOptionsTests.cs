using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

/// <summary>Value formats of <see cref="CsvReadOptions"/>: decimal separator, yes/no spellings, and settings refused together.</summary>
public class CsvReadOptionsTests
{
    private static CsvRecords<T> Table<T>(string text, string column, Func<CsvRow, T> map, CsvReadOptions options) =>
        CsvTable.Read(new StringReader(text), [column], map, options);

    [Fact]
    public void Decimal_comma_reads_european_amounts()
    {
        var options = new CsvReadOptions { Delimiter = ';', DecimalSeparator = ',', Currency = "EUR" };

        var orders = OrderCsv.Read(new StringReader("customer_id;placed_at;amount\nc1;2024-01-15T10:00:00Z;12,50\nc2;2024-01-15T11:00:00Z;1234\nc3;2024-01-15T12:00:00Z;-0,5\n"), options: options);

        Assert.Equal([12.50m, 1234m], orders.ToList().Select(o => o.Amount));
        Assert.Equal("amount -0.5 is negative; record refunds separately.", Assert.Single(orders.Report.Rejections).Reason);
    }

    [Theory]
    [InlineData(',', "1.234,50", "the decimal separator is ','")]
    [InlineData(',', "12.50", "the decimal separator is ','")]
    [InlineData('.', "1,234.50", "the decimal separator is '.'")]
    [InlineData('.', "12,50", "the decimal separator is '.'")]
    [InlineData('.', "1.234.5", "expected invariant notation such as 1234.50")]
    public void Group_separators_and_the_other_separator_are_rejected_not_misread(char separator, string cell, string why)
    {
        var records = Table($"amount\n\"{cell}\"\n", "amount", row => row.GetDecimal("amount"), new CsvReadOptions { DecimalSeparator = separator, Delimiter = separator == ',' ? ';' : ',' });

        Assert.Empty(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal("amount", rejection.Column);
        Assert.Contains($"'{cell}' is not a number", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains(why, rejection.Reason, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Any_decimal_written_with_a_comma_reads_the_same_as_with_a_dot()
    {
        var gen =
            from units in Gen.Choose(int.MinValue, int.MaxValue)
            from cents in Gen.Choose(0, 999_999)
            select new decimal(units) + (new decimal(cents) / 1_000_000m) * (units < 0 ? -1 : 1);
        return Prop.ForAll(gen.ToArbitrary(), value =>
        {
            string dot = value.ToString(CultureInfo.InvariantCulture);
            string comma = dot.Replace('.', ',');
            decimal fromDot = Table($"v\n{dot}\n", "v", row => row.GetDecimal("v"), CsvReadOptions.Default).Single();
            decimal fromComma = Table($"v\n{comma}\n", "v", row => row.GetDecimal("v"), new CsvReadOptions { Delimiter = ';', DecimalSeparator = ',' }).Single();
            double? doubleComma = Table($"v\n{comma}\n", "v", row => row.GetOptionalDouble("v"), new CsvReadOptions { Delimiter = ';', DecimalSeparator = ',' }).Single();
            return fromDot == value && fromComma == value && doubleComma == (double)value;
        });
    }

    [Fact]
    public void Decimal_separator_other_than_dot_or_comma_is_refused() =>
        Assert.Contains("'''", Assert.Throws<ArgumentException>("DecimalSeparator", () => new CsvReadOptions { DecimalSeparator = '\'' }).Message, StringComparison.Ordinal);

    [Fact]
    public void Decimal_comma_with_the_comma_delimiter_is_refused_naming_both()
    {
        var ex = Assert.Throws<ArgumentException>("options", () => Table("v\n1\n", "v", row => row.GetDecimal("v"), new CsvReadOptions { DecimalSeparator = ',' }));

        Assert.Contains("DecimalSeparator", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Delimiter", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Yes", true)] // IBM Telco Churn
    [InlineData("No", false)]
    [InlineData("TRUE", true)] // UCI online shoppers Revenue
    [InlineData("FALSE", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("y", true)]
    [InlineData(" n ", false)]
    public void Default_yes_no_spellings_are_read_in_any_case(string cell, bool expected) =>
        Assert.Equal([expected], Table($"Churn\n{cell}\n", "Churn", row => row.GetBoolean("Churn"), CsvReadOptions.Default).ToList());

    [Fact]
    public void Telco_rows_read_their_churn_flag()
    {
        const string Telco = "customerID,tenure,Contract,InternetService,PaymentMethod,MonthlyCharges,Churn\n"
            + "7590-VHVEG,1,Month-to-month,DSL,Electronic check,29.85,No\n"
            + "3668-QPYBK,2,Month-to-month,DSL,Mailed check,53.85,Yes\n";

        var churned = Table(Telco, "Churn", row => (row.GetString("customerID"), row.GetBoolean("Churn")), CsvReadOptions.Default).ToList();

        Assert.Equal([("7590-VHVEG", false), ("3668-QPYBK", true)], churned);
    }

    [Fact]
    public void Configured_spellings_replace_the_defaults_and_are_named_when_a_cell_is_neither()
    {
        var options = new CsvReadOptions { TrueValues = ["Ja", "J"], FalseValues = ["Nein", "N"] };

        var records = Table("aktiv\nja\nNEIN\nyes\n", "aktiv", row => row.GetBoolean("aktiv"), options);

        Assert.Equal([true, false], records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal(("aktiv", 4L), (rejection.Column, rejection.Line));
        Assert.Equal("'yes' is not a yes/no value (expected Ja/J for yes or Nein/N for no, any case).", rejection.Reason);
    }

    [Theory]
    [InlineData("yes", "YES")]
    [InlineData("1", "1")]
    public void A_spelling_in_both_lists_is_refused(string yes, string no)
    {
        var options = new CsvReadOptions { TrueValues = [yes], FalseValues = ["n", no] };

        var ex = Assert.Throws<ArgumentException>("options", () => Table("b\n1\n", "b", row => row.GetBoolean("b"), options));

        Assert.Contains("TrueValues", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FalseValues", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" yes")]
    public void An_empty_or_padded_spelling_is_refused(string spelling) =>
        Assert.Throws<ArgumentException>("options", () => Table("b\n1\n", "b", row => row.GetBoolean("b"), new CsvReadOptions { TrueValues = [spelling] }));

    [Property(MaxTest = 200)]
    public Property Boolean_spellings_round_trip()
    {
        var word = Gen.Elements("ja", "nein", "oui", "non", "si", "T", "F", "on", "off", "1", "0", "x", "-");
        var gen =
            from yes in Gen.SubListOf(new[] { "ja", "oui", "si", "T", "on", "1", "x" })
            from no in Gen.SubListOf(new[] { "nein", "non", "F", "off", "0", "-" })
            from cells in Gen.ListOf(word)
            select (yes, no, cells);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (yes, no, cells) = t;
            var options = new CsvReadOptions { TrueValues = yes.ToArray(), FalseValues = no.ToArray() };
            string text = "b\n" + string.Concat(cells.Select((c, i) => (i % 2 == 0 ? c.ToUpperInvariant() : c) + "\n"));
            var records = Table(text, "b", row => row.GetBoolean("b"), options);
            var read = records.ToList();
            var expected = cells.Where(c => yes.Contains(c) || no.Contains(c)).Select(c => yes.Contains(c)).ToList();
            return read.SequenceEqual(expected)
                && records.Report.RowsRejected == cells.Count - expected.Count
                && records.Report.RowsRead == cells.Count;
        });
    }

    [Fact]
    public void Missing_value_markers_read_as_empty_cells_and_a_required_one_names_the_marker()
    {
        const string csv = "customer_id,placed_at,amount,currency,channel\nc1,2024-01-01T00:00:00Z,5,EUR,?\nc2,?,5,EUR,web\nc3,2024-01-02T00:00:00Z,5,EUR, ? \n";
        var records = OrderCsv.Read(new StringReader(csv), options: new CsvReadOptions { MissingValues = ["?"] });
        var orders = records.ToList();

        Assert.Equal(["c1", "c3"], orders.Select(o => o.CustomerId));
        Assert.All(orders, o => Assert.Null(o.Channel));
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal((3L, "placed_at"), (rejection.Line, rejection.Column));
        Assert.Contains("'?', the marker of a missing value", rejection.Reason, StringComparison.Ordinal);

        var plain = OrderCsv.Read(new StringReader(csv)).ToList();
        Assert.Equal("?", plain[0].Channel);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ? ")]
    public void An_empty_or_padded_missing_value_marker_is_refused(string marker)
    {
        var ex = Assert.Throws<ArgumentException>("options", () => OrderCsv.Read(new StringReader("customer_id,placed_at,amount,currency\n"), options: new CsvReadOptions { MissingValues = [marker] }));
        Assert.Contains("CsvReadOptions.MissingValues", ex.Message, StringComparison.Ordinal);
    }
}
