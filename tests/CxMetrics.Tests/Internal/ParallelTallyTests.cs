using CxMetrics.Internal;
using CxMetrics.Surveys;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Internal;

public class ParallelTallyTests
{
    [Property(MaxTest = 200)]
    public Property Any_partition_gives_the_sequential_result() =>
        Prop.ForAll(SurveyGen.NpsBytes, Gen.Choose(1, 7).ToArbitrary(), (scores, workers) =>
        {
            var parallel = ParallelTally.Run<byte, NpsTally>(scores, workers, () => new NpsTally(), (t, s) => t.AddRange(s), (a, b) => a.Merge(b), minimumChunk: 1);
            return Nps.From(parallel) == Nps.Of(scores) && parallel.Unanswered == Nps.Of(scores).Unanswered;
        });

    [Fact]
    public void Large_inputs_use_several_workers_and_match_the_sequential_result()
    {
        var scores = new byte[(3 * ParallelTally.MinimumChunk) + 12345];
        var random = new Random(3);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (byte)(i % 97 == 0 ? 255 : random.Next(0, 11));
        }

        Assert.Equal(Nps.Of(scores), Nps.OfParallel(scores, degreeOfParallelism: 3));
        var csat = scores.Select(s => s == 255 ? s : (byte)((s % 5) + 1)).ToArray();
        Assert.Equal(Rating.Of(csat, CsatScale.OneToFive).Favourable, Rating.OfParallel(csat, CsatScale.OneToFive, degreeOfParallelism: 4).Favourable);
        Assert.Equal(Rating.Of(csat, CesScale.OneToFive(ScaleDirection.LowerIsBetter)).Mean, Rating.OfParallel(csat, CesScale.OneToFive(ScaleDirection.LowerIsBetter), degreeOfParallelism: 2).Mean);
    }

    [Fact]
    public void An_invalid_score_reports_the_same_position_as_the_sequential_path()
    {
        var scores = new byte[(2 * ParallelTally.MinimumChunk) + 10];
        scores[^3] = 42;
        var ex = Assert.Throws<ArgumentOutOfRangeException>("scores", () => Nps.OfParallel(scores, degreeOfParallelism: 2));
        Assert.Contains($"position {scores.Length - 3}", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("degreeOfParallelism", () => Nps.OfParallel(scores, degreeOfParallelism: 0));
    }
}
