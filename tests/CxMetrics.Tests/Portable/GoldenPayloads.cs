namespace CxMetrics.Tests.Portable;

/// <summary>
/// The bytes (hex) and JSON of each kind's fixed example, written by format version 1 and checked in so that the layout
/// cannot drift silently: a change here is a format change and needs a new version number.
/// </summary>
internal static class GoldenPayloads
{
    public static IReadOnlyDictionary<string, string> Binary { get; } = new Dictionary<string, string>
    {
        ["nps"] = "4358544C0100010040000000050000000000000003000000000000000200000000000000010000000000000000000000000016400000000000000840000000000000024000000000000029401F060491",
        ["rating"] = "4358544C01000200920000000400000043534154010000000500000004000000050000000009000000736174697366696564030000000000000000000000000031400000000000003140050000000100000000000000000000000000F03F00000000000000000000000000000000020000000000000000000000000000400500000000000000000000000000144009000000000000000000000000002240B746859B",
        ["binomial"] = "4358544C01000300100000000C0000000000000064000000000000002413ECD0",
        ["moments"] = "4358544C010004001800000004000000000000000000000000000440000000000000144014C508CD",
        ["quantile-sketch"] = "4358544C01000500540000007B14AE47E17A943F010000000000000000000000000000000000000000005940040000000000000001000000000000000B00000001000000000000003A0000000100000000000000740000000100000000000000AC2780FF",
        ["conversion"] = "4358544C01000600230000000102000000000000000200000000000000020000000200000076310102000000763201E6CB899E",
        ["conversion-session"] = "4358544C0100060015000000000300000000000000280000000000000000000000919C3BC0",
        ["support"] = "4358544C010007006000000003000000000000000100000000000000020000000000000001000000000000000100000000000000020000000000000002000000000002000000000000000000E03F0000000000000040000102000000000000000000E03F0000000000003A40F241D376",
        ["cohort"] = "4358544C0100080078000000030000004555520300000005000000616C696365FFFFFFFFFFFFFF7F03000000626F62FFFFFFFFFFFFFF7F050000006361726F6C00404BA1668A3C0002000000000000000010619D838B3C00C60700000000000000000000000002000100000000785D4CB1A43C0005000000000000000000000000000000990E3839",
        ["kaplan-meier"] = "4358544C01000900840000000000000000001C4003000000000000000000F03F0200000000000000000000000000000000000000000000400000000000000000000000000000004001000000000000000100000000000000000000000000F03F000000000000F03F0000000000001440000000000000000003000000000000000000000000000000000000000000084016C46103",
        ["customer-summary"] = "4358544C01000A00650000000D0000004575726F70652F4265726C696E000300000045555203000000000000000200000005000000616C6963650100000046460B00D007000000000000000000000000020003000000626F620100000066460B000500000000000000000000000000000000AF4E75",
        ["cart"] = "4358544C01000B00DB00000004000000000000000200000002000000633103000000455552000000000000000000000000000000000300000077656200007B8FACED3C00FFFFFFFF0000000000000000FFFFFFFF00000000000000000200000000007B8FACED3C000101C607000000000000000000000000020005000000736B752D31005E4B42ADED3C000500FFFFFFFF020000006332FFFFFFFF01000000000000000000000000000000FFFFFFFF0000000000000000060000006D6F62696C6500683FF1B4ED3C00FFFFFFFF00000000000000000100000000683FF1B4ED3C000100FFFFFFFF5493E519",
    };

