using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxMetrics.Commerce;
using CxMetrics.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class JsonLinesTests
{
    private static readonly CsvReadOptions Json = new() { Format = CsvInputFormat.JsonLines };

    private static string OttoSample => Path.Combine(AppContext.BaseDirectory, "samples", "otto", "otto_train_sample.jsonl");

    /// <summary>The same table as JSON Lines: one object per row, every cell a string, an empty cell null (a simple CSV without quotes).</summary>
    internal static string ToJsonLines(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        var text = new StringBuilder();
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            var o = new JsonObject();
            for (int i = 0; i < header.Length; i++)
            {
                o[header[i]] = cells[i].Length == 0 ? null : JsonValue.Create(cells[i]);
            }

            text.Append(o.ToJsonString()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A CSV rejection as JSON Lines would give it: every line number (also those inside the reason) one less, as the CSV header takes line 1.</summary>
    private static (long, string?, string) AsJsonLine(CsvRejection r) =>
        (r.Line - 1, r.Column, System.Text.RegularExpressions.Regex.Replace(r.Reason, @"line (\d+)", m => "line " + (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static (List<object> Records, CsvReport Report) ReadWith(string reader, TextReader text, CsvReadOptions options)
    {
        var eur = options with { Currency = "EUR" };
        dynamic records = reader switch
        {
            "orders" => OrderCsv.Read(text, options: eur),
            "surveys" => SurveyCsv.Read(text, 0, 10, options: options),
            "sessions" => SessionCsv.Read(text, options: options),
            "cart events" => CartEventCsv.Read(text, options: eur),
            "subscription events" => SubscriptionEventCsv.Read(text, options: eur),
            "assignments" => AssignmentCsv.Read(text, options),
            "outcomes" => OutcomeCsv.Read(text, eur),
            "survival" => SurvivalCsv.Read(text, options: options),
            _ => throw new ArgumentOutOfRangeException(nameof(reader)),
        };
        var list = new List<object>();
        foreach (object r in records)
        {
            list.Add(r);
        }

        return (list, (CsvReport)records.Report);
    }

    [Theory]
    [InlineData("orders", "customer_id,placed_at,amount,channel\nc1,2025-01-02T10:00:00Z,10.50,web\nc2,2025-01-02T10:00:00Z,ten,\nc3,2025-01-03T10:00:00+01:00,7,\n")]
    [InlineData("surveys", "customer_id,answered_at,score,segment\nc1,2025-01-01T00:00:00Z,9,a\nc2,2025-01-01T00:00:00Z,11,\nc3,2025-01-01T00:00:00Z,,b\n")]
    [InlineData("sessions", "visitor_id,started_at,converted,device\nv1,2025-01-01T00:00:00Z,yes,mobile\nv2,2025-01-01T00:00:00Z,maybe,\nv3,2025-01-01T00:00:00Z,0,\n")]
    [InlineData("cart events", "cart_id,event,at,value\nk1,created,2025-01-01T00:00:00Z,\nk1,purchase,2025-01-01T01:00:00Z,20\nk2,bogus,2025-01-01T01:00:00Z,\n")]
    [InlineData("subscription events", "subscription_id,customer_id,event,at,mrr\ns1,c1,start,2025-01-01T00:00:00Z,10\ns1,c1,cancel,2025-02-01T00:00:00Z,\ns2,c2,start,2025-01-01T00:00:00Z,\n")]
    [InlineData("assignments", "customer_id,arm,assigned_at\nc1,control,2025-01-01T00:00:00Z\nc2,,2025-01-01T00:00:00Z\n")]
    [InlineData("outcomes", "customer_id,occurred_at,revenue\nc1,2025-01-02T00:00:00Z,12.5\nc2,yesterday,3\n")]
    [InlineData("survival", "id,duration,event,segment\na,3,Yes,x\nb,-1,No,\nc,0,No,y\n")]
    public void Every_reader_reads_json_lines_to_the_records_and_account_of_the_same_csv(string reader, string csv)
    {
        var (csvRecords, csvReport) = ReadWith(reader, new StringReader(csv), CsvReadOptions.Default);
        var (jsonRecords, jsonReport) = ReadWith(reader, new StringReader(ToJsonLines(csv)), Json);

        Assert.NotEmpty(csvRecords);
        Assert.Equal(csvRecords, jsonRecords);
        Assert.Equal((csvReport.RowsRead, csvReport.RowsAccepted, csvReport.RowsRejected), (jsonReport.RowsRead, jsonReport.RowsAccepted, jsonReport.RowsRejected));
        Assert.Equal(csvReport.Rejections.Select(AsJsonLine), jsonReport.Rejections.Select(r => (r.Line, r.Column, r.Reason)));
    }

    [Fact]
    public void Ticket_event_logs_and_summaries_read_from_json_lines()
    {
        const string log = "ticket_id,event,at,customer_id,channel\nT1,created,2025-01-06T09:00:00Z,c1,email\nT1,reply,2025-01-06T09:30:00Z,,\nT1,solved,2025-01-06T10:00:00Z,,\nT2,created,2025-01-06T09:00:00Z,c2,chat\nT2,reopened,2025-01-06T09:10:00Z,,\n";
        static string Describe(SupportTicket t) => $"{t} {string.Join(' ', t.Replies)} {string.Join(' ', t.StatusChanges)}";
        var csv = TicketCsv.Read(new StringReader(log));
        var json = TicketCsv.Read(new StringReader(ToJsonLines(log)), Json);
        Assert.Equal(csv.ToList().Select(Describe), json.ToList().Select(Describe));
        Assert.Equal((5L, 3L, 2L), (json.Report.RowsRead, json.Report.RowsAccepted, json.Report.RowsRejected));

        const string summary = "ticket_id,created_at,first_reply_at,solved_at,status,channel,customer_id,reopens\nt1,2025-01-06T09:00:00Z,2025-01-06T09:30:00Z,2025-01-06T10:00:00Z,solved,email,c1,1\nt2,2025-01-06T09:00:00Z,,,open,chat,c2,\n";
        var summaries = TicketSummaryCsv.Read(new StringReader(ToJsonLines(summary)), options: Json).ToList();
        Assert.Equal(TicketSummaryCsv.Read(new StringReader(summary)).ToList().Select(Describe), summaries.Select(Describe));
    }

    [Fact]
    public void Otto_sessions_unnest_into_one_row_per_event_carrying_the_session_and_its_line()
    {
        var records = CsvTable.Read(OttoSample, ["session", "aid", "ts", "type"], row => (Session: row.GetString("session"), Aid: row.GetString("aid"), Ts: long.Parse(row.GetString("ts"), System.Globalization.CultureInfo.InvariantCulture), Type: row.GetString("type"), row.Line), new CsvReadOptions { Unnest = "events" });
        var rows = records.ToList();

        var expected = new List<(string, string, long, string, long)>();
        long line = 0;
        foreach (string text in File.ReadLines(OttoSample))
        {
            line++;
            using var doc = JsonDocument.Parse(text);
            foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
            {
                expected.Add((doc.RootElement.GetProperty("session").GetRawText(), e.GetProperty("aid").GetRawText(), e.GetProperty("ts").GetInt64(), e.GetProperty("type").GetString()!, line));
            }
        }

        Assert.Equal(862, rows.Count);
        Assert.Equal(expected, rows);
        Assert.Equal((862L, 862L, 0L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal(("0", "1517085", 1659304800025L, "clicks", 1L), rows[0]);
    }

    [Fact]
    public void Element_fields_are_also_addressed_by_the_array_path_and_parent_fields_win_on_a_shared_name()
    {
        const string text = "{\"id\":\"p\",\"type\":\"session\",\"events\":[{\"type\":\"clicks\",\"ts\":1}]}\n";
        var rows = CsvTable.Read(new StringReader(text), ["id"], row => (row.GetString("type"), row.GetString("events.type"), row.GetString("events.ts")), Json with { Unnest = "events" }).ToList();

        Assert.Equal([("session", "clicks", "1")], rows);
    }

    [Fact]
    public void Nested_objects_are_dotted_columns_and_values_become_the_text_a_csv_holds()
    {
        const string text = "{\"visitor\":{\"id\":\"v1\"},\"started_at\":\"2025-01-01T00:00:00Z\",\"converted\":true,\"device\":{\"category\":\"mobile\"},\"amount\":12.50,\"big\":1659304800025,\"tags\":[1,\"a\"],\"none\":null}\n";
        var rows = CsvTable.Read(new StringReader(text), ["visitor.id"], row => (row.GetString("visitor.id"), row.GetBoolean("converted"), row.GetString("device.category"), row.GetString("amount"), row.GetString("big"), row.GetString("tags"), row.GetOptionalString("none"), row.GetOptionalString("absent")), Json).ToList();

        Assert.Equal([("v1", true, "mobile", "12.50", "1659304800025", "[1,\"a\"]", (string?)null, (string?)null)], rows);
        var sessions = SessionCsv.Read(new StringReader(text), new SessionColumns { VisitorId = "visitor.id", Device = "device.category" }, Json).ToList();
        Assert.Equal(("v1", true, "mobile"), (sessions[0].VisitorId, sessions[0].Converted, sessions[0].Device));
    }

    [Fact]
    public void Lines_that_are_not_one_json_object_are_rejected_with_their_line_and_blank_lines_are_skipped()
    {
        const string text = "{\"customer_id\":\"c1\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"amount\":1}\n\n[1,2]\nnot json\n{\"customer_id\":\"c2\"\n{\"a\":1} {\"b\":2}\n{\"customer_id\":\"c3\",\"customer_id\":\"c4\"}\n   \n{\"customer_id\":\"c5\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"amount\":\"2\"}\r\n";
        var records = OrderCsv.Read(new StringReader(text), options: Json with { Currency = "EUR" });
        var orders = records.ToList();

        Assert.Equal(["c1", "c5"], orders.Select(o => o.CustomerId));
        Assert.Equal((7L, 2L, 5L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal([3L, 4L, 5L, 6L, 7L], records.Report.Rejections.Select(r => r.Line));
        Assert.Contains("not a JSON object", records.Report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", records.Report.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("more than one JSON value", records.Report.Rejections[3].Reason, StringComparison.Ordinal);
        Assert.Contains("appears twice", records.Report.Rejections[4].Reason, StringComparison.Ordinal);
        Assert.All(records.Report.Rejections, r => Assert.DoesNotContain('\n', r.Reason));
    }

    [Fact]
    public void A_required_column_missing_from_the_first_object_stops_the_read_listing_its_keys()
    {
        var ex = Assert.Throws<CsvDataException>(() => OrderCsv.Read(new StringReader("{\"customer\":\"c1\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"amount\":1}\n"), options: Json with { Currency = "EUR" }).ToList());

        Assert.Contains("required column 'customer_id' is missing from the first JSON object (line 1), which has: 'customer', 'placed_at', 'amount'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(OrderCsv.Read(new StringReader(string.Empty), options: Json with { Currency = "EUR" }).ToList());
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_bad_line()
    {
        var ex = Assert.Throws<CsvDataException>(() => OrderCsv.Read(new StringReader("{\"customer_id\":\"c1\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"amount\":1}\nnope\n"), options: Json with { Currency = "EUR", Strict = true }).ToList());
        Assert.Equal(2, ex.Line);
    }

    [Theory]
    [InlineData(".jsonl", false)]
    [InlineData(".NDJSON", false)]
    [InlineData(".txt", true)]
    public async Task Files_named_jsonl_or_ndjson_are_json_lines_others_need_the_format_and_invalid_utf8_rejects_its_line(string extension, bool needsFormat)
    {
        byte[] bytes =
        [
            .. Encoding.UTF8.GetPreamble(),
            .. Encoding.UTF8.GetBytes("{\"customer_id\":\"c1\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"amount\":1}\r\n"),
            .. Encoding.Latin1.GetBytes("{\"customer_id\":\"M\u00fcller\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"amount\":1}\n"),
            .. Encoding.UTF8.GetBytes("{\"customer_id\":\"M\u00fcller\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"amount\":1}"),
        ];
        string path = Path.Combine(Path.GetTempPath(), $"orders-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        try
        {
            var options = new CsvReadOptions { Currency = "EUR", Format = needsFormat ? CsvInputFormat.JsonLines : null };
            var records = OrderCsv.Read(path, options: options);
            Assert.Equal(["c1", "M\u00fcller"], records.ToList().Select(o => o.CustomerId));
            var rejection = Assert.Single(records.Report.Rejections);
            Assert.Equal(2L, rejection.Line);
            Assert.Contains("not UTF-8", rejection.Reason, StringComparison.Ordinal);

            var again = new List<Order>();
            await foreach (var order in records.WithCancellation(TestContext.Current.CancellationToken))
            {
                again.Add(order);
            }

            Assert.Equal(2, again.Count);
            Assert.Equal((3L, 2L, 1L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
            if (needsFormat)
            {
                Assert.Throws<CsvDataException>(() => OrderCsv.Read(path, options: options with { Format = null }).ToList());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(MaxTest = 100)]
    public Property A_random_order_table_reads_the_same_as_csv_and_as_json_lines()
    {
        var cell = from customer in Gen.Elements("c1", "c2", "", " c3 ")
                   from at in Gen.Elements("2025-01-01T00:00:00Z", "2025-03-30T02:30:00+02:00", "yesterday", "")
                   from amount in Gen.Elements("10", "12.50", "-3", "ten", "", "1e3", "0")
                   from currency in Gen.Elements("EUR", "USD", "", "eur")
                   from channel in Gen.Elements("web", "", "app")
                   from channelMissing in Gen.Elements(true, false)
                   from amountAsNumber in Gen.Elements(true, false)
                   select (customer, at, amount, currency, channel, channelMissing, amountAsNumber);
        return Prop.ForAll(cell.ListOf().ToArbitrary(), generated =>
        {
            var rows = generated.ToList();
            var csv = new StringBuilder("customer_id,placed_at,amount,currency,channel\n");
            var json = new StringBuilder();
            foreach (var r in rows)
            {
                csv.Append($"{r.customer},{r.at},{r.amount},{r.currency},{r.channel}\n");
                var o = new JsonObject
                {
                    ["customer_id"] = r.customer.Length == 0 ? null : r.customer,
                    ["placed_at"] = r.at.Length == 0 ? null : r.at,
                    ["amount"] = r.amount.Length == 0 ? null : r.amountAsNumber && decimal.TryParse(r.amount, System.Globalization.CultureInfo.InvariantCulture, out _) ? JsonNode.Parse(r.amount) : r.amount,
                    ["currency"] = r.currency.Length == 0 ? null : r.currency,
                };
                if (!(r.channelMissing && r.channel.Length == 0))
                {
                    o["channel"] = r.channel.Length == 0 ? null : r.channel;
                }

                json.Append(o.ToJsonString()).Append('\n');
            }

            var fromCsv = OrderCsv.Read(new StringReader(csv.ToString()));
            var fromJson = OrderCsv.Read(new StringReader(json.ToString()), options: Json);
            bool same = fromCsv.ToList().SequenceEqual(fromJson.ToList());
            var a = fromCsv.Report;
            var b = fromJson.Report;
            return same
                && (a.RowsRead, a.RowsAccepted, a.RowsRejected) == (b.RowsRead, b.RowsAccepted, b.RowsRejected)
                && a.RowsRead == rows.Count
                && a.Rejections.Select(AsJsonLine).SequenceEqual(b.Rejections.Select(x => (x.Line, x.Column, x.Reason)));
        });
    }

    [Property(MaxTest = 100)]
    public Property Unnesting_n_elements_gives_n_rows_carrying_the_parent_fields()
    {
        var obj = from n in Gen.Choose(0, 6)
                  from user in Gen.Elements("u1", "u2", "u 3")
                  select (n, user);
        return Prop.ForAll(obj.ListOf().ToArbitrary(), generated =>
        {
            var objects = generated.ToList();
            var text = new StringBuilder();
            foreach (var (n, user) in objects)
            {
                var events = new JsonArray();
                for (int i = 0; i < n; i++)
                {
                    events.Add(new JsonObject { ["i"] = i, ["kind"] = "k" + i });
                }

                text.Append(new JsonObject { ["user"] = user, ["meta"] = new JsonObject { ["n"] = n }, ["events"] = events }.ToJsonString()).Append('\n');
            }

            var records = CsvTable.Read(new StringReader(text.ToString()), ["user"], row => (User: row.GetString("user"), N: row.GetString("meta.n"), I: row.GetOptionalString("i"), row.Line), Json with { Unnest = "events" });
            var rows = records.ToList();
            var expected = objects.SelectMany((o, at) => o.n == 0
                ? [(o.user, "0", (string?)null, (long)at + 1)]
                : Enumerable.Range(0, o.n).Select(i => (o.user, o.n.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)i.ToString(System.Globalization.CultureInfo.InvariantCulture), (long)at + 1))).ToList();
            return rows.SequenceEqual(expected)
                && records.Report.RowsRead == expected.Count
                && records.Report.RowsAccepted == expected.Count;
        });
    }

    [Fact]
    public void Ga4_event_params_are_addressed_by_their_key()
    {
        // One event as GA4's BigQuery export writes it with newline-delimited JSON (int64 values as strings).
        const string text = """
            {"event_date":"20210131","event_timestamp":"1612069510766593","event_name":"add_to_cart","event_params":[{"key":"ga_session_id","value":{"string_value":null,"int_value":"1612069505","float_value":null,"double_value":null}},{"key":"page_title","value":{"string_value":"Shop","int_value":null}}],"user_pseudo_id":"1026454.4271112504","device":{"category":"mobile"},"items":[{"item_id":"9195","price":20.0}]}
            """;
        var rows = CsvTable.Read(
            new StringReader(text),
            ["user_pseudo_id", "event_params[key=ga_session_id].value.int_value"],
            row => (row.GetString("user_pseudo_id"), row.GetString("event_params[key=ga_session_id].value.int_value"), row.GetString("event_params[key=page_title].value.string_value"), row.GetOptionalString("event_params[key=page_title].value.int_value"), row.GetString("device.category"), row.GetString("items")),
            Json).ToList();

        Assert.Equal([("1026454.4271112504", "1612069505", "Shop", (string?)null, "mobile", "[{\"item_id\":\"9195\",\"price\":20.0}]")], rows);
    }

    [Fact]
    public void Escaped_and_non_ascii_keys_and_values_read_as_their_text_on_every_line()
    {
        const string text = "{\"a\\u0062\":\"x\\n\",\"stra\u00dfe\":\"M\u00fcller\"}\n{\"ab\":\"y\",\"stra\u00dfe\":\"\\u00e9\"}\n{\"ac\":\"z\",\"ab\":\"w\",\"stra\u00dfe\":null}\n";
        var rows = CsvTable.Read(new StringReader(text), ["ab"], row => (row.GetString("ab"), row.GetOptionalString("stra\u00dfe"), row.GetOptionalString("ac")), Json).ToList();

        Assert.Equal([("x", "M\u00fcller", (string?)null), ("y", "\u00e9", null), ("w", null, "z")], rows);
    }

    [Fact]
    public void A_stream_such_as_standard_input_reads_json_lines_when_the_format_says_so()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"id\":\"a\",\"duration\":3,\"event\":\"Yes\"}\n{\"id\":\"b\",\"duration\":-1,\"event\":\"No\"}\n");
        var records = SurvivalCsv.Read(new MemoryStream(bytes), options: Json);

        Assert.Equal(["a"], records.ToList().Select(r => r.Id));
        Assert.Equal((2L, "duration"), (Assert.Single(records.Report.Rejections).Line, records.Report.Rejections[0].Column));
        var refused = Assert.Throws<ArgumentException>("options", () => SurvivalCsv.Read(new MemoryStream(bytes), options: Json with { WhitespaceSeparated = true }).ToList());
        Assert.Contains("WhitespaceSeparated", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Otto_sessions_as_shipped_read_as_cart_events_without_reshaping()
    {
        var columns = new CartEventColumns
        {
            Key = "session", Kind = "type", At = "ts", ItemId = "aid",
            EventNames = new Dictionary<string, CartEventKind?> { ["clicks"] = null, ["carts"] = CartEventKind.ItemAdded, ["orders"] = CartEventKind.Purchase },
        };
        var events = CartEventCsv.Read(OttoSample, columns, new CsvReadOptions { Unnest = "events", UnixTime = UnixTimeUnit.Milliseconds });
        var list = events.ToList();

        Assert.Equal((52, 10), (list.Count(e => e.Kind == CartEventKind.ItemAdded), list.Count(e => e.Kind == CartEventKind.Purchase)));
        Assert.Equal((862L, 62L, 0L, 800L), (events.Report.RowsRead, events.Report.RowsAccepted, events.Report.RowsRejected, events.Report.RowsSkipped));
        Assert.Equal(("0", "1649869", Instant.FromUnixTimeMilliseconds(1659369893840)), (list[0].Key, list[0].ItemId, list[0].At));
    }
}
