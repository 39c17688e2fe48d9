#:project ../../src/CxMetrics/CxMetrics.csproj
// NPS walk-through: dotnet run docs/examples/nps.cs
//
// No open data set of real NPS answers exists (shops do not publish their survey exports), so this example generates
// a deterministic sample: 3,000 answers over six months in two channels, where the e-mail channel slowly improves.
// The numbers are made up; the code is what you would run on your own export.
using System.Globalization;
using CxMetrics.Breakdowns;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

var zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
var responses = Sample.Responses(3000, seed: 42);

// 1. One score over everything, with its adjusted-Wald interval.
var overall = Nps.Of(responses);
Console.WriteLine(overall.ToReport().ToMarkdown());

// 2. Per channel: a breakdown list renders as one table (small cells are flagged, not hidden).
Console.WriteLine(Nps.By(responses, r => r.Channel ?? "(none)").ToReport("NPS by channel").ToMarkdown());

// 3. Per month in the shop's zone, each month compared with the one before.
Console.WriteLine(Nps.ByPeriod(responses, new PeriodGrid(zone, PeriodUnit.Month)).ToReport("NPS by month (Europe/Berlin)").ToMarkdown());

// 4. Did e-mail improve from January to June? A two-sample comparison with its interval and z-test.
var emailByMonth = Nps.ByPeriod(responses.Where(r => r.Channel == "email"), new PeriodGrid(zone, PeriodUnit.Month));
var change = Nps.Compare(emailByMonth[^1].Result, emailByMonth[0].Result);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"E-mail, June vs January: {change}"));

/// <summary>A deterministic sample of survey answers (a fixed-seed generator, so every run prints the same tables).</summary>
internal static class Sample
{
    public static List<SurveyResponse> Responses(int count, int seed)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        var list = new List<SurveyResponse>(count);
        for (int i = 0; i < count; i++)
        {
            var at = start.Plus(Duration.FromMinutes(random.Next(0, 181 * 24 * 60)));
            string channel = random.NextDouble() < 0.6 ? "web" : "email";
            double month = (at - start).TotalDays / 30.4;
            // Web: steady. E-mail: promoters rise and detractors fall over the half year.
            double promoter = channel == "web" ? 0.45 : 0.30 + 0.03 * month;
            double detractor = channel == "web" ? 0.20 : 0.30 - 0.02 * month;
            double u = random.NextDouble();
            int score = u < promoter ? 9 + random.Next(2) : u < promoter + detractor ? random.Next(7) : 7 + random.Next(2);
            int? answered = random.NextDouble() < 0.03 ? null : score; // a few skipped the question
            list.Add(new SurveyResponse($"c{i:00000}", at, answered) { Channel = channel });
        }

        return list;
    }
}