    public static IReadOnlyDictionary<string, string> Json { get; } = new Dictionary<string, string>
    {
        ["nps"] = """{"format":"cxmetrics-tally","version":1,"kind":"nps","payload":{"promoters":5,"passives":3,"detractors":2,"unanswered":1,"promoterWeight":5.5,"passiveWeight":3,"detractorWeight":2.25,"sumOfSquaredWeights":12.5},"crc32c":"47fbbbb5"}""",
        ["rating"] = """{"format":"cxmetrics-tally","version":1,"kind":"rating","payload":{"metric":"CSAT","min":1,"max":5,"favourableMin":4,"favourableMax":5,"direction":0,"favourableLabel":"satisfied","unanswered":3,"totalWeight":17,"sumOfSquaredWeights":17,"scores":[{"count":1,"weight":1},{"count":0,"weight":0},{"count":2,"weight":2},{"count":5,"weight":5},{"count":9,"weight":9}]},"crc32c":"6b4416c0"}""",
        ["binomial"] = """{"format":"cxmetrics-tally","version":1,"kind":"binomial","payload":{"successes":12,"trials":100},"crc32c":"3b8c35e0"}""",
        ["moments"] = """{"format":"cxmetrics-tally","version":1,"kind":"moments","payload":{"count":4,"mean":2.5,"sumOfSquaredDeviations":5},"crc32c":"a487cadf"}""",
        ["quantile-sketch"] = """{"format":"cxmetrics-tally","version":1,"kind":"quantile-sketch","payload":{"relativeAccuracy":0.02,"zeroCount":1,"min":0,"max":100,"buckets":[{"index":0,"count":1},{"index":11,"count":1},{"index":58,"count":1},{"index":116,"count":1}]},"crc32c":"09f67963"}""",
        ["conversion"] = """{"format":"cxmetrics-tally","version":1,"kind":"conversion","payload":{"unit":1,"conversions":2,"count":2,"visitors":[{"id":"v1","converted":true},{"id":"v2","converted":true}]},"crc32c":"fb8f0254"}""",
        ["conversion-session"] = """{"format":"cxmetrics-tally","version":1,"kind":"conversion","payload":{"unit":0,"conversions":3,"count":40,"visitors":[]},"crc32c":"2baf1f01"}""",
        ["support"] = """{"format":"cxmetrics-tally","version":1,"kind":"support","payload":{"tickets":3,"responsePending":1,"resolutionPending":2,"solvedOnce":1,"reopenedTickets":1,"reopens":2,"series":[{"measure":0,"basis":0,"hours":[0.5,2]},{"measure":0,"basis":1,"hours":[0.5,26]}]},"crc32c":"8ed98b33"}""",
        ["cohort"] = """{"format":"cxmetrics-tally","version":1,"kind":"cohort","payload":{"currency":"EUR","customers":[{"id":"alice","signupTicks":9223372036854775807},{"id":"bob","signupTicks":9223372036854775807},{"id":"carol","signupTicks":17040672000000000}],"orders":[{"customer":0,"ticks":17041896000000000,"amount":19.90},{"customer":1,"ticks":17069580000000000,"amount":5}]},"crc32c":"3aed85ea"}""",
        ["kaplan-meier"] = """{"format":"cxmetrics-tally","version":1,"kind":"kaplan-meier","payload":{"totalWeight":7,"times":[{"time":1,"events":2,"censored":0,"eventWeight":2,"censoredWeight":0},{"time":2,"events":1,"censored":1,"eventWeight":1,"censoredWeight":1},{"time":5,"events":0,"censored":3,"eventWeight":0,"censoredWeight":3}]},"crc32c":"c1cd70ea"}""",
        ["customer-summary"] = """{"format":"cxmetrics-tally","version":1,"kind":"customer-summary","payload":{"zone":"Europe/Berlin","mergeWithin":0,"currency":"EUR","orderCount":3,"customers":[{"id":"alice","periods":[{"start":"2024-01-02","amount":20.00}]},{"id":"bob","periods":[{"start":"2024-02-03","amount":5}]}]},"crc32c":"43061365"}""",
        ["cart"] = """{"format":"cxmetrics-tally","version":1,"kind":"cart","payload":{"eventsAdded":4,"units":[{"key":"c1","currency":"EUR","duplicates":0,"outOfOrder":0,"channel":"web","channelTicks":17149824000000000,"device":null,"deviceTicks":0,"segment":null,"segmentTicks":0,"events":[{"ticks":17149824000000000,"kind":1,"hasValue":true,"value":19.90,"item":"sku-1"},{"ticks":17149827000000000,"kind":5,"hasValue":false,"item":null}]},{"key":"c2","currency":null,"duplicates":1,"outOfOrder":0,"channel":null,"channelTicks":0,"device":"mobile","deviceTicks":17149860000000000,"segment":null,"segmentTicks":0,"events":[{"ticks":17149860000000000,"kind":1,"hasValue":false,"item":null}]}]},"crc32c":"dc696617"}""",
    };
}
