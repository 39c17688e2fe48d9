using System.Globalization;
using CxMetrics.Cli.Commands;
using CxMetrics.Time;

const string Usage = """
    usage: cxmetrics report [--period day|week|month|quarter|year] [--level 0.95] [--min-cell 30]

      report   survey metrics (NPS, CSAT, CES) of the bundled sample, as tables
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] != "report")
{
    Console.Error.WriteLine($"unknown command '{args[0]}'.\n{Usage}");
    return 2;
}

var settings = new ReportSettings();
try
{
    for (int i = 1; i < args.Length; i++)
    {
        string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option {args[i]} needs a value.");
        settings = args[i] switch
        {
            "--period" => settings with { Period = Enum.Parse<PeriodUnit>(value, ignoreCase: true) },
            "--level" => settings with { ConfidenceLevel = double.Parse(value, CultureInfo.InvariantCulture) },
            "--min-cell" => settings with { MinimumCellSize = int.Parse(value, CultureInfo.InvariantCulture) },
            _ => throw new ArgumentException($"unknown option '{args[i]}'."),
        };
        i++;
    }

    Console.Write(ReportCommand.Run(settings));
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"cxmetrics: {ex.Message}\n{Usage}");
    return 2;
}
