using System.Diagnostics;
using System.Text.Json;
using CxMetrics.Cli.Commands;

namespace CxMetrics.Cli.Tests;

/// <summary>Column maps, mapping files, value-format flags and standard input, run as the tool runs (issue 14, section 1).</summary>
public sealed class ColumnMapsTests : IDisposable
{
    private const string Canonical = "customer_id,placed_at,amount,currency\nc1,2024-01-05T10:00:00Z,10.5,EUR\nc2,2024-02-05T10:00:00Z,20,EUR\nc1,2024-03-05T10:00:00Z,5,EUR\n";
    private const string Renamed = "Client,\"Paid, at\",\"Total \"\"gross\"\"\",Cur\nc1,2024-01-05T10:00:00Z,10.5,EUR\nc2,2024-02-05T10:00:00Z,20,EUR\nc1,2024-03-05T10:00:00Z,5,EUR\n";
    private const string RenamedMap = "customer_id=Client,placed_at=\"Paid, at\",amount=\"Total \"\"gross\"\"\",currency=Cur";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-maps-" + Guid.NewGuid().ToString("N"));

    public ColumnMapsTests()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "orders.csv"), Canonical);
        File.WriteAllText(Path.Combine(folder, "renamed.csv"), Renamed);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string At(string name) => Path.Combine(folder, name);

    internal static (int Code, string Output, string Error) Run(params string[] args) => Tool.Run(args);

    /// <summary>The tables and results of a JSON run (what the data gave, without file names).</summary>
    internal static string Figures(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("tables").GetRawText() + doc.RootElement.GetProperty("results").GetRawText();
    }

    private static string[] ErrorLines(string error) => error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void A_column_map_with_quoted_names_reads_a_renamed_file_as_the_canonical_one()
    {
        var canonical = Run("cohorts", At("orders.csv"), "-f", "json");
        var mapped = Run("cohorts", At("renamed.csv"), "--columns", RenamedMap, "-f", "json");
        Assert.True(mapped.Code == 0, mapped.Error);
        Assert.Equal(Figures(canonical.Output), Figures(mapped.Output));
        Assert.Contains("\"rowsAccepted\": 3", mapped.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_map_the_renamed_file_fails_on_its_missing_column()
    {
        var (code, output, error) = Run("cohorts", At("renamed.csv"));
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("required column 'customer_id' is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mistake_of_a_column_map_is_listed_on_its_own_line_with_exit_2()
    {
        var (code, output, error) = Run("cohorts", At("renamed.csv"), "--columns", "custmer_id=Client,amount=Total,amount=Cur,currency=Total,colour=Cur");
        Assert.Equal(2, code);
        Assert.Empty(output);
        string[] lines = ErrorLines(error);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("cxmetrics: --columns: ", l, StringComparison.Ordinal));
        Assert.Contains("'custmer_id' is not a column of orders files; did you mean customer_id? (columns: customer_id, placed_at, amount, currency, order_id, channel, segment).", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("amount is mapped twice.", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("header 'Total' is named by both amount and currency.", lines[2], StringComparison.Ordinal);
        Assert.Contains("'colour' is not a column of orders files (columns:", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer_id", "is not logical=header")]
    [InlineData("customer_id=\"Client", "is never closed")]
    [InlineData("=Client", "names no logical column")]
    [InlineData("customer_id=", "customer_id is required and cannot be left empty")]
    public void A_malformed_column_map_is_a_usage_error(string map, string expected)
    {
        var (code, _, error) = Run("cohorts", At("renamed.csv"), "--columns", map);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_the_file_lacks_are_each_named_with_the_header_it_has_and_exit_1()
    {
        var (code, output, error) = Run("cohorts", At("renamed.csv"), "--columns", "customer_id=Customer,placed_at=\"Paid, at\",amount=\"Total \"\"gross\"\"\",currency=Cur,segment=Tier");
        Assert.Equal(1, code);
        Assert.Empty(output);
        string[] lines = ErrorLines(error);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("column 'Customer' (mapped to customer_id) is missing. The header has: 'Client', 'Paid, at', 'Total \"gross\"', 'Cur'.", lines[0], StringComparison.Ordinal);
        Assert.Contains("column 'Tier' (mapped to segment) is missing.", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_header_ignores_an_optional_column()
    {
        File.WriteAllText(At("seg.csv"), "customer_id,placed_at,amount,currency,segment\nc1,2024-01-05T10:00:00Z,10,EUR,gold\n");
        var with = Run("cohorts", At("seg.csv"), "--segment", "segment");
        var without = Run("cohorts", At("seg.csv"), "--segment", "segment", "--columns", "segment=");
        Assert.Equal(0, with.Code);
        Assert.Contains("gold", with.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("gold", without.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_refuses_columns_and_standard_input_and_support_columns_map_ticket_summaries()
    {
        Assert.Contains("report reads several files", Run("report", folder, "--columns", "customer_id=Client").Error, StringComparison.Ordinal);
        Assert.Equal(2, Run("report", folder, "--columns", "customer_id=Client").Code);
        var stdin = Run("report", "-");
        Assert.Equal(2, stdin.Code);
        Assert.Contains("report needs a folder; '-' (standard input)", stdin.Error, StringComparison.Ordinal);
        var tickets = Run("support", At("orders.csv"), "--columns", "ticket_id=Id");
        Assert.Equal(1, tickets.Code);
        Assert.Contains("column 'Id' (mapped to ticket_id) is missing", tickets.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_file_maps_each_kind_and_lists_every_mistake_with_its_json_path()
    {
        File.WriteAllText(At("good.json"), """
            // the shop's exports
            { "orders": { "columns": { "customer_id": "Client", "placed_at": "Paid, at", "amount": "Total \"gross\"", "currency": "Cur" }, "delimiter": "," } }
            """);
        var mapped = Run("cohorts", At("renamed.csv"), "--map", At("good.json"), "-f", "json");
        Assert.True(mapped.Code == 0, mapped.Error);
        Assert.Equal(Figures(Run("cohorts", At("orders.csv"), "-f", "json").Output), Figures(mapped.Output));

        File.WriteAllText(At("bad.json"), """
            { "orders": { "columns": { "customer_id": "Client", "amout": "Total" }, "colums": {}, "zone": "Mars/Olympus", "delimiter": 5 },
              "ordrs": {},
              "nps": { "decimal_separator": ";", "unix_time": "hours", "true_values": ["yes"], "false_values": "no", "whitespace": "yes", "event_names": { "Order Completed": "purchase" } },
              "tickets": { "columns": { "ticket_id": "Id" } } }
            """);
        var (code, output, error) = Run("cohorts", At("renamed.csv"), "--map", At("bad.json"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        string[] lines = ErrorLines(error);
        string[] expected =
        [
            "$.orders.columns: 'amout' is not a column of orders files; did you mean amount?",
            "$.orders.colums: unknown key",
            "$.orders.zone: 'Mars/Olympus' is not an IANA time zone",
            "$.orders.delimiter: expected a string.",
            "$.ordrs: unknown section (sections: nps, csat, ces, tickets, sessions, orders, subscriptions, cart_events, ticket_summaries, survival, assignments, outcomes, signups, acquisition_spend, reviews, customers).",
            "$.nps.decimal_separator: ';' is not '.' or ','.",
            "$.nps.unix_time: 'hours' is not seconds, milliseconds or microseconds.",
            "$.nps.false_values: expected an array of strings",
            "$.nps.whitespace: expected true or false.",
            "$.nps.event_names: only cart_events and subscriptions files name events.",
            "$.tickets.columns: the ticket reader's column names are fixed",
        ];
        foreach (string part in expected)
        {
            Assert.Single(lines, l => l.StartsWith("cxmetrics: --map: ", StringComparison.Ordinal) && l.Contains(part, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Mapping_file_value_formats_reach_the_readers_and_contradictions_are_usage_errors()
    {
        File.WriteAllText(At("unix.csv"), "customer_id;placed_at;amount;currency\nc1;1704448800;10,5;EUR\nc2;1707127200;20;EUR\nc1;1709632800;5;EUR\n");
        File.WriteAllText(At("unix.json"), """{ "orders": { "delimiter": ";", "decimal_separator": ",", "unix_time": "seconds" } }""");
        var unix = Run("cohorts", At("unix.csv"), "--map", At("unix.json"), "-f", "json");
        Assert.True(unix.Code == 0, unix.Error);
        Assert.Equal(Figures(Run("cohorts", At("orders.csv"), "-f", "json").Output), Figures(unix.Output));

        File.WriteAllText(At("visits.csv"), "visitor_id,started_at,converted\nv1,2025-01-01T00:00:00Z,Y\nv2,2025-01-02T00:00:00Z,N\nv3,2025-02-02T00:00:00Z,N\n");
        File.WriteAllText(At("plain_visits.csv"), "visitor_id,started_at,converted\nv1,2025-01-01T00:00:00Z,true\nv2,2025-01-02T00:00:00Z,false\nv3,2025-02-02T00:00:00Z,false\n");
        File.WriteAllText(At("yesno.json"), """{ "sessions": { "true_values": ["Y"], "false_values": ["N"] } }""");
        var yesNo = Run("conversion", At("visits.csv"), "--map", At("yesno.json"), "-f", "json");
        Assert.True(yesNo.Code == 0, yesNo.Error);
        Assert.Equal(Figures(Run("conversion", At("plain_visits.csv"), "-f", "json").Output), Figures(yesNo.Output));

        File.WriteAllText(At("clash.json"), """{ "orders": { "decimal_separator": "," } }""");
        var clash = Run("cohorts", At("orders.csv"), "--map", At("clash.json"));
        Assert.Equal(2, clash.Code);
        Assert.Contains("the decimal separator and the delimiter are both ','", clash.Error, StringComparison.Ordinal);
        File.WriteAllText(At("both.json"), """{ "orders": { "unix_time": "seconds", "timestamp_format": "uuuuMMdd" } }""");
        Assert.Contains("unix_time and a timestamp format both say", Run("cohorts", At("orders.csv"), "--map", At("both.json"), "-z", "UTC").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_file_that_is_not_json_is_a_usage_error_and_a_missing_one_a_data_error()
    {
        File.WriteAllText(At("broken.json"), "{ \"orders\": ");
        var broken = Run("cohorts", At("orders.csv"), "--map", At("broken.json"));
        Assert.Equal(2, broken.Code);
        Assert.Contains("is not JSON", broken.Error, StringComparison.Ordinal);
        var missing = Run("cohorts", At("orders.csv"), "--map", At("none.json"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("--map: no such file", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_flags_override_the_mapping_file()
    {
        File.WriteAllText(At("nocur.csv"), "Client,Paid,Total\nc1,05/01/2024 10:00,10.5\nc2,06/02/2024 10:00,20\n");
        File.WriteAllText(At("shop.json"), """{ "orders": { "columns": { "customer_id": "Client", "placed_at": "Paid", "amount": "Total", "currency": "" }, "currency": "USD", "zone": "Europe/Berlin", "timestamp_format": "dd/MM/uuuu HH:mm" } }""");
        var fromFile = Run("cohorts", At("nocur.csv"), "--map", At("shop.json"), "-f", "json");
        Assert.True(fromFile.Code == 0, fromFile.Error);
        Assert.Contains("revenue in USD", fromFile.Output, StringComparison.Ordinal);
        Assert.Contains("\"rowsAccepted\": 2", fromFile.Output, StringComparison.Ordinal);
        var overridden = Run("cohorts", At("nocur.csv"), "--map", At("shop.json"), "--currency", "GBP", "--columns", "customer_id=Paid", "-f", "json");
        Assert.True(overridden.Code == 0, overridden.Error);
        Assert.Contains("revenue in GBP", overridden.Output, StringComparison.Ordinal);

        // --columns replaces the file's customer_id only: the customers are now the two timestamps, still two orders.
        Assert.Contains("\"rowsAccepted\": 2", overridden.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_format_currency_and_zone_flags_read_a_local_export()
    {
        File.WriteAllText(At("local.csv"), "customer_id;placed_at;amount\nc1;05/01/2024 10:00;10.5\nc2;31/03/2024 02:30;20\n");
        var (code, output, error) = Run("cohorts", At("local.csv"), "--delimiter", ";", "--timestamp-format", "dd/MM/uuuu HH:mm", "--zone", "Europe/Berlin", "--currency", "EUR", "-f", "json");
        Assert.True(code == 0, error);
        Assert.Contains("\"rowsAccepted\": 1", output, StringComparison.Ordinal);
        Assert.Contains("does not exist in Europe/Berlin", output, StringComparison.Ordinal);

        var noZone = Run("cohorts", At("local.csv"), "--delimiter", ";", "--timestamp-format", "dd/MM/uuuu HH:mm", "--currency", "EUR");
        Assert.Equal(2, noZone.Code);
        Assert.Contains("needs a zone", noZone.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--encoding", "utf-16", "--encoding: 'utf-16' is not supported")]
    [InlineData("--encoding", "klingon", "--encoding: 'klingon' is not an encoding name")]
    [InlineData("--timestamp-format", "qq", "--timestamp-format: 'qq' is not a NodaTime date, date-time or offset date-time pattern")]
    [InlineData("--currency", "eur", "--currency: 'eur' is not an ISO 4217 currency code")]
    [InlineData("--max-amount", "-5", "--max-amount: '-5' is not a positive amount")]
    [InlineData("--max-amount", "lots", "--max-amount: 'lots' is not a positive amount")]
    [InlineData("--from", "shopfy", "--from: 'shopfy' is not a preset; did you mean shopify? (presets: shopify, woocommerce, delighted, surveymonkey, zendesk, freshdesk, stripe, ga4, google).")]
    public void Bad_values_of_the_reading_flags_are_one_line_usage_errors(string option, string value, string expected)
    {
        var (code, output, error) = Run("cohorts", At("orders.csv"), option, value);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(ErrorLines(error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_amount_rejects_larger_amounts_and_encoding_reads_latin1()
    {
        var capped = Run("cohorts", At("orders.csv"), "--max-amount", "15", "-f", "json");
        Assert.True(capped.Code == 0, capped.Error);
        Assert.Contains("\"rowsRejected\": 1", capped.Output, StringComparison.Ordinal);

        File.WriteAllBytes(At("latin1.csv"), System.Text.Encoding.Latin1.GetBytes("customer_id,placed_at,amount,currency,segment\nc1,2024-01-05T10:00:00Z,10,EUR,Bücher\n"));
        var strict = Run("cohorts", At("latin1.csv"), "--segment", "segment", "-f", "json");
        Assert.Contains("\"rowsRejected\": 1", strict.Output, StringComparison.Ordinal);
        var latin1 = Run("cohorts", At("latin1.csv"), "--segment", "segment", "--encoding", "latin1", "-f", "json");
        Assert.True(latin1.Code == 0, latin1.Error);
        Assert.Contains("Bücher", latin1.Output, StringComparison.Ordinal);
        var cp1252 = Run("cohorts", At("latin1.csv"), "--segment", "segment", "--encoding", "windows-1252", "-f", "json");
        Assert.Contains("Bücher", cp1252.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_read_as_a_file_named_stdin()
    {
        var file = Run("cohorts", At("renamed.csv"), "--columns", RenamedMap, "-f", "json");
        var (code, output, error) = RunProcess(Renamed, "cohorts", "-", "--columns", RenamedMap, "-f", "json");
        Assert.True(code == 0, error);
        Assert.Equal(Figures(file.Output), Figures(output));
        Assert.Contains("\"file\": \"stdin\"", output, StringComparison.Ordinal);

        var missing = RunProcess(Renamed, "cohorts", "-", "--columns", "customer_id=Customer,placed_at=\"Paid, at\",amount=\"Total \"\"gross\"\"\",currency=Cur");
        Assert.Equal(1, missing.Code);
        Assert.Contains("cxmetrics: stdin: column 'Customer' (mapped to customer_id) is missing. The header has: 'Client'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_strict_utf8_unless_an_encoding_is_given()
    {
        byte[] latin1 = System.Text.Encoding.Latin1.GetBytes("customer_id,placed_at,amount,currency,Kategorie Bücher\nc1,2024-01-05T10:00:00Z,10,EUR,x\n");
        var strict = RunProcess(latin1, "cohorts", "-", "--columns", "segment=\"Kategorie Bücher\"");
        Assert.Equal(1, strict.Code);
        Assert.StartsWith("cxmetrics: stdin: the header cannot be read:", strict.Error, StringComparison.Ordinal);
        Assert.Contains("--encoding", strict.Error, StringComparison.Ordinal);

        // As for a file: a cell that is not UTF-8 rejects its row, with the file reader's reason.
        byte[] cell = System.Text.Encoding.Latin1.GetBytes("customer_id,placed_at,amount,currency\ncü1,2024-01-05T10:00:00Z,10,EUR\nc2,2024-01-05T10:00:00Z,10,EUR\n");
        var rejected = RunProcess(cell, "cohorts", "-");
        Assert.True(rejected.Code == 0, rejected.Error);
        Assert.Contains("stdin: 2 rows read, 1 accepted, 1 rejected", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("holds bytes that are not UTF-8", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("stdin: 2 rows read, 2 accepted, 0 rejected", RunProcess(cell, "cohorts", "-", "--encoding", "latin1").Output, StringComparison.Ordinal);
        var read = RunProcess(latin1, "cohorts", "-", "--encoding", "latin1", "--columns", "segment=\"Kategorie Bücher\"", "--segment", "segment", "-f", "json");
        Assert.True(read.Code == 0, read.Error);
        Assert.Contains("\"rowsAccepted\": 1", read.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the built tool as a process with <paramref name="input"/> on its standard input.</summary>
    private static (int Code, string Output, string Error) RunProcess(string input, params string[] args) => RunProcess(System.Text.Encoding.UTF8.GetBytes(input), args);

    internal static (int Code, string Output, string Error) RunProcess(byte[] input, params string[] args) => Tool.RunProcess(input, args);
}

