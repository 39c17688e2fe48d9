namespace CxMetrics.Csv.Tests;

/// <summary>
/// Tests that read the process-wide heap size (<see cref="GC.GetTotalMemory(bool)"/>) run alone: another test's large
/// strings alive at the forced collection (a 10 MB bad value, for instance) would count as growth of the stream under test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Heap measurements";
}
